// The report's typeface, shipped with the package (@fontsource/source-sans-3, OFL-1.1): latin + latin-ext subsets
// in regular, italic, bold and bold italic, inlined as data: URIs so the page loads nothing and the PDF embeds
// the same font on every machine (no system font is used for text).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const REPORT_FONT_FAMILY = 'Source Sans 3';
/** The CSS font stack used for all report text (system fonts only as a last resort for glyphs outside latin/latin-ext). */
export const REPORT_FONT_STACK = `"${REPORT_FONT_FAMILY}", "Liberation Sans", Arial, "DejaVu Sans", sans-serif`;

const SUBSETS = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C4,U+2113,U+2C60-2C7F,U+A720-A7FF',
} as const;
const WEIGHTS = [400, 700] as const;
const STYLES = ['normal', 'italic'] as const;

let cached: string | null = null;

/** Folder of the @fontsource woff2 files. */
export function fontFilesDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@fontsource/source-sans-3/package.json')), 'files');
}

/** `@font-face` rules for the shipped font with the woff2 files as base64 data: URIs (cached per process). */
export function fontFaceCss(): string {
  if (cached !== null) return cached;
  const dir = fontFilesDir();
  const rules: string[] = [];
  for (const [subset, range] of Object.entries(SUBSETS)) {
    for (const weight of WEIGHTS) {
      for (const style of STYLES) {
        const file = path.join(dir, `source-sans-3-${subset}-${weight}-${style}.woff2`);
        const b64 = readFileSync(file).toString('base64');
        rules.push(
          `@font-face { font-family: "${REPORT_FONT_FAMILY}"; font-style: ${style}; font-weight: ${weight}; font-display: block; src: url(data:font/woff2;base64,${b64}) format("woff2"); unicode-range: ${range}; }`,
        );
      }
    }
  }
  cached = rules.join('\n') + '\n';
  return cached;
}
