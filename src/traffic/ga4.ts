import { parse } from 'csv-parse/sync';
import { parseVisitsCell, TrafficImportError, ymdToIso, type RawRow } from './cells.js';

/** GA4 "Download file" CSVs start with a `#` comment block (title, account, property, start/end dates). */
export function looksLikeGa4(text: string): boolean {
  return /^#/.test(text.trimStart()) && /^\s*(nth day|date)\s*,/im.test(text);
}

/** Metrics in order of preference for "visits"; Sessions is GA4's closest equivalent of a visit. */
const METRIC_PREFERENCE = ['sessions', 'views', 'active users', 'total users', 'new users'];
const DAY_MS = 86_400_000;

/**
 * Reads the first daily table (`Nth day,<metric>` or `Date,<metric>`) of a GA4 export. A "Reports snapshot"
 * holds several tables one after another; a totals row (empty or "Total" first cell) is tolerated.
 */
export function parseGa4Csv(text: string, sourceName: string, warnings: string[]): RawRow[] {
  const start = /^#\s*Start date:\s*(\d{8})/m.exec(text)?.[1];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { info: true, comment: '#', relax_column_count: true, skip_empty_lines: true, trim: true }) as never;
  } catch (err) {
    throw new TrafficImportError(`${sourceName}: not a readable GA4 CSV (${(err as Error).message}).`);
  }
  const headerAt = records.findIndex((r) => /^(nth day|date)$/i.test(r.record[0] ?? ''));
  const head = records[headerAt];
  if (!head) throw new TrafficImportError(`${sourceName}: GA4 file without a "Nth day" or "Date" table.`);
  const header = head.record.map((h) => h.toLowerCase());
  const byDay = header[0] === 'nth day';
  if (byDay && !start) {
    throw new TrafficImportError(
      `${sourceName}: "Nth day" rows need the "# Start date: YYYYMMDD" comment line; export again without editing the header block.`,
      head.info.lines,
    );
  }
  const metricName = METRIC_PREFERENCE.find((m) => header.includes(m)) ?? header[1];
  const metricIdx = metricName === undefined ? -1 : header.indexOf(metricName);
  if (metricIdx < 1) {
    throw new TrafficImportError(`${sourceName} line ${head.info.lines}: GA4 table has no metric column.`, head.info.lines);
  }
  const label = head.record[metricIdx]!;
  if (!['sessions', 'views'].includes(metricName!)) {
    warnings.push(`${sourceName}: no Sessions column; using "${label}" as visits. Monthly figures are sums of daily values, not unique users per month.`);
  } else if (metricName !== 'sessions') warnings.push(`${sourceName}: using "${label}" as visits.`);
  const rows: RawRow[] = [];
  for (const { record, info } of records.slice(headerAt + 1)) {
    const first = record[0] ?? '';
    if (first === '' || /^(grand )?totals?$/i.test(first)) continue;
    if (!/^\d+$/.test(first)) break; // the next table's header
    let date: string | null;
    if (byDay) {
      const base = Date.parse(`${ymdToIso(start!)}T00:00:00Z`);
      date = Number.isNaN(base) ? null : new Date(base + Number(first) * DAY_MS).toISOString().slice(0, 10);
    } else date = ymdToIso(first);
    if (!date) {
      throw new TrafficImportError(`${sourceName} line ${info.lines}: cannot read the GA4 date "${first}" (expected YYYYMMDD or a day offset).`, info.lines);
    }
    rows.push({ date, visits: parseVisitsCell(record[metricIdx] ?? '', sourceName, info.lines), line: info.lines });
  }
  return rows;
}
