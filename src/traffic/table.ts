/** A header row plus data rows → dated rows: the step every CSV-shaped importer shares. */
import { parse } from 'csv-parse/sync';
import { parseDateCell, parseMetricCell, parseVisitsCell, parseYearMonthCells, TrafficImportError, type CellKind, type RawRow } from './cells.js';
import type { ExtraMetric, MonthMetrics } from './types.js';

export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** csv-parse with line numbers; `#` lines are comments only when asked (GA4/UA header blocks). */
export function csvRecords(text: string, sourceName: string, opts: { comments?: boolean } = {}): CsvRecord[] {
  try {
    return parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      ...(opts.comments ? { comment: '#', comment_no_infix: true } : {}),
    }) as never;
  } catch (err) {
    throw new TrafficImportError(`${sourceName}: not a readable CSV file (${(err as Error).message}).`);
  }
}

/** A CSV export's records and its header record (the first); an empty file is an error, `hint` says what to export. */
export function csvTable(text: string, sourceName: string, hint = ''): { records: CsvRecord[]; head: CsvRecord } {
  const records = csvRecords(text, sourceName);
  const head = records[0];
  if (!head) throw new TrafficImportError(`${sourceName}: the file is empty.${hint ? ` ${hint}` : ''}`);
  return { records, head };
}

export interface MetricColumn {
  metric: ExtraMetric;
  idx: number;
  kind: CellKind;
  /** The header as written, for messages. */
  header: string;
}

export interface ColumnPlan {
  /** The date column; with `year` set, the month column beside it. */
  date: number;
  /** The year column, when the date is kept in two columns (year, month). */
  year?: number;
  visits: number;
  metrics: MetricColumn[];
}

export interface TableRow {
  cells: string[];
  /** The file (or "file item N" for JSON) named in messages. */
  src: string;
  line?: number;
}

export interface ReadOptions {
  parseDate?: (raw: string, src: string, line?: number) => string;
  /** An empty visits cell is an error by default; Matomo writes periods without archived data that way. */
  onEmptyVisits?: 'error' | 'skip';
  /** Receives the lines left out by `onEmptyVisits: 'skip'`. */
  skipped?: Array<number | undefined>;
}

/** Index of the first header equal (case-insensitive, trimmed) to one of `names`, or -1. */
export function findColumn(header: string[], names: readonly string[]): number {
  const lower = names.map((n) => n.toLowerCase());
  return header.findIndex((h) => lower.includes(h.trim().toLowerCase()));
}

export function readRows(rows: TableRow[], plan: ColumnPlan, opts: ReadOptions = {}): RawRow[] {
  const parseDate = opts.parseDate ?? parseDateCell;
  const out: RawRow[] = [];
  for (const { cells, src, line } of rows) {
    const rawDate = cells[plan.date] ?? '';
    const rawYear = plan.year === undefined ? '' : (cells[plan.year] ?? '');
    // A totals row (empty first cell) is common in analytics exports: skip it.
    if (rawDate.trim() === '' || (plan.year !== undefined && rawYear.trim() === '')) continue;
    const rawVisits = cells[plan.visits] ?? '';
    if (rawVisits.trim() === '' && opts.onEmptyVisits === 'skip') {
      opts.skipped?.push(line);
      continue;
    }
    const date = plan.year === undefined ? parseDate(rawDate, src, line) : parseYearMonthCells(rawYear, rawDate, src, line);
    const visits = parseVisitsCell(rawVisits, src, line);
    const metrics: MonthMetrics = {};
    for (const m of plan.metrics) {
      const v = parseMetricCell(cells[m.idx] ?? '', m.kind, m.header, src, line);
      if (v === undefined) continue;
      // Rates and averages become totals so months can be summed and the rate rebuilt honestly.
      const total = m.kind === 'count' ? v : m.kind === 'percent' ? (visits * v) / 100 : visits * v;
      metrics[m.metric] = Math.round(total * 100) / 100;
    }
    out.push({ date, visits, ...(Object.keys(metrics).length ? { metrics } : {}), ...(line !== undefined ? { line } : {}) });
  }
  return out;
}

/** Data rows of a parsed CSV after the header at `headerAt`. */
export function tableRows(records: CsvRecord[], headerAt: number, sourceName: string): TableRow[] {
  return records.slice(headerAt + 1).map(({ record, info }) => ({ cells: record, src: sourceName, line: info.lines }));
}
