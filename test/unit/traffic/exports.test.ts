// The tool-specific importers, each on a sample shaped like the tool's real export (see test/fixtures/traffic/).
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importTraffic, parseTraffic, parseTrafficZip } from '../../../src/traffic/import.js';
import { analyseTraffic } from '../../../src/traffic/trend.js';
import { TrafficSeriesSchema } from '../../../src/traffic/types.js';
import { fails, fixture } from './helpers.js';

const PLAUSIBLE_ZIP = 'Plausible export community.example.com 2024-01-01  to 2024-12-18 .zip';
const GSC_ZIP = 'https___community.example.com_-Performance-on-Search-2026-07-04.zip';

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

describe('Plausible zip and settings export', () => {
  it('reads visitors.csv from the dashboard zip; the range in the zip name marks December partial', async () => {
    const s = await importTraffic(fixture(PLAUSIBLE_ZIP));
    expect(s.format).toBe('plausible-zip');
    expect(s.source).toMatch(/\.zip \(visitors\.csv\)$/);
    expect(s.months).toHaveLength(12);
    // Monthly-interval rows keep monthly unique visitors; bounce_rate % and average duration become totals.
    expect(s.months[0]).toEqual({
      month: '2024-01',
      visits: 4350,
      partial: false,
      metrics: { visitors: 3480, pageviews: 10440, bounces: 2305.5, durationSec: 787350 },
    });
    expect(s.months.map((m) => m.partial)).toEqual([...Array(11).fill(false), true]);
  });

  it('reads imported_visitors: bounces and visit_duration as totals, missing days inside the named range as quiet days', async () => {
    const s = await importTraffic(fixture('imported_visitors_20240101_20240229.csv'));
    expect(s.format).toBe('plausible-imported-csv');
    // 7, 14 and 21 of each month have no row: without the file name's range both months would look partial.
    expect(s.months).toEqual([
      { month: '2024-01', visits: 1131, partial: false, metrics: { pageviews: 3393, bounces: 369, durationSec: 107871 } },
      { month: '2024-02', visits: 1079, partial: false, metrics: { pageviews: 3237, bounces: 350, durationSec: 103678 } },
    ]);
  });

  it('reads imported_visitors tables from a settings-export zip', () => {
    const csv = '"date","visitors","pageviews","bounces","visits","visit_duration"\n"2024-03-01",5,9,2,6,300\n"2024-03-31",5,9,2,6,300\n';
    const zip = zipSync({ 'imported_visitors_20240301_20240331.csv': strToU8(csv), 'imported_pages_20240301_20240331.csv': strToU8('"date"\n') });
    const s = parseTrafficZip(zip, 'export.zip');
    expect(s.format).toBe('plausible-imported-zip');
    expect(s.months).toEqual([{ month: '2024-03', visits: 12, partial: false, metrics: { pageviews: 18, bounces: 4, durationSec: 600 } }]);
  });

  it('refuses a goal-filtered dashboard zip as not traffic', () => {
    const zip = zipSync({ 'visitors.csv': strToU8('date,unique_conversions,total_conversions,conversion_rate\n2025-01-01,3,4,1.2\n') });
    expect(fails(() => parseTrafficZip(zip, 'goal.zip')).message).toMatch(/goal\.zip \(visitors\.csv\) line 1: .*goal-conversion export.*not traffic/);
  });

  it('names what a zip holds when it has no traffic table, and refuses zips for other formats', () => {
    const zip = zipSync({ 'pages.csv': strToU8('name,visitors\n/,1\n'), 'sources.csv': strToU8('name,visitors\n') });
    expect(fails(() => parseTrafficZip(zip, 'x.zip')).message).toMatch(
      /no visitors\.csv \(Plausible\) or Dates\.csv \(Search Console\); it holds pages\.csv, sources\.csv/,
    );
    expect(fails(() => parseTrafficZip(zip, 'x.zip', { format: 'ua' })).message).toMatch(/only Plausible and Search Console exports come zipped/);
    expect(fails(() => parseTrafficZip(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'broken.zip')).message).toMatch(/not a readable zip/);
  });

  it('does not inflate an entry larger than a traffic table can be', () => {
    const zip = zipSync({ 'visitors.csv': new Uint8Array(65 * 1024 * 1024) }, { level: 1 });
    expect(fails(() => parseTrafficZip(zip, 'bomb.zip')).message).toMatch(/visitors\.csv unpacks to \d+ bytes.*not read/);
  });
});

describe('Google Search Console', () => {
  it('reads Dates.csv (newest first) as search clicks with impressions, never as visits', async () => {
    const s = await importTraffic(fixture('gsc-Dates.csv'));
    expect(s.format).toBe('gsc-csv');
    expect(s.metric).toBe('clicks');
    expect(s.months).toEqual([
      { month: '2026-04', visits: 791, partial: true, metrics: { impressions: 34318 } },
      { month: '2026-05', visits: 867, partial: false, metrics: { impressions: 36423 } },
      { month: '2026-06', visits: 834, partial: false, metrics: { impressions: 36855 } },
      { month: '2026-07', visits: 54, partial: true, metrics: { impressions: 2249 } },
    ]);
  });

  it('reads Dates.csv from the Performance export zip', async () => {
    const s = await importTraffic(fixture(GSC_ZIP));
    expect(s.format).toBe('gsc-zip');
    expect(s.metric).toBe('clicks');
    expect(s.months.map((m) => m.visits)).toEqual([791, 867, 834, 54]);
  });

  it('words the trend as search clicks', () => {
    const months = Array.from({ length: 30 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const text = 'Date,Clicks,Impressions,CTR,Position\n' + months.map((m, i) => `${m}-01,${1000 + 40 * i},${50000 + i},2%,8`).join('\n');
    const r = analyseTraffic(parseTraffic(text, 'Dates.csv'));
    expect(r.metric).toBe('clicks');
    expect(r.trend.direction).toBe('rising');
  });

  it('names the line of a bad click count', () => {
    const e = fails(() => parseTraffic('Date,Clicks,Impressions,CTR,Position\n2026-07-02,25,1200,2.08%,9\n2026-07-01,-3,1200,0%,9\n', 'Dates.csv'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/negative visits "-3"/);
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
    expect(analyseTraffic(s).trend.dataWarnings).toContainEqual(expect.objectContaining({ code: 'gaps', months: expect.arrayContaining(['2023-07']) }));
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
