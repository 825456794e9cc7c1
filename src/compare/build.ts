// Audit results → the comparison (comparison.json). Reads results only.
import type { AuditResult } from '../result/types.js';
import { VERSION } from '../version.js';
import { UserError } from '../util/errors.js';
import { comparedBrand, rank } from './brands.js';
import { signalGaps } from './gaps.js';
import { assertComparable } from './mixed.js';
import { comparePull, type TrendsInput } from './pull.js';
import { ComparisonResultSchema, type ComparisonResult } from './schema.js';

export interface BuildOptions {
  allowMixed?: boolean;
  trends?: TrendsInput;
}

export function buildComparison(results: readonly AuditResult[], opts: BuildOptions = {}): ComparisonResult {
  if (results.length < 2)
    throw new UserError(`A comparison needs at least two audits; got ${results.length}. Give two or more audit files, audit.json files or run folders.`);
  const seen = new Set<string>();
  for (const r of results) {
    if (seen.has(r.brand)) throw new UserError(`${r.brand} appears twice among the audits compared: give each brand once.`);
    seen.add(r.brand);
  }
  const mixed = assertComparable(results, Boolean(opts.allowMixed));
  const brands = results.map(comparedBrand);
  const comparison: ComparisonResult = {
    schemaVersion: 1,
    generatedAt: [...results.map((r) => r.generatedAt)].sort().at(-1)!,
    tool: { name: 'conductor-audit', version: VERSION },
    rubric: mixed && mixed.rubrics.length > 1 ? null : { name: results[0]!.rubric.name, version: results[0]!.rubric.version },
    mixed,
    brands,
    ...rank(brands),
    gaps: signalGaps(results),
    pull: comparePull(results, opts.trends),
  };
  return ComparisonResultSchema.parse(comparison);
}
