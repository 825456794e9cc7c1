// Writes the JSON Schema of audit.json, generated from the zod definition (src/result/schema.ts).
import { writeFileSync } from 'node:fs';
import { auditResultJsonSchema } from '../src/result/json-schema.js';

const target = new URL('../src/result/audit.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(auditResultJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
