// The comparison's charts as static SVG: drawn in Node, inlined in the report, written to charts/ (and rasterised
// to PNG) for a blog post. Every text is escaped; the words come in from the view model, in the reader's language.
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { BANDS } from '../result/bands.js';
import { REPORT_FONT_FAMILY } from '../report/fonts.js';
import { escapeXml } from '../report/text.js';

const INK = '#1f2933';
const MUTED = '#5f6b78';
const RULE = '#d9dee3';
const TRACK = '#eef1f4';
const FONT = `font-family="'${REPORT_FONT_FAMILY}', 'Liberation Sans', Arial, 'DejaVu Sans', sans-serif"`;
export const CHART_WIDTH = 640;

/**
 * One colour per brand, the same in every chart, dark enough for text on white (≥ 4.5:1). No red, no blue and no
 * bright green: those are the producer/conductor colours (src/report/theme.ts) or read as "good", and a brand's
 * place in the list says nothing about where it stands. templates/comparison.css repeats them as .swatch-N.
 */
export const BRAND_COLOURS = ['#6d28d9', '#a16207', '#0f766e', '#a21caf', '#52525b', '#4d7c0f', '#854d0e', '#27272a'] as const;
export const brandColour = (i: number): string => BRAND_COLOURS[i % BRAND_COLOURS.length]!;

const n = (x: number): string => (Math.round(x * 10) / 10).toString();

function open(width: number, height: number, title: string, cls: string): string {
  const t = escapeXml(title);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${t}" class="chart ${cls}" ${FONT}><title>${t}</title><rect width="${width}" height="${height}" fill="#ffffff"/>`;
}

function heading(text: string): string {
  return `<text x="0" y="16" font-size="13" font-weight="bold" fill="${INK}">${escapeXml(text)}</text>`;
}

/** Band lines at 20/40/60/80 and the 0–100 axis under a plot between `top` and `bottom`. */
function scaleAxis(x: (v: number) => number, top: number, bottom: number, labels: { producerEnd: string; conductorEnd: string }): string {
  const out: string[] = [];
  for (const t of [...BANDS.map((b) => b.min), 100]) {
    const edge = t === 0 || t === 100;
    out.push(
      `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="${top}" y2="${bottom}" stroke="${RULE}" stroke-width="${edge ? 1 : 0.75}"${edge ? '' : ' stroke-dasharray="2 3"'}/>`,
    );
    out.push(`<text x="${n(x(t))}" y="${bottom + 14}" font-size="10" fill="${MUTED}" text-anchor="middle">${t}</text>`);
  }
  out.push(`<text x="${n(x(0))}" y="${bottom + 28}" font-size="10" fill="${MUTED}">${escapeXml(labels.producerEnd)}</text>`);
  out.push(`<text x="${n(x(100))}" y="${bottom + 28}" font-size="10" fill="${MUTED}" text-anchor="end">${escapeXml(labels.conductorEnd)}</text>`);
  return out.join('');
}

function legend(items: Array<{ label: string; colour: string }>, y: number, x0 = 0): string {
  let x = x0;
  return items
    .map((it) => {
      const label = escapeXml(it.label);
      const part = `<rect x="${n(x)}" y="${y - 9}" width="10" height="10" fill="${it.colour}"/><text x="${n(x + 14)}" y="${y}" font-size="11" fill="${INK}">${label}</text>`;
      x += 24 + Math.min(26, it.label.length) * 6.2;
      return part;
    })
    .join('');
}

export interface AxisLabels {
  producerEnd: string;
  conductorEnd: string;
}

/** The conductor index per brand, with its coverage; a brand without a verdict gets words, never a bar. */
export function renderIndexChart(
  rows: Array<{ brand: string; colour: string; score: number | null; coverage: string; noVerdict: string | null }>,
  labels: AxisLabels & { title: string },
): string {
  const width = CHART_WIDTH;
  const top = 30;
  const rowH = 36;
  const left = 150;
  const right = 96;
  const bottom = top + rows.length * rowH;
  const height = bottom + 40;
  const x = scaleLinear()
    .domain([0, 100])
    .range([left, width - right]);
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([top, bottom])
    .paddingInner(0.3)
    .paddingOuter(0.15);
  const parts = [open(width, height, labels.title, 'chart-index'), heading(labels.title), scaleAxis(x, top, bottom, labels)];
  rows.forEach((r, i) => {
    const yy = y(i)!;
    const h = y.bandwidth();
    parts.push(`<text x="0" y="${n(yy + h / 2 + 4)}" font-size="12" font-weight="bold" fill="${INK}">${escapeXml(r.brand)}</text>`);
    parts.push(`<rect x="${n(x(0))}" y="${n(yy)}" width="${n(x(100) - x(0))}" height="${n(h)}" fill="${TRACK}"/>`);
    if (r.score === null || r.noVerdict) {
      parts.push(`<text x="${n(x(0) + 6)}" y="${n(yy + h / 2 + 4)}" font-size="11" fill="${MUTED}" font-style="italic">${escapeXml(r.noVerdict ?? '')}</text>`);
    } else {
      const s = Math.max(0, Math.min(100, r.score));
      parts.push(`<rect x="${n(x(0))}" y="${n(yy)}" width="${n(Math.max(1, x(s) - x(0)))}" height="${n(h)}" fill="${r.colour}"/>`);
      parts.push(`<text x="${n(x(s) + 5)}" y="${n(yy + h / 2 + 4)}" font-size="12" font-weight="bold" fill="${INK}">${Math.round(s)}</text>`);
    }
    parts.push(`<text x="${width}" y="${n(yy + h / 2 + 4)}" font-size="10" fill="${MUTED}" text-anchor="end">${escapeXml(r.coverage)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The five questions side by side: one group of bars per question, one bar per brand. */
export function renderQuestionsChart(
  questions: Array<{ id: string; title: string }>,
  brands: Array<{ brand: string; colour: string; scores: Array<number | null> }>,
  labels: AxisLabels & { title: string; notScored: string },
): string {
  const width = CHART_WIDTH;
  const top = 44;
  const barH = 11;
  const groupGap = 14;
  const left = 150;
  const right = 40;
  const groupH = brands.length * (barH + 2) + groupGap;
  const bottom = top + questions.length * groupH;
  const height = bottom + 40;
  const x = scaleLinear()
    .domain([0, 100])
    .range([left, width - right]);
  const parts = [
    open(width, height, labels.title, 'chart-questions'),
    heading(labels.title),
    legend(
      brands.map((b) => ({ label: b.brand, colour: b.colour })),
      36,
    ),
    scaleAxis(x, top, bottom, labels),
  ];
  questions.forEach((q, qi) => {
    const y0 = top + qi * groupH + groupGap / 2;
    parts.push(
      `<text x="0" y="${n(y0 + (brands.length * (barH + 2)) / 2 + 4)}" font-size="12" fill="${INK}"><tspan font-weight="bold">${escapeXml(q.id)}</tspan> ${escapeXml(q.title)}</text>`,
    );
    brands.forEach((b, bi) => {
      const yy = y0 + bi * (barH + 2);
      const s = b.scores[qi];
      if (s === null || s === undefined) {
        parts.push(`<rect x="${n(x(0))}" y="${n(yy)}" width="${n(x(100) - x(0))}" height="${barH}" fill="none" stroke="${RULE}" stroke-dasharray="3 2"/>`);
        parts.push(
          `<text x="${n(x(0) + 4)}" y="${n(yy + barH - 2)}" font-size="8.5" fill="${MUTED}" font-style="italic">${escapeXml(labels.notScored)}</text>`,
        );
      } else {
        const v = Math.max(0, Math.min(100, s));
        parts.push(`<rect x="${n(x(0))}" y="${n(yy)}" width="${n(Math.max(1, x(v) - x(0)))}" height="${barH}" fill="${b.colour}"/>`);
        parts.push(`<text x="${n(x(v) + 4)}" y="${n(yy + barH - 2)}" font-size="9" fill="${INK}">${Math.round(v)}</text>`);
      }
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** Pull on one chart: each brand's series indexed to 100 over the same base months, gaps left open. */
export function renderPullChart(
  series: Array<{ brand: string; colour: string; points: Array<{ month: string; value: number | null }> }>,
  labels: { title: string; hundred: string; none: string },
): string {
  const width = CHART_WIDTH;
  const height = 300;
  const m = { top: 46, right: 16, bottom: 30, left: 44 };
  const parts = [open(width, height, labels.title, 'chart-pull'), heading(labels.title)];
  const months = [...new Set(series.flatMap((s) => s.points.map((p) => p.month)))].sort();
  const values = series.flatMap((s) => s.points.flatMap((p) => (p.value === null ? [] : [p.value])));
  if (!months.length || !values.length) {
    parts.push(`<text x="${width / 2}" y="${height / 2}" font-size="12" fill="${MUTED}" text-anchor="middle">${escapeXml(labels.none)}</text></svg>`);
    return parts.join('');
  }
  parts.push(
    legend(
      series.map((s) => ({ label: s.brand, colour: s.colour })),
      36,
    ),
  );
  const first = monthIndex(months[0]!);
  const x = scaleLinear()
    .domain([0, Math.max(1, monthIndex(months[months.length - 1]!) - first)])
    .range([m.left, width - m.right]);
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(110, ...values)])
    .nice(5)
    .range([height - m.bottom, m.top]);
  for (const t of y.ticks(5)) {
    parts.push(
      `<line x1="${m.left}" x2="${width - m.right}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${t === 100 ? MUTED : RULE}" stroke-width="${t === 100 ? 1 : 0.75}"${t === 100 ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    parts.push(`<text x="${m.left - 6}" y="${n(y(t) + 3)}" font-size="10" fill="${MUTED}" text-anchor="end">${t}</text>`);
  }
  parts.push(`<text x="${width - m.right}" y="${n(y(100) - 4)}" font-size="9" fill="${MUTED}" text-anchor="end">${escapeXml(labels.hundred)}</text>`);
  for (let i = monthIndex(months[0]!); i <= monthIndex(months[months.length - 1]!); i++) {
    if (i % 12 !== 0) continue;
    parts.push(`<text x="${n(x(i - first))}" y="${height - m.bottom + 16}" font-size="10" fill="${MUTED}" text-anchor="middle">${Math.floor(i / 12)}</text>`);
  }
  for (const s of series) {
    const d = line<{ month: string; value: number | null }>()
      .defined((p) => p.value !== null)
      .x((p) => x(monthIndex(p.month) - first))
      .y((p) => y(p.value ?? 0))
      .digits(1)(s.points);
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The signal gaps: one row per signal, a dot per brand on the 0–100 scale, a line from lowest to highest. */
export function renderGapsChart(
  gaps: Array<{ label: string; values: Array<{ brand: string; colour: string; score: number | null }> }>,
  brands: Array<{ brand: string; colour: string }>,
  labels: AxisLabels & { title: string },
): string {
  const width = CHART_WIDTH;
  const top = 44;
  const rowH = 30;
  const left = 230;
  const right = 24;
  const bottom = top + Math.max(1, gaps.length) * rowH;
  const height = bottom + 40;
  const x = scaleLinear()
    .domain([0, 100])
    .range([left, width - right]);
  const parts = [
    open(width, height, labels.title, 'chart-gaps'),
    heading(labels.title),
    legend(
      brands.map((b) => ({ label: b.brand, colour: b.colour })),
      36,
    ),
    scaleAxis(x, top, bottom, labels),
  ];
  gaps.forEach((g, i) => {
    const cy = top + i * rowH + rowH / 2;
    const label = g.label.length > 38 ? `${g.label.slice(0, 37).trimEnd()}…` : g.label;
    parts.push(`<text x="0" y="${n(cy + 4)}" font-size="11" fill="${INK}">${escapeXml(label)}</text>`);
    const scores = g.values.flatMap((v) => (v.score === null ? [] : [v.score]));
    if (scores.length >= 2)
      parts.push(
        `<line x1="${n(x(Math.min(...scores)))}" x2="${n(x(Math.max(...scores)))}" y1="${n(cy)}" y2="${n(cy)}" stroke="${RULE}" stroke-width="4" stroke-linecap="round"/>`,
      );
    for (const v of g.values) {
      if (v.score === null) continue;
      parts.push(`<circle cx="${n(x(Math.max(0, Math.min(100, v.score))))}" cy="${n(cy)}" r="5.5" fill="${v.colour}" stroke="#ffffff" stroke-width="1.5"/>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}
