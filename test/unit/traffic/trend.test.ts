import { describe, expect, it } from 'vitest';
import { analyseTraffic, formatP, formatPct, mannKendall, seasonalMannKendall, theilSen, twoSidedP, yearOverYear } from '../../../src/traffic/trend.js';
import { TrafficResultSchema } from '../../../src/traffic/types.js';
import { noise, seriesFrom } from './helpers.js';

/** 1000 × growth^i, times a December factor, times ±amp noise. */
function synthetic(n: number, opts: { growth?: number; december?: number; amp?: number; seed?: number } = {}) {
  const rnd = noise(opts.seed ?? 7);
  return Array.from({ length: n }, (_, i) => {
    const dec = i % 12 === 11 ? (opts.december ?? 1) : 1; // series start in January
    return Math.round(1000 * (opts.growth ?? 1) ** i * dec * (1 + (opts.amp ?? 0.05) * rnd()));
  });
}

describe('Mann–Kendall (hand-computed)', () => {
  it('strictly increasing n = 5: S = 10, Var = 50/3, Z = 9/√(50/3), p ≈ 0.0275', () => {
    const mk = mannKendall([1, 2, 3, 4, 5]);
    expect(mk.s).toBe(10);
    expect(mk.variance).toBeCloseTo(16.6667, 4);
    expect(mk.z).toBeCloseTo(2.2045, 4);
    expect(mk.pValue).toBeCloseTo(0.0275, 4);
  });

  it('with a tie [1, 2, 2, 3]: S = 5, Var = (4·3·13 − 2·1·9)/18 = 7.667, p ≈ 0.1486', () => {
    const mk = mannKendall([1, 2, 2, 3]);
    expect(mk.s).toBe(5);
    expect(mk.variance).toBeCloseTo(7.6667, 4);
    expect(mk.pValue).toBeCloseTo(0.1486, 3);
  });

  it('decreasing gives negative S and the same p as its mirror', () => {
    expect(mannKendall([5, 4, 3, 2, 1]).s).toBe(-10);
    expect(mannKendall([5, 4, 3, 2, 1]).pValue).toBeCloseTo(mannKendall([1, 2, 3, 4, 5]).pValue, 12);
  });

  it('p-value uses the error function: z = 1.96 → p ≈ 0.05', () => {
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 5);
  });

  it('seasonal MK sums within-month statistics: two Januaries and two Februaries both rising → S = 2, Var = 2', () => {
    const mk = seasonalMannKendall([
      { calMonth: 1, visits: 10 },
      { calMonth: 2, visits: 50 },
      { calMonth: 1, visits: 11 },
      { calMonth: 2, visits: 51 },
    ]);
    expect(mk.s).toBe(2);
    expect(mk.variance).toBeCloseTo(2 * ((2 * 1 * 9) / 18), 10);
  });
});

describe('Theil–Sen', () => {
  it('ignores an outlier: slope is the median pairwise slope', () => {
    const fit = theilSen([1, 2, 3, 4, 5], [1, 2, 3, 4, 100]);
    expect(fit.slope).toBe(1);
    expect(fit.intercept).toBe(0);
  });
});

describe('analyseTraffic: series with a known answer', () => {
  it('flat with noise → flat, not significant', () => {
    const r = analyseTraffic(seriesFrom('2022-01', synthetic(36)));
    expect(TrafficResultSchema.parse(r)).toBeTruthy();
    expect(r.trend.direction).toBe('flat');
    expect(r.trend.significant).toBe(false);
    expect(Math.abs(r.trend.slopePctPerMonth!)).toBeLessThan(0.5);
    expect(r.trend.segments).toEqual([]);
    expect(r.trend.holidaySurge).toBe(false);
  });

  it('rising 2% a month → rising, slope ≈ 2', () => {
    const r = analyseTraffic(seriesFrom('2022-01', synthetic(36, { growth: 1.02, amp: 0.02 })));
    expect(r.trend.direction).toBe('rising');
    expect(r.trend.significant).toBe(true);
    expect(r.trend.slopePctPerMonth!).toBeCloseTo(2, 0);
    expect(Math.abs(r.trend.slopePctPerMonth! - 2)).toBeLessThan(0.15);
    expect(r.trend.pValue!).toBeLessThan(0.001);
    // 24 full months: last 12 vs the 12 before ≈ 1.02^12 − 1 ≈ 26.8 %.
    expect(r.trend.headline).toMatchObject({ basis: 'twelve-months', recent: { from: '2024-01', to: '2024-12' }, earlier: { from: '2023-01', to: '2023-12' } });
    expect(r.trend.headline!.pct!).toBeGreaterThan(24);
    expect(r.trend.headline!.pct!).toBeLessThan(30);
    expect(r.trend.recent).toMatchObject({ direction: 'rising', months: 24 });
  });

  it('falling 2% a month with a December surge → falling, holiday surge on a falling line', () => {
    const r = analyseTraffic(seriesFrom('2022-01', synthetic(36, { growth: 0.98, december: 1.5, amp: 0.02 })));
    expect(r.trend.direction).toBe('falling');
    expect(r.trend.slopePctPerMonth!).toBeLessThan(-1.5);
    expect(r.trend.headline!.pct!).toBeLessThan(0);
    expect(r.trend.holidaySurge).toBe(true);
    expect(r.trend.seasonal).toBe(true);
    expect(r.trend.peakMonth).toBe(12);
  });

  it('flat with a December surge → holidaySurge, peakMonth 12, December ≈ 45–50% above trend', () => {
    const r = analyseTraffic(seriesFrom('2022-01', synthetic(36, { december: 1.5 })));
    expect(r.trend.direction).toBe('flat');
    expect(r.trend.peakMonth).toBe(12);
    expect(r.trend.holidaySurge).toBe(true);
    expect(r.trend.decemberAboveTrendPct!).toBeGreaterThan(35);
    expect(r.trend.decemberAboveTrendPct!).toBeLessThan(55);
    // The swing: December (≈ 1.5) over the rest (≈ 1) on a flat line, more than noise.
    expect(r.trend.peakToTrough!).toBeGreaterThan(1.3);
    expect(r.trend.peakToTrough!).toBeLessThan(1.8);
    expect(r.trend.seasonalPValue!).toBeLessThan(0.05);
  });

  it('too short (5 months) → insufficient-data, describe only', () => {
    const r = analyseTraffic(
      seriesFrom(
        '2025-01',
        [1, 2, 3, 4, 5].map((v) => v * 100),
      ),
    );
    expect(r.trend.direction).toBe('insufficient-data');
    expect(r.trend.slopePctPerMonth).toBeNull();
    expect(r.trend.pValue).toBeNull();
    expect(r.trend.significant).toBe(false);
    expect(r.trend.headline).toBeNull();
    expect(r.trend.headlineMissing).toBe('too-short');
  });

  it('partial months do not count towards the minimum', () => {
    const r = analyseTraffic(seriesFrom('2025-01', [50, 100, 100, 100, 100, 100, 40], [0, 6]));
    expect(r.trend.direction).toBe('insufficient-data');
  });

  it('9 months → a trend but no seasonality claims', () => {
    const r = analyseTraffic(seriesFrom('2025-01', synthetic(9, { december: 2 })));
    expect(r.trend.direction).not.toBe('insufficient-data');
    expect(r.trend.peakMonth).toBeNull();
    expect(r.trend.decemberAboveTrendPct).toBeNull();
    expect(r.trend.holidaySurge).toBe(false);
    expect(r.trend.headline).toBeNull();
    expect(r.trend.seasonalPValue).toBeNull();
  });

  it('gappy series: gaps keep their place on the time axis, so the slope is still exact', () => {
    const values: Array<number | null> = Array.from({ length: 12 }, (_, i) => 1000 * 1.02 ** i);
    values[3] = null;
    values[4] = null;
    const r = analyseTraffic(seriesFrom('2025-01', values));
    expect(r.trend.slopePctPerMonth!).toBeCloseTo(2, 8);
    expect(r.trend.direction).toBe('rising');
    expect(r.trend.dataWarnings).toEqual([{ code: 'gaps', count: 2, months: ['2025-04', '2025-05'] }]);
  });

  it('year over year needs 24 gap-free full months', () => {
    const two = seriesFrom('2023-01', [...Array(12).fill(100), ...Array(12).fill(110)]);
    expect(yearOverYear(two.months)).toBeCloseTo(10, 10);
    const gappy = seriesFrom('2023-01', [...Array(12).fill(100), null, ...Array(11).fill(110)]);
    expect(yearOverYear(gappy.months)).toBeNull();
  });
});

describe('formatting', () => {
  it('percentages: proper minus, never −0%', () => {
    expect(formatPct(-21.4)).toBe('\u221221%');
    expect(formatPct(-0.3)).toBe('0%');
    expect(formatPct(-0.04, { decimals: 1, signed: true })).toBe('0.0%');
    expect(formatPct(2.04, { decimals: 1, signed: true })).toBe('+2.0%');
  });

  it('p-values', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.004)).toBe('p = 0.004');
    expect(formatP(0.031)).toBe('p = 0.03');
    expect(formatP(0.0496)).toBe('p = 0.049');
    expect(formatP(0.41)).toBe('p = 0.41');
  });
});

describe('when the endpoints contradict the trend', () => {
  it('a series ending on a December peak on a falling line is falling, and its headline compares years, not the ends', () => {
    const rnd = noise(3);
    const v = Array.from({ length: 36 }, (_, i) => Math.round(1000 * 0.993 ** i * (i % 12 === 11 ? 1.5 : 1) * (1 + 0.05 * rnd())));
    const r = analyseTraffic(seriesFrom('2023-01', v));
    expect(v[35]! / v[0]!).toBeGreaterThan(1); // the last month is above the first…
    expect(r.trend.direction).toBe('falling'); // …yet the trend falls
    expect(r.trend.headline!.basis).toBe('twelve-months');
    expect(r.trend.headline!.pct!).toBeLessThan(0);
    expect(r.trend.holidaySurge).toBe(true);
  });
});
