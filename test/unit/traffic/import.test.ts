import { describe, expect, it } from 'vitest';
import { analyseTraffic } from '../../../src/traffic/trend.js';
import { decodeText, importTraffic, parseTraffic, TrafficImportError } from '../../../src/traffic/import.js';
import { TrafficSeriesSchema } from '../../../src/traffic/types.js';
import { fixture } from './helpers.js';

async function importError(name: string): Promise<TrafficImportError> {
  try {
    await importTraffic(fixture(name));
  } catch (err) {
    expect(err).toBeInstanceOf(TrafficImportError);
    return err as TrafficImportError;
  }
  throw new Error(`expected ${name} to fail`);
}

describe('importTraffic: generic CSV and JSON', () => {
  it('reads a monthly CSV and tolerates extra columns', async () => {
    const s = await importTraffic(fixture('monthly.csv'));
    expect(TrafficSeriesSchema.parse(s)).toEqual(s);
    expect(s.format).toBe('generic-csv');
    expect(s.months).toHaveLength(12);
    // Monthly rows keep their unique visitors.
    expect(s.months[0]).toEqual({ month: '2025-01', visits: 1010, partial: false, metrics: { visitors: 801 } });
    expect(s.warnings).toEqual([]);
  });

  it('aggregates daily rows to months and marks the uncovered first/last months partial', async () => {
    const s = await importTraffic(fixture('daily.csv'));
    // Rates and averages become totals (bounces = 55% of visits, durationSec = 62 s × visits), so months add up.
    expect(s.months).toEqual([
      { month: '2025-01', visits: 1700, partial: true, metrics: { pageviews: 4250, bounces: 935, durationSec: 105400 } },
      { month: '2025-02', visits: 2800, partial: false, metrics: { pageviews: 7000, bounces: 1540, durationSec: 173600 } },
      { month: '2025-03', visits: 1000, partial: true, metrics: { pageviews: 2500, bounces: 550, durationSec: 62000 } },
    ]);
  });

  it('spreads weekly rows over their days, splitting weeks that straddle two months', async () => {
    const s = await importTraffic(fixture('weekly.csv'));
    expect(s.months).toEqual([
      { month: '2025-01', visits: 2600, partial: true },
      { month: '2025-02', visits: 2800, partial: false },
      { month: '2025-03', visits: 3000, partial: true },
    ]);
  });

  it('handles a BOM, CRLF, quoted headers and quoted thousands separators', async () => {
    const s = await importTraffic(fixture('bom-quoted.csv'));
    expect(s.months.map((m) => m.visits)).toEqual([3215, 12004, 1050]);
  });

  it('reads a JSON array with month or date keys in any case', async () => {
    const s = await importTraffic(fixture('monthly.json'));
    expect(s.format).toBe('generic-json');
    expect(s.months.map((m) => m.visits)).toEqual([100, 120, 1300]);
  });

  it('warns on duplicated months and fills gaps with null, never 0', async () => {
    const s = await importTraffic(fixture('gaps-duplicates.csv'));
    expect(s.months).toEqual([
      { month: '2025-01', visits: 10, partial: false },
      { month: '2025-02', visits: 20, partial: false },
      { month: '2025-03', visits: null, partial: false },
      { month: '2025-04', visits: null, partial: false },
      { month: '2025-05', visits: 30, partial: false },
    ]);
    expect(s.warnings.join('\n')).toMatch(/duplicated 2025-02/);
    expect(analyseTraffic(s).trend.dataWarnings).toContainEqual({ code: 'gaps', count: 2, months: ['2025-03', '2025-04'] });
  });

  it('decodes UTF-16LE with a BOM (Matomo default)', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('month,visits\n2025-01,5\n', 'utf16le')]);
    const s = parseTraffic(decodeText(buf), 'x.csv');
    expect(s.months[0]!.visits).toBe(5);
  });
});

describe('importTraffic: bad input names the file, the line and the fix', () => {
  it('unknown format lists the headers found, the known formats and the traffic.columns way out', async () => {
    const e = await importError('unknown-format.csv');
    expect(e.message).toContain('unknown-format.csv');
    expect(e.message).toContain('"Page", "Pageviews", "Unique Pageviews"');
    expect(e.message).toContain('month,visits');
    expect(e.message).toMatch(/Known formats: csv, json, ga4, ua, plausible/);
    expect(e.message).toContain('columns: { date:');
    expect(e.line).toBe(1);
  });

  it('no date column', async () => {
    const e = await importError('no-date.csv');
    expect(e.message).toMatch(/no date column/);
    expect(e.message).toMatch(/YYYY-MM/);
  });

  it('unparseable date', async () => {
    const e = await importError('bad-date.csv');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/bad-date\.csv line 3: cannot read the date "2025-13"/);
  });

  it('mixed date formats', async () => {
    const e = await importError('mixed-dates.csv');
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/mixed date formats/);
  });

  it('negative visits', async () => {
    const e = await importError('negative.csv');
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/negative visits "-5"/);
  });

  it('non-numeric visits', async () => {
    const e = await importError('non-numeric.csv');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/"n\/a" is not a number/);
  });

  it('JSON items are named by position', () => {
    expect(() => parseTraffic('[{"month":"2025-01","visits":"lots"}]', 'x.json')).toThrow(/x\.json item 1: visits "lots"/);
  });
});

describe('monthly data written with full dates', () => {
  it('reads YYYY-MM-01 rows a month apart as whole months, not as single days', () => {
    const text = 'date,visits\n2025-01-01,1000\n2025-02-01,1100\n2025-03-01,1200\n2025-05-01,900\n';
    const series = parseTraffic(text, 'monthly.csv');
    expect(series.months.map((m) => [m.month, m.visits, m.partial])).toEqual([
      ['2025-01', 1000, false],
      ['2025-02', 1100, false],
      ['2025-03', 1200, false],
      ['2025-04', null, false],
      ['2025-05', 900, false],
    ]);
  });

  it('still treats daily rows that happen to start on the 1st as days', () => {
    const text = 'date,visits\n2025-01-01,10\n2025-01-02,10\n2025-01-03,10\n';
    const series = parseTraffic(text, 'daily.csv');
    expect(series.months).toEqual([{ month: '2025-01', visits: 30, partial: true }]);
  });
});
