/**
 * Google Trends "Interest over time" export (`multiTimeline.csv`). Confirmed shape:
 *
 *   Category: All categories            (localised: "Categoria: Tutte le categorie", "Kategorie: Alle Kategorien")
 *                                        (a blank line)
 *   Week,megamart: (Worldwide),"brightside ""cycles"": (Worldwide)"   (first header Week | Month | Day, localised)
 *   2021-01-03,45,<1
 *
 * One column per search term, written `term: (Geo)` and quoted when it holds quotes or commas. Values are 0–100
 * on one scale shared by every term of the file (100 = the highest point of any of them); `<1` means above zero
 * and below one. The series is relative search interest, never visits: metric 'interest'.
 */
import { createHash } from 'node:crypto';
import { at, parseDateCell, TrafficImportError, type ParsedRows, type RawRow } from './cells.js';
import { checkSameDateKind } from './months.js';
import { csvRecords, type CsvRecord } from './table.js';

/** `term: (Geo)`: the term may itself hold colons; the geo is the last bracketed part. */
const TERM_HEADER = /^(.+): \((.+)\)$/;
/** Stand-in for `<1` (above zero, below one): the middle of that range. */
export const BELOW_ONE = 0.5;

export interface TrendsTerm {
  /** The search term as written in the header, e.g. "megamart". */
  term: string;
  /** The region, as Google wrote it in the export's language, e.g. "Worldwide", "Tutto il mondo". */
  geo: string;
  /** Column index in the table. */
  idx: number;
}

export interface TrendsTable {
  terms: TrendsTerm[];
  /** Week | Month | Day (or their translation), as written. */
  period: string;
  records: CsvRecord[];
  headerAt: number;
}

function headerIndex(records: CsvRecord[]): number {
  // The header is within the first few records: after the category line (one cell) and the blank line.
  for (let i = 0; i < Math.min(records.length, 4); i++) {
    const cells = records[i]!.record;
    if (cells.length >= 2 && cells.slice(1).every((c) => TERM_HEADER.test(c.trim()))) return i;
  }
  return -1;
}

/** A category line (one cell, `Label: value`) and a header of `term: (Geo)` columns. */
export function looksLikeGoogleTrends(text: string): boolean {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 3);
  if (lines.length < 2 || !/^[^,]+:\s*.+$/.test(lines[0]!.trim())) return false;
  try {
    return headerIndex(csvRecords(lines.slice(1).join('\n'), 'probe')) === 0;
  } catch {
    return false;
  }
}

export function readTrendsTable(text: string, sourceName: string): TrendsTable {
  const records = csvRecords(text, sourceName);
  const headerAt = headerIndex(records);
  if (headerAt < 0) {
    throw new TrafficImportError(
      `${sourceName}: not a Google Trends export: expected a category line, a blank line, then a header such as "Week,megamart: (Worldwide)". Export "Interest over time" from trends.google.com as CSV.`,
    );
  }
  const head = records[headerAt]!.record;
  const terms = head.slice(1).map((h, i) => {
    const m = TERM_HEADER.exec(h.trim())!;
    return { term: m[1]!.trim(), geo: m[2]!.trim(), idx: i + 1 };
  });
  return { terms, period: head[0]!.trim(), records, headerAt };
}

/** "<1" → 0.5; whole numbers 0–100 otherwise. */
function interestCell(raw: string, src: string, line?: number): number {
  const s = raw.trim();
  if (s === '<1') return BELOW_ONE;
  if (!/^\d{1,3}$/.test(s) || Number(s) > 100) {
    throw new TrafficImportError(`${at(src, line)}: "${raw}" is not a Google Trends value (0–100, or <1).`, line);
  }
  return Number(s);
}

/** The term a column name means: the term itself or its whole header, case-insensitively. */
export function findTerm(terms: TrendsTerm[], column: string): TrendsTerm | undefined {
  const want = column.trim().toLowerCase();
  return terms.find((t) => t.term.toLowerCase() === want || `${t.term}: (${t.geo})`.toLowerCase() === want);
}

const listTerms = (terms: TrendsTerm[]): string => terms.map((t) => `"${t.term}"`).join(', ');

/** One term's dated rows. Weekly and daily values are averaged into months, since they are levels, not counts. */
export function trendsRows(table: TrendsTable, term: TrendsTerm, sourceName: string): RawRow[] {
  const rows: RawRow[] = [];
  for (const { record, info } of table.records.slice(table.headerAt + 1)) {
    const rawDate = record[0] ?? '';
    if (rawDate.trim() === '') continue;
    rows.push({ date: parseDateCell(rawDate, sourceName, info.lines), visits: interestCell(record[term.idx] ?? '', sourceName, info.lines), line: info.lines });
  }
  checkSameDateKind(rows, sourceName);
  return rows;
}

/** A short fingerprint of the export: terms from one file (one fingerprint) share a scale. */
export function trendsScale(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex').slice(0, 16);
}

/**
 * The rows of the term `column` names (`traffic.column`, or the compare's --trends mapping). A file with one term
 * needs no name; with several, the name is required.
 */
export function parseGoogleTrendsCsv(text: string, sourceName: string, column: string | undefined, warnings: string[]): ParsedRows {
  const table = readTrendsTable(text, sourceName);
  let term: TrendsTerm | undefined;
  if (column) {
    term = findTerm(table.terms, column);
    if (!term) throw new TrafficImportError(`traffic.column: ${sourceName} has no search term "${column}"; its terms are ${listTerms(table.terms)}.`);
  } else if (table.terms.length === 1) term = table.terms[0]!;
  else {
    throw new TrafficImportError(
      `traffic.column: ${sourceName} holds ${table.terms.length} search terms (${listTerms(table.terms)}); name the brand's with \`column: "${table.terms[0]!.term}"\`.`,
    );
  }
  const rows = trendsRows(table, term, sourceName);
  const belowOne = rows.filter((r) => r.visits === BELOW_ONE).length;
  if (belowOne > 0)
    warnings.push(
      `${sourceName}: ${belowOne} value${belowOne === 1 ? '' : 's'} of "${term.term}" ${belowOne === 1 ? 'is' : 'are'} "<1" (above zero, below one), read as ${BELOW_ONE}.`,
    );
  return { rows, label: 'google-trends', metric: 'interest', aggregate: 'mean', trends: { term: term.term, geo: term.geo, scale: trendsScale(text) } };
}
