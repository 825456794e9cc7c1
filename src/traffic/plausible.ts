/**
 * Plausible: the dashboard export's `visitors.csv` (bounce_rate a percent, visit_duration an average) and the
 * settings export's `imported_visitors_YYYYMMDD_YYYYMMDD.csv` (bounces a count, visit_duration a total).
 */
import path from 'node:path';
import { TrafficImportError, ymdToIso, type ParsedRows } from './cells.js';
import { genericPlan } from './generic.js';
import { checkSameDateKind, fillQuietDays, type Coverage } from './months.js';
import { csvTable, findColumn, readRows, tableRows, type ColumnPlan, type MetricColumn } from './table.js';

const DASHBOARD = /^date,visitors,pageviews,visits,views_per_visit,bounce_rate,visit_duration/;
const IMPORTED = /^date,visitors,pageviews,bounces,visits,visit_duration$/;
const GOAL = /^date,unique_conversions/;

function headerLine(text: string): string {
  return (text.split(/\r?\n/, 1)[0] ?? '').replace(/["\s]/g, '').toLowerCase();
}

export function plausibleKind(text: string): 'dashboard' | 'imported' | 'goal' | null {
  const head = headerLine(text);
  return DASHBOARD.test(head) ? 'dashboard' : IMPORTED.test(head) ? 'imported' : GOAL.test(head) ? 'goal' : null;
}

/** `imported_visitors_20240101_20241231.csv` → the range it covers. */
export function importedRange(fileName: string): Coverage | undefined {
  const m = /imported_visitors_(\d{8})_(\d{8})\.csv$/i.exec(path.basename(fileName));
  const from = m ? ymdToIso(m[1]!) : null;
  const to = m ? ymdToIso(m[2]!) : null;
  return from && to && from <= to ? { from, to } : undefined;
}

/**
 * @param fileName the CSV's own name (the zip entry's name for a zip), which carries the imported range.
 * @param coverage the range from the dashboard zip's name, when known.
 */
export function parsePlausibleCsv(text: string, sourceName: string, fileName: string, coverage?: Coverage): ParsedRows {
  const { records, head } = csvTable(text, sourceName);
  const kind = plausibleKind(text);
  if (kind === 'goal') {
    throw new TrafficImportError(
      `${sourceName} line ${head.info.lines}: this is a Plausible goal-conversion export (unique_conversions, total_conversions), not traffic. Export visitors.csv without a goal filter.`,
      head.info.lines,
    );
  }
  const header = head.record;
  let plan: ColumnPlan;
  if (kind === 'imported') {
    const col = (name: string, metric: MetricColumn['metric']): MetricColumn => ({
      metric,
      kind: 'count',
      idx: findColumn(header, [name]),
      header: name,
    });
    plan = {
      date: findColumn(header, ['date']),
      visits: findColumn(header, ['visits']),
      // Here bounces is a count and visit_duration the day's total seconds, not an average.
      metrics: [col('visitors', 'visitors'), col('pageviews', 'pageviews'), col('bounces', 'bounces'), col('visit_duration', 'durationSec')],
    };
  } else plan = genericPlan(header, sourceName, head.info.lines);
  let rows = readRows(tableRows(records, 0, sourceName), plan);
  checkSameDateKind(rows, sourceName);
  if (kind === 'imported') {
    const range = importedRange(fileName);
    // The imported tables list only days with traffic: inside the named range a missing day had no visits.
    if (range && rows.every((r) => r.date.length === 10)) rows = fillQuietDays(rows, range);
    return { rows, label: 'plausible-imported-csv', ...(range ? { coverage: range } : {}) };
  }
  return { rows, label: 'plausible-csv', ...(coverage ? { coverage } : {}) };
}
