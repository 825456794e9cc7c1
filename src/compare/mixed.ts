// Results scored with different rubrics, or by different major versions of the tool, do not measure the same
// thing: comparing them is refused unless the caller allows it, and then the comparison records how they differ.
import type { AuditResult } from '../result/types.js';
import { UserError } from '../util/errors.js';
import type { ComparisonResult } from './schema.js';

export const toolMajor = (version: string): number => Number(/^(\d+)/.exec(version)?.[1] ?? 0);

/** How the results differ in rubric and tool major version; null when they all agree. */
export function mixedOf(results: readonly AuditResult[]): ComparisonResult['mixed'] {
  const rubrics = new Map<string, { name: string; version: string; brands: string[] }>();
  const majors = new Map<number, string[]>();
  for (const r of results) {
    const key = `${r.rubric.name}\u0000${r.rubric.version}`;
    const entry = rubrics.get(key) ?? { name: r.rubric.name, version: r.rubric.version, brands: [] };
    entry.brands.push(r.brand);
    rubrics.set(key, entry);
    const major = toolMajor(r.tool.version);
    majors.set(major, [...(majors.get(major) ?? []), r.brand]);
  }
  if (rubrics.size === 1 && majors.size === 1) return null;
  return { rubrics: [...rubrics.values()], toolMajors: [...majors].map(([major, brands]) => ({ major, brands })).sort((a, b) => a.major - b.major) };
}

/** Throws a UserError naming what differs, unless `allowMixed`. */
export function assertComparable(results: readonly AuditResult[], allowMixed: boolean): ComparisonResult['mixed'] {
  const mixed = mixedOf(results);
  if (!mixed || allowMixed) return mixed;
  const details: string[] = [];
  if (mixed.rubrics.length > 1) {
    for (const r of mixed.rubrics) details.push(`rubric ${r.name} ${r.version}: ${r.brands.join(', ')}`);
  }
  if (mixed.toolMajors.length > 1) {
    for (const m of mixed.toolMajors) details.push(`conductor-audit ${m.major}.x: ${m.brands.join(', ')}`);
  }
  const what = [mixed.rubrics.length > 1 ? 'different rubrics' : '', mixed.toolMajors.length > 1 ? 'different major versions of conductor-audit' : '']
    .filter(Boolean)
    .join(' and ');
  throw new UserError(
    `These results were scored with ${what}, so their scores do not measure the same thing. Re-run the audits with one rubric and version (give the audit files instead of their results), or pass --allow-mixed to compare them anyway (the report then says so):`,
    details,
  );
}
