/**
 * Google Search Console, Performance → Export: `Dates.csv` (`Date,Clicks,Impressions,CTR,Position`, newest
 * first), alone or inside the export zip. Clicks from Google Search are the series (metric 'clicks', never called
 * visits); impressions ride along. CTR and Position are left out: CTR is clicks / impressions, and an average
 * position cannot be summed into months.
 */
import { TrafficImportError, type ParsedRows } from './cells.js';
import { checkSameDateKind } from './months.js';
import { csvTable, findColumn, readRows, tableRows } from './table.js';

export function looksLikeGsc(text: string): boolean {
  const head = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"/g, '').trim().toLowerCase();
  return /^date,clicks,impressions(,|$)/.test(head);
}

export function parseGscCsv(text: string, sourceName: string): ParsedRows {
  const { records, head } = csvTable(text, sourceName);
  const date = findColumn(head.record, ['date']);
  const clicks = findColumn(head.record, ['clicks']);
  const impressions = findColumn(head.record, ['impressions']);
  if (date < 0 || clicks < 0) {
    throw new TrafficImportError(
      `${sourceName} line ${head.info.lines}: a Search Console file needs "Date" and "Clicks" columns (Dates.csv from Performance → Export); found ${head.record.map((h) => `"${h}"`).join(', ')}.`,
      head.info.lines,
    );
  }
  const rows = readRows(tableRows(records, 0, sourceName), {
    date,
    visits: clicks,
    metrics: impressions < 0 ? [] : [{ metric: 'impressions', idx: impressions, kind: 'count', header: head.record[impressions]! }],
  });
  checkSameDateKind(rows, sourceName);
  return { rows, label: 'gsc-csv', metric: 'clicks' };
}
