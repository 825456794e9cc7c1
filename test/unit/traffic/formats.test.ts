import { describe, expect, it } from 'vitest';
import { importTraffic, TrafficImportError } from '../../../src/traffic/import.js';
import { fixture } from './helpers.js';

describe('GA4 CSV export', () => {
  it('reads "Nth day" offsets from "# Start date" and only the first table of a snapshot', async () => {
    const s = await importTraffic(fixture('ga4-nth-day.csv'));
    expect(s.format).toBe('ga4-csv');
    expect(s.months).toEqual([
      { month: '2024-01', visits: 310, partial: false },
      { month: '2024-02', visits: 290, partial: false },
      { month: '2024-03', visits: 150, partial: true },
    ]);
    // Active users summed over days are not monthly users: say so.
    expect(s.warnings.join('\n')).toMatch(/using "Active users" as visits.*not unique users/);
  });

  it('reads a "Date" (YYYYMMDD) table, prefers Sessions, skips the totals row and comma-padded comments', async () => {
    const s = await importTraffic(fixture('ga4-date.csv'));
    expect(s.format).toBe('ga4-csv');
    expect(s.months).toEqual([
      { month: '2024-01', visits: 31000, partial: false },
      { month: '2024-02', visits: 29000, partial: false },
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('names the line of a bad GA4 value', async () => {
    const { parseTraffic } = await import('../../../src/traffic/import.js');
    const text = '# Start date: 20240101\nNth day,Sessions\n0000,5\n0001,x\n';
    expect(() => parseTraffic(text, 'ga.csv')).toThrow(/ga\.csv line 4: visits "x"/);
  });
});

describe('Plausible', () => {
  it('reads visitors.csv (visits column, not visitors)', async () => {
    const s = await importTraffic(fixture('plausible-visitors.csv'));
    expect(s.format).toBe('plausible-csv');
    // bounce_rate (a percent) becomes a count of bounces; visit_duration is empty on one day of each month, so
    // the months carry no duration rather than an undercounted one; daily visitors are not summed.
    expect(s.months).toEqual([
      { month: '2025-01', visits: 1550, partial: false, metrics: { pageviews: 4030, bounces: 852.5 } },
      { month: '2025-02', visits: 1400, partial: false, metrics: { pageviews: 3640, bounces: 770 } },
    ]);
  });

  it('refuses a goal-filtered export, saying it is not traffic', async () => {
    await expect(importTraffic(fixture('plausible-goal.csv'))).rejects.toThrow(TrafficImportError);
    await expect(importTraffic(fixture('plausible-goal.csv'))).rejects.toThrow(/goal-conversion export.*not traffic/);
  });
});
