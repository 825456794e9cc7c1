/**
 * A Similarweb-like monthly traffic overview: `Date,Visits,Unique Visitors,Pages / Visit,Avg. Visit Duration,
 * Bounce Rate` with YYYY-MM (or YYYY-MM-01) dates. No public sample of the real export was found, so the shape
 * is detected leniently and the series carries a warning; anything else goes through `traffic.columns`.
 */
import { TrafficImportError, type ParsedRows } from './cells.js';
import { checkSameDateKind } from './months.js';
import { csvTable, findColumn, readRows, tableRows, type MetricColumn } from './table.js';

const VISITORS = ['unique visitors', 'unique visits', 'unique visitors (monthly)'];
const PAGES_PER_VISIT = ['pages / visit', 'pages/visit', 'pages per visit'];
const DURATION = ['avg. visit duration', 'avg visit duration', 'average visit duration'];
const BOUNCE = ['bounce rate'];

function headerCells(text: string): string[] {
  return (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((h) => h.replace(/"/g, '').trim());
}

export function looksLikeSimilarweb(text: string): boolean {
  const header = headerCells(text);
  if (findColumn(header, ['date']) < 0 || findColumn(header, ['visits']) < 0) return false;
  return [VISITORS, PAGES_PER_VISIT, DURATION, BOUNCE].filter((names) => findColumn(header, names) >= 0).length >= 2;
}

export function parseSimilarwebCsv(text: string, sourceName: string, warnings: string[]): ParsedRows {
  const { records, head } = csvTable(text, sourceName);
  const header = head.record;
  const date = findColumn(header, ['date']);
  const visits = findColumn(header, ['visits']);
  if (date < 0 || visits < 0) {
    throw new TrafficImportError(
      `${sourceName} line ${head.info.lines}: a Similarweb-like file needs "Date" and "Visits" columns; map other headers with traffic.columns.`,
      head.info.lines,
    );
  }
  const data = tableRows(records, 0, sourceName);
  const bounceIdx = findColumn(header, BOUNCE);
  // Bounce rate as "45.3%" or 45.3 is a percent; a column of plain values ≤ 1 is a fraction (0.453).
  const bounceCells = bounceIdx < 0 ? [] : data.map((r) => (r.cells[bounceIdx] ?? '').trim()).filter((c) => c !== '');
  const fraction = bounceCells.length > 0 && bounceCells.every((c) => !c.endsWith('%') && Number(c) <= 1);
  const metrics: MetricColumn[] = [];
  const add = (names: string[], metric: MetricColumn['metric'], kind: MetricColumn['kind']): void => {
    const idx = findColumn(header, names);
    if (idx >= 0) metrics.push({ metric, idx, kind, header: header[idx]! });
  };
  add(VISITORS, 'visitors', 'count');
  add(PAGES_PER_VISIT, 'pageviews', 'perVisit');
  add(DURATION, 'durationSec', 'avgDuration');
  add(BOUNCE, 'bounces', fraction ? 'perVisit' : 'percent');
  const rows = readRows(data, { date, visits, metrics });
  checkSameDateKind(rows, sourceName);
  warnings.push(
    `${sourceName}: read as a Similarweb-like monthly export (${header.join(', ')}). This shape is not confirmed against a real export: check a few months against the source. Similarweb figures are modelled estimates, not measured visits.`,
  );
  return { rows, label: 'similarweb-csv' };
}
