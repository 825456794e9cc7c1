/** Shared pieces of the traffic importers: the error type and cell parsers. */
import type { MonthMetrics, TrafficMetric } from './types.js';

/** Bad traffic input. `line` is the 1-based line in the file (CSV) when known. */
export class TrafficImportError extends Error {
  readonly line?: number;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'TrafficImportError';
    if (line !== undefined) this.line = line;
  }
}

/** One dated observation before aggregation. */
export interface RawRow {
  /** 'YYYY-MM' for monthly rows, 'YYYY-MM-DD' for daily/weekly rows. */
  date: string;
  visits: number;
  /** Extra totals of this row (see EXTRA_METRICS). */
  metrics?: MonthMetrics;
  line?: number;
}

export function at(sourceName: string, line?: number): string {
  return line === undefined ? sourceName : `${sourceName} line ${line}`;
}

/** Returns 'YYYY-MM' or 'YYYY-MM-DD'; throws on anything else or an impossible date. */
export function parseDateCell(raw: string, sourceName: string, line?: number): string {
  // Midnight timestamps ("2024-01-01 00:00:00", "2024-01-01T00:00:00.000Z", as Umami's API writes them) are dates.
  const s = raw.trim().replace(/^(\d{4}-\d{2}-\d{2})[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$/, '$1');
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  const month = m ? Number(m[2]) : 0;
  const day = m?.[3] === undefined ? 1 : Number(m[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(m[1]), month)) {
    throw new TrafficImportError(`${at(sourceName, line)}: cannot read the date "${raw}". Use YYYY-MM (monthly) or YYYY-MM-DD (daily/weekly).`, line);
  }
  return s;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Separate year and month cells → 'YYYY-MM'. The month may be a number (3, 03) or an English month name or
 * abbreviation (Mar, March, Sept).
 */
export function parseYearMonthCells(rawYear: string, rawMonth: string, sourceName: string, line?: number): string {
  const year = rawYear.trim();
  const word = rawMonth.trim().toLowerCase().replace(/\.$/, '');
  // "Mar", "March", "Sept": at least three letters of one month's name.
  const byName = word.length >= 3 ? MONTH_NAMES.findIndex((m) => m.startsWith(word)) : -1;
  const month = /^\d{1,2}$/.test(word) ? Number(word) : byName + 1;
  if (!/^\d{4}$/.test(year) || month < 1 || month > 12) {
    throw new TrafficImportError(
      `${at(sourceName, line)}: cannot read the year "${rawYear}" and month "${rawMonth}". Use a four-digit year and a month number 1–12 (or a month name such as "Mar").`,
      line,
    );
  }
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Accepts "1234", "1,234", "1 234", "1234.0"; rejects negatives and text. */
export function parseVisitsCell(raw: string, sourceName: string, line?: number): number {
  const s = raw.trim().replace(/[,\s\u00a0]/g, '');
  if (/^-\d/.test(s)) {
    throw new TrafficImportError(`${at(sourceName, line)}: negative visits "${raw}". Visits must be 0 or more.`, line);
  }
  if (!/^\d+(\.\d+)?$/.test(s)) {
    throw new TrafficImportError(
      `${at(sourceName, line)}: visits "${raw}" is not a number. Use plain numbers such as 3215 or "3,215"; leave a missing month out rather than writing text.`,
      line,
    );
  }
  return Number(s);
}

/** How a metric cell is written: a total, a percent of visits, a per-visit ratio, or an average duration. */
export type CellKind = 'count' | 'percent' | 'perVisit' | 'avgDuration';

/**
 * A metric cell (not the main series). Empty → undefined (a missing value stays missing). Percent accepts "55",
 * "45.3%"; durations accept seconds or "00:03:12". Negative or unreadable values are errors naming the line.
 */
export function parseMetricCell(raw: string, kind: CellKind, column: string, sourceName: string, line?: number): number | undefined {
  let s = raw.trim();
  if (s === '') return undefined;
  let value: number | null = null;
  if (kind === 'avgDuration' && /^\d+:\d{2}(:\d{2})?$/.test(s)) {
    value = s.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  } else {
    if (kind === 'percent') s = s.replace(/%$/, '');
    s = s.replace(/[,\s\u00a0]/g, '');
    if (/^\d+(\.\d+)?$/.test(s)) value = Number(s);
  }
  if (value === null) {
    const sign = /^-\d/.test(s) ? 'is negative' : 'is not a number';
    throw new TrafficImportError(`${at(sourceName, line)}: ${column} "${raw}" ${sign}.`, line);
  }
  return value;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** What a format-specific parser hands to the shared month aggregation. */
export interface ParsedRows {
  rows: RawRow[];
  /** The `format` label of the series, e.g. 'ua-csv'. */
  label: string;
  metric?: TrafficMetric;
  /** The dates the export says it covers, when it says so (header or file name). */
  coverage?: { from: string; to: string };
  /** How daily and weekly rows make a month: summed (counts, the default) or averaged (levels such as search interest). */
  aggregate?: 'sum' | 'mean';
  /** A Google Trends term: which one, and the scale it shares with the other terms of its file. */
  trends?: TrendsSource;
}

export interface TrendsSource {
  term: string;
  geo: string;
  scale: string;
}

/** 'YYYYMMDD' → 'YYYY-MM-DD' when it is a real date, else null. */
export function ymdToIso(ymd: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(ymd);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === iso ? iso : null;
}
