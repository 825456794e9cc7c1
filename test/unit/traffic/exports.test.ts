// The tool-specific importers, each on a sample shaped like the tool's real export (see test/fixtures/traffic/).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importTraffic, parseTraffic, TrafficImportError } from '../../../src/traffic/import.js';
import { TrafficSeriesSchema } from '../../../src/traffic/types.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/traffic/${name}`, import.meta.url));

function fails(fn: () => unknown): TrafficImportError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TrafficImportError);
    return err as TrafficImportError;
  }
  throw new Error('expected a TrafficImportError');
}

describe('Universal Analytics CSV', () => {
  it('reads M/D/YY days after the comment header, quoted thousands, stops at the totals row', async () => {
    const s = await importTraffic(fixture('ua-audience-overview.csv'));
    expect(TrafficSeriesSchema.parse(s)).toEqual(s);
    expect(s.format).toBe('ua-csv');
    // 20 March – 19 April: both months partial, and the summary table after the totals row is not read.
    expect(s.months).toEqual([
      { month: '2015-03', visits: 30309, partial: true },
      { month: '2015-04', visits: 48845, partial: true },
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('skips a dimension table, tolerates comma-padded comments, and settles DD/MM/YYYY from the rows', async () => {
    // 01/03/2015 … 12/03/2015 read as M/D too; only D/M/Y keeps every row inside 20150301-20150415 and increasing.
    const s = await importTraffic(fixture('ua-channels-uk.csv'));
    expect(s.format).toBe('ua-csv');
    expect(s.months).toEqual([
      { month: '2015-03', visits: 39615, partial: false },
      { month: '2015-04', visits: 19372, partial: true },
    ]);
  });

  it('uses the header range to tell 01/02/2015 (1 Feb) from 1 Jan 2 … and says when nothing can', () => {
    const rows = 'Day Index,Sessions\n01/02/2015,5\n02/02/2015,6\n';
    const dm = parseTraffic(`# ----\n# All Web Site Data\n# 20150201-20150202\n# ----\n\n${rows}`, 'ua.csv');
    expect(dm.months).toEqual([{ month: '2015-02', visits: 11, partial: true }]);
    const e = fails(() => parseTraffic(rows, 'ua.csv'));
    expect(e.message).toMatch(/read both as M\/D\/Y and as D\/M\/Y.*# YYYYMMDD-YYYYMMDD/);
  });

  it('names the line of mixed date formats, impossible dates, negative and non-numeric sessions', () => {
    const head = '# 20150320-20150330\n\nDay Index,Sessions\n';
    expect(fails(() => parseTraffic(`${head}3/20/15,10\n21/03/2015,11\n`, 'ua.csv')).message).toMatch(/ua\.csv line 5: mixed date formats/);
    const bad = fails(() => parseTraffic(`${head}3/20/15,10\n3/41/15,11\n`, 'ua.csv'));
    expect(bad.line).toBe(5);
    expect(bad.message).toMatch(/cannot read the date "3\/41\/15".*2015-03-20 – 2015-03-30/);
    expect(fails(() => parseTraffic(`${head}3/20/15,-4\n`, 'ua.csv')).message).toMatch(/line 4: negative visits "-4"/);
    expect(fails(() => parseTraffic(`${head}3/20/15,lots\n`, 'ua.csv')).message).toMatch(/line 4: visits "lots" is not a number/);
    expect(fails(() => parseTraffic(`${head}March,10\n`, 'ua.csv')).message).toMatch(/line 4: cannot read the date "March"/);
  });

  it('refuses a rate in the Day Index table and warns when users stand in for sessions', () => {
    expect(fails(() => parseTraffic('# 20150320-20150321\n\nDay Index,Bounce Rate\n3/20/15,52.10%\n', 'ua.csv')).message).toMatch(
      /holds "Bounce Rate".*not a count of visits/,
    );
    const s = parseTraffic('# 20150320-20150321\n\nDay Index,Users\n3/20/15,"1.204"\n3/21/15,10\n', 'ua.csv');
    expect(s.months[0]!.visits).toBe(1214); // "1.204" is a German-locale thousands separator
    expect(s.warnings.join('\n')).toMatch(/using "Users" as visits.*not unique users/);
  });
});

describe('Matomo', () => {
  it('decodes UTF-16LE with a BOM, reads the multi-period VisitsSummary and leaves empty periods as gaps', async () => {
    const s = await importTraffic(fixture('matomo-visits-summary-month.csv'));
    expect(s.format).toBe('matomo-csv');
    expect(s.months).toHaveLength(24);
    expect(s.months[0]).toEqual({ month: '2023-01', visits: 8040, partial: false, metrics: { visitors: 5708, bounces: 3457, durationSec: 1374840 } });
    expect(s.months[6]).toEqual({ month: '2023-07', visits: null, partial: false });
    expect(s.warnings.join('\n')).toMatch(/no nb_visits on line 8 .*left out/);
    expect(s.warnings.join('\n')).toMatch(/No data for 2023-07/);
  });

  it('reads days and week ranges, refuses yearly periods and single-period exports', () => {
    const days = parseTraffic('date,nb_uniq_visitors,nb_visits,bounce_count\n2024-01-30,4,5,1\n2024-01-31,4,5,1\n', 'm.csv');
    // Daily unique visitors are not summed into monthly ones.
    expect(days.months).toEqual([{ month: '2024-01', visits: 10, partial: true, metrics: { bounces: 2 } }]);
    const weeks = parseTraffic('date,nb_visits\n"2024-01-01,2024-01-07",70\n"2024-01-08,2024-01-14",70\n', 'm.csv');
    expect(weeks.months).toEqual([{ month: '2024-01', visits: 140, partial: true }]);
    expect(fails(() => parseTraffic('date,nb_visits\n2023,10\n', 'm.csv')).message).toMatch(/m\.csv line 2: "2023" is a yearly period/);
    expect(fails(() => parseTraffic('nb_uniq_visitors,nb_visits\n5,6\n', 'm.csv')).message).toMatch(/single period has no "date" column/);
    expect(fails(() => parseTraffic('date,nb_visits\n2024-01,10\n2024-02-01,11\n', 'm.csv')).message).toMatch(/line 3: mixed date formats/);
  });
});

describe('Similarweb-like monthly overview (shape unconfirmed)', () => {
  it('reads it leniently, rebuilds totals from per-visit figures, and says the shape is unconfirmed', async () => {
    const s = await importTraffic(fixture('similarweb-traffic-overview.csv'));
    expect(s.format).toBe('similarweb-csv');
    expect(s.months).toHaveLength(18);
    expect(s.months[0]).toEqual({
      month: '2023-01',
      visits: 413441,
      partial: false,
      // 2.85 pages/visit, 00:03:12 a visit, 45.30% bounces, all × visits
      metrics: { visitors: 256333, pageviews: 1178306.85, durationSec: 79380672, bounces: 187288.77 },
    });
    expect(s.warnings.join('\n')).toMatch(/Similarweb-like.*not confirmed.*modelled estimates/);
  });

  it('reads a bounce rate written as a fraction, and names duplicated months', () => {
    const text = 'Date,Visits,Unique Visitors,Bounce Rate\n2024-01,1000,700,0.5\n2024-02,1000,700,0.4\n2024-02,1100,700,0.4\n';
    const s = parseTraffic(text, 'sw.csv');
    expect(s.months[0]!.metrics).toEqual({ visitors: 700, bounces: 500 });
    expect(s.warnings.join('\n')).toMatch(/duplicated 2024-02 \(lines 4\)/);
  });
});
