// Theme values from the audit file: validated, never passed through as raw CSS.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_ACCENT = '#0b6e4f';
export const LOGO_MAX_BYTES = 1024 * 1024;

/** `#rgb` or `#rrggbb`, normalised to lower-case `#rrggbb`; anything else → null. */
export function validateAccent(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (!/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(s)) return null;
  const hex =
    s.length === 4
      ? s
          .slice(1)
          .split('')
          .map((c) => c + c)
          .join('')
      : s.slice(1);
  return `#${hex.toLowerCase()}`;
}

/** Mixes a `#rrggbb` colour with white; `amount` 0 = colour, 1 = white. */
export function tint(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(c + (255 - c) * amount));
  return `#${ch.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2.x relative luminance of a `#rrggbb` colour (0 = black, 1 = white). */
export function relativeLuminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const lin = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

/** WCAG 2.x contrast ratio of two `#rrggbb` colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour (white or near-black) with the higher contrast on the given background. */
export function readableOn(hex: string): '#ffffff' | '#111111' {
  return contrastRatio('#ffffff', hex) >= contrastRatio('#111111', hex) ? '#ffffff' : '#111111';
}

/** Mixes a `#rrggbb` colour towards black; `amount` 0 = colour, 1 = black. */
export function darken(hex: string, amount = 0.25): string {
  const n = parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(c * (1 - amount)));
  return `#${ch.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** `hex` darkened from `start` in steps of 0.05 until it reaches `ratio` against every background. */
function darkenUntil(hex: string, backgrounds: readonly string[], ratio: number, start = 0): string {
  for (let a = start; a < 1; a += 0.05) {
    const c = darken(hex, a);
    if (backgrounds.every((bg) => contrastRatio(c, bg) >= ratio)) return c;
  }
  return '#000000';
}

/** WCAG AA: normal text, and large text (≥ 18pt, or ≥ 14pt bold) or graphics that carry meaning. */
export const AA_TEXT = 4.5;
export const AA_LARGE = 3;

/**
 * The fixed colours of every report. The producer ↔ conductor scale has its own colours, never the brand's:
 * producer is a brick red, conductor a blue, balanced a grey (red/blue stays apart for every common colour-vision
 * deficiency; no green, so a green brand reads as a brand and not as "good"). `ink` is text on `soft`, `graphic` a
 * bar or a mark on white.
 */
export const FIXED_COLOURS = {
  ink: '#1f2933',
  muted: '#5f6b78',
  rule: '#d9dee3',
  panel: '#f5f7f9',
  paper: '#ffffff',
  producerInk: '#a3261b',
  producerSoft: '#fdecea',
  producerGraphic: '#c0392b',
  conductorInk: '#1a4f8b',
  conductorSoft: '#e7eef8',
  conductorGraphic: '#2f6db5',
  neutralInk: '#1f2933',
  neutralSoft: '#eceff2',
  neutralGraphic: '#6b7785',
  warnInk: '#92400e',
  warnSoft: '#fdf3e7',
  warnRule: '#b45309',
} as const;

/** Every colour of a report, from its (validated) accent and the fixed colours. */
export interface ThemeColours {
  /** The brand: cover band, rules, borders (never text). */
  accent: string;
  accentSoft: string;
  accentFaint: string;
  /** Accent-coloured text (links, titles) on white, the faint accent and the panel: ≥ 4.5:1. */
  accentDark: string;
  /** The eyebrow: the accent itself when it is readable on white, else `accentDark`. */
  accentText: string;
  /** The accent as a line or mark on white (charts): ≥ 3:1. */
  accentGraphic: string;
  /** A solid accent background that carries text (`onAccent`): ≥ 4.5:1. */
  accentFill: string;
  onAccent: string;
}

export function themeColours(accentIn: string): ThemeColours {
  const accent = validateAccent(accentIn) ?? DEFAULT_ACCENT;
  const accentSoft = tint(accent, 0.82);
  const accentFaint = tint(accent, 0.94);
  const light = [FIXED_COLOURS.paper, accentFaint, FIXED_COLOURS.panel];
  const accentDark = darkenUntil(accent, light, AA_TEXT, 0.25);
  const accentText = contrastRatio(accent, FIXED_COLOURS.paper) >= AA_TEXT ? accent : accentDark;
  const accentGraphic = darkenUntil(accent, [FIXED_COLOURS.paper], AA_LARGE);
  const onAccent = readableOn(accent);
  const accentFill = contrastRatio(onAccent, accent) >= AA_TEXT ? accent : darkenUntil(accent, ['#ffffff'], AA_TEXT);
  return { accent, accentSoft, accentFaint, accentDark, accentText, accentGraphic, accentFill, onAccent: readableOn(accentFill) };
}

/** The stylesheet's colour variables (`--accent-dark: …`), fixed and derived. */
export function themeVariables(c: ThemeColours): Record<string, string> {
  const kebab = (k: string): string => `--${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c)) out[kebab(k)] = v;
  for (const [k, v] of Object.entries(FIXED_COLOURS)) out[kebab(k)] = v;
  return out;
}

/**
 * Every text-on-background pair the stylesheet draws (by variable), with the ratio WCAG AA asks of it. The test
 * checks them for a range of accents, and that theme.css colours text only through these variables.
 */
export const TEXT_PAIRS: ReadonlyArray<{ where: string; fg: string; bg: string; min: number }> = [
  ...['--paper', '--panel', '--accent-faint', '--warn-soft'].flatMap((bg) => [
    { where: 'body text', fg: '--ink', bg, min: AA_TEXT },
    { where: 'muted text', fg: '--muted', bg, min: AA_TEXT },
  ]),
  ...['--paper', '--panel', '--accent-faint'].map((bg) => ({ where: 'links, callout titles, index label', fg: '--accent-dark', bg, min: AA_TEXT })),
  { where: 'eyebrow', fg: '--accent-text', bg: '--paper', min: AA_TEXT },
  { where: 'finding rank', fg: '--on-accent', bg: '--accent-fill', min: AA_TEXT },
  { where: 'producer pill', fg: '--producer-ink', bg: '--producer-soft', min: AA_TEXT },
  { where: 'conductor pill', fg: '--conductor-ink', bg: '--conductor-soft', min: AA_TEXT },
  { where: 'balanced pill', fg: '--neutral-ink', bg: '--neutral-soft', min: AA_TEXT },
  { where: 'producer leaning', fg: '--producer-ink', bg: '--paper', min: AA_TEXT },
  { where: 'conductor leaning', fg: '--conductor-ink', bg: '--paper', min: AA_TEXT },
  { where: 'warning title', fg: '--warn-ink', bg: '--warn-soft', min: AA_TEXT },
  { where: 'warning text', fg: '--warn-ink', bg: '--paper', min: AA_TEXT },
  { where: 'thin coverage', fg: '--warn-ink', bg: '--panel', min: AA_TEXT },
  { where: 'chart accent line', fg: '--accent-graphic', bg: '--paper', min: AA_LARGE },
  { where: 'producer bar', fg: '--producer-graphic', bg: '--paper', min: AA_LARGE },
  { where: 'conductor bar', fg: '--conductor-graphic', bg: '--paper', min: AA_LARGE },
  { where: 'balanced bar', fg: '--neutral-graphic', bg: '--paper', min: AA_LARGE },
];

export class LogoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogoError';
  }
}

/** Detects the logo type from its bytes (not its name): png, jpeg or svg; else null. */
export function sniffImage(buf: Uint8Array): 'image/png' | 'image/jpeg' | 'image/svg+xml' | null {
  if (buf.length >= 8 && buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47) return 'image/png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  const head = Buffer.from(buf.subarray(0, 2048))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

/**
 * Reads a logo file (svg, png or jpg, at most 1 MiB) into a data: URI for an <img>. An SVG shown through <img>
 * runs no script and loads nothing, and the page's CSP allows images from data: only.
 */
export function loadLogo(file: string, maxBytes: number = LOGO_MAX_BYTES): string {
  const ext = path.extname(file).toLowerCase();
  if (!['.svg', '.png', '.jpg', '.jpeg'].includes(ext)) {
    throw new LogoError(`The logo ${file} must be an .svg, .png or .jpg file.`);
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new LogoError(`The logo file ${file} cannot be read: check report.analyst.logo in the audit file.`);
  }
  if (size > maxBytes)
    throw new LogoError(`The logo ${file} is ${Math.round(size / 1024)} KiB; the limit is ${Math.round(maxBytes / 1024)} KiB. Use a smaller image.`);
  const buf = readFileSync(file);
  const mime = sniffImage(buf);
  if (!mime) throw new LogoError(`The logo ${file} is not a valid SVG, PNG or JPEG image.`);
  return `data:${mime};base64,${buf.toString('base64')}`;
}
