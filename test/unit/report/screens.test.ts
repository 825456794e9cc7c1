// report.html on a screen: the first screen at 1280 and 390 CSS pixels wide, taken in the report's own locked
// browser (JavaScript off, every request blocked), against reviewed references in test/fixtures/screens/.
// Regenerate with UPDATE_SCREENS=1 (then look at the PNGs before committing them).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChrome } from '../../../src/util/chrome.js';
import { createPdfRenderer, type PdfRenderer, type ScreenShot } from '../../../src/report/render-pdf.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { loadFixture } from './helpers.js';
import { decodeGreyPng, diffShare } from './pixels.js';

const REFERENCE_DIR = fileURLToPath(new URL('../../fixtures/screens/', import.meta.url));
const UPDATE = process.env.UPDATE_SCREENS === '1';
/** Share of pixels allowed to differ: room for a reworded sentence or two, not for a layout that moved. */
const TOLERANCE = 0.03;
const HEIGHT = 900;
const WIDTHS = [1280, 390] as const;

describe.skipIf(!hasChrome())('report.html on a screen', () => {
  let renderer: PdfRenderer;
  const dir = mkdtempSync(path.join(tmpdir(), 'report-screens-'));
  const html = renderReportHtml(loadFixture('sample'));
  const shots = new Map<number, ScreenShot>();

  beforeAll(async () => {
    renderer = await createPdfRenderer();
    for (const width of WIDTHS) shots.set(width, await renderer.screenshot(html, { width, height: HEIGHT }));
  }, 120_000);
  afterAll(async () => {
    await renderer?.close();
  });

  for (const width of WIDTHS) {
    it(`never scrolls sideways at ${width} px`, () => {
      const shot = shots.get(width)!;
      expect(shot.pageWidth).toBe(width);
      expect(shot.pageHeight).toBeGreaterThan(HEIGHT * 5);
    });

    it(`looks like the reviewed reference at ${width} px`, () => {
      const actual = shots.get(width)!.png;
      const actualFile = path.join(dir, `report-${width}.png`);
      writeFileSync(actualFile, actual);
      const refFile = path.join(REFERENCE_DIR, `report-${width}.png`);
      if (UPDATE || !existsSync(refFile)) {
        if (!UPDATE) throw new Error(`Missing reference ${refFile}: run with UPDATE_SCREENS=1 and review the PNG.`);
        mkdirSync(REFERENCE_DIR, { recursive: true });
        writeFileSync(refFile, actual);
        return;
      }
      const share = diffShare(decodeGreyPng(actual), decodeGreyPng(readFileSync(refFile)), 32);
      expect(share, `${(share * 100).toFixed(2)}% of pixels differ (actual: ${actualFile})`).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it.skipIf(UPDATE)('has a tolerance that notices the print layout on a screen', async () => {
    // The same document without its screen rules: the A4 cover, clipped at 390 px.
    const printOnly = html.replace(/@media screen\b/g, '@media not all');
    for (const width of WIDTHS) {
      const shot = await renderer.screenshot(printOnly, { width, height: HEIGHT });
      const share = diffShare(decodeGreyPng(shot.png), decodeGreyPng(shots.get(width)!.png), 32);
      expect(share, `${width} px`).toBeGreaterThan(TOLERANCE);
    }
  });

  it('closes the evidence on screen, with no script, and keeps the contents beside the text on a wide screen', () => {
    expect(html).toMatch(/<details class="evidence-box"><summary>Evidence \(\d+\)<\/summary>/);
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/@media screen and \(min-width: 1100px\)\s*\{[^@]*position: sticky/);
  });
});
