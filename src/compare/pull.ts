// Pull side by side. A Google Trends export given to the comparison supplies every brand it has a term for (one
// scale: levels compare); otherwise each brand's own audit traffic is used (different sources: only the shapes
// compare). Either way each series is indexed to 100 over the same base months, since one brand's visits can be
// 50× another's.
import type { AuditResult } from '../result/types.js';
import { findTerm, readTrendsTable, type TrendsTerm } from '../traffic/google-trends.js';
import { parseTraffic } from '../traffic/import.js';
import { analyseTraffic } from '../traffic/trend.js';
import type { TrafficResult } from '../traffic/types.js';
import { UserError } from '../util/errors.js';
import type { PullComparison } from './schema.js';

export interface TrendsInput {
  /** The export's text and its file name (for messages only). */
  text: string;
  fileName: string;
  /** Brand → search term; brands not named are matched to a term by name. */
  terms?: Record<string, string>;
}

const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The term a brand is known by in the export: named, or the longest term its name starts with (or equals). */
export function termForBrand(brand: string, terms: readonly TrendsTerm[]): TrendsTerm | undefined {
  const b = norm(brand);
  return [...terms]
    .filter((t) => norm(t.term) !== '' && (b === norm(t.term) || b.startsWith(norm(t.term)) || norm(t.term).startsWith(b)))
    .sort((x, y) => norm(y.term).length - norm(x.term).length)[0];
}

function trendsSeries(results: readonly AuditResult[], input: TrendsInput): Map<string, TrafficResult> {
  let table;
  try {
    table = readTrendsTable(input.text.replace(/^\uFEFF/, ''), input.fileName);
  } catch (e) {
    throw new UserError(`--trends: ${(e as Error).message}`);
  }
  const brands = new Set(results.map((r) => r.brand));
  for (const named of Object.keys(input.terms ?? {})) {
    if (!brands.has(named))
      throw new UserError(`--trends-term: "${named}" is not one of the brands compared (${[...brands].join(', ')}). Write it as the audit names the brand.`);
  }
  const out = new Map<string, TrafficResult>();
  for (const r of results) {
    const asked = input.terms?.[r.brand];
    const term = asked ? findTerm(table.terms, asked) : termForBrand(r.brand, table.terms);
    if (asked && !term) {
      throw new UserError(
        `--trends-term: ${input.fileName} has no search term "${asked}" for ${r.brand}; its terms are ${table.terms.map((t) => `"${t.term}"`).join(', ')}.`,
      );
    }
    if (!term) continue;
    try {
      out.set(r.brand, {
        ...analyseTraffic(parseTraffic(input.text, 'Google Trends', { format: 'google-trends', column: `${term.term}: (${term.geo})` })),
        source: 'Google Trends',
      });
    } catch (e) {
      throw new UserError(`--trends: ${input.fileName}: ${(e as Error).message}`);
    }
  }
  return out;
}

const full = (m: TrafficResult['months'][number] | undefined): boolean => m !== undefined && !m.partial && m.visits !== null;

export function comparePull(results: readonly AuditResult[], trends?: TrendsInput): PullComparison {
  const fromTrends = trends ? trendsSeries(results, trends) : new Map<string, TrafficResult>();
  const series = results.flatMap((r): Array<{ brand: string; from: 'trends' | 'audit'; traffic: TrafficResult }> => {
    const t = fromTrends.get(r.brand);
    if (t) return [{ brand: r.brand, from: 'trends', traffic: t }];
    return r.traffic ? [{ brand: r.brand, from: 'audit', traffic: r.traffic }] : [];
  });
  const missing = results.filter((r) => !series.some((s) => s.brand === r.brand)).map((r) => r.brand);
  const months = [...new Set(series.flatMap((s) => s.traffic.months.map((m) => m.month)))].sort();
  const byMonth = series.map((s) => new Map(s.traffic.months.map((m) => [m.month, m])));
  const common = months.filter((m) => byMonth.every((b) => full(b.get(m))));
  const baseMonths = common.length >= 24 ? common.slice(0, 12) : common.slice(0, 1);
  const interest = series.every((s) => s.traffic.metric === 'interest' && s.traffic.trends);
  const scales = new Set(series.map((s) => s.traffic.trends?.scale ?? `${s.brand}:own`));
  const sharedScale = series.length > 1 && interest && scales.size === 1;
  return {
    sharedScale,
    levelsDiffer: series.length < 2 || sharedScale ? null : interest ? 'different-trends-exports' : 'different-sources',
    base: baseMonths.length ? { from: baseMonths[0]!, to: baseMonths[baseMonths.length - 1]! } : null,
    brands: series.map((s, k) => {
      const own = byMonth[k]!;
      const base = baseMonths.map((m) => own.get(m)!.visits!).reduce((a, b) => a + b, 0) / Math.max(1, baseMonths.length);
      return {
        ...s,
        indexed: months.map((m) => {
          const cur = own.get(m);
          return { month: m, value: base > 0 && full(cur) ? Math.round((cur!.visits! / base) * 1000) / 10 : null };
        }),
      };
    }),
    missing,
  };
}
