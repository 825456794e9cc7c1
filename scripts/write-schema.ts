// Writes the JSON Schemas of audit.json and ci.json, generated from their zod definitions (src/result/).
import { writeFileSync } from 'node:fs';
import { auditResultJsonSchema, ciRunJsonSchema } from '../src/result/json-schema.js';

for (const [file, schema] of [
  ['audit.schema.json', auditResultJsonSchema()],
  ['ci.schema.json', ciRunJsonSchema()],
] as const) {
  const target = new URL(`../src/result/${file}`, import.meta.url);
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${target.pathname}`);
}
