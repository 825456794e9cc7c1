// The `traffic.columns` mapping: any table, read by the generic importer through the analyst's header names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, importTraffic, parseTraffic } from '../../../src/traffic/import.js';
import { fails, fixture } from './helpers.js';

const text = (name: string) => decodeText(readFileSync(fixture(name))).replace(/^\uFEFF/, '');

describe('traffic.columns mapping (Umami and other unconfirmed exports)', () => {
  const columns = { date: 't', visits: 'Sessions', pageviews: 'pageviews' };

  it('reads the named columns (case-insensitive), midnight timestamps as dates', async () => {
    const s = await importTraffic(fixture('umami-daily.csv'), { columns });
    expect(s.format).toBe('generic-csv');
    expect(s.months.map(({ month, visits, partial }) => ({ month, visits, partial }))).toEqual([
      { month: '2024-03', visits: 4353, partial: false },
      { month: '2024-04', visits: 4166, partial: false },
    ]);
    expect(s.months[0]!.metrics).toEqual({ pageviews: 4353 * 3 });
  });

  it('without the mapping the same file is an unknown format that suggests it', () => {
    const e = fails(() => parseTraffic(text('umami-daily.csv'), 'umami-daily.csv'));
    expect(e.message).toMatch(/unknown traffic format; found headers "t", "pageviews", "sessions"/);
    expect(e.message).toContain('columns: { date: "<date header>", visits: "<visits header>" }');
  });

  it('names the mapping field whose column is missing, and the headers found', () => {
    const e = fails(() => parseTraffic('day,hits\n2024-01-01,5\n', 'u.csv', { columns: { date: 'day', visits: 'sessions' } }));
    expect(e.message).toBe('traffic.columns.visits: u.csv line 1 has no column "sessions"; found headers "day", "hits".');
    expect(e.line).toBe(1);
  });

  it('applies to JSON too, and overrides detection of a known shape', () => {
    const json = parseTraffic('[{"Day":"2024-01","Hits":7},{"Day":"2024-02","Hits":9}]', 'u.json', { columns: { date: 'day', visits: 'hits' } });
    expect(json.months.map((m) => m.visits)).toEqual([7, 9]);
    // A Search Console file read through a mapping is whatever the analyst says it is.
    const gsc = parseTraffic('Date,Clicks,Impressions,CTR,Position\n2026-07-02,25,1200,2.08%,9\n', 'Dates.csv', {
      columns: { date: 'Date', visits: 'Impressions' },
    });
    expect(gsc.format).toBe('generic-csv');
    expect(gsc.months[0]!.visits).toBe(1200);
  });

  it('refuses a mapping beside a tool format', () => {
    expect(fails(() => parseTraffic('date,visits\n2024-01,5\n', 'x.csv', { format: 'ga4', columns: { date: 'date', visits: 'visits' } })).message).toMatch(
      /traffic\.columns applies to the generic importer/,
    );
  });

  it('keeps the bad-input rules: no dates, negatives, text, mixed dates, duplicates', () => {
    const map = { columns: { date: 'Day', visits: 'Hits' } };
    expect(fails(() => parseTraffic('Day,Hits\n,5\n', 'u.csv', map)).message).toMatch(/no data rows/);
    expect(fails(() => parseTraffic('Day,Hits\n2024-01,5\n2024-02,-1\n', 'u.csv', map)).message).toMatch(/u\.csv line 3: negative visits/);
    expect(fails(() => parseTraffic('Day,Hits\n2024-01,five\n', 'u.csv', map)).message).toMatch(/u\.csv line 2: visits "five" is not a number/);
    expect(fails(() => parseTraffic('Day,Hits\n2024-01,5\n2024-02-03,5\n', 'u.csv', map)).message).toMatch(/u\.csv line 3: mixed date formats/);
    expect(fails(() => parseTraffic('Day,Hits\n2024-01-01 13:00:00,5\n', 'u.csv', map)).message).toMatch(/line 2: cannot read the date/);
    const dup = parseTraffic('Day,Hits\n2024-01,5\n2024-01,6\n', 'u.csv', map);
    expect(dup.warnings.join('\n')).toMatch(/duplicated 2024-01 \(lines 3\)/);
  });
});

describe('separate year and month columns', () => {
  it('the generic importer reads `year,month,visits` with month numbers and names', () => {
    const s = parseTraffic('Year,Month,Visits\n2024,1,100\n2024,02,110\n2024,Mar,120\n2024,April,130\n2024,Sept,90\n', 'sheet.csv');
    expect(s.format).toBe('generic-csv');
    expect(s.months.map((m) => [m.month, m.visits])).toEqual([
      ['2024-01', 100],
      ['2024-02', 110],
      ['2024-03', 120],
      ['2024-04', 130],
      ['2024-05', null],
      ['2024-06', null],
      ['2024-07', null],
      ['2024-08', null],
      ['2024-09', 90],
    ]);
  });

  it('traffic.columns names them, in CSV and JSON', () => {
    const columns = { year: 'Jahr', month: 'Monat', visits: 'Besuche' };
    const csv = parseTraffic('Jahr,Monat,Besuche\n2023,12,5\n2024,1,7\n', 'de.csv', { columns });
    expect(csv.months.map((m) => [m.month, m.visits])).toEqual([
      ['2023-12', 5],
      ['2024-01', 7],
    ]);
    const json = parseTraffic('[{"Jahr":2023,"Monat":12,"Besuche":5},{"Jahr":2024,"Monat":1,"Besuche":7}]', 'de.json', { columns });
    expect(json.months.map((m) => m.visits)).toEqual([5, 7]);
  });

  it('names the line of a year or month it cannot read, and a missing year column', () => {
    expect(fails(() => parseTraffic('year,month,visits\n2024,13,5\n', 'y.csv')).message).toMatch(/y\.csv line 2: cannot read the year "2024" and month "13"/);
    expect(fails(() => parseTraffic('year,month,visits\n24,1,5\n', 'y.csv')).message).toMatch(/year "24"/);
    const e = fails(() => parseTraffic('Y,M,V\n2024,1,5\n', 'y.csv', { columns: { year: 'Year', month: 'M', visits: 'V' } }));
    expect(e.message).toBe('traffic.columns.year: y.csv line 1 has no column "Year"; found headers "Y", "M", "V".');
  });
});
