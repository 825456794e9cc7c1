import { describe, expect, it } from 'vitest';
import { secondaryMeasures } from '../../../src/traffic/measures.js';
import type { TrafficMonth } from '../../../src/traffic/types.js';

/** `n` full months from 2024-01, each with `visits` and the given totals. */
function months(n: number, make: (i: number) => Partial<TrafficMonth> & { visits: number }): TrafficMonth[] {
  return Array.from({ length: n }, (_, i) => {
    const total = 2024 * 12 + i;
    return { month: `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`, partial: false, ...make(i) };
  });
}

describe('secondaryMeasures', () => {
  it('rebuilds rates and averages from totals over the last 12 full months, and compares with the 12 before', () => {
    // Year 1: 1,000 visits a month, 2 pages and 500 bounces a visit-month, 60 s a visit; year 2: better on all counts.
    const s = months(24, (i) =>
      i < 12
        ? { visits: 1000, metrics: { visitors: 800, pageviews: 2000, bounces: 500, durationSec: 60_000 } }
        : { visits: 1000, metrics: { visitors: 900, pageviews: 3000, bounces: 400, durationSec: 90_000 } },
    );
    const byKey = Object.fromEntries(secondaryMeasures(s).map((m) => [m.key, m]));
    expect(byKey.visitorsPerMonth).toMatchObject({ recent: 900, earlier: 800, kind: 'count', months: 12 });
    expect(byKey.pageviews).toMatchObject({ recent: 36_000, earlier: 24_000 });
    expect(byKey.pagesPerVisit).toMatchObject({ recent: 3, earlier: 2, kind: 'ratio' });
    expect(byKey.bounceRate).toMatchObject({ recent: 0.4, earlier: 0.5, kind: 'rate' });
    expect(byKey.visitSeconds).toMatchObject({ recent: 90, earlier: 60, kind: 'seconds' });
    expect(byKey.impressions).toBeUndefined();
  });

  it('skips a partial last month, stops at a gap, and gives no comparison without a year before', () => {
    const s = months(8, () => ({ visits: 100, metrics: { pageviews: 250 } }));
    s[2] = { ...s[2]!, visits: null };
    s.push({ month: '2024-09', visits: 10, partial: true, metrics: { pageviews: 10 } });
    const [pv, ppv] = secondaryMeasures(s);
    expect(pv).toMatchObject({ key: 'pageviews', recent: 1250, earlier: null, months: 5 });
    expect(ppv).toMatchObject({ key: 'pagesPerVisit', recent: 2.5 });
  });

  it('says nothing when the file has no other measures, or too few full months', () => {
    expect(secondaryMeasures(months(24, () => ({ visits: 100 })))).toEqual([]);
    expect(secondaryMeasures(months(2, () => ({ visits: 100, metrics: { pageviews: 300 } })))).toEqual([]);
  });
});
