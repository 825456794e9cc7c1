import { dataWarningsOf } from './checks.js';
import {
  fullPoints,
  MIN_MONTHS_RECENT_BESIDE,
  MIN_MONTHS_SEASONAL_INDEX,
  MIN_MONTHS_SEASONALITY_CLAIM,
  MIN_MONTHS_TREND,
  RECENT_MONTHS,
  segmentOf,
  trendFit,
  trendOf,
  type FullPoint,
} from './fit.js';
import { likeForLike } from './headline.js';
import { findReversal } from './segments.js';
import { oneWayAnova } from './stats.js';
import type { TrafficMonth, TrafficResult, TrafficSeries, TrafficTrend } from './types.js';

export * from './fit.js';

/**
 * Seasonal index per calendar month: the mean ratio of the month to the Theil–Sen trend line, normalised so the
 * twelve indices average 1. We use the trend line rather than a centred 12-month moving average because the
 * moving average loses six months at each end: with two years of data each calendar month would have a single
 * ratio, below the two we require. Months with fewer than 2 occurrences get null.
 */
export function seasonalIndex(points: FullPoint[]): Array<number | null> {
  const line = trendFit(points);
  const out: Array<number | null> = Array.from({ length: 12 }, () => null);
  if (!line) return out;
  for (let m = 1; m <= 12; m++) {
    const ratios = points.filter((p) => p.calMonth === m).map((p) => (p.visits + line.offset) / Math.exp(line.intercept + line.slope * p.index));
    if (ratios.length >= 2) out[m - 1] = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  }
  const known = out.filter((v): v is number => v !== null);
  if (known.length === 12) {
    const mean = known.reduce((a, b) => a + b, 0) / 12;
    return out.map((v) => (v === null ? null : v / mean));
  }
  return out;
}

/** Last 12 months vs the 12 before; both windows must be full months with no gaps, else null. */
export function yearOverYear(months: TrafficMonth[]): number | null {
  let end = months.length - 1;
  while (end >= 0 && (months[end]!.partial || months[end]!.visits === null)) end--;
  if (end < 23) return null;
  const window = months.slice(end - 23, end + 1);
  if (window.some((m) => m.partial || m.visits === null)) return null;
  const sum = (ms: TrafficMonth[]) => ms.reduce((a, m) => a + (m.visits ?? 0), 0);
  const before = sum(window.slice(0, 12));
  return before > 0 ? (sum(window.slice(12)) / before - 1) * 100 : null;
}

/** "12%", "−3.4%", "+2.0%" with the proper minus sign and never "−0%". */
export function formatPct(value: number, opts: { decimals?: number; signed?: boolean } = {}): string {
  const decimals = opts.decimals ?? 0;
  let text = Math.abs(value).toFixed(decimals);
  const isZero = Number(text) === 0;
  if (isZero) text = (0).toFixed(decimals);
  const sign = isZero ? '' : value < 0 ? '\u2212' : opts.signed ? '+' : '';
  return `${sign}${text}%`;
}

export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  if (p < 0.01) return `p = ${p.toFixed(3)}`;
  const two = p.toFixed(2);
  // Do not round a significant 0.046 up to a "0.05" that reads as not significant.
  // (0.0496 → "0.049", truncated, since rounding either way would print 0.05.)
  return p < 0.05 && Number(two) >= 0.05 ? `p = ${(Math.floor(p * 1000) / 1000).toFixed(3)}` : `p = ${two}`;
}

/** Peak and trough of a complete seasonal index, the swing between them, and whether it is more than noise. */
function seasonality(
  points: FullPoint[],
): Pick<TrafficTrend, 'peakMonth' | 'troughMonth' | 'peakToTrough' | 'seasonalPValue' | 'seasonal' | 'decemberAboveTrendPct' | 'holidaySurge'> {
  const idx = seasonalIndex(points);
  let peakMonth: number | null = null;
  let troughMonth: number | null = null;
  idx.forEach((v, i) => {
    if (v === null) return;
    if (peakMonth === null || v > idx[peakMonth - 1]!) peakMonth = i + 1;
    if (troughMonth === null || v < idx[troughMonth - 1]!) troughMonth = i + 1;
  });
  const complete = idx.every((v) => v !== null && v > 0);
  // The F test for stable seasonality (as X-11 runs it): a one-way analysis of variance of the detrended log
  // values grouped by calendar month. A swing is only described when the months differ by more than chance would
  // make them.
  const fit = trendFit(points);
  let seasonalPValue: number | null = null;
  if (fit && complete) {
    const groups: number[][] = Array.from({ length: 12 }, () => []);
    for (const p of points) groups[p.calMonth - 1]!.push(Math.log(p.visits + fit.offset) - (fit.intercept + fit.slope * p.index));
    seasonalPValue = oneWayAnova(groups).pValue;
  }
  const seasonal = seasonalPValue !== null && seasonalPValue < 0.05;
  const dec = idx[11];
  const decemberAboveTrendPct = dec !== null && dec !== undefined ? (dec - 1) * 100 : null;
  return {
    peakMonth,
    troughMonth,
    peakToTrough: complete && peakMonth !== null && troughMonth !== null ? idx[peakMonth - 1]! / idx[troughMonth - 1]! : null,
    seasonalPValue,
    seasonal,
    decemberAboveTrendPct,
    holidaySurge: seasonal && dec !== null && dec !== undefined && dec >= 1.2 && peakMonth === 12,
  };
}

const NO_SEASONALITY = {
  peakMonth: null,
  troughMonth: null,
  peakToTrough: null,
  seasonalPValue: null,
  seasonal: false,
  decemberAboveTrendPct: null,
  holidaySurge: false,
} as const;

export function analyseTraffic(series: TrafficSeries): TrafficResult {
  const points = fullPoints(series.months);
  const n = points.length;
  const metric = series.metric ?? 'visits';
  const base = {
    source: series.source,
    format: series.format,
    metric,
    ...(series.trends ? { trends: series.trends } : {}),
    months: series.months,
    warnings: [...series.warnings],
  };
  const { headline, missing: headlineMissing } = likeForLike(series.months);
  const dataWarnings = dataWarningsOf(series.months);

  if (n < MIN_MONTHS_TREND) {
    const trend: TrafficTrend = {
      direction: 'insufficient-data',
      headline,
      headlineMissing,
      slopePctPerMonth: null,
      pValue: null,
      significant: false,
      segments: [],
      recent: null,
      ...NO_SEASONALITY,
      dataWarnings,
    };
    return { ...base, trend };
  }

  const whole = trendOf(points);
  // Seasonality claims need the index's two of every calendar month (≥ 24 full months).
  const season = n >= MIN_MONTHS_SEASONALITY_CLAIM && n >= MIN_MONTHS_SEASONAL_INDEX ? seasonality(points) : NO_SEASONALITY;
  const trend: TrafficTrend = {
    direction: whole.direction,
    headline,
    headlineMissing,
    slopePctPerMonth: whole.slopePctPerMonth,
    pValue: whole.pValue,
    significant: whole.significant,
    segments: findReversal(points),
    recent: n >= MIN_MONTHS_RECENT_BESIDE ? segmentOf(points.slice(-RECENT_MONTHS)) : null,
    ...season,
    dataWarnings,
  };
  return { ...base, trend };
}
