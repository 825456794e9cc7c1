import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditResultJsonSchema, ciRunJsonSchema } from '../../src/result/json-schema.js';
import { comparisonJsonSchema } from '../../src/compare/schema.js';

describe('published JSON Schemas', () => {
  it('of audit.json is in step with the zod definition (run `npm run schema` after changing src/result/schema.ts)', () => {
    const published = JSON.parse(readFileSync(new URL('../../src/result/audit.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(auditResultJsonSchema());
  });

  it('comparison.json too (src/compare/schema.ts)', () => {
    const published = JSON.parse(readFileSync(new URL('../../src/compare/comparison.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(comparisonJsonSchema());
  });

  it('of ci.json is in step with the zod definition (run `npm run schema` after changing src/result/ci-schema.ts)', () => {
    const published = JSON.parse(readFileSync(new URL('../../src/result/ci.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(ciRunJsonSchema());
  });
});
