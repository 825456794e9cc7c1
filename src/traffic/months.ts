/** Dated rows → calendar months: duplicates, daily/weekly aggregation, partial months and gaps. */
import { at, daysInMonth, TrafficImportError, type RawRow } from './cells.js';
import type { ExtraMetric, MonthMetrics, TrafficMonth } from './types.js';

/** The dates an export says it covers (from its header or file name), inclusive, YYYY-MM-DD. */
export interface Coverage {
  from: string;
  to: string;
}

export function checkSameDateKind(rows: RawRow[], sourceName: string): void {
  const first = rows[0];
  if (!first) return;
  const odd = rows.find((r) => r.date.length !== first.date.length);
  if (odd) {
    const kind = (d: string) => (d.length === 7 ? 'YYYY-MM' : 'YYYY-MM-DD');
    throw new TrafficImportError(
      `${at(sourceName, odd.line)}: mixed date formats ("${odd.date}" is ${kind(odd.date)} but "${first.date}" is ${kind(first.date)}). Use one format for every row.`,
      odd.line,
    );
  }
}

const DAY_MS = 86_400_000;
export const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
export const isoOfDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Sorted, de-duplicated (first kept, with a warning) rows, aggregated to calendar months. With `coverage`, a month
 * the export does not fully cover is partial even when its row looks whole (e.g. a monthly row for a half month).
 */
export function toMonths(rows: RawRow[], sourceName: string, warnings: string[], coverage?: Coverage, aggregate: 'sum' | 'mean' = 'sum'): TrafficMonth[] {
  const seen = new Map<string, RawRow>();
  const dups = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.date)) dups.add(r.date);
    else seen.set(r.date, r);
  }
  if (dups.size > 0) {
    const lines = rows.filter((r) => dups.has(r.date) && r !== seen.get(r.date) && r.line !== undefined).map((r) => r.line);
    const where = lines.length ? ` (lines ${lines.join(', ')})` : '';
    warnings.push(`${sourceName}: duplicated ${[...dups].sort().join(', ')}${where}; kept the first row of each.`);
  }
  const unique = [...seen.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let months: TrafficMonth[];
  // Monthly data written with full dates (every row on the 1st, rows a month apart, as many tools export
  // `2024-01-01,…`): each row is a whole month, not one day of it.
  if (unique[0]!.date.length === 7 || isMonthlyByDate(unique)) {
    months = unique.map((r) => withMetrics({ month: r.date.slice(0, 7), visits: r.visits, partial: false }, r.metrics));
  } else months = aggregateDays(unique, aggregate);
  return coverage ? markUncovered(months, coverage) : months;
}

function withMetrics(m: TrafficMonth, metrics: MonthMetrics | undefined): TrafficMonth {
  return metrics && Object.keys(metrics).length ? { ...m, metrics } : m;
}

/**
 * Daily or weekly rows → months. Each row is taken to cover `step` days from its date (step = the usual spacing
 * between rows: 1 for daily, 7 for weekly), its visits spread evenly over those days, so a week that straddles
 * two months is split between them. A month whose days are not all covered is `partial`. Extra metrics are
 * spread the same way and kept only where every row of the month had them; daily unique visitors are dropped.
 * With `aggregate: 'mean'` a row's value is a level held on each day it covers (search interest), and the month
 * is the mean over its covered days.
 */
export function aggregateDays(rows: RawRow[], aggregate: 'sum' | 'mean' = 'sum'): TrafficMonth[] {
  const days = rows.map((r) => dayNumber(r.date));
  const step = rowStep(days);
  const visits = new Map<string, number>();
  const covered = new Map<string, number>();
  const rowsIn = new Map<string, number>();
  const sums = new Map<string, Map<ExtraMetric, { sum: number; rows: number }>>();
  rows.forEach((r, i) => {
    const start = days[i]!;
    const next = days[i + 1];
    // Never spread a row over the next row's days (keeps irregular spacing honest).
    const span = next === undefined ? step : Math.min(step, next - start);
    const touched = new Set<string>();
    for (let d = start; d < start + span; d++) {
      const m = isoOfDay(d).slice(0, 7);
      touched.add(m);
      visits.set(m, (visits.get(m) ?? 0) + (aggregate === 'mean' ? r.visits : r.visits / span));
      covered.set(m, (covered.get(m) ?? 0) + 1);
      for (const [k, v] of Object.entries(r.metrics ?? {}) as Array<[ExtraMetric, number]>) {
        if (k === 'visitors') continue;
        const byMetric = sums.get(m) ?? new Map<ExtraMetric, { sum: number; rows: number }>();
        sums.set(m, byMetric);
        const acc = byMetric.get(k) ?? { sum: 0, rows: 0 };
        acc.sum += v / span;
        byMetric.set(k, acc);
      }
    }
    for (const m of touched) {
      rowsIn.set(m, (rowsIn.get(m) ?? 0) + 1);
      for (const k of Object.keys(r.metrics ?? {}) as ExtraMetric[]) {
        const acc = sums.get(m)?.get(k);
        if (acc) acc.rows++;
      }
    }
  });
  return [...visits.keys()].sort().map((m) => {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    const metrics: MonthMetrics = {};
    for (const [k, acc] of sums.get(m) ?? []) if (acc.rows === rowsIn.get(m)) metrics[k] = round2(acc.sum);
    const total = aggregate === 'mean' ? visits.get(m)! / covered.get(m)! : visits.get(m)!;
    return withMetrics({ month: m, visits: round2(total), partial: (covered.get(m) ?? 0) < daysInMonth(y, mo) }, metrics);
  });
}

/** Every date is the 1st of a month and consecutive rows are 28–31 days apart (gaps of whole months allowed). */
export function isMonthlyByDate(rows: RawRow[]): boolean {
  if (rows.length < 2 || !rows.every((r) => r.date.endsWith('-01'))) return false;
  const days = rows.map((r) => dayNumber(r.date));
  return days.slice(1).every((d, i) => d - days[i]! >= 28);
}

function rowStep(days: number[]): number {
  const diffs = days
    .slice(1)
    .map((d, i) => d - days[i]!)
    .sort((a, b) => a - b);
  const median = diffs[Math.floor(diffs.length / 2)];
  return median === 7 ? 7 : 1;
}

/** Marks partial every month the coverage does not span from its 1st to its last day. */
function markUncovered(months: TrafficMonth[], c: Coverage): TrafficMonth[] {
  return months.map((m) => {
    const [y, mo] = m.month.split('-').map(Number) as [number, number];
    const first = `${m.month}-01`;
    const last = `${m.month}-${String(daysInMonth(y, mo)).padStart(2, '0')}`;
    return c.from > first || c.to < last ? { ...m, partial: true } : m;
  });
}

/**
 * Rows for the days of `coverage` that have none, with 0 visits: for exports that list only days with traffic
 * (Plausible's imported_visitors tables), a missing day inside the stated range is a quiet day, not a gap.
 */
export function fillQuietDays(rows: RawRow[], coverage: Coverage): RawRow[] {
  const have = new Set(rows.map((r) => r.date));
  const metricKeys = new Set(rows.flatMap((r) => Object.keys(r.metrics ?? {}))) as Set<ExtraMetric>;
  const zeros: MonthMetrics = Object.fromEntries([...metricKeys].filter((k) => k !== 'visitors').map((k) => [k, 0]));
  const out = [...rows];
  for (let d = dayNumber(coverage.from); d <= dayNumber(coverage.to); d++) {
    const iso = isoOfDay(d);
    if (!have.has(iso)) out.push({ date: iso, visits: 0, ...(Object.keys(zeros).length ? { metrics: { ...zeros } } : {}) });
  }
  return out;
}

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** Inserts `visits: null` for months missing between the first and the last (the trend's data warnings name them). */
export function fillGaps(months: TrafficMonth[]): TrafficMonth[] {
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return months;
  const out: TrafficMonth[] = [];
  for (let m = first.month; m <= last.month; m = nextMonth(m)) out.push(byMonth.get(m) ?? { month: m, visits: null, partial: false });
  return out;
}
