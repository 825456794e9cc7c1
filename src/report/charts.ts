// Static SVG charts made in Node and inlined into the report (the page runs no script). Every text is escaped.
import { BANDS, type Leaning } from '../result/bands.js';
import { scaleLinear, scaleBand } from 'd3-scale';
import { line } from 'd3-shape';
import { translator, type Locale } from '../i18n/index.js';
import { REPORT_FONT_FAMILY } from './fonts.js';
import { escapeXml } from './text.js';
import { FIXED_COLOURS, themeColours } from './theme.js';

const INK = FIXED_COLOURS.ink;
const MUTED = FIXED_COLOURS.muted;
const RULE = FIXED_COLOURS.rule;
const TRACK = '#eef1f4';
const FONT = `font-family="'${REPORT_FONT_FAMILY}', 'Liberation Sans', Arial, 'DejaVu Sans', sans-serif"`;

/** The words the charts draw, in one language. */
export interface ChartLabels {
  barsAria: string;
  scaleAria: string;
  producerEnd: string;
  conductorEnd: string;
  notScored: string;
  analystScore: string;
  monthlyVisits: string;
  /** Band names, producer → conductor, lower case (axis) and title case (scale). */
  bands: [string, string, string, string, string];
  scale: [string, string, string, string, string];
}

export function chartLabels(locale: Locale = 'en'): ChartLabels {
  const tr = translator(locale);
  return {
    barsAria: tr('chart.barsAria'),
    scaleAria: tr('chart.scaleAria'),
    producerEnd: tr('chart.producerEnd'),
    conductorEnd: tr('chart.conductorEnd'),
    notScored: tr('chart.notScored'),
    analystScore: tr('chart.analystScore'),
    monthlyVisits: tr('chart.monthlyVisits'),
    bands: [tr('band.producer'), tr('band.leaningProducer'), tr('band.balanced'), tr('band.leaningConductor'), tr('band.conductor')],
    scale: [tr('scale.producer'), tr('scale.leaningProducer'), tr('scale.balanced'), tr('scale.leaningConductor'), tr('scale.conductor')],
  };
}

function n(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

export interface BarDatum {
  id: string;
  title: string;
  score: number | null;
  analystScore?: number | null;
  /** The question's leaning (from audit.json): the bar's colour. */
  leaning?: Leaning | null;
}

/** A bar or mark for a leaning: the report's fixed producer/conductor colours, never the brand accent. */
export function leaningGraphic(leaning: Leaning | null | undefined): string {
  return leaning === 'producer' ? FIXED_COLOURS.producerGraphic : leaning === 'conductor' ? FIXED_COLOURS.conductorGraphic : FIXED_COLOURS.neutralGraphic;
}

/**
 * Horizontal bars of the five question scores on a 0 (producer) – 100 (conductor) axis, band lines at 20/40/60/80,
 * each bar in its leaning's colour.
 */
export function renderQuestionBars(data: BarDatum[], opts: { accent?: string; width?: number; labels?: ChartLabels }): string {
  const L = opts.labels ?? chartLabels('en');
  const width = opts.width ?? 640;
  const rowH = 34;
  const top = 28;
  const left = 150;
  const right = 40;
  const height = top + data.length * rowH + 40;
  const x = scaleLinear()
    .domain([0, 100])
    .range([left, width - right]);
  const y = scaleBand<string>()
    .domain(data.map((d) => d.id))
    .range([top, top + data.length * rowH])
    .paddingInner(0.35)
    .paddingOuter(0.2);
  const parts: string[] = [];
  const hasAnalyst = data.some((d) => d.analystScore !== null && d.analystScore !== undefined);
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(L.barsAria)}" class="chart chart-questions" ${FONT}>`,
  );
  for (const t of [...BANDS.map((b) => b.min), 100]) {
    parts.push(
      `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="${top - 6}" y2="${top + data.length * rowH}" stroke="${RULE}" stroke-width="${t === 0 || t === 100 ? 1 : 0.75}"${t === 0 || t === 100 ? '' : ' stroke-dasharray="2 3"'}/>`,
    );
    parts.push(`<text x="${n(x(t))}" y="${top + data.length * rowH + 16}" font-size="10" fill="${MUTED}" text-anchor="middle">${t}</text>`);
  }
  parts.push(`<text x="${n(x(0))}" y="${top + data.length * rowH + 32}" font-size="10" fill="${MUTED}">${escapeXml(L.producerEnd)}</text>`);
  parts.push(
    `<text x="${n(x(100))}" y="${top + data.length * rowH + 32}" font-size="10" fill="${MUTED}" text-anchor="end">${escapeXml(L.conductorEnd)}</text>`,
  );
  const bandNames = L.bands;
  bandNames.forEach((b, i) =>
    parts.push(`<text x="${n(x(bandMiddle(i)))}" y="${top - 12}" font-size="9" fill="${MUTED}" text-anchor="middle">${escapeXml(b)}</text>`),
  );
  for (const d of data) {
    const yy = y(d.id) ?? 0;
    const h = y.bandwidth();
    parts.push(
      `<text x="0" y="${n(yy + h / 2 + 4)}" font-size="12" fill="${INK}"><tspan font-weight="bold">${escapeXml(d.id)}</tspan> ${escapeXml(d.title)}</text>`,
    );
    parts.push(`<rect x="${n(x(0))}" y="${n(yy)}" width="${n(x(100) - x(0))}" height="${n(h)}" fill="${TRACK}"/>`);
    if (d.score === null) {
      parts.push(`<text x="${n(x(0) + 6)}" y="${n(yy + h / 2 + 4)}" font-size="11" fill="${MUTED}" font-style="italic">${escapeXml(L.notScored)}</text>`);
    } else {
      const s = Math.max(0, Math.min(100, d.score));
      parts.push(`<rect x="${n(x(0))}" y="${n(yy)}" width="${n(Math.max(1, x(s) - x(0)))}" height="${n(h)}" fill="${leaningGraphic(d.leaning)}"/>`);
      parts.push(`<text x="${n(x(s) + 6)}" y="${n(yy + h / 2 + 4)}" font-size="12" font-weight="bold" fill="${INK}">${Math.round(s)}</text>`);
    }
    if (d.analystScore !== null && d.analystScore !== undefined) {
      const a = x(Math.max(0, Math.min(100, d.analystScore)));
      const cy = yy + h / 2;
      parts.push(
        `<path d="M${n(a)} ${n(cy - 7)} L${n(a + 6)} ${n(cy)} L${n(a)} ${n(cy + 7)} L${n(a - 6)} ${n(cy)} Z" fill="${INK}" stroke="#ffffff" stroke-width="1.2"/>`,
      );
    }
  }
  if (hasAnalyst) {
    const lx = x(50) - 36;
    parts.push(
      `<path d="M${n(lx)} ${height - 12} l5 -5 l5 5 l-5 5 Z" fill="${INK}"/><text x="${n(lx + 14)}" y="${height - 8}" font-size="10" fill="${MUTED}">${escapeXml(L.analystScore)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The middle of band `i` on the 0–100 axis (the bands come from src/result/bands.ts). */
function bandMiddle(i: number): number {
  return (BANDS[i]!.min + (BANDS[i + 1]?.min ?? 100)) / 2;
}

/**
 * The producer ↔ conductor scale: five bands from the producer colour through grey to the conductor colour, and an
 * ink marker at the index. `position` null draws no marker.
 */
export function renderScaleSvg(position: number | null, opts: { accent?: string; width?: number; labels?: ChartLabels }): string {
  const L = opts.labels ?? chartLabels('en');
  const width = opts.width ?? 400;
  const height = 72;
  const x = scaleLinear()
    .domain([0, 100])
    .range([10, width - 10]);
  const shades = ['#f0b9b3', '#f8dcd8', FIXED_COLOURS.neutralSoft, '#d3e0f1', '#a9c3e6'];
  const labels = L.scale;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(L.scaleAria)}" class="chart chart-scale" ${FONT}>`,
  ];
  const barY = 26;
  const barH = 14;
  BANDS.forEach((band, i) => {
    const x0 = x(band.min);
    const x1 = x(BANDS[i + 1]?.min ?? 100);
    parts.push(`<rect x="${n(x0)}" y="${barY}" width="${n(x1 - x0 - (i < BANDS.length - 1 ? 2 : 0))}" height="${barH}" fill="${shades[i]}"/>`);
    const words = labels[i]!.split(' ');
    words.forEach((w, j) =>
      parts.push(`<text x="${n((x0 + x1) / 2)}" y="${barY + barH + 14 + j * 11}" font-size="10" fill="${MUTED}" text-anchor="middle">${escapeXml(w)}</text>`),
    );
  });
  if (position !== null) {
    const px = x(Math.max(0, Math.min(100, position)));
    parts.push(`<line x1="${n(px)}" x2="${n(px)}" y1="${barY - 4}" y2="${barY + barH + 3}" stroke="${INK}" stroke-width="3"/>`);
    parts.push(`<path d="M${n(px - 7)} ${barY - 14} L${n(px + 7)} ${barY - 14} L${n(px)} ${barY - 4} Z" fill="${INK}"/>`);
    parts.push(
      `<text x="${n(Math.min(width - 12, Math.max(12, px)))}" y="${barY - 17}" font-size="10" font-weight="bold" fill="${INK}" text-anchor="middle">${Math.round(position)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/**
 * A plain monthly visits line, used only when src/traffic/chart.ts is not available. Gaps (null visits) break
 * the line; Decembers get a dot.
 */
export function renderTrafficFallback(
  months: Array<{ month: string; visits: number | null }>,
  opts: { accent: string; width?: number; height?: number; locale?: Locale; metric?: 'visits' | 'clicks' | 'interest' },
): string {
  const L = chartLabels(opts.locale ?? 'en');
  const tr = translator(opts.locale ?? 'en');
  const label = opts.metric === 'clicks' ? tr('chart.monthlyClicks') : opts.metric === 'interest' ? tr('chart.monthlyInterest') : L.monthlyVisits;
  const width = opts.width ?? 640;
  const height = opts.height ?? 240;
  const m = { top: 16, right: 16, bottom: 28, left: 56 };
  const max = Math.max(1, ...months.map((d) => d.visits ?? 0));
  const x = scaleLinear()
    .domain([0, Math.max(1, months.length - 1)])
    .range([m.left, width - m.right]);
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([height - m.bottom, m.top]);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(label)}" class="chart chart-traffic" ${FONT}>`,
  ];
  for (const t of y.ticks(4)) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${RULE}" stroke-width="0.75"/>`);
    const label = t >= 1e6 ? `${n(t / 1e6)}M` : t >= 1e3 ? `${n(t / 1e3)}k` : String(t);
    parts.push(`<text x="${m.left - 6}" y="${n(y(t) + 3)}" font-size="9" fill="${MUTED}" text-anchor="end">${escapeXml(label)}</text>`);
  }
  const path = line<{ month: string; visits: number | null }>()
    .defined((d) => d.visits !== null)
    .x((_, i) => x(i))
    .y((d) => y(d.visits ?? 0))(months);
  if (path) parts.push(`<path d="${escapeXml(path)}" fill="none" stroke="${themeColours(opts.accent).accentGraphic}" stroke-width="2"/>`);
  months.forEach((d, i) => {
    if (/-01$/.test(d.month))
      parts.push(
        `<text x="${n(x(i))}" y="${height - m.bottom + 16}" font-size="9" fill="${MUTED}" text-anchor="middle">${escapeXml(d.month.slice(0, 4))}</text>`,
      );
    if (/-12$/.test(d.month) && d.visits !== null) parts.push(`<circle cx="${n(x(i))}" cy="${n(y(d.visits))}" r="3" fill="${INK}"/>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** One audit on the history chart: its date label, the index and the five question scores (null: no score). */
export interface HistoryPoint {
  label: string;
  index: number | null;
  questions: Array<{ id: string; score: number | null }>;
  /** The rubric or tool changed since the previous audit: scores either side are not comparable. */
  methodChanged: boolean;
}

const HISTORY_PALETTE = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e'];

/**
 * Index and question scores over time: one column per audit (in order, labelled with its date), the 0–100 axis
 * with band lines at 20/40/60/80, the index as a thick accent line, each question as a thin line, and a ◆ above
 * an audit whose rubric or tool changed. A missing score breaks its line.
 */
export function renderHistoryChart(
  points: readonly HistoryPoint[],
  opts: { accent: string; width?: number; height?: number; aria: string; indexLabel: string; questionTitles: Record<string, string>; labels?: ChartLabels },
): string {
  const L = opts.labels ?? chartLabels('en');
  const width = opts.width ?? 720;
  const height = opts.height ?? 340;
  const m = { top: 24, right: 24, bottom: 78, left: 44 };
  const x = scaleLinear()
    .domain([0, Math.max(1, points.length - 1)])
    .range([m.left + 12, width - m.right - 12]);
  const y = scaleLinear()
    .domain([0, 100])
    .range([height - m.bottom, m.top]);
  const accent = themeColours(opts.accent).accentGraphic;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(opts.aria)}" class="chart chart-history" ${FONT}>`,
  ];
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  for (const t of [...BANDS.map((b) => b.min), 100]) {
    parts.push(
      `<line x1="${m.left}" x2="${width - m.right}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${RULE}" stroke-width="${t === 0 || t === 100 ? 1 : 0.75}"${t === 0 || t === 100 ? '' : ' stroke-dasharray="2 3"'}/>`,
    );
    parts.push(`<text x="${m.left - 6}" y="${n(y(t) + 3)}" font-size="10" fill="${MUTED}" text-anchor="end">${t}</text>`);
  }
  parts.push(`<text x="${m.left}" y="${m.top - 10}" font-size="9" fill="${MUTED}">${escapeXml(L.conductorEnd)}</text>`);
  parts.push(`<text x="${m.left}" y="${n(height - m.bottom + 30)}" font-size="9" fill="${MUTED}">${escapeXml(L.producerEnd)}</text>`);
  const every = Math.max(1, Math.ceil(points.length / 8));
  points.forEach((p, i) => {
    if (i % every === 0 || i === points.length - 1)
      parts.push(`<text x="${n(x(i))}" y="${n(height - m.bottom + 16)}" font-size="9" fill="${MUTED}" text-anchor="middle">${escapeXml(p.label)}</text>`);
    if (p.methodChanged) parts.push(`<text x="${n(x(i))}" y="${m.top - 8}" font-size="11" fill="${INK}" text-anchor="middle">◆</text>`);
  });
  const series = (values: Array<number | null>, colour: string, widthPx: number, dash: string): void => {
    const d = line<number | null>()
      .defined((v) => v !== null)
      .x((_, i) => x(i))
      .y((v) => y(Math.max(0, Math.min(100, v ?? 0))))
      .digits(1)(values);
    if (d) parts.push(`<path d="${escapeXml(d)}" fill="none" stroke="${colour}" stroke-width="${widthPx}"${dash}/>`);
    values.forEach((v, i) => {
      if (v !== null) parts.push(`<circle cx="${n(x(i))}" cy="${n(y(Math.max(0, Math.min(100, v))))}" r="${widthPx + 1}" fill="${colour}"/>`);
    });
  };
  const ids = points[0]?.questions.map((q) => q.id) ?? [];
  ids.forEach((id, k) =>
    series(
      points.map((p) => p.questions.find((q) => q.id === id)?.score ?? null),
      HISTORY_PALETTE[k % HISTORY_PALETTE.length]!,
      1.5,
      ' stroke-dasharray="5 3"',
    ),
  );
  series(
    points.map((p) => p.index),
    accent,
    3,
    '',
  );
  // Legend: the index first, then the questions, in two rows under the axis.
  const legend = [
    { label: opts.indexLabel, colour: accent },
    ...ids.map((id, k) => ({ label: `${id} ${opts.questionTitles[id] ?? ''}`.trim(), colour: HISTORY_PALETTE[k % HISTORY_PALETTE.length]! })),
  ];
  legend.forEach((item, i) => {
    const lx = m.left + (i % 3) * 200;
    const ly = height - 30 + Math.floor(i / 3) * 16;
    parts.push(
      `<rect x="${lx}" y="${ly - 8}" width="14" height="${i === 0 ? 4 : 2}" fill="${item.colour}"/><text x="${lx + 20}" y="${ly - 3}" font-size="10" fill="${INK}">${escapeXml(item.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
