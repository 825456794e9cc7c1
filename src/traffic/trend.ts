import { errorFunction } from 'simple-statistics';
import type { TrafficMonth, TrafficResult, TrafficSeries, TrafficTrend } from './types.js';

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

const median = (xs: number[]): number => {
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

/**
 * Fit on ln(visits) vs month index. Months with 0 visits are left out of the fit (ln 0 is undefined).
 * Exported so the chart draws the same line the statistics used.
 */
export function logTrendLine(points: FullPoint[]): { slope: number; intercept: number } | null {
  const pos = points.filter((p) => p.visits > 0);
  if (pos.length < 2) return null;
  return theilSen(
    pos.map((p) => p.index),
    pos.map((p) => Math.log(p.visits)),
  );
}

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
export function seasonalMannKendall(points: Array<{ calMonth: number; visits: number }>): MannKendall {
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

/**
 * Seasonal index per calendar month: the mean ratio of the month to the Theil–Sen trend line, normalised so the
 * twelve indices average 1. We use the trend line rather than a centred 12-month moving average because the
 * moving average loses six months at each end: with two years of data each calendar month would have a single
 * ratio, below the two we require. Months with fewer than 2 occurrences get null.
 */
export function seasonalIndex(points: FullPoint[]): Array<number | null> {
  const line = logTrendLine(points);
  const out: Array<number | null> = Array.from({ length: 12 }, () => null);
  if (!line) return out;
  for (let m = 1; m <= 12; m++) {
    const ratios = points
      .filter((p) => p.calMonth === m)
      .map((p) => p.visits / Math.exp(line.intercept + line.slope * p.index));
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

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

export function analyseTraffic(series: TrafficSeries): TrafficResult {
  const points = fullPoints(series.months);
  const n = points.length;
  const first = points[0];
  const last = points[n - 1];
  const changePct = first && last && n >= 2 && first.visits > 0 ? (last.visits / first.visits - 1) * 100 : null;

  const metric = series.metric ?? 'visits';
  const base = { source: series.source, format: series.format, metric, ...(series.trends ? { trends: series.trends } : {}), months: series.months, warnings: [...series.warnings] };

  if (n < MIN_MONTHS_TREND) {
    const summary =
      n === 0
        ? 'No full months of data: nothing to judge.'
        : `Only ${n} full month${n === 1 ? '' : 's'} of data: too short to judge a trend.`;
    const trend: TrafficTrend = {
      direction: 'insufficient-data', changePct, yoyPct: null, slopePctPerMonth: null, pValue: null,
      significant: false, peakMonth: null, decemberAboveTrendPct: null, holidaySurge: false, summary,
    };
    return { ...base, trend };
  }

  const line = logTrendLine(points);
  const slopePctPerMonth = line ? (Math.exp(line.slope) - 1) * 100 : null;
  // With two years or more, seasonality can hide a trend from the plain test: use the seasonal variant.
  const useSeasonal = n >= MIN_MONTHS_SEASONAL_INDEX;
  const mk = useSeasonal ? seasonalMannKendall(points) : mannKendall(points.map((p) => p.visits));
  const significant = mk.pValue < 0.05;
  const direction: TrafficTrend['direction'] = !significant ? 'flat' : mk.s > 0 ? 'rising' : 'falling';
  const yoyPct = yearOverYear(series.months);

  let peakMonth: number | null = null;
  let decemberAboveTrendPct: number | null = null;
  let holidaySurge = false;
  // Seasonality claims need ≥ 12 months at all, and the index itself ≥ 24 (two of each calendar month).
  if (n >= MIN_MONTHS_SEASONALITY_CLAIM && n >= MIN_MONTHS_SEASONAL_INDEX) {
    const idx = seasonalIndex(points);
    let best = -Infinity;
    idx.forEach((v, i) => {
      if (v !== null && v > best) {
        best = v;
        peakMonth = i + 1;
      }
    });
    const dec = idx[11];
    if (dec !== null && dec !== undefined) {
      decemberAboveTrendPct = (dec - 1) * 100;
      holidaySurge = dec >= 1.2 && peakMonth === 12;
    }
  }

  const summary = buildSummary({
    n, changePct, slopePctPerMonth, pValue: mk.pValue, significant, direction, yoyPct, peakMonth,
    decemberAboveTrendPct, holidaySurge, spanMonths: first && last ? last.index - first.index + 1 : n,
    noun: metric === 'clicks' ? 'Search clicks' : 'Visits',
  });
  const trend: TrafficTrend = {
    direction, changePct, yoyPct, slopePctPerMonth, pValue: mk.pValue, significant,
    peakMonth, decemberAboveTrendPct, holidaySurge, summary,
  };
  return { ...base, trend };
}

interface SummaryInput {
  n: number;
  spanMonths: number;
  changePct: number | null;
  slopePctPerMonth: number | null;
  pValue: number;
  significant: boolean;
  direction: TrafficTrend['direction'];
  yoyPct: number | null;
  peakMonth: number | null;
  decemberAboveTrendPct: number | null;
  holidaySurge: boolean;
  /** What the series counts, capitalised and plural: 'Visits' (default) or 'Search clicks' (Search Console). */
  noun?: string;
}

/** One or two plain sentences built only from the numbers. */
export function buildSummary(s: SummaryInput): string {
  const parts: string[] = [];
  const noun = s.noun ?? 'Visits';
  const slope = s.slopePctPerMonth === null ? '' : `Theil–Sen ${formatPct(s.slopePctPerMonth, { decimals: 1, signed: true })} a month, `;
  const stats = `(${slope}${s.significant ? 'significant' : 'not significant'}, ${formatP(s.pValue)})`;
  const disagrees =
    s.significant && s.changePct !== null && Math.abs(s.changePct) >= 0.5 && (s.changePct > 0) !== (s.direction === 'rising');
  if (disagrees && s.changePct !== null) {
    // Endpoints can contradict the trend (e.g. a series ending on a December peak): lead with the trend.
    const rel = s.changePct > 0 ? `${formatPct(s.changePct)} above` : `${formatPct(Math.abs(s.changePct))} below`;
    parts.push(
      `${noun} trend ${s.direction === 'rising' ? 'up' : 'down'} over ${s.spanMonths} months ${stats}, though the last full month was ${rel} the first`,
    );
  } else if (s.changePct !== null) {
    const verb = Math.abs(s.changePct) < 0.5 ? 'were unchanged' : s.changePct > 0 ? `rose ${formatPct(s.changePct)}` : `fell ${formatPct(Math.abs(s.changePct))}`;
    parts.push(`${noun} ${verb} over ${s.spanMonths} months ${stats}`);
  } else {
    parts.push(`${noun} over ${s.spanMonths} months ${stats}`);
  }
  if (!s.significant) parts[0] += ': no significant trend';
  if (s.yoyPct !== null) {
    const rel = Math.abs(s.yoyPct) < 0.5 ? 'level with' : s.yoyPct > 0 ? `${formatPct(s.yoyPct)} above` : `${formatPct(Math.abs(s.yoyPct))} below`;
    parts[0] += `; the last 12 months were ${rel} the 12 before`;
  }
  let text = `${parts[0]}.`;
  if (s.decemberAboveTrendPct !== null) {
    const dec = s.decemberAboveTrendPct;
    const where = dec >= 0 ? `${formatPct(dec)} above` : `${formatPct(Math.abs(dec))} below`;
    text += ` December runs ${where} trend`;
    if (s.holidaySurge) {
      const line = s.direction === 'falling' ? 'a falling line' : s.direction === 'rising' ? 'a rising line' : 'a flat line';
      text += `: a holiday surge on ${line}.`;
    } else if (s.peakMonth !== null) {
      text += `; the peak month is ${MONTH_NAMES[s.peakMonth - 1]}.`;
    } else text += '.';
  } else if (s.n < MIN_MONTHS_SEASONAL_INDEX) {
    text += ` Fewer than 24 full months: no claim about seasonality.`;
  }
  return text;
}
