// Writes the JSON Schemas of audit.json and comparison.json, generated from their zod definitions
// (src/result/schema.ts, src/compare/schema.ts).
import { writeFileSync } from 'node:fs';
import { comparisonJsonSchema } from '../src/compare/schema.js';
import { auditResultJsonSchema } from '../src/result/json-schema.js';

for (const [file, schema] of [
  ['../src/result/audit.schema.json', auditResultJsonSchema()],
  ['../src/compare/comparison.schema.json', comparisonJsonSchema()],
] as const) {
  const target = new URL(file, import.meta.url);
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${target.pathname}`);
}
