import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChrome } from '../../../src/util/chrome.js';
import { findQpdf } from '../../../src/report/pdf-post.js';
import { createPdfRenderer, type PdfRenderer, type PdfRenderInfo } from '../../../src/report/render-pdf.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { buildViewModel } from '../../../src/report/view-model.js';
import { VERSION } from '../../../src/version.js';
import { loadFixture, SECTION_HEADINGS, SECTION_HEADINGS_DE } from './helpers.js';
import { questionTitle } from '../../../src/report/view-model.js';
import { decodeGreyPng, diffShare } from './pixels.js';

const chrome = hasChrome();
const poppler = ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm'].every((t) => {
  try {
    execFileSync(t, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
const qpdf = findQpdf();
if (!chrome) console.warn('Skipping PDF tests: no Chromium/Chrome found (install it with `sudo apt-get install -y chromium`, or set CHROME_PATH).');
else if (!poppler)
  console.warn('Skipping PDF tests: poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) not found: `sudo apt-get install -y poppler-utils`.');
if (chrome && !qpdf) console.warn('Skipping qpdf checks: qpdf not found (`sudo apt-get install -y qpdf`).');

const REFERENCE_DIR = fileURLToPath(new URL('../../fixtures/report/reference/', import.meta.url));
const UPDATE = process.env.UPDATE_REFERENCE === '1';

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
function pdfText(file: string, first?: number, last?: number): string {
  return run('pdftotext', ['-enc', 'UTF-8', '-layout', ...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), file, '-']);
}
function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
}

describe.skipIf(!chrome || !poppler)('renderPdf (system Chromium)', () => {
  let renderer: PdfRenderer;
  const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
  const sample = loadFixture('sample');
  const sampleFile = path.join(dir, 'sample.pdf');
  let sampleBytes: Buffer;
  let info: PdfRenderInfo;

  beforeAll(async () => {
    renderer = await createPdfRenderer();
    const out = await renderer.renderWithInfo(renderReportHtml(sample), { format: 'A4', deterministic: true });
    sampleBytes = out.pdf;
    info = out.info;
    writeFileSync(sampleFile, sampleBytes);
  });
  afterAll(async () => {
    await renderer?.close();
  });

  it('has every section heading, the brand, the organisation and a sane page count', () => {
    expect(sampleBytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(sampleFile).replace(/\s+/g, ' ');
    expect(text).toContain('Northwind Home');
    for (const h of [...SECTION_HEADINGS, 'Contents', 'Recommendations']) expect(text).toContain(h);
    for (const q of sample.questions) expect(text).toContain(`${q.id} · ${questionTitle(q)}`);
    expect(text).toContain('Brightline Advisory');
    const pages = pageCount(sampleFile);
    // The client report is short: the signal glossary and the pages read are appendices, skipped URLs are grouped.
    expect(pages).toBeGreaterThan(8);
    expect(pages).toBeLessThanOrEqual(24);
    // No developer terms in the client's text: file names, markup, loopback addresses, importer ids, scoring internals.
    for (const term of [
      /audit\.json/,
      /rel=/,
      /127\.0\.0\.1/,
      /\d\s*→\s*\d/,
      /gsc-csv|generic-csv|traffic\.csv/,
      /Scored \d+\/100 at weight/,
      /q\d-[a-z]+-[a-z]/,
    ])
      expect(text).not.toMatch(term);
    const pdfInfo = run('pdfinfo', [sampleFile]);
    expect(pdfInfo).toMatch(/Tagged:\s+yes/);
    expect(pdfInfo).toMatch(/A4/);
    expect(text).toMatch(new RegExp(`2 / ${pages}`));
  });

  it('puts a table of contents after the cover whose page numbers match where the headings landed', () => {
    expect(info.passes).toBeGreaterThanOrEqual(2);
    expect(info.passes).toBeLessThanOrEqual(3);
    // Named destinations as poppler reads them agree with the renderer's own reading.
    const dests = run('pdfinfo', ['-dests', sampleFile]);
    const fromPoppler = new Map<string, number>();
    for (const m of dests.matchAll(/^\s*(\d+)\s+\[.*?\]\s+"([^"]+)"/gm)) fromPoppler.set(m[2]!, Number(m[1]));
    for (const [anchor, page] of info.pages) expect(fromPoppler.get(anchor)).toBe(page);
    expect(info.pages.get('summary')).toBe(3);
    const toc = pdfText(sampleFile, 2);
    expect(toc).toContain('Contents');
    const entries: Array<[string, string]> = [
      ['Executive summary', 'summary'],
      ['Recommendations', 'recommendations'],
      ['Question 1: Participation', 'q-q1'],
      ['Question 5: Aims', 'q-q5'],
      ['Method', 'method'],
      ['Coverage and limits', 'coverage'],
      ['Appendix: the signals', 'glossary'],
      ['Appendix: pages read', 'appendix'],
    ];
    for (const [title, anchor] of entries) {
      const line = toc.split('\n').find((l) => l.trim().startsWith(title));
      expect(line, title).toBeDefined();
      expect(Number(/(\d+)\s*$/.exec(line!)?.[1]), title).toBe(info.pages.get(anchor));
      // …and the heading really is on that page.
      expect(pdfText(sampleFile, info.pages.get(anchor))).toContain(anchor.startsWith('q-') ? `${anchor.slice(2).toUpperCase()} · ` : title);
    }
  });

  it('prints every signal’s evidence open, although report.html shows it in closed <details>', () => {
    const html = renderReportHtml(sample);
    expect(html).toContain('<details class="evidence-box">');
    const text = run('pdftotext', ['-enc', 'UTF-8', sampleFile, '-']).replace(/\s+/g, ' ');
    const snippets = buildViewModel(sample).questions.flatMap((q) => q.signals.flatMap((s) => s.evidence.map((e) => e.quote ?? e.note ?? '')));
    expect(snippets.length).toBeGreaterThan(10);
    const missing = snippets.map((s) => s.replace(/\s+/g, ' ').slice(0, 40).trim()).filter((s) => !text.includes(s));
    expect(missing).toEqual([]);
    // The summary ("Evidence (2)") is for the screen only.
    expect(text).not.toMatch(/Evidence \(\d+\)/);
  });

  it('has bookmarks, embeds the shipped font and carries the metadata', () => {
    const fonts = run('pdffonts', [sampleFile]);
    const rows = fonts.split('\n').filter((l) => /SourceSans3/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r).toMatch(/\byes\s+yes\s+yes\b/);
    expect(fonts).not.toMatch(/\bno\s+(yes|no)\s+(yes|no)\s+\d+\s+0\s*$/m);
    const pdfInfo = run('pdfinfo', [sampleFile]);
    expect(pdfInfo).toMatch(/Title:\s+Northwind Home: social producer/);
    expect(pdfInfo).toMatch(/Author:\s+Dana Whitfield, Brightline Advisory/);
    expect(pdfInfo).toMatch(/Subject:\s+Producer–conductor audit of Northwind Home/);
    expect(pdfInfo).toMatch(/Keywords:\s+.*social conductor/);
    expect(pdfInfo).toContain(`conductor-audit ${VERSION}`);
    expect(pdfInfo).toMatch(/CreationDate:\s+Sat Jan\s+1 00:00:00 2000/);
    expect(pdfInfo).toMatch(/ModDate:\s+Sat Jan\s+1 00:00:00 2000/);
  });

  it.skipIf(!qpdf)('is packed into object streams with tags, outline and links intact, and passes qpdf --check', () => {
    expect(info.compressed).toBe(true);
    expect(run(qpdf!, ['--check', sampleFile])).toMatch(/No syntax or stream encoding errors/);
    const json = JSON.parse(run(qpdf!, ['--json', '--json-key=outlines', sampleFile])) as { outlines: Array<{ title: string }> };
    const titles = json.outlines.map((o) => o.title);
    expect(titles).toContain('Executive summary');
    expect(titles).toContain('Recommendations');
    expect(titles.some((t) => t.startsWith('Q1 · '))).toBe(true);
    // Objects after packing: link annotations (TOC and evidence URLs) and the structure tree survive.
    const objects = run(qpdf!, ['--json', '--json-key=qpdf', sampleFile]);
    expect(objects.match(/"\/Subtype": "\/Link"/g)?.length ?? 0).toBeGreaterThan(20);
    expect(objects).toContain('"/StructTreeRoot"');
    expect(sampleBytes.includes('/ObjStm')).toBe(true);
  });

  it('is byte-identical when rendered again with deterministic: true', async () => {
    const again = await renderer.render(renderReportHtml(sample), { format: 'A4', deterministic: true });
    expect(again.equals(sampleBytes)).toBe(true);
  });

  it('renders German headings from the catalogue', async () => {
    const pdf = await renderer.render(renderReportHtml(sample, { locale: 'de' }), { format: 'A4' });
    const file = path.join(dir, 'sample-de.pdf');
    writeFileSync(file, pdf);
    const text = pdfText(file).replace(/\s+/g, ' ');
    for (const h of SECTION_HEADINGS_DE) expect(text).toContain(h);
    expect(text).toContain('20. November 2026');
    expect(text).not.toContain('Executive summary');
    expect(run('pdfinfo', [file])).toMatch(/Title:\s+Northwind Home: sozialer Produzent oder sozialer Dirigent\?/);
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
    if (qpdf) expect(run(qpdf, ['--check', file])).toMatch(/No syntax or stream encoding errors/);
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

  it.skipIf(UPDATE)('has a pixel diff that notices a different page', () => {
    const cover = decodeGreyPng(readFileSync(path.join(REFERENCE_DIR, 'cover.png')));
    const question = decodeGreyPng(readFileSync(path.join(REFERENCE_DIR, 'question-q1.png')));
    expect(diffShare(cover, cover)).toBe(0);
    expect(diffShare(cover, question)).toBeGreaterThan(0.02);
  });

  // Visual regression: the cover and the first question page at 50 dpi, greyscale, against reviewed references.
  // Regenerate with UPDATE_REFERENCE=1 (and look at the PNGs before committing them).
  for (const [name, pageOf] of [
    ['cover', () => 1],
    ['question-q1', () => info.pages.get('q-q1')!],
  ] as const) {
    it(`looks like the reviewed reference: ${name}`, () => {
      const page = pageOf();
      const base = path.join(dir, `${name}`);
      execFileSync('pdftoppm', ['-png', '-gray', '-r', '50', '-f', String(page), '-l', String(page), '-singlefile', sampleFile, base]);
      const actualPng = readFileSync(`${base}.png`);
      const refFile = path.join(REFERENCE_DIR, `${name}.png`);
      if (UPDATE || !existsSync(refFile)) {
        if (!UPDATE) throw new Error(`Missing reference ${refFile}: run with UPDATE_REFERENCE=1 and review the PNG.`);
        mkdirSync(REFERENCE_DIR, { recursive: true });
        writeFileSync(refFile, actualPng);
        return;
      }
      const share = diffShare(decodeGreyPng(actualPng), decodeGreyPng(readFileSync(refFile)), 32);
      expect(share, `${(share * 100).toFixed(2)}% of pixels differ (actual: ${base}.png)`).toBeLessThanOrEqual(0.02);
    });
  }
});
