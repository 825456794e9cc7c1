/** Traffic import: read the file, pick the format (from `traffic.format` or the header), normalise to months. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { TrafficImportError, type ParsedRows } from './cells.js';
import { looksLikeGa4, parseGa4Csv } from './ga4.js';
import { looksLikeGoogleTrends, parseGoogleTrendsCsv } from './google-trends.js';
import { KNOWN_FORMATS_HINT, parseGenericCsv, parseGenericJson } from './generic.js';
import { looksLikeGsc, parseGscCsv } from './gsc.js';
import { looksLikeMatomo, parseMatomoCsv } from './matomo.js';
import { fillGaps, toMonths, type Coverage } from './months.js';
import { parsePlausibleCsv, plausibleKind } from './plausible.js';
import { looksLikeSimilarweb, parseSimilarwebCsv } from './similarweb.js';
import { TRAFFIC_FORMATS, type TrafficColumns, type TrafficFormat, type TrafficSeries } from './types.js';
import { looksLikeUa, parseUaCsv } from './ua.js';
import { isZip, readZip } from './zip.js';

export { daysInMonth, parseDateCell, parseVisitsCell, TrafficImportError, type RawRow } from './cells.js';
export { parseGenericCsv, parseGenericJson } from './generic.js';
export { aggregateDays, fillGaps, isMonthlyByDate, toMonths } from './months.js';

export interface ImportOptions {
  /** One of TRAFFIC_FORMATS; 'auto' (the default) detects the format from the file. */
  format?: string;
  /** Header names of the date and visits columns (and optional visitors, pageviews) for the generic importer. */
  columns?: TrafficColumns;
  /** The search term of a Google Trends export with several (`traffic.column`). */
  column?: string;
}

type Concrete = Exclude<TrafficFormat, 'auto'>;

export async function importTraffic(filePath: string, opts: ImportOptions = {}): Promise<TrafficSeries> {
  const buf = await readFile(filePath);
  if (isZip(buf)) return parseTrafficZip(buf, filePath, opts);
  return parseTraffic(decodeText(buf), filePath, opts);
}

/** UTF-8 by default; UTF-16LE when it has a BOM (Matomo's default CSV encoding). */
export function decodeText(buf: Uint8Array): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(Buffer.from(buf.subarray(2)), 'utf16le');
  return Buffer.from(buf).toString('utf8');
}

/**
 * @param fileName the file's own name when `sourceName` is not it (a zip entry), for formats whose names carry
 *   a date range.
 * @param coverage the dates the export covers, when the container says so (a Plausible zip's name).
 */
export function parseTraffic(text: string, sourceName: string, opts: ImportOptions = {}, fileName: string = sourceName, coverage?: Coverage): TrafficSeries {
  const clean = text.replace(/^\uFEFF/, '');
  const format = chooseFormat(clean, sourceName, opts);
  const warnings: string[] = [];
  if (opts.column && format !== 'google-trends') {
    throw new TrafficImportError(
      `${sourceName}: traffic.column names a search term of a Google Trends export, and this file is read as ${format}. Leave it out, or point traffic.file at a multiTimeline.csv.`,
    );
  }
  const parsed = parseAs(format, clean, sourceName, warnings, opts, fileName, coverage);
  return finish(parsed, sourceName, warnings);
}

function chooseFormat(text: string, sourceName: string, opts: ImportOptions): Concrete {
  const asked = opts.format ?? 'auto';
  if (!(TRAFFIC_FORMATS as readonly string[]).includes(asked)) {
    throw new TrafficImportError(`${sourceName}: unknown traffic format "${asked}". ${KNOWN_FORMATS_HINT}`);
  }
  if (opts.columns && !['auto', 'csv', 'json'].includes(asked)) {
    throw new TrafficImportError(`${sourceName}: traffic.columns applies to the generic importer; set traffic.format to "csv" or "json", or leave it out.`);
  }
  if (asked !== 'auto') return asked as Concrete;
  // A column mapping means the analyst has described the table: do not second-guess it.
  if (opts.columns) return isJson(text) ? 'json' : 'csv';
  return detectFormat(text);
}

const isJson = (text: string): boolean => /^\s*[[{]/.test(text);

/** The format a text export looks like, from its first lines; generic CSV when nothing more specific fits. */
export function detectFormat(text: string): Concrete {
  if (isJson(text)) return 'json';
  // UA before GA4: both open with a `#` block, and only UA has a "Day Index" table.
  if (looksLikeUa(text)) return 'ua';
  if (looksLikeGa4(text)) return 'ga4';
  if (looksLikeGoogleTrends(text)) return 'google-trends';
  if (plausibleKind(text)) return 'plausible';
  if (looksLikeGsc(text)) return 'gsc';
  if (looksLikeMatomo(text)) return 'matomo';
  if (looksLikeSimilarweb(text)) return 'similarweb';
  return 'csv';
}

function parseAs(
  format: Concrete,
  text: string,
  sourceName: string,
  warnings: string[],
  opts: ImportOptions,
  fileName: string,
  coverage: Coverage | undefined,
): ParsedRows {
  const columns = opts.columns;
  switch (format) {
    case 'json':
      return { rows: parseGenericJson(text, sourceName, columns), label: 'generic-json' };
    case 'csv':
      return { rows: parseGenericCsv(text, sourceName, columns), label: 'generic-csv' };
    case 'ga4':
      return { rows: parseGa4Csv(text, sourceName, warnings), label: 'ga4-csv' };
    case 'ua':
      return parseUaCsv(text, sourceName, warnings);
    case 'plausible':
      return parsePlausibleCsv(text, sourceName, fileName, coverage);
    case 'gsc':
      return parseGscCsv(text, sourceName);
    case 'matomo':
      return parseMatomoCsv(text, sourceName, warnings);
    case 'similarweb':
      return parseSimilarwebCsv(text, sourceName, warnings);
    case 'google-trends':
      return parseGoogleTrendsCsv(text, sourceName, opts.column, warnings);
  }
}

function finish(parsed: ParsedRows, sourceName: string, warnings: string[]): TrafficSeries {
  if (parsed.rows.length === 0) {
    throw new TrafficImportError(`${sourceName}: no data rows found. Add at least one row of dates and visits.`);
  }
  const months = toMonths(parsed.rows, sourceName, warnings, parsed.coverage, parsed.aggregate);
  return {
    source: sourceName,
    format: parsed.label,
    metric: parsed.metric ?? 'visits',
    months: fillGaps(months),
    warnings,
    ...(parsed.trends ? { trends: parsed.trends } : {}),
  };
}

const PLAUSIBLE_ENTRY = /^(visitors\.csv|imported_visitors_\d{8}_\d{8}\.csv)$/i;
const GSC_ENTRY = /^dates\.csv$/i;

/** `Plausible export example.com 2024-01-01  to 2024-12-31 .zip` → the range it covers. */
function plausibleZipRange(zipPath: string): Coverage | undefined {
  const m = /(\d{4}-\d{2}-\d{2})\s+to\s+(\d{4}-\d{2}-\d{2})/.exec(path.basename(zipPath));
  return m && m[1]! <= m[2]! ? { from: m[1]!, to: m[2]! } : undefined;
}

/** A Plausible dashboard/settings export zip or a Search Console export zip: read the one traffic table in it. */
export function parseTrafficZip(buf: Uint8Array, sourceName: string, opts: ImportOptions = {}): TrafficSeries {
  const asked = opts.format ?? 'auto';
  if (opts.columns) {
    throw new TrafficImportError(`${sourceName}: traffic.columns applies to a CSV or JSON file, not a zip; unzip it and point traffic.file at the CSV inside.`);
  }
  if (!['auto', 'plausible', 'gsc'].includes(asked)) {
    throw new TrafficImportError(
      `${sourceName}: this is a zip file, and only Plausible and Search Console exports come zipped; unzip it and point traffic.file at the CSV inside.`,
    );
  }
  const want = (base: string): boolean => (asked !== 'gsc' && PLAUSIBLE_ENTRY.test(base)) || (asked !== 'plausible' && GSC_ENTRY.test(base));
  const { names, entries } = readZip(buf, sourceName, want);
  const inner = (e: { name: string }): string => `${sourceName} (${e.name})`;
  const named = (re: RegExp) => entries.filter((e) => re.test(path.posix.basename(e.name)));
  const dashboard = named(/^visitors\.csv$/i)[0];
  if (dashboard) {
    const s = parseTraffic(decodeText(dashboard.data), inner(dashboard), { format: 'plausible' }, dashboard.name, plausibleZipRange(sourceName));
    return { ...s, format: 'plausible-zip' };
  }
  const imported = named(/^imported_visitors_/i);
  if (imported.length > 0) {
    // A settings export can hold several imported_visitors tables (one per imported range): read them all.
    const parts = imported.map((e) => parsePlausibleCsv(decodeText(e.data).replace(/^\uFEFF/, ''), inner(e), e.name));
    const ranges = parts.flatMap((p) => (p.coverage ? [p.coverage] : []));
    // Partial-month flags need every table's range; the span runs from the earliest start to the latest end.
    const starts = ranges.map((r) => r.from).sort();
    const ends = ranges.map((r) => r.to).sort();
    const coverage = ranges.length === parts.length ? { from: starts[0]!, to: ends[ends.length - 1]! } : undefined;
    return finish({ rows: parts.flatMap((p) => p.rows), label: 'plausible-imported-zip', ...(coverage ? { coverage } : {}) }, sourceName, []);
  }
  const dates = named(GSC_ENTRY)[0];
  if (dates) {
    const s = parseTraffic(decodeText(dates.data), inner(dates), { format: 'gsc' });
    return { ...s, format: 'gsc-zip' };
  }
  const expected =
    asked === 'gsc'
      ? 'Dates.csv (Search Console)'
      : asked === 'plausible'
        ? 'visitors.csv (Plausible)'
        : 'visitors.csv (Plausible) or Dates.csv (Search Console)';
  throw new TrafficImportError(
    `${sourceName}: the zip has no ${expected}; it holds ${names.length ? names.join(', ') : 'no files'}. Point traffic.file at the CSV with the daily traffic instead.`,
  );
}
