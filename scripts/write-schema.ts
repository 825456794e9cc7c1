// Writes the JSON Schemas of audit.json, comparison.json and ci.json, generated from their zod definitions
// (src/result/schema.ts, src/compare/schema.ts, src/result/ci-schema.ts).
import { writeFileSync } from 'node:fs';
import { comparisonJsonSchema } from '../src/compare/schema.js';
import { auditResultJsonSchema, ciRunJsonSchema } from '../src/result/json-schema.js';

for (const [file, schema] of [
  ['../src/result/audit.schema.json', auditResultJsonSchema()],
  ['../src/compare/comparison.schema.json', comparisonJsonSchema()],
  ['../src/result/ci.schema.json', ciRunJsonSchema()],
] as const) {
  const target = new URL(file, import.meta.url);
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${target.pathname}`);
}
