// The trend's building blocks: full months, Theil–Sen and Sen's seasonal slope on log values, and the
// (seasonal) Mann–Kendall test, put together as the trend of a stretch of months.
import { errorFunction } from 'simple-statistics';
import type { TrafficMonth, TrendSegment } from './types.js';

/** A full month: complete coverage and a value. `index` counts months from the start of the series (gaps kept). */
export interface FullPoint {
  index: number;
  month: string;
  /** Calendar month 1–12. */
  calMonth: number;
  visits: number;
}

export interface MannKendall {
  s: number;
  variance: number;
  z: number;
  pValue: number;
}

export const MIN_MONTHS_TREND = 6;
/** The last 24 full months are judged on their own beside the whole period once there are 36. */
export const RECENT_MONTHS = 24;
export const MIN_MONTHS_RECENT_BESIDE = 36;
export const MIN_MONTHS_SEASONALITY_CLAIM = 12;
export const MIN_MONTHS_SEASONAL_INDEX = 24;

export function fullPoints(months: TrafficMonth[]): FullPoint[] {
  const out: FullPoint[] = [];
  months.forEach((m, index) => {
    if (m.partial || m.visits === null) return;
    out.push({ index, month: m.month, calMonth: Number(m.month.slice(5, 7)), visits: m.visits });
  });
  return out;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Theil–Sen: median of pairwise slopes; intercept = median of y − slope·x. */
export function theilSen(x: number[], y: number[]): { slope: number; intercept: number } {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      if (x[j] !== x[i]) slopes.push((y[j]! - y[i]!) / (x[j]! - x[i]!));
    }
  }
  if (slopes.length === 0) return { slope: 0, intercept: y.length ? median(y) : 0 };
  const slope = median(slopes);
  return { slope, intercept: median(y.map((v, i) => v - slope * x[i]!)) };
}

/** A trend line on log values: value(i) = exp(intercept + slope · i) − offset. */
export interface TrendFit {
  slope: number;
  intercept: number;
  /** 1 when a fitted month is 0 (ln 0 is undefined, and leaving zeros out would hide a fall to nothing), else 0. */
  offset: number;
}

/** Months with enough data for the seasonal forms of the slope and the test (two of every calendar month). */
export const useSeasonalForm = (points: readonly FullPoint[]): boolean => points.length >= MIN_MONTHS_SEASONAL_INDEX;

/**
 * Sen's slope within calendar months (Hirsch, Slack & Smith 1982): the median of the pairwise slopes between the
 * same calendar month of different years, the slope that goes with the seasonal Mann–Kendall test.
 */
export function seasonalSenSlope(x: number[], y: number[], calMonths: number[]): number | null {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      if (calMonths[i] === calMonths[j] && x[j] !== x[i]) slopes.push((y[j]! - y[i]!) / (x[j]! - x[i]!));
    }
  }
  return slopes.length ? median(slopes) : null;
}

/**
 * The trend line the statistics use, on ln(value) — ln(value + 1) when a month is 0 — by month index: Sen's
 * seasonal slope from 24 full months (so a December peak is compared with Decembers), plain Theil–Sen below.
 * Exported so the chart draws the same line.
 */
export function trendFit(points: readonly FullPoint[]): TrendFit | null {
  if (points.length < 2) return null;
  const offset = points.some((p) => p.visits <= 0) ? 1 : 0;
  const x = points.map((p) => p.index);
  const y = points.map((p) => Math.log(p.visits + offset));
  const seasonal = useSeasonalForm(points)
    ? seasonalSenSlope(
        x,
        y,
        points.map((p) => p.calMonth),
      )
    : null;
  const slope = seasonal ?? theilSen(x, y).slope;
  return { slope, intercept: median(y.map((v, i) => v - slope * x[i]!)), offset };
}

/** The fitted value at month index `i`. */
export const fitted = (fit: TrendFit, i: number): number => Math.exp(fit.intercept + fit.slope * i) - fit.offset;

/** Two-sided p-value of a standard normal z, via the error function (not simple-statistics' coarse table). */
export function twoSidedP(z: number): number {
  return Math.max(0, 1 - errorFunction(Math.abs(z) / Math.SQRT2));
}

/** S and its variance with the tie correction Σ t(t−1)(2t+5). */
function mkParts(values: number[]): { s: number; variance: number } {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t * (t - 1) * (2 * t + 5);
  return { s, variance: (n * (n - 1) * (2 * n + 5) - ties) / 18 };
}

function mkFromParts(s: number, variance: number): MannKendall {
  // Continuity correction: move S one step towards zero.
  const z = variance > 0 ? (s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0) : 0;
  return { s, variance, z, pValue: twoSidedP(z) };
}

/** Mann–Kendall trend test (two-sided, normal approximation, tie-corrected) on values in time order. */
export function mannKendall(values: number[]): MannKendall {
  const { s, variance } = mkParts(values);
  return mkFromParts(s, variance);
}

/**
 * Seasonal Mann–Kendall (Hirsch, Slack & Smith 1982): the test run within each calendar month and summed, so
 * December is only compared with other Decembers. A strong seasonal swing adds noise to the plain test's
 * pairwise comparisons and can hide a real trend.
 */
export function seasonalMannKendall(points: ReadonlyArray<{ calMonth: number; visits: number }>): MannKendall {
  let s = 0;
  let variance = 0;
  for (let m = 1; m <= 12; m++) {
    const vals = points.filter((p) => p.calMonth === m).map((p) => p.visits);
    if (vals.length < 2) continue;
    const part = mkParts(vals);
    s += part.s;
    variance += part.variance;
  }
  return mkFromParts(s, variance);
}

/** Direction, slope and significance of a stretch of full months (seasonal forms from 24 of them). */
export function trendOf(points: readonly FullPoint[]): Omit<TrendSegment, 'from' | 'to' | 'months'> {
  const fit = trendFit(points);
  const mk = useSeasonalForm(points) ? seasonalMannKendall(points) : mannKendall(points.map((p) => p.visits));
  const significant = mk.pValue < 0.05;
  return {
    direction: !significant ? 'flat' : mk.s > 0 ? 'rising' : 'falling',
    slopePctPerMonth: fit ? (Math.exp(fit.slope) - 1) * 100 : null,
    pValue: mk.pValue,
    significant,
  };
}

export function segmentOf(points: readonly FullPoint[]): TrendSegment {
  return { from: points[0]!.month, to: points[points.length - 1]!.month, months: points.length, ...trendOf(points) };
}
