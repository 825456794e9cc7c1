import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { at, daysInMonth, parseDateCell, parseVisitsCell, TrafficImportError, type RawRow } from './cells.js';
import { looksLikeGa4, parseGa4Csv } from './ga4.js';
import type { TrafficMonth, TrafficSeries } from './types.js';

export { daysInMonth, parseDateCell, parseVisitsCell, TrafficImportError, type RawRow } from './cells.js';

export interface ImportOptions {
  /** 'auto' (default), 'csv', 'json', 'ga4' or 'plausible' ('plausible' is read as generic CSV). */
  format?: string;
}

const DATE_COLUMNS = ['month', 'date'];
const VISITS_COLUMNS = ['visits'];

export async function importTraffic(filePath: string, opts: ImportOptions = {}): Promise<TrafficSeries> {
  const buf = await readFile(filePath);
  return parseTraffic(decodeText(buf), filePath, opts);
}

/** UTF-8 by default; UTF-16LE when it has a BOM (Matomo's default CSV encoding). */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  return buf.toString('utf8');
}

export function parseTraffic(text: string, sourceName: string, opts: ImportOptions = {}): TrafficSeries {
  const clean = text.replace(/^\uFEFF/, '');
  const format = opts.format && opts.format !== 'auto' ? opts.format : detectFormat(clean);
  const warnings: string[] = [];
  let rows: RawRow[];
  let label: string;
  if (format === 'json') {
    rows = parseGenericJson(clean, sourceName);
    label = 'generic-json';
  } else if (format === 'ga4') {
    rows = parseGa4Csv(clean, sourceName, warnings);
    label = 'ga4-csv';
  } else if (format === 'csv' || format === 'plausible') {
    rows = parseGenericCsv(clean, sourceName);
    label = isPlausibleHeader(clean) ? 'plausible-csv' : 'generic-csv';
  } else {
    throw new TrafficImportError(`${sourceName}: unsupported traffic format "${format}". Use "csv", "json", "ga4" or "plausible".`);
  }
  if (rows.length === 0) {
    throw new TrafficImportError(`${sourceName}: no data rows found. Add at least one row of dates and visits.`);
  }
  const months = toMonths(rows, sourceName, warnings);
  return { source: sourceName, format: label, months: fillGaps(months, warnings), warnings };
}

export function detectFormat(text: string): 'csv' | 'json' | 'ga4' {
  const first = text.trimStart()[0];
  if (first === '[' || first === '{') return 'json';
  return looksLikeGa4(text) ? 'ga4' : 'csv';
}

/** Plausible dashboard `visitors.csv` or settings export `imported_visitors_*.csv`: read as generic CSV. */
export function isPlausibleHeader(text: string): boolean {
  const head = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"/g, '').toLowerCase();
  return (
    head.startsWith('date,visitors,pageviews,visits,views_per_visit,bounce_rate,visit_duration') ||
    head === 'date,visitors,pageviews,bounces,visits,visit_duration'
  );
}

const PLAUSIBLE_GOAL_HEADER = /^"?date"?,"?unique_conversions"?/i;

export function parseGenericCsv(text: string, sourceName: string): RawRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as never;
  } catch (err) {
    throw new TrafficImportError(`${sourceName}: not a readable CSV file (${(err as Error).message}).`);
  }
  const head = records[0];
  if (!head) throw new TrafficImportError(`${sourceName}: the file is empty. Export a CSV with a date and a visits column.`);
  const header = head.record.map((h) => h.toLowerCase());
  const dateIdx = header.findIndex((h) => DATE_COLUMNS.includes(h));
  const visitsIdx = header.findIndex((h) => VISITS_COLUMNS.includes(h));
  const found = head.record.map((h) => `"${h}"`).join(', ');
  if (PLAUSIBLE_GOAL_HEADER.test(text)) {
    throw new TrafficImportError(
      `${sourceName} line ${head.info.lines}: this is a Plausible goal-conversion export (unique_conversions, total_conversions), not traffic. Export visitors.csv without a goal filter.`,
      head.info.lines,
    );
  }
  if (visitsIdx < 0 && dateIdx < 0) {
    throw new TrafficImportError(
      `${sourceName} line ${head.info.lines}: unknown traffic format; found headers ${found}, expected "month,visits" or "date,visits" (optional: visitors, pageviews, bounce_rate, visit_duration).`,
      head.info.lines,
    );
  }
  if (dateIdx < 0) {
    throw new TrafficImportError(
      `${sourceName} line ${head.info.lines}: no date column; found headers ${found}. Add a "month" (YYYY-MM) or "date" (YYYY-MM-DD) column.`,
      head.info.lines,
    );
  }
  if (visitsIdx < 0) {
    throw new TrafficImportError(
      `${sourceName} line ${head.info.lines}: no visits column; found headers ${found}. Add a "visits" column.`,
      head.info.lines,
    );
  }
  const rows: RawRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const rawDate = record[dateIdx] ?? '';
    // A totals row (empty first cell) is common in analytics exports: skip it.
    if (rawDate === '') continue;
    rows.push({
      date: parseDateCell(rawDate, sourceName, info.lines),
      visits: parseVisitsCell(record[visitsIdx] ?? '', sourceName, info.lines),
      line: info.lines,
    });
  }
  checkSameDateKind(rows, sourceName);
  return rows;
}

export function parseGenericJson(text: string, sourceName: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new TrafficImportError(`${sourceName}: not valid JSON (${(err as Error).message}).`);
  }
  if (!Array.isArray(data)) {
    throw new TrafficImportError(`${sourceName}: expected a JSON array of {"date" or "month", "visits"} objects.`);
  }
  const rows = data.map((item: unknown, i): RawRow => {
    const where = `${sourceName} item ${i + 1}`;
    if (typeof item !== 'object' || item === null) {
      throw new TrafficImportError(`${where}: expected an object like {"month": "2025-01", "visits": 1200}.`);
    }
    const obj = Object.fromEntries(Object.entries(item).map(([k, v]) => [k.toLowerCase(), v]));
    const rawDate = obj['date'] ?? obj['month'];
    if (rawDate === undefined) {
      throw new TrafficImportError(`${where}: no date; add a "month" (YYYY-MM) or "date" (YYYY-MM-DD) field.`);
    }
    return { date: parseDateCell(String(rawDate), where), visits: parseVisitsCell(String(obj['visits'] ?? ''), where) };
  });
  checkSameDateKind(rows, sourceName);
  return rows;
}

function checkSameDateKind(rows: RawRow[], sourceName: string): void {
  const first = rows[0];
  if (!first) return;
  const odd = rows.find((r) => r.date.length !== first.date.length);
  if (odd) {
    const kind = (d: string) => (d.length === 7 ? 'YYYY-MM' : 'YYYY-MM-DD');
    throw new TrafficImportError(
      `${at(sourceName, odd.line)}: mixed date formats ("${odd.date}" is ${kind(odd.date)} but "${first.date}" is ${kind(first.date)}). Use one format for every row.`,
      odd.line,
    );
  }
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOfDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Sorted, de-duplicated (first kept, with a warning) rows, aggregated to calendar months. */
export function toMonths(rows: RawRow[], sourceName: string, warnings: string[]): TrafficMonth[] {
  const seen = new Map<string, RawRow>();
  const dups = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.date)) dups.add(r.date);
    else seen.set(r.date, r);
  }
  if (dups.size > 0) {
    warnings.push(`${sourceName}: duplicated ${[...dups].sort().join(', ')}; kept the first row of each.`);
  }
  const unique = [...seen.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (unique[0]!.date.length === 7) {
    return unique.map((r) => ({ month: r.date, visits: r.visits, partial: false }));
  }
  // Monthly data written with full dates (every row on the 1st, rows a month apart, as many tools export
  // `2024-01-01,…`): each row is a whole month, not one day of it.
  if (isMonthlyByDate(unique)) {
    return unique.map((r) => ({ month: r.date.slice(0, 7), visits: r.visits, partial: false }));
  }
  return aggregateDays(unique);
}

/**
 * Daily or weekly rows → months. Each row is taken to cover `step` days from its date (step = the usual spacing
 * between rows: 1 for daily, 7 for weekly), its visits spread evenly over those days, so a week that straddles
 * two months is split between them. A month whose days are not all covered is `partial`.
 */
export function aggregateDays(rows: RawRow[]): TrafficMonth[] {
  const days = rows.map((r) => dayNumber(r.date));
  const step = rowStep(days);
  const visits = new Map<string, number>();
  const covered = new Map<string, number>();
  rows.forEach((r, i) => {
    const start = days[i]!;
    const next = days[i + 1];
    // Never spread a row over the next row's days (keeps irregular spacing honest).
    const span = next === undefined ? step : Math.min(step, next - start);
    for (let d = start; d < start + span; d++) {
      const m = isoOfDay(d).slice(0, 7);
      visits.set(m, (visits.get(m) ?? 0) + r.visits / span);
      covered.set(m, (covered.get(m) ?? 0) + 1);
    }
  });
  return [...visits.keys()].sort().map((m) => {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    return {
      month: m,
      visits: Math.round(visits.get(m)! * 100) / 100,
      partial: (covered.get(m) ?? 0) < daysInMonth(y, mo),
    };
  });
}

/** Every date is the 1st of a month and consecutive rows are 28–31 days apart (gaps of whole months allowed). */
export function isMonthlyByDate(rows: RawRow[]): boolean {
  if (rows.length < 2 || !rows.every((r) => r.date.endsWith('-01'))) return false;
  const days = rows.map((r) => dayNumber(r.date));
  return days.slice(1).every((d, i) => d - days[i]! >= 28);
}

function rowStep(days: number[]): number {
  const diffs = days.slice(1).map((d, i) => d - days[i]!).sort((a, b) => a - b);
  const median = diffs[Math.floor(diffs.length / 2)];
  return median === 7 ? 7 : 1;
}

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** Inserts `visits: null` for months missing between the first and the last, with a warning listing them. */
export function fillGaps(months: TrafficMonth[], warnings: string[]): TrafficMonth[] {
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return months;
  const out: TrafficMonth[] = [];
  const missing: string[] = [];
  for (let m = first.month; m <= last.month; m = nextMonth(m)) {
    const found = byMonth.get(m);
    if (found) out.push(found);
    else {
      missing.push(m);
      out.push({ month: m, visits: null, partial: false });
    }
  }
  if (missing.length > 0) warnings.push(`No data for ${missing.join(', ')}: shown as gaps, not zeros.`);
  return out;
}
