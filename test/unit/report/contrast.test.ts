// WCAG AA contrast of every text/background pair the report's theme produces, for accents that used to break it
// (orange, green, near-white, yellow, dark navy and the default). Luminance is computed here, from the WCAG 2.x
// formula, not with the code under test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BRAND_COLOURS } from '../../../src/compare/charts.js';
import { renderQuestionBars, renderScaleSvg } from '../../../src/report/charts.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { DEFAULT_ACCENT, TEXT_PAIRS } from '../../../src/report/theme.js';
import { loadFixture } from './helpers.js';

const ACCENTS = {
  default: DEFAULT_ACCENT,
  orange: '#f97316',
  green: '#16a34a',
  'near-white': '#f5f5f0',
  yellow: '#facc15',
  'dark navy': '#0b1f3a',
  'mid grey': '#777777',
  'pure red': '#ff0000',
  'sky blue': '#38bdf8',
  black: '#000000',
  white: '#ffffff',
};

function channels(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not #rrggbb: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function ratio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function hue(hex: string): { h: number; s: number } {
  const [r, g, b] = channels(hex).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  const s = max === 0 ? 0 : d / max;
  if (d === 0) return { h: 0, s };
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: (h * 60 + 360) % 360, s };
}

const hueGap = (a: number, b: number): number => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

/** The `:root { --x: #… }` variables of a rendered report's stylesheet. */
function rootVariables(html: string): Map<string, string> {
  const root = /:root \{([^}]*)\}/.exec(html)?.[1] ?? '';
  return new Map([...root.matchAll(/(--[a-z-]+):\s*(#[0-9a-f]{6});/g)].map((m) => [m[1]!, m[2]!]));
}

const sample = loadFixture('sample');
const themeCss = readFileSync(fileURLToPath(new URL('../../../templates/theme.css', import.meta.url)), 'utf8');

describe('report colours meet WCAG AA for any accent', () => {
  for (const [name, accent] of Object.entries(ACCENTS)) {
    it(`${name} (${accent}): every text/background pair of the rendered theme`, () => {
      const vars = rootVariables(renderReportHtml(sample, { accent }));
      expect(vars.get('--accent')).toBe(accent);
      const failures: string[] = [];
      for (const p of TEXT_PAIRS) {
        const fg = vars.get(p.fg);
        const bg = vars.get(p.bg);
        expect(fg, `${p.fg} is set`).toBeDefined();
        expect(bg, `${p.bg} is set`).toBeDefined();
        const r = ratio(fg!, bg!);
        if (r < p.min) failures.push(`${p.where}: ${p.fg} ${fg} on ${p.bg} ${bg} is ${r.toFixed(2)}:1, needs ${p.min}:1`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('producer, conductor and warning colours do not follow the accent', () => {
    const semantic = (accent: string) =>
      [...rootVariables(renderReportHtml(sample, { accent }))].filter(([k]) => /^--(producer|conductor|neutral|warn)-/.test(k));
    const base = semantic(DEFAULT_ACCENT);
    expect(base.length).toBeGreaterThanOrEqual(9);
    for (const accent of Object.values(ACCENTS)) expect(semantic(accent)).toEqual(base);
    // A 100/100 pill and a 20/100 pill are told apart by hue, whatever the brand.
    const v = new Map(base);
    expect(hueGap(hue(v.get('--producer-graphic')!).h, hue(v.get('--conductor-graphic')!).h)).toBeGreaterThan(120);
    expect(ratio(v.get('--producer-soft')!, v.get('--conductor-soft')!)).toBeLessThan(1.2);
  });

  it('theme.css colours text only through the checked variables (no literal colours)', () => {
    const body = themeCss.replace(/\/\*[\s\S]*?\*\//g, '');
    expect(body.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? []).toEqual([]);
    const checked = new Set(TEXT_PAIRS.map((p) => p.fg));
    const used = [...body.matchAll(/(?:^|[;{\s])color:\s*([^;]+);/g)].map((m) => m[1]!.trim());
    expect(used.length).toBeGreaterThan(20);
    for (const value of used) {
      if (value === 'inherit' || value === 'currentColor') continue;
      const v = /^var\((--[a-z-]+)\)$/.exec(value)?.[1];
      expect(v && checked.has(v), `color: ${value} is a checked text colour`).toBe(true);
    }
  });

  it('chart text is readable on white and bars take the leaning colour, not the accent', () => {
    for (const accent of Object.values(ACCENTS)) {
      const svg =
        renderQuestionBars(
          [
            { id: 'Q1', title: 'One', score: 12, leaning: 'producer' },
            { id: 'Q2', title: 'Two', score: 50, leaning: 'neutral' },
            { id: 'Q3', title: 'Three', score: 91, leaning: 'conductor' },
            { id: 'Q4', title: 'Four', score: null, leaning: null },
          ],
          { accent },
        ) + renderScaleSvg(27, { accent });
      if (accent !== '#000000') expect(svg).not.toContain(accent);
      for (const m of svg.matchAll(/<text[^>]* fill="(#[0-9a-f]{6})"/g)) expect(ratio(m[1]!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      const rendered = rootVariables(renderReportHtml(sample, { accent }));
      for (const k of ['--producer-graphic', '--conductor-graphic', '--neutral-graphic']) expect(svg).toContain(`fill="${rendered.get(k)}"`);
    }
  });
});

describe('comparison brand colours', () => {
  it('are text-dark on white, apart from the producer and conductor hues, and match the swatches', () => {
    const vars = rootVariables(renderReportHtml(sample));
    const semanticHues = ['--producer-graphic', '--conductor-graphic'].map((k) => hue(vars.get(k)!).h);
    for (const c of BRAND_COLOURS) {
      expect(ratio(c, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
      const { h, s } = hue(c);
      if (s < 0.3) continue; // a grey has no hue to collide with
      for (const sh of semanticHues) expect(hueGap(h, sh), `${c} vs hue ${sh.toFixed(0)}`).toBeGreaterThanOrEqual(25);
      expect(h >= 90 && h <= 150, `${c} is not a "good" green`).toBe(false);
    }
    const css = readFileSync(fileURLToPath(new URL('../../../templates/comparison.css', import.meta.url)), 'utf8');
    const swatches = [...css.matchAll(/\.swatch-(\d) \{\s*background: (#[0-9a-f]{6});/g)].map((m) => [Number(m[1]), m[2]]);
    expect(swatches).toEqual(BRAND_COLOURS.map((c, i) => [i, c]));
  });
});
