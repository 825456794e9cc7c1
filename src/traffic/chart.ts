import { scaleLinear } from 'd3-scale';
import { line as d3line } from 'd3-shape';
import { fitted, fullPoints, trendFit } from './fit.js';
import type { TrafficMonth, TrafficResult } from './types.js';

export interface ChartOptions {
  width?: number;
  height?: number;
  accent?: string;
  title?: string;
  /** The chart's description for screen readers, in the report's language (the caller words it). */
  desc?: string;
  /** Language of the month names, numbers and point labels (default English). */
  lang?: 'en' | 'de';
}

/** The chart's own few words, per language (its title and description come from the caller). */
const WORDS = {
  en: { visits: 'visits', clicks: 'search clicks', interest: 'search interest', partial: 'partial month' },
  de: { visits: 'Besuche', clicks: 'Suchklicks', interest: 'Suchinteresse', partial: 'Teilmonat' },
} as const;
const MONTHS_DE = ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'];

export const DEFAULT_ACCENT = '#1f5fbf';
const PALETTE = ['#1f5fbf', '#d95f02', '#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#a6761d', '#666666'];
const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MARGIN = { top: 40, right: 20, bottom: 40, left: 64 };

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The accent is interpolated into markup: accept only #rgb / #rrggbb. */
export function safeColour(value: string | undefined, fallback = DEFAULT_ACCENT): string {
  return value !== undefined && /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value) ? value : fallback;
}

/** 12345 → "12,345" without depending on the runtime's locale data. */
export function thousands(n: number, lang: 'en' | 'de' = 'en'): string {
  const rounded = Math.round(n);
  const s = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'de' ? '.' : ',');
  return rounded < 0 ? `\u2212${s}` : s;
}

/** "2024-12" → "Dec 2024" / "Dez. 2024" (fixed tables: the SVG must not depend on the runtime's locale data). */
export function monthLabel(month: string, lang: 'en' | 'de' = 'en'): string {
  return `${(lang === 'de' ? MONTHS_DE : MONTH_ABBR)[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** Fixed-precision numbers keep the SVG byte-for-byte deterministic. */
const r = (n: number): string => (Math.round(n * 100) / 100).toString();

function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

function addMonths(m: string, k: number): string {
  const total = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

interface Frame {
  width: number;
  height: number;
  firstMonth: string;
  count: number;
  x: (i: number) => number;
  y: ReturnType<typeof scaleLinear<number, number>>;
  lang: 'en' | 'de';
}

function makeFrame(width: number, height: number, firstMonth: string, count: number, maxVisits: number, lang: 'en' | 'de' = 'en'): Frame {
  const xs = scaleLinear()
    .domain([0, Math.max(1, count - 1)])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, maxVisits > 0 ? maxVisits : 1])
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice();
  return { width, height, firstMonth, count, x: (i) => xs(i), y, lang };
}

function axes(f: Frame): string {
  const out: string[] = [];
  for (const t of f.y.ticks(5)) {
    const yy = r(f.y(t));
    out.push(`<line x1="${MARGIN.left}" x2="${f.width - MARGIN.right}" y1="${yy}" y2="${yy}" stroke="#e5e5e5"/>`);
    out.push(
      `<text x="${MARGIN.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle" font-size="11" fill="#444">${escapeXml(thousands(t, f.lang))}</text>`,
    );
  }
  // A label every 3 months for up to 3 years, every 6 beyond, on calendar quarters/halves.
  const every = f.count <= 36 ? 3 : f.count <= 72 ? 6 : 12;
  for (let i = 0; i < f.count; i++) {
    const m = addMonths(f.firstMonth, i);
    if ((Number(m.slice(5, 7)) - 1) % every !== 0) continue;
    out.push(
      `<text x="${r(f.x(i))}" y="${f.height - MARGIN.bottom + 16}" text-anchor="middle" font-size="11" fill="#444">${escapeXml(monthLabel(m, f.lang))}</text>`,
    );
  }
  out.push(`<line x1="${MARGIN.left}" x2="${f.width - MARGIN.right}" y1="${r(f.height - MARGIN.bottom)}" y2="${r(f.height - MARGIN.bottom)}" stroke="#999"/>`);
  return out.join('');
}

function seriesPath(f: Frame, months: TrafficMonth[], offset: number, colour: string, unit = 'visits'): string {
  const path = d3line<TrafficMonth & { i: number }>()
    .defined((d) => d.visits !== null) // gaps break the line
    .x((d) => f.x(d.i))
    .y((d) => f.y(d.visits ?? 0))
    .digits(2)(months.map((m, i) => ({ ...m, i: i + offset })));
  const points = months
    .map((m, i) => {
      if (m.visits === null) return '';
      // Partial months are hollow: their total is not comparable with full months.
      const fill = m.partial ? '#ffffff' : colour;
      return `<circle cx="${r(f.x(i + offset))}" cy="${r(f.y(m.visits))}" r="3" fill="${fill}" stroke="${colour}" stroke-width="1.5"><title>${escapeXml(`${monthLabel(m.month, f.lang)}: ${thousands(m.visits, f.lang)} ${unit}${m.partial ? ` (${WORDS[f.lang].partial})` : ''}`)}</title></circle>`;
    })
    .join('');
  return `<path d="${path ?? ''}" fill="none" stroke="${colour}" stroke-width="2"/>${points}`;
}

function trendPath(f: Frame, result: TrafficResult, colour: string, offset: number): string {
  if (result.trend.direction === 'insufficient-data') return '';
  const fit = trendFit(fullPoints(result.months));
  if (!fit) return '';
  const n = result.months.length;
  const pts: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) pts.push([f.x(i + offset), f.y(Math.max(0, fitted(fit, i)))]);
  const d = d3line().digits(2)(pts) ?? '';
  return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5" stroke-dasharray="6 4" opacity="0.8"/>`;
}

function peakMarks(f: Frame, result: TrafficResult, colour: string, offset: number): string {
  const peak = result.trend.peakMonth;
  if (peak === null) return '';
  return result.months
    .map((m, i) => {
      if (m.visits === null || Number(m.month.slice(5, 7)) !== peak) return '';
      return `<circle cx="${r(f.x(i + offset))}" cy="${r(f.y(m.visits))}" r="7" fill="none" stroke="${colour}" stroke-width="1.5"/>`;
    })
    .join('');
}

function svgOpen(width: number, height: number, title: string, desc: string): string {
  const t = escapeXml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${t}">` +
    `<title>${t}</title><desc>${escapeXml(desc)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="bold" fill="#222">${t}</text>`
  );
}

/** What a point's tooltip counts (the chart's own fallback words; the report passes its title and description). */
const unitOf = (result: TrafficResult, lang: 'en' | 'de' = 'en'): string =>
  WORDS[lang][result.metric === 'clicks' ? 'clicks' : result.metric === 'interest' ? 'interest' : 'visits'];

const maxOf = (ms: TrafficMonth[]): number => ms.reduce((a, m) => Math.max(a, m.visits ?? 0), 0);

export function renderTrafficChart(result: TrafficResult, opts: ChartOptions = {}): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 320;
  const accent = safeColour(opts.accent);
  const title =
    opts.title ??
    (result.metric === 'clicks' ? 'Monthly clicks from Google Search' : result.metric === 'interest' ? 'Relative search interest' : 'Monthly visits');
  const months = result.months;
  const first = months[0];
  if (!first) {
    return `${svgOpen(width, height, title, 'No traffic data.')}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="12">No data</text></svg>`;
  }
  const f = makeFrame(width, height, first.month, months.length, maxOf(months), opts.lang);
  return (
    svgOpen(width, height, title, opts.desc ?? title) +
    axes(f) +
    trendPath(f, result, '#555555', 0) +
    seriesPath(f, months, 0, accent, unitOf(result, f.lang)) +
    peakMarks(f, result, accent, 0) +
    '</svg>'
  );
}

/** Several brands on one chart, aligned on calendar months, with a legend. */
export function renderMultiSeriesChart(series: Array<{ label: string; result: TrafficResult }>, opts: ChartOptions = {}): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 340;
  const title = opts.title ?? 'Monthly visits compared';
  const all = series.flatMap((s) => s.result.months.map((m) => m.month)).sort();
  const firstMonth = all[0];
  const lastMonth = all[all.length - 1];
  if (!firstMonth || !lastMonth) {
    return `${svgOpen(width, height, title, 'No traffic data.')}</svg>`;
  }
  const count = monthsBetween(firstMonth, lastMonth) + 1;
  // The plot leaves a 16px strip at the bottom for the legend.
  const f = makeFrame(width, height - 16, firstMonth, count, Math.max(...series.map((s) => maxOf(s.result.months))), opts.lang);
  const body = series
    .map((s, k) => {
      const colour = k === 0 ? safeColour(opts.accent, PALETTE[0]) : PALETTE[k % PALETTE.length]!;
      const first = s.result.months[0];
      if (!first) return '';
      return seriesPath(f, s.result.months, monthsBetween(firstMonth, first.month), colour, unitOf(s.result, f.lang));
    })
    .join('');
  const legend = series
    .map((s, k) => {
      const colour = k === 0 ? safeColour(opts.accent, PALETTE[0]) : PALETTE[k % PALETTE.length]!;
      const x = MARGIN.left + k * 140;
      return `<rect x="${x}" y="${height - 15}" width="10" height="10" fill="${colour}"/><text x="${x + 14}" y="${height - 5}" font-size="11" fill="#222">${escapeXml(s.label)}</text>`;
    })
    .join('');
  const desc = opts.desc ?? series.map((s) => s.label).join(', ');
  return svgOpen(width, height, title, desc) + axes(f) + body + legend + '</svg>';
}
