// What the reader should know about the data before trusting its trend: long runs of zeros, partial months
// inside the series (left out of every comparison), and months with no data. Typed, with numbers; the report
// words them.
import type { TrafficDataWarning, TrafficMonth } from './types.js';

/** A run of zero months this long or longer is worth a warning (a quarter of a year). */
export const MIN_ZERO_RUN = 3;

export function dataWarningsOf(months: readonly TrafficMonth[]): TrafficDataWarning[] {
  const out: TrafficDataWarning[] = [];
  const lastWithData = months.reduce((at, m, i) => (m.visits !== null ? i : at), -1);
  // The longest run of consecutive months at 0 (a gap ends a run).
  let best: { from: number; to: number } | null = null;
  let start = -1;
  months.forEach((m, i) => {
    if (m.visits === 0) {
      if (start < 0) start = i;
      if (!best || i - start > best.to - best.from) best = { from: start, to: i };
    } else start = -1;
  });
  const run = best as { from: number; to: number } | null;
  if (run && run.to - run.from + 1 >= MIN_ZERO_RUN) {
    out.push({ code: 'zero-run', months: run.to - run.from + 1, from: months[run.from]!.month, to: months[run.to]!.month, atEnd: run.to === lastWithData });
  }
  // The first and last months of an export are usually cut by its date range; a partial month inside is not.
  const inner = months.slice(1, -1).filter((m) => m.partial && m.visits !== null);
  if (inner.length > 0) out.push({ code: 'partial-months', count: inner.length, of: months.length });
  const gaps = months.filter((m) => m.visits === null).map((m) => m.month);
  if (gaps.length > 0) out.push({ code: 'gaps', count: gaps.length, months: gaps });
  return out;
}
