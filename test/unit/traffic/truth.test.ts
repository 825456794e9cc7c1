// Pull that tells the truth: each bug found on real public series, on a series shaped like the real one.
import { describe, expect, it } from 'vitest';
import { pullParagraph } from '../../../src/report/pull-words.js';
import { parseTraffic } from '../../../src/traffic/import.js';
import { oneWayAnova, fTail, incompleteBeta } from '../../../src/traffic/stats.js';
import { analyseTraffic } from '../../../src/traffic/trend.js';
import { noise, seriesFrom } from './helpers.js';

/** Calendar month (1–12) of the i-th month from `start` (YYYY-MM). */
const calMonth = (start: string, i: number): number => ((Number(start.slice(5, 7)) - 1 + i) % 12) + 1;

describe('the F distribution and the analysis of variance (checked against tables)', () => {
  it('incomplete beta and F tails', () => {
    expect(incompleteBeta(0.5, 2, 3)).toBeCloseTo(0.6875, 10);
    expect(fTail(4.965, 1, 10)).toBeCloseTo(0.05, 3); // F(1, 10) critical value at 5 %
    expect(fTail(2.216, 11, 24)).toBeCloseTo(0.05, 3); // F(11, 24)
    expect(fTail(12, 2, 6)).toBeCloseTo(5 ** -3, 10); // d1 = 2: the tail is (1 + 2F/d2)^(−d2/2)
  });

  it('one-way ANOVA by hand: [1,2,3] [4,5,6] [7,8,9] → between 54, within 6, F = 27 on (2, 6)', () => {
    const a = oneWayAnova([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(a.f).toBeCloseTo(27, 10);
    expect([a.df1, a.df2]).toEqual([2, 6]);
    expect(a.pValue).toBeCloseTo(0.001, 10); // (1 + 2·27/6)^−3
  });
});

describe('the headline compares like with like (an athlete’s Wikipedia page: in-season peaks, off-season lows)', () => {
  // 57 months from an off-season April to an in-season December; the season alone makes December ≈ 3.2× April.
  const start = '2019-04';
  const season = [1.9, 1.6, 1.3, 1.0, 1.0, 0.8, 0.95, 1.0, 1.6, 2.4, 2.8, 3.16];
  const rnd = noise(11);
  const views = Array.from({ length: 57 }, (_, i) => Math.round(20000 * season[calMonth(start, i) - 1]! * (1 + 0.04 * rnd())));
  const r = analyseTraffic(seriesFrom(start, views));

  it('never the first month against the last', () => {
    expect(views[56]! / views[0]! - 1).toBeGreaterThan(2); // what the old headline said: "rose 216 %"
    expect(r.trend.headline).toMatchObject({ basis: 'twelve-months', recent: { from: '2023-01', to: '2023-12' }, earlier: { from: '2022-01', to: '2022-12' } });
    expect(Math.abs(r.trend.headline!.pct!)).toBeLessThan(10);
    expect(r.trend.direction).toBe('flat');
  });

  it('the words say the 12 months and their change, and describe the season as a swing', () => {
    const words = pullParagraph(r, 'en');
    expect(words).toMatch(
      /^The last 12 full months \(Jan 2023 – Dec 2023\) were (\d(\.\d)?% (above|below)|level with) the 12 before \(Jan 2022 – Dec 2022\)\./,
    );
    expect(words).not.toMatch(/2\d\d%/);
    expect(r.trend.seasonal).toBe(true);
    expect(r.trend.peakMonth).toBe(12);
    expect(r.trend.troughMonth).toBe(calMonth('2019-01', 5)); // June
    expect(words).toMatch(/A significant seasonal swing: the peak month, December, runs at 3(\.\d)?× the low month, June \(p < 0\.001\)\./);
  });

  it('falls back to the same month a year earlier where the 24 months are not all full', () => {
    const months = seriesFrom(start, views, [40]).months; // one partial month inside the last 24
    const t = analyseTraffic({ ...seriesFrom(start, views), months }).trend;
    expect(t.headline).toMatchObject({ basis: 'same-month', recent: { from: '2023-12', to: '2023-12' }, earlier: { from: '2022-12', to: '2022-12' } });
    expect(t.dataWarnings).toContainEqual({ code: 'partial-months', count: 1, of: 57 });
  });
});

describe('a series whose last 37 months are zero', () => {
  const rnd = noise(5);
  const values = [...Array.from({ length: 60 }, (_, i) => Math.round(3000 * 1.002 ** i * (1 + 0.05 * rnd()))), ...Array<number>(37).fill(0)];
  const r = analyseTraffic(seriesFrom('2015-01', values));

  it('warns about the run, and the slope agrees with the fall instead of ignoring the zeros', () => {
    expect(r.trend.dataWarnings).toContainEqual({ code: 'zero-run', months: 37, from: '2020-01', to: '2023-01', atEnd: true });
    expect(r.trend.direction).toBe('falling');
    expect(r.trend.slopePctPerMonth!).toBeLessThan(0);
  });

  it('the words lead with the zeros and never contradict themselves', () => {
    const words = pullParagraph(r, 'en');
    expect(words).toMatch(/^Nothing has been recorded for the last 37 months \(since Jan 2020\)\./);
    expect(words).not.toMatch(/rising|\+\d/);
    expect(words).not.toMatch(/fell 100/);
  });
});

describe('a series that rose for five years and then fell for three', () => {
  const start = '2010-01';
  const rnd = noise(9);
  const values = Array.from({ length: 96 }, (_, i) => {
    const level = i < 60 ? 1.015 ** i : 1.015 ** 60 * 0.98 ** (i - 60);
    return Math.round(5000 * level * (calMonth(start, i) === 12 ? 1.3 : 1) * (1 + 0.05 * rnd()));
  });
  const r = analyseTraffic(seriesFrom(start, values));

  it('is described as a reversal, with each stretch’s significance', () => {
    expect(r.trend.segments).toHaveLength(2);
    const [up, down] = r.trend.segments;
    expect(up).toMatchObject({ direction: 'rising', significant: true, from: '2010-01' });
    expect(down).toMatchObject({ direction: 'falling', significant: true, to: '2017-12' });
    // The break is found where it is: after the fifth year (December 2014), within half a year.
    const breakAt = (Number(up!.to.slice(0, 4)) - 2010) * 12 + Number(up!.to.slice(5, 7)) - 1;
    expect(Math.abs(breakAt - 59)).toBeLessThanOrEqual(6);
    expect(up!.pValue).toBeLessThan(0.05);
    expect(down!.pValue).toBeLessThan(0.05);
  });

  it('the words say "rising until …, falling since …" and never call it rising', () => {
    const words = pullParagraph(r, 'en');
    expect(words).toMatch(
      /The trend reversed: rising until \w{3} 201\d \(\+1\.\d% a month, p < 0\.001\), falling since \w{3} 201\d \(\u22122(\.\d)?% a month, p < 0\.001\)\./,
    );
    expect(words).not.toMatch(/trend over \d+ months is rising/);
  });

  it('without a found break, a falling last 24 months still stops the words saying "rising"', () => {
    const t = { ...r.trend, segments: [] };
    expect(t.recent).toMatchObject({ direction: 'falling', significant: true, months: 24 });
    const words = pullParagraph({ ...r, trend: t }, 'en');
    expect(words).toMatch(
      /Over the whole period the trend is (rising|flat|falling) \([^)]*\), but over the last 24 full months \(Jan 2016 – Dec 2017\) it is falling/,
    );
  });

  it('finds no reversal in a steady trend, and seldom in noise', () => {
    const steady = analyseTraffic(
      seriesFrom(
        start,
        Array.from({ length: 96 }, (_, i) => Math.round(5000 * 1.01 ** i * (1 + 0.05 * rnd()))),
      ),
    );
    expect(steady.trend.segments).toEqual([]);
    let reversals = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const n = noise(seed);
      const flat = Array.from({ length: 60 }, () => Math.round(1000 * (1 + 0.1 * n())));
      if (analyseTraffic(seriesFrom('2015-01', flat)).trend.segments.length) reversals++;
    }
    expect(reversals).toBeLessThanOrEqual(5);
  });
});

describe('59 missing days across 24 months', () => {
  // Daily rows for 2019–2023 with two or three days missing in each of 24 months (2021-07 … 2023-06).
  const lines = ['date,visits'];
  let dropped = 0;
  for (let d = Date.UTC(2019, 0, 1); d <= Date.UTC(2023, 11, 31); d += 86_400_000) {
    const iso = new Date(d).toISOString().slice(0, 10);
    const day = Number(iso.slice(8, 10));
    const m = iso.slice(0, 7);
    const inWindow = m >= '2021-07' && m <= '2023-06';
    // Days 10 and 20 of all 24 months, and day 28 of the first 11: 48 + 11 = 59 days.
    if (inWindow && (day === 10 || day === 20 || (day === 28 && countBefore(m) < 11))) {
      dropped++;
      continue;
    }
    lines.push(`${iso},${100 + (day % 7)}`);
  }
  function countBefore(m: string): number {
    return (Number(m.slice(0, 4)) - 2021) * 12 + Number(m.slice(5, 7)) - 7;
  }
  const series = parseTraffic(lines.join('\n'), 'daily.csv');
  const t = analyseTraffic(series).trend;

  it('warns how many months are partial, and says why there is no like-for-like change', () => {
    expect(dropped).toBe(59);
    expect(series.months.filter((m) => m.partial)).toHaveLength(24);
    expect(t.dataWarnings).toContainEqual({ code: 'partial-months', count: 24, of: 60 });
    expect(t.headline).toBeNull();
    expect(t.headlineMissing).toBe('partial-months');
    const words = pullParagraph(analyseTraffic(series), 'en');
    expect(words).toMatch(/No like-for-like change can be given: the months it would compare are partial\./);
  });
});
