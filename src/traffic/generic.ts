/** The generic importer: `month|date,visits` CSV or JSON, or any table through `traffic.columns`. */
import { TrafficImportError, type RawRow } from './cells.js';
import { checkSameDateKind } from './months.js';
import { csvTable, findColumn, readRows, tableRows, type ColumnPlan, type MetricColumn, type TableRow } from './table.js';
import { TRAFFIC_FORMATS, type TrafficColumns } from './types.js';

const DATE_COLUMNS = ['month', 'date'];
const VISITS_COLUMNS = ['visits'];
/** Optional columns the generic shape reads by name. */
const GENERIC_METRICS: Array<Omit<MetricColumn, 'idx' | 'header'> & { name: string }> = [
  { name: 'visitors', metric: 'visitors', kind: 'count' },
  { name: 'pageviews', metric: 'pageviews', kind: 'count' },
  { name: 'bounce_rate', metric: 'bounces', kind: 'percent' },
  { name: 'visit_duration', metric: 'durationSec', kind: 'avgDuration' },
];

export const KNOWN_FORMATS_HINT =
  `Known formats: ${TRAFFIC_FORMATS.filter((f) => f !== 'auto').join(', ')}. For another tool's export, name its ` +
  'columns in the audit file: traffic: { file: ..., columns: { date: "<date header>", visits: "<visits header>" } }.';

const quoteAll = (header: string[]): string => header.map((h) => `"${h}"`).join(', ');

/** Columns by the generic names, or by the audit file's `traffic.columns`. */
export function genericPlan(header: string[], sourceName: string, line: number | undefined, columns?: TrafficColumns): ColumnPlan {
  const where = line === undefined ? sourceName : `${sourceName} line ${line}`;
  const found = quoteAll(header);
  if (columns) {
    const need = (field: keyof TrafficColumns): number => {
      const name = columns[field]!;
      const idx = findColumn(header, [name]);
      if (idx < 0) {
        throw new TrafficImportError(`traffic.columns.${field}: ${where} has no column "${name}"; found headers ${found}.`, line);
      }
      return idx;
    };
    const metrics: MetricColumn[] = [];
    for (const field of ['visitors', 'pageviews'] as const) {
      if (columns[field]) metrics.push({ metric: field, idx: need(field), kind: 'count', header: columns[field] });
    }
    const dates = columns.date ? { date: need('date') } : { date: need('month'), year: need('year') };
    return { ...dates, visits: need('visits'), metrics };
  }
  const metrics = GENERIC_METRICS.flatMap((m) => {
    const idx = findColumn(header, [m.name]);
    return idx < 0 ? [] : [{ metric: m.metric, kind: m.kind, idx, header: header[idx]! }];
  });
  // Separate `year` and `month` columns (a spreadsheet's layout) make one date.
  const yearCol = findColumn(header, ['year']);
  const monthCol = findColumn(header, ['month']);
  if (yearCol >= 0 && monthCol >= 0 && findColumn(header, ['date']) < 0) {
    const visitsCol = findColumn(header, VISITS_COLUMNS);
    if (visitsCol < 0) {
      throw new TrafficImportError(`${where}: no visits column; found headers ${found}. Add a "visits" column, or name it with traffic.columns.visits.`, line);
    }
    return { date: monthCol, year: yearCol, visits: visitsCol, metrics };
  }
  const date = findColumn(header, DATE_COLUMNS);
  const visits = findColumn(header, VISITS_COLUMNS);
  if (visits < 0 && date < 0) {
    throw new TrafficImportError(
      `${where}: unknown traffic format; found headers ${found}, expected "month,visits" or "date,visits" (optional: visitors, pageviews, bounce_rate, visit_duration). ${KNOWN_FORMATS_HINT}`,
      line,
    );
  }
  if (date < 0) {
    throw new TrafficImportError(
      `${where}: no date column; found headers ${found}. Add a "month" (YYYY-MM) or "date" (YYYY-MM-DD) column, or "year" and "month" columns, or name it with traffic.columns.date.`,
      line,
    );
  }
  if (visits < 0) {
    throw new TrafficImportError(`${where}: no visits column; found headers ${found}. Add a "visits" column, or name it with traffic.columns.visits.`, line);
  }
  return { date, visits, metrics };
}

export function parseGenericCsv(text: string, sourceName: string, columns?: TrafficColumns): RawRow[] {
  const { records, head } = csvTable(text, sourceName, 'Export a CSV with a date and a visits column.');
  const plan = genericPlan(head.record, sourceName, head.info.lines, columns);
  const rows = readRows(tableRows(records, 0, sourceName), plan);
  checkSameDateKind(rows, sourceName);
  return rows;
}

export function parseGenericJson(text: string, sourceName: string, columns?: TrafficColumns): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new TrafficImportError(`${sourceName}: not valid JSON (${(err as Error).message}).`);
  }
  if (!Array.isArray(data)) {
    throw new TrafficImportError(`${sourceName}: expected a JSON array of {"date" or "month", "visits"} objects.`);
  }
  // Objects → a table whose header is every key seen (in lower case: items may differ in case), so JSON goes
  // through the same column rules as CSV.
  const header: string[] = [];
  const objects = data.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new TrafficImportError(`${sourceName} item ${i + 1}: expected an object like {"month": "2025-01", "visits": 1200}.`);
    }
    const obj = Object.fromEntries(Object.entries(item).map(([k, v]) => [k.toLowerCase(), v as unknown]));
    for (const k of Object.keys(obj)) if (!header.includes(k)) header.push(k);
    return obj;
  });
  if (objects.length === 0) return [];
  const plan = genericPlan(header, sourceName, undefined, columns);
  const dateKey = header[plan.date]!;
  const rows: TableRow[] = objects.map((obj, i) => {
    const src = `${sourceName} item ${i + 1}`;
    if (obj[dateKey] === undefined || obj[dateKey] === null || obj[dateKey] === '') {
      throw new TrafficImportError(`${src}: no date; add a "${dateKey}" field (YYYY-MM or YYYY-MM-DD).`);
    }
    return { cells: header.map((k) => (obj[k] === undefined || obj[k] === null ? '' : String(obj[k]))), src };
  });
  const out = readRows(rows, plan);
  checkSameDateKind(out, sourceName);
  return out;
}
