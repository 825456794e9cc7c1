import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChrome } from '../../../src/report/chrome.js';
import { createPdfRenderer, type PdfRenderer } from '../../../src/report/render-pdf.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { loadFixture, SECTION_HEADINGS } from './helpers.js';

const chrome = hasChrome();
if (!chrome) console.warn('Skipping PDF tests: no Chromium/Chrome found (install it with `sudo apt-get install -y chromium`, or set CHROME_PATH).');

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe.skipIf(!chrome)('renderPdf (system Chromium)', () => {
  let renderer: PdfRenderer;
  const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
  beforeAll(async () => {
    renderer = await createPdfRenderer();
  });
  afterAll(async () => {
    await renderer?.close();
  });

  it('renders the sample with every section heading, a title and more than 3 pages', async () => {
    const sample = loadFixture('sample');
    const pdf = await renderer.render(renderReportHtml(sample), { format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, 'sample.pdf');
    writeFileSync(file, pdf);
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('Northwind Home');
    for (const h of SECTION_HEADINGS) expect(text).toContain(h);
    for (const q of sample.questions) expect(text).toContain(`${q.id} · ${q.title}`);
    expect(text).toContain('Brightline Advisory');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(3);
    expect(info).toMatch(/Title:\s+Northwind Home: social producer/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/A4/);
    expect(text).toMatch(new RegExp(`2 / ${pages}`));
  });

  it('prints hostile markup as text and never a local file', async () => {
    const pdf = await renderer.render(renderReportHtml(loadFixture('hostile')), { format: 'Letter' });
    const file = path.join(dir, 'hostile.pdf');
    writeFileSync(file, pdf);
    const text = pdfText(file);
    expect(text).toContain('<script>');
    expect(text).toContain('<iframe src="file:///etc/passwd">');
    expect(text).not.toContain('root:x:');
    expect(text).not.toMatch(/\/bin\/(ba)?sh/);
  });

  it('blocks file:// and network loads even for raw markup (defence in depth)', async () => {
    const raw = `<!DOCTYPE html><html><head><title>raw</title></head><body><p>before</p>
      <iframe src="file:///etc/passwd" width="600" height="400"></iframe><object data="file:///etc/passwd" width="600" height="400"></object>
      <img src="http://127.0.0.1:9/x.png"><script>document.body.append('SCRIPT-RAN')</script><p>after</p></body></html>`;
    const file = path.join(dir, 'raw.pdf');
    writeFileSync(file, await renderer.render(raw));
    const text = pdfText(file);
    expect(text).toContain('before');
    expect(text).toContain('after');
    expect(text).not.toContain('root:x:');
    expect(text).not.toContain('SCRIPT-RAN');
  });
});
