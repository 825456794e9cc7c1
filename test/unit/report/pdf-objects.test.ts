// Reading a printed PDF's destinations and replacing its document information through the cross-reference table,
// without loading every object: the same answers as pdf-lib, and pdf-lib wherever the file is not laid out that way.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { openPdf, packObjectStreams, serialise, textOf, type PdfValue } from '../../../src/report/pdf-objects.js';
import {
  findQpdf,
  packPdf,
  readDestinationPages,
  readDestinationPagesWithPdfLib,
  replaceInfo,
  withMetadata,
  withTocPlaceholders,
  fillToc,
  measuringDocument,
  MEASURE_TAIL_CHARS,
  tocTargets,
} from '../../../src/report/pdf-post.js';

/** A document shaped like Chromium's: pages in a nested tree, /Dests in the catalog and a /Names tree, /Lang, DisplayDocTitle. */
async function sample(opts: { objectStreams?: boolean; lang?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const pages = Array.from({ length: 5 }, () => doc.addPage([200, 200]));
  const dest = (i: number) => doc.context.obj([pages[i]!.ref, PDFName.of('XYZ'), PDFNumber.of(0), PDFNumber.of(200), PDFNumber.of(0)]);
  doc.catalog.set(PDFName.of('Dests'), doc.context.obj({ summary: dest(2), 'q-q1': doc.context.register(dest(3)), 'a#b c': dest(1) }));
  const leaf = doc.context.obj({ Names: [PDFString.of('appendix'), doc.context.obj({ D: dest(4) }), PDFHexString.fromText('ünï'), dest(0)] });
  doc.catalog.set(PDFName.of('Names'), doc.context.obj({ Dests: doc.context.obj({ Kids: [doc.context.register(leaf)] }) }));
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(opts.lang ?? 'en'));
  doc.catalog.set(PDFName.of('ViewerPreferences'), doc.context.obj({ DisplayDocTitle: true }));
  doc.setTitle('Before (old) title');
  doc.setCreator('Old creator');
  return doc.save({ useObjectStreams: opts.objectStreams ?? false, addDefaultPage: false });
}

describe('reading the objects a printed PDF needs', () => {
  it('finds every named destination’s page, from /Dests and the /Names tree, as pdf-lib does', async () => {
    const pdf = await sample();
    expect(openPdf(pdf)).not.toBeNull();
    const fast = await readDestinationPages(pdf);
    expect([...fast].sort()).toEqual([...(await readDestinationPagesWithPdfLib(pdf))].sort());
    expect(Object.fromEntries(fast)).toEqual({ summary: 3, 'q-q1': 4, 'a#b c': 2, appendix: 5, ünï: 1 });
  });

  it('leaves a file with an xref stream, or not a PDF at all, to pdf-lib', async () => {
    const packed = await sample({ objectStreams: true });
    expect(openPdf(packed)).toBeNull();
    expect((await readDestinationPages(packed)).get('summary')).toBe(3);
    expect(openPdf(new TextEncoder().encode('not a pdf'))).toBeNull();
  });

  it('reads literal strings with their escapes, names with #xx, and writes values back as PDF syntax', () => {
    const pdf = new TextEncoder().encode(
      '%PDF-1.4\n1 0 obj\n<</A (a\\(b\\) \\101\\n(nested) x) /B#20C [1 -2.5 /N 3 0 R true null] /D <FEFF00FC>>>\nendobj\n' +
        'xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2 /Root 1 0 R>>\nstartxref\n105\n%%EOF\n',
    );
    const text = Buffer.from(pdf).toString('latin1');
    const fixed = new TextEncoder().encode(text.replace(/startxref\n\d+/, `startxref\n${text.indexOf('xref\n0 2')}`));
    const file = openPdf(fixed)!;
    expect(file).not.toBeNull();
    const v = file.get({ kind: 'ref', num: 1, gen: 0 }) as Extract<PdfValue, { kind: 'dict' }>;
    expect(textOf(v.entries.get('A'))).toBe('a(b) A\n(nested) x');
    expect(textOf(v.entries.get('D'))).toBe('ü');
    expect(serialise(v.entries.get('B C')!)).toBe('[1 -2.5 /N 3 0 R true null]');
    expect(serialise({ kind: 'name', name: 'B C#' })).toBe('/B#20C#23');
  });
});

describe('replacing the document information', () => {
  const meta = { title: 'Spoke: “audit” (2) \\ done', author: 'Dana, Brightline', subject: 'S', keywords: ['a', 'b c'], language: 'en' };

  it('rewrites the file as one revision that pdf-lib opens, with the new fields and no trace of the old ones', async () => {
    const pdf = await sample();
    const out = replaceInfo(pdf, meta, new Date('2000-01-01T00:00:00Z'))!;
    expect(out).not.toBeNull();
    const text = out.toString('latin1');
    expect(text).not.toContain('Old creator');
    expect(text.match(/startxref/g)).toHaveLength(1);
    // Every object is where the rewritten table says.
    const file = openPdf(out)!;
    for (const [num, at] of file.objects) expect(text.slice(at.offset, at.offset + 20)).toMatch(new RegExp(`^${num} ${at.gen} obj`));
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    expect(doc.getTitle()).toBe(meta.title);
    expect(doc.getAuthor()).toBe(meta.author);
    expect(doc.getSubject()).toBe('S');
    expect(doc.getKeywords()).toBe('a b c');
    expect(doc.getCreator()).toMatch(/^conductor-audit /);
    expect(doc.getProducer()).toMatch(/^conductor-audit .*\(Chromium\)$/);
    expect(doc.getCreationDate()?.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(Object.fromEntries(await readDestinationPages(out))).toEqual(Object.fromEntries(await readDestinationPages(pdf)));
    const qpdf = findQpdf();
    if (qpdf) {
      const f = path.join(mkdtempSync(path.join(tmpdir(), 'pdf-objects-')), 'out.pdf');
      writeFileSync(f, out);
      expect(execFileSync(qpdf, ['--check', f], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
    }
  });

  it('keeps the printed dates without a date to pin, and is byte-stable', async () => {
    const pdf = await sample();
    const before = (await PDFDocument.load(pdf, { updateMetadata: false })).getCreationDate();
    const out = replaceInfo(pdf, meta, null)!;
    expect((await PDFDocument.load(out, { updateMetadata: false })).getCreationDate()).toEqual(before);
    expect(replaceInfo(pdf, meta, null)!.equals(out)).toBe(true);
  });

  it('leaves a catalog that must change (another language) or an xref stream to pdf-lib', async () => {
    const de = await sample({ lang: 'de' });
    expect(replaceInfo(de, meta, null)).toBeNull();
    const doc = await PDFDocument.load(await withMetadata(de, meta, null), { updateMetadata: false });
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en');
    expect(doc.getTitle()).toBe(meta.title);
    const packed = await sample({ objectStreams: true });
    expect(replaceInfo(packed, meta, null)).toBeNull();
    expect((await PDFDocument.load(await withMetadata(packed, meta, null))).getAuthor()).toBe(meta.author);
  });
});

describe('the table of contents’ page numbers', () => {
  const html =
    '<li><a href="#summary">S</a><span class="toc-page" data-toc-target="summary"></span></li><li><span class="toc-page" data-toc-target="q-q1">7</span></li>';
  it('lists its targets, holds placeholders shaped like numbers, and takes the numbers read', () => {
    expect(tocTargets(html)).toEqual(['summary', 'q-q1']);
    expect(withTocPlaceholders(html)).toContain('data-toc-target="summary">00</span>');
    expect(fillToc(withTocPlaceholders(html), new Map([['summary', 3]]))).toBe(html.replace('></span>', '>3</span>').replace('>7<', '><'));
  });
});

describe('the document the measuring print lays out', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `<tr><td>${i}</td></tr>`).join('');
  const doc = (tail: number) =>
    `<html><body><nav><span class="toc-page" data-toc-target="a"></span><span class="toc-page" data-toc-target="b"></span></nav><section id="a">A</section><section id="b"><table>${rows(tail)}</table></section><footer>end</footer></body></html>`;

  it('ends a little past the last element the TOC points to, before a tag', () => {
    const html = doc(20_000);
    const cut = measuringDocument(html, ['a', 'b']);
    const at = html.indexOf(' id="b"');
    expect(cut.length).toBeGreaterThanOrEqual(at + MEASURE_TAIL_CHARS);
    expect(cut.length).toBeLessThan(at + MEASURE_TAIL_CHARS + 20);
    expect(html.startsWith(cut)).toBe(true);
    expect(html[cut.length]).toBe('<');
    expect(cut).not.toContain('<footer>');
  });

  it('is the whole document when it is short, or when a target has no element', () => {
    expect(measuringDocument(doc(10), ['a', 'b'])).toBe(doc(10));
    expect(measuringDocument(doc(20_000), ['a', 'b', 'missing'])).toBe(doc(20_000));
  });
});

describe('packing into object streams', () => {
  const qpdfCheck = (pdf: Uint8Array) => {
    const qpdf = findQpdf();
    if (!qpdf) return;
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'pdf-pack-')), 'packed.pdf');
    writeFileSync(f, pdf);
    expect(execFileSync(qpdf, ['--check', f], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
  };

  it('puts every object but streams into object streams, and pdf-lib, poppler’s qpdf check and our reader agree with the original', async () => {
    const doc = await PDFDocument.load(await sample(), { updateMetadata: false });
    // A stream whose data holds the words that end objects and streams: copied whole.
    const tricky = doc.context.register(doc.context.stream('q 1 0 0 1 0 0 cm (endobj) Tj\nendstream\nendobj\n Q'));
    doc.catalog.set(PDFName.of('Tricky'), tricky);
    const pdf = await doc.save({ useObjectStreams: false, addDefaultPage: false });
    const packed = packObjectStreams(openPdf(pdf)!, pdf)!;
    expect(packed).not.toBeNull();
    const text = packed.toString('latin1');
    expect(text.startsWith('%PDF-1.5')).toBe(true);
    expect(text).toContain('/Type /ObjStm');
    expect(text).toContain('/Type /XRef');
    expect(openPdf(packed)).toBeNull(); // no classic table any more
    expect(Object.fromEntries(await readDestinationPages(packed))).toEqual(Object.fromEntries(await readDestinationPages(pdf)));
    const back = await PDFDocument.load(packed, { updateMetadata: false });
    expect(back.getTitle()).toBe('Before (old) title');
    expect(back.getPageCount()).toBe(5);
    const again = back.context.lookup(back.catalog.get(PDFName.of('Tricky')) as PDFRef) as PDFRawStream;
    expect(Buffer.from(again.getContents()).toString('latin1')).toBe('q 1 0 0 1 0 0 cm (endobj) Tj\nendstream\nendobj\n Q');
    // Same input, same bytes (the /ID is the packed objects' digest).
    expect(packObjectStreams(openPdf(pdf)!, pdf)!.equals(packed)).toBe(true);
    qpdfCheck(packed);
  });

  it('leaves a file it cannot pack as it is, or to qpdf', async () => {
    const pdf = await sample();
    const text = Buffer.from(pdf).toString('latin1');
    // An object of another generation cannot go into an object stream.
    const first = /\n(\d+) 0 obj/.exec(text)!;
    const num = first[1]!;
    const bumped = Buffer.from(
      text.replace(`\n${num} 0 obj`, `\n${num} 1 obj`).replace(new RegExp(`(\\n0*${text.indexOf(`\n${num} 0 obj`) + 1} )00000 n`), '$100001 n'),
      'latin1',
    );
    const file = openPdf(bumped)!;
    expect([...file.objects.values()].some((o) => o.gen === 1)).toBe(true);
    expect(packObjectStreams(file, bumped)).toBeNull();
    const packed = await packPdf(pdf);
    expect(Buffer.from(packed).toString('latin1')).toContain('/Type /ObjStm');
    // Already packed: nothing to gain, returned as given (or as qpdf rewrote it).
    expect((await packPdf(packed)).length).toBeLessThanOrEqual(packed.length);
  });
});
