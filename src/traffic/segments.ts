// A trend that reverses inside the period ("rose until 2013, has fallen since"): piecewise Theil–Sen with one
// break, placed where two lines fit the (deseasonalised) log values best, then each stretch tested on its own.
import { fullPoints, segmentOf, trendFit, type FullPoint } from './fit.js';
import type { TrafficMonth, TrendSegment } from './types.js';

/** Each stretch must span at least a year, so a single season cannot make a "reversal". */
export const MIN_SEGMENT_MONTHS = 12;

/** Σ |residual| of a Theil–Sen line through (x, y). */
function l1Cost(x: number[], y: number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) if (x[j] !== x[i]) slopes.push((y[j]! - y[i]!) / (x[j]! - x[i]!));
  slopes.sort((a, b) => a - b);
  const mid = (xs: number[]) => (xs.length % 2 ? xs[(xs.length - 1) / 2]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2);
  const slope = slopes.length ? mid(slopes) : 0;
  const intercept = mid(y.map((v, i) => v - slope * x[i]!).sort((a, b) => a - b));
  return y.reduce((a, v, i) => a + Math.abs(v - intercept - slope * x[i]!), 0);
}

/**
 * Log values with the seasonal swing taken out (each calendar month's mean deviation from one trend line), so
 * the break is not placed by a December.
 */
function deseasonalised(points: readonly FullPoint[]): number[] {
  const fit = trendFit(points);
  const offset = fit?.offset ?? 0;
  const y = points.map((p) => Math.log(p.visits + offset));
  if (!fit || points.length < 24) return y;
  const dev = new Map<number, number[]>();
  points.forEach((p, i) => dev.set(p.calMonth, [...(dev.get(p.calMonth) ?? []), y[i]! - fit.intercept - fit.slope * p.index]));
  const mean = new Map([...dev].map(([m, ds]) => [m, ds.reduce((a, b) => a + b, 0) / ds.length]));
  return points.map((p, i) => y[i]! - (mean.get(p.calMonth) ?? 0));
}

/**
 * Two stretches when the trend reverses: each at least a year of full months, each with a significant trend of
 * its own (its own Mann–Kendall test), pointing opposite ways. The break is searched for, so the stretches'
 * p-values are stated as they are and read with that in mind; a reversal needs both to be significant.
 * Empty when there is no such reversal.
 */
export function findReversal(points: readonly FullPoint[]): TrendSegment[] {
  if (points.length < 2 * MIN_SEGMENT_MONTHS) return [];
  const x = points.map((p) => p.index);
  const y = deseasonalised(points);
  let best = -1;
  let bestCost = Infinity;
  for (let k = MIN_SEGMENT_MONTHS; k <= points.length - MIN_SEGMENT_MONTHS; k++) {
    const cost = l1Cost(x.slice(0, k), y.slice(0, k)) + l1Cost(x.slice(k), y.slice(k));
    if (cost < bestCost - 1e-12) {
      bestCost = cost;
      best = k;
    }
  }
  const before = segmentOf(points.slice(0, best));
  const after = segmentOf(points.slice(best));
  const reverses = before.significant && after.significant && before.direction !== 'flat' && after.direction !== 'flat' && before.direction !== after.direction;
  return reverses ? [before, after] : [];
}

/** findReversal for a monthly series. */
export function reversalOf(months: TrafficMonth[]): TrendSegment[] {
  return findReversal(fullPoints(months));
}
