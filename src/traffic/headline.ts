// The headline change, like with like: the last 12 full months against the 12 before, or the last full month
// against the same month a year earlier. Never the first month against the last, which on a seasonal series
// compares seasons (an off-season April with an in-season December) rather than years.
import type { TrafficHeadline, TrafficMonth, TrafficTrend } from './types.js';

const full = (m: TrafficMonth | undefined): m is TrafficMonth & { visits: number } => m !== undefined && !m.partial && m.visits !== null;
const total = (ms: TrafficMonth[]): number => ms.reduce((a, m) => a + (m.visits ?? 0), 0);
const change = (recent: number, earlier: number): number | null => (earlier > 0 ? (recent / earlier - 1) * 100 : null);

/** `months` are consecutive calendar months (gaps as null), as the importers give them. */
export function likeForLike(months: readonly TrafficMonth[]): { headline: TrafficHeadline | null; missing: TrafficTrend['headlineMissing'] } {
  let end = months.length - 1;
  while (end >= 0 && !full(months[end])) end--;
  if (end < 12) return { headline: null, missing: 'too-short' };
  if (end >= 23) {
    const window = months.slice(end - 23, end + 1);
    if (window.every(full)) {
      const earlier = window.slice(0, 12);
      const recent = window.slice(12);
      return {
        headline: {
          basis: 'twelve-months',
          pct: change(total(recent), total(earlier)),
          recent: { from: recent[0]!.month, to: recent[11]!.month },
          earlier: { from: earlier[0]!.month, to: earlier[11]!.month },
        },
        missing: null,
      };
    }
  }
  const last = months[end]!;
  const yearBefore = months[end - 12]!;
  if (full(yearBefore)) {
    return {
      headline: {
        basis: 'same-month',
        pct: change(last.visits ?? 0, yearBefore.visits),
        recent: { from: last.month, to: last.month },
        earlier: { from: yearBefore.month, to: yearBefore.month },
      },
      missing: null,
    };
  }
  return { headline: null, missing: yearBefore.visits === null ? 'gaps' : 'partial-months' };
}
