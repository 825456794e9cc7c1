/**
 * Matomo VisitsSummary CSV (UTF-16LE with a BOM by default; decoded before this). A multi-period export adds a
 * leading `date` column: `2024-01` (month), `2024-01-01` (day) or, for weeks, a range `2024-01-01,2024-01-07`.
 * Raw columns: nb_uniq_visitors, nb_visits, nb_actions, bounce_count, sum_visit_length, ... Translated headers
 * ("Visits") are read by the generic importer.
 */
import { at, parseDateCell, TrafficImportError, type ParsedRows } from './cells.js';
import { checkSameDateKind } from './months.js';
import { csvTable, findColumn, readRows, tableRows, type MetricColumn } from './table.js';

export function looksLikeMatomo(text: string): boolean {
  const head = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"/g, '').toLowerCase();
  return head.split(',').some((h) => h.trim() === 'nb_visits');
}

// nb_actions is left out: actions include downloads and outlinks, so they are not pageviews.
const METRICS: Array<[string, MetricColumn['metric']]> = [
  ['nb_uniq_visitors', 'visitors'],
  ['nb_pageviews', 'pageviews'],
  ['bounce_count', 'bounces'],
  ['sum_visit_length', 'durationSec'],
];

function matomoDate(raw: string, src: string, line?: number): string {
  const s = raw.trim();
  if (/^\d{4}$/.test(s)) {
    throw new TrafficImportError(`${at(src, line)}: "${s}" is a yearly period; export with period=month (or day) to see a monthly trend.`, line);
  }
  // A week is written as its first and last day; the row then covers the week from its first day.
  const week = /^(\d{4}-\d{2}-\d{2}),\s*\d{4}-\d{2}-\d{2}$/.exec(s);
  return parseDateCell(week ? week[1]! : s, src, line);
}

export function parseMatomoCsv(text: string, sourceName: string, warnings: string[]): ParsedRows {
  const { records, head } = csvTable(text, sourceName);
  const header = head.record;
  const date = findColumn(header, ['date']);
  const visits = findColumn(header, ['nb_visits']);
  if (date < 0) {
    throw new TrafficImportError(
      `${sourceName} line ${head.info.lines}: a Matomo export of a single period has no "date" column; export several periods (e.g. period=month&date=last36) so each row is dated.`,
      head.info.lines,
    );
  }
  const metrics = METRICS.flatMap(([name, metric]) => {
    const idx = findColumn(header, [name]);
    return idx < 0 ? [] : [{ metric, idx, kind: 'count' as const, header: name }];
  });
  const skipped: Array<number | undefined> = [];
  const rows = readRows(tableRows(records, 0, sourceName), { date, visits, metrics }, { parseDate: matomoDate, onEmptyVisits: 'skip', skipped });
  if (skipped.length) {
    const one = skipped.length === 1;
    warnings.push(
      `${sourceName}: no nb_visits on line${one ? '' : 's'} ${skipped.join(', ')} (Matomo had no data for ${one ? 'that period' : 'those periods'}); left out.`,
    );
  }
  checkSameDateKind(rows, sourceName);
  return { rows, label: 'matomo-csv' };
}
