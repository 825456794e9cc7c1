// Google Trends "Interest over time" exports (multiTimeline.csv): category line, blank line, quoted term headers,
// <1 values, weekly, monthly and daily rows, localised labels.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, detectFormat, importTraffic, parseTraffic } from '../../../src/traffic/import.js';
import { readTrendsTable } from '../../../src/traffic/google-trends.js';
import { analyseTraffic } from '../../../src/traffic/trend.js';
import { fails, fixture } from './helpers.js';

const text = (name: string) => decodeText(readFileSync(fixture(name))).replace(/^\uFEFF/, '');

describe('Google Trends multiTimeline.csv', () => {
  it('is detected from its category line and term headers, in English and localised', () => {
    expect(detectFormat(text('multiTimeline-weekly.csv'))).toBe('google-trends');
    expect(detectFormat(text('multiTimeline-monthly-it.csv'))).toBe('google-trends');
    expect(detectFormat(text('multiTimeline-daily-de.csv'))).toBe('google-trends');
    // A generic CSV whose header happens to hold a colon is not a Trends file.
    expect(detectFormat('month,visits\n2024-01,5\n')).toBe('csv');
    expect(detectFormat('note: hello\n\nmonth,visits: (all),pageviews\n2024-01,5,6\n')).toBe('csv');
  });

  it('reads quoted term headers with their geo, and the localised period label', () => {
    const weekly = readTrendsTable(text('multiTimeline-weekly.csv'), 'm.csv');
    expect(weekly.period).toBe('Week');
    expect(weekly.terms.map(({ term, geo }) => ({ term, geo }))).toEqual([
      { term: 'megamart', geo: 'Worldwide' },
      { term: 'brightside "cycles"', geo: 'Worldwide' },
    ]);
    const it = readTrendsTable(text('multiTimeline-monthly-it.csv'), 'm.csv');
    expect(it.period).toBe('Mese');
    expect(it.terms.map((t) => [t.term, t.geo])).toEqual([
      ['sears', 'Italia'],
      ['walmart', 'Italia'],
    ]);
  });

  it('weekly rows: one term per series, averaged over the days each month covers (a level, not a count)', async () => {
    const s = await importTraffic(fixture('multiTimeline-weekly.csv'), { column: 'megamart' });
    expect(s.format).toBe('google-trends');
    expect(s.metric).toBe('interest');
    expect(s.trends).toMatchObject({ term: 'megamart', geo: 'Worldwide' });
    expect(s.months.map((m) => [m.month, m.partial])).toEqual([
      ['2024-01', true], // the first week starts on the 7th
      ['2024-02', false],
      ['2024-03', false],
      ['2024-04', false],
      ['2024-05', true],
    ]);
    // February 2024: 3 days at 90, 7 at 88, 7 at 84, 7 at 82, 5 at 83.
    expect(s.months[1]!.visits).toBeCloseTo((3 * 90 + 7 * 88 + 7 * 84 + 7 * 82 + 5 * 83) / 29, 2);
  });

  it('<1 is above zero and below one: read as 0.5, with a warning that counts them', async () => {
    const s = await importTraffic(fixture('multiTimeline-weekly.csv'), { column: 'brightside "cycles"' });
    expect(s.months[0]!.visits).toBeGreaterThan(0);
    expect(s.months[0]!.visits).toBeLessThan(1);
    expect(s.warnings.join('\n')).toMatch(/3 values of "brightside "cycles"" are "<1"/);
    const it = parseTraffic(text('multiTimeline-monthly-it.csv'), 'multiTimeline.csv', { format: 'google-trends', column: 'WALMART' });
    expect(it.months.slice(0, 4).map((m) => m.visits)).toEqual([0.5, 0.5, 0.5, 46]);
  });

  it('monthly rows are months as they are; a term can also be named by its whole header', () => {
    const s = parseTraffic(text('multiTimeline-monthly-it.csv'), 'multiTimeline.csv', { column: 'sears: (Italia)' });
    expect(s.months).toHaveLength(30);
    expect(s.months[0]).toMatchObject({ month: '2019-01', visits: 60, partial: false });
    expect(s.months.every((m) => !m.partial)).toBe(true);
  });

  it('daily rows (German) with a single term need no column', () => {
    const s = parseTraffic(text('multiTimeline-daily-de.csv'), 'multiTimeline.csv');
    expect(s.trends?.term).toBe('fernhill garten');
    expect(s.months.map((m) => [m.month, m.partial])).toEqual([
      ['2025-03', false],
      ['2025-04', true],
    ]);
  });

  it('terms of one export share a scale fingerprint; another export has another', () => {
    const a = parseTraffic(text('multiTimeline-weekly.csv'), 'm.csv', { column: 'megamart' });
    const b = parseTraffic(text('multiTimeline-weekly.csv'), 'm.csv', { column: 'brightside "cycles"' });
    const c = parseTraffic(text('multiTimeline-monthly-it.csv'), 'm.csv', { column: 'sears' });
    expect(a.trends!.scale).toBe(b.trends!.scale);
    expect(a.trends!.scale).not.toBe(c.trends!.scale);
  });

  it('the analysis keeps the term and calls the series interest', () => {
    const r = analyseTraffic(parseTraffic(text('multiTimeline-monthly-it.csv'), 'm.csv', { column: 'sears' }));
    expect(r.metric).toBe('interest');
    expect(r.trends?.term).toBe('sears');
  });

  it('names the terms when the column is missing, wrong, or the file is not Trends', () => {
    expect(fails(() => parseTraffic(text('multiTimeline-weekly.csv'), 'multiTimeline.csv')).message).toBe(
      'traffic.column: multiTimeline.csv holds 2 search terms ("megamart", "brightside "cycles""); name the brand\'s with `column: "megamart"`.',
    );
    expect(fails(() => parseTraffic(text('multiTimeline-weekly.csv'), 'multiTimeline.csv', { column: 'sears' })).message).toMatch(
      /has no search term "sears"; its terms are "megamart"/,
    );
    expect(fails(() => parseTraffic('month,visits\n2024-01,5\n', 'v.csv', { column: 'sears' })).message).toMatch(
      /traffic\.column names a search term of a Google Trends export/,
    );
    expect(fails(() => parseTraffic('Category: All\n\nWeek,x: (US)\n2024-01-07,high\n', 'm.csv')).message).toMatch(
      /m\.csv line 4: "high" is not a Google Trends value/,
    );
    expect(fails(() => parseTraffic('month,visits\n2024-01,5\n', 'v.csv', { format: 'google-trends' })).message).toMatch(/not a Google Trends export/);
  });
});
