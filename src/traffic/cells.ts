/** Shared pieces of the traffic importers: the error type and cell parsers. */

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
  line?: number;
}

export function at(sourceName: string, line?: number): string {
  return line === undefined ? sourceName : `${sourceName} line ${line}`;
}

/** Returns 'YYYY-MM' or 'YYYY-MM-DD'; throws on anything else or an impossible date. */
export function parseDateCell(raw: string, sourceName: string, line?: number): string {
  const s = raw.trim();
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  const month = m ? Number(m[2]) : 0;
  const day = m?.[3] === undefined ? 1 : Number(m[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(m[1]), month)) {
    throw new TrafficImportError(
      `${at(sourceName, line)}: cannot read the date "${raw}". Use YYYY-MM (monthly) or YYYY-MM-DD (daily/weekly).`,
      line,
    );
  }
  return s;
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

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
