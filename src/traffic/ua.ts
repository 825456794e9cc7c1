/**
 * Universal Analytics CSV export: a `#` comment block with the date range (`# 20150320-20150419`), maybe a
 * dimension table with its totals row, then `Day Index,<metric>` rows dated in the user's locale (`3/20/15`,
 * `20/03/2015`), quoted thousands (`"3,215"`) and a totals row with an empty first cell.
 */
import { at, daysInMonth, parseVisitsCell, TrafficImportError, ymdToIso, type ParsedRows, type RawRow } from './cells.js';
import type { Coverage } from './months.js';
import { csvRecords, type CsvRecord } from './table.js';

export function looksLikeUa(text: string): boolean {
  return /^"?day index"?\s*,/im.test(text);
}

/** The `# YYYYMMDD-YYYYMMDD` lines (two in a comparison export); trailing commas from spreadsheets allowed. */
export function uaRanges(text: string): Coverage[] {
  const out: Coverage[] = [];
  for (const m of text.matchAll(/^#\s*(\d{8})\s*-\s*(\d{8})[\s,]*$/gm)) {
    const from = ymdToIso(m[1]!);
    const to = ymdToIso(m[2]!);
    if (from && to && from <= to) out.push({ from, to });
  }
  return out;
}

type Order = 'ymd' | 'mdy' | 'dmy';
const DATE = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/;
const ORDER_NAME: Record<Order, string> = { ymd: 'Y-M-D', mdy: 'M/D/Y', dmy: 'D/M/Y' };

function toIso(order: Order, a: string, b: string, c: string): string | null {
  const [y, mo, d] = order === 'ymd' ? [a, b, c] : order === 'mdy' ? [c, a, b] : [c, b, a];
  // UA ran 2005–2024, so a two-digit year is 20YY.
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (y.length === 3 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface Cell {
  raw: string;
  line: number;
}

/**
 * Locale dates → ISO. M/D and D/M are told apart by the rows themselves: the order that gives real dates, in
 * increasing order, inside the header's range. When both orders fit and disagree, the file cannot say which.
 */
export function resolveUaDates(cells: Cell[], ranges: Coverage[], sourceName: string): string[] {
  const parts = cells.map((c) => {
    const m = DATE.exec(c.raw.trim());
    if (!m) {
      throw new TrafficImportError(`${at(sourceName, c.line)}: cannot read the date "${c.raw}" (expected a date such as 3/20/15 or 20/03/2015).`, c.line);
    }
    return { a: m[1]!, sep: m[2]!, b: m[3]!, c: m[4]!, line: c.line };
  });
  const shape = (p: (typeof parts)[number]): string => `${p.a.length === 4 ? 'Y-M-D' : `x${p.sep}x${p.sep}${'Y'.repeat(p.c.length)}`}`;
  const first = parts[0];
  if (!first) return [];
  const odd = parts.find((p) => shape(p) !== shape(first));
  if (odd) {
    throw new TrafficImportError(
      `${at(sourceName, odd.line)}: mixed date formats ("${cells[parts.indexOf(odd)]!.raw}" does not match "${cells[0]!.raw}"). Use one format for every row.`,
      odd.line,
    );
  }
  const inRange = (iso: string): boolean => ranges.length === 0 || ranges.some((r) => iso >= r.from && iso <= r.to);
  const orders: Order[] = first.a.length === 4 ? ['ymd'] : ['mdy', 'dmy'];
  const tries = orders.map((order) => {
    const dates: string[] = [];
    for (const p of parts) {
      const iso = toIso(order, p.a, p.b, p.c);
      if (!iso || !inRange(iso) || (dates.length > 0 && iso <= dates[dates.length - 1]!)) return { order, dates, failed: dates.length };
      dates.push(iso);
    }
    return { order, dates, failed: -1 };
  });
  const fits = tries.filter((t) => t.failed < 0);
  if (fits.length === 0) {
    const best = tries.reduce((a, t) => (t.failed > a.failed ? t : a));
    const bad = cells[best.failed]!;
    const range = ranges.length ? ` inside the report's range ${ranges.map((r) => `${r.from} – ${r.to}`).join(' and ')}` : '';
    throw new TrafficImportError(
      `${at(sourceName, bad.line)}: cannot read the date "${bad.raw}" as ${orders.map((o) => ORDER_NAME[o]).join(' or ')}${range}, after the dates before it.`,
      bad.line,
    );
  }
  const [one, two] = fits;
  if (two && one!.dates.some((d, i) => d !== two.dates[i])) {
    throw new TrafficImportError(
      `${sourceName}: the dates (${cells[0]!.raw} …) read both as M/D/Y and as D/M/Y. Export again keeping the "# YYYYMMDD-YYYYMMDD" comment line, which settles the order.`,
    );
  }
  return one!.dates;
}

const NOT_A_COUNT = /%$|^\d+:\d{2}:\d{2}$|^[£$€¥]|[£$€¥]$/;

/** UA counts are whole numbers, so "3.215" is a thousands separator (de-DE and similar locales). */
function uaCount(raw: string, sourceName: string, line: number): number {
  const s = raw.trim();
  return parseVisitsCell(/^\d{1,3}(\.\d{3})+$/.test(s) ? s.replace(/\./g, '') : s, sourceName, line);
}

export function parseUaCsv(text: string, sourceName: string, warnings: string[]): ParsedRows {
  const records = csvRecords(text, sourceName, { comments: true });
  const headerAt = records.findIndex((r) => (r.record[0] ?? '').toLowerCase() === 'day index');
  const head = records[headerAt];
  if (!head) throw new TrafficImportError(`${sourceName}: Universal Analytics file without a "Day Index" table.`);
  const metric = head.record[1] ?? '';
  if (metric === '') {
    throw new TrafficImportError(`${sourceName} line ${head.info.lines}: the "Day Index" table has no metric column.`, head.info.lines);
  }
  // The table runs until its totals row (empty first cell) or the blank line before the next table.
  const table: CsvRecord[] = [];
  let prevLine = head.info.lines;
  for (const r of records.slice(headerAt + 1)) {
    if ((r.record[0] ?? '') === '' || r.info.lines > prevLine + 1) break;
    table.push(r);
    prevLine = r.info.lines;
  }
  const firstValue = (table[0]?.record[1] ?? '').trim();
  if (NOT_A_COUNT.test(firstValue)) {
    throw new TrafficImportError(
      `${at(sourceName, table[0]!.info.lines)}: the "Day Index" table holds "${metric}" ("${firstValue}"), a rate, duration or amount, not a count of visits. Export the chart with Sessions selected.`,
      table[0]!.info.lines,
    );
  }
  const ranges = uaRanges(text);
  const dates = resolveUaDates(
    table.map((r) => ({ raw: r.record[0]!, line: r.info.lines })),
    ranges,
    sourceName,
  );
  const rows: RawRow[] = table.map((r, i) => ({
    date: dates[i]!,
    visits: uaCount(r.record[1] ?? '', sourceName, r.info.lines),
    line: r.info.lines,
  }));
  const name = metric.toLowerCase();
  if (name !== 'sessions') {
    const why = /users/.test(name)
      ? ' Monthly figures are sums of daily values, not unique users per month.'
      : /pageviews/.test(name)
        ? ' Pageviews count pages, not visits.'
        : '';
    warnings.push(`${sourceName}: no Sessions column; using "${metric}" as visits.${why}`);
  }
  return { rows, label: 'ua-csv', ...(ranges.length === 1 ? { coverage: ranges[0]! } : {}) };
}
