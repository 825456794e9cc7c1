// After Chromium has printed: read where each heading landed (named destinations), set the document metadata,
// pin dates for reproducible output, and shrink the file with qpdf object streams when qpdf is installed.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';
import { VERSION } from '../version.js';
import { destinationPages, isDict, isRef, openPdf, packObjectStreams, replaceObject, textOf, textString, type PdfDict, type PdfValue } from './pdf-objects.js';

const execFileP = promisify(execFile);

/** The date pinned into PDFs rendered with `deterministic: true` (unless a date is given). */
export const DETERMINISTIC_DATE = new Date('2000-01-01T00:00:00Z');

export interface PdfMetadata {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Default "conductor-audit <version>". */
  creator?: string;
  language?: string;
}

function nameText(o: PDFObject): string | null {
  if (o instanceof PDFName) return o.decodeText();
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return null;
}

/**
 * Named destination → 1-based page number, from the catalog's /Dests dictionary and the /Names /Dests tree. Read
 * through the cross-reference table when the file has a classic one (Chromium's), else with pdf-lib.
 */
export async function readDestinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const file = openPdf(pdf);
  if (file) {
    try {
      return destinationPages(file);
    } catch {
      /* not as expected: pdf-lib reads it below */
    }
  }
  return readDestinationPagesWithPdfLib(pdf);
}

/** readDestinationPages, loading every object with pdf-lib (any PDF pdf-lib can open). */
export async function readDestinationPagesWithPdfLib(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const refToPage = new Map<string, number>();
  doc.getPages().forEach((p, i) => refToPage.set(p.ref.toString(), i + 1));
  const out = new Map<string, number>();
  const add = (name: string | null, value: PDFObject | undefined) => {
    if (name === null || value === undefined) return;
    let v: PDFObject | undefined = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (v instanceof PDFDict) v = v.lookup(PDFName.of('D'));
    if (!(v instanceof PDFArray) || v.size() === 0) return;
    const target = v.get(0);
    if (target instanceof PDFRef) {
      const page = refToPage.get(target.toString());
      if (page !== undefined && !out.has(name)) out.set(name, page);
    }
  };
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) for (const [k, v] of dests.entries()) add(nameText(k), v);
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const walk = (node: PDFDict, depth: number) => {
    if (depth > 32) return;
    const arr = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (arr) for (let i = 0; i + 1 < arr.size(); i += 2) add(nameText(arr.get(i)), arr.get(i + 1));
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids)
      for (let i = 0; i < kids.size(); i++) {
        const kid = kids.lookup(i);
        if (kid instanceof PDFDict) walk(kid, depth + 1);
      }
  };
  if (tree) walk(tree, 0);
  return out;
}

const TOC_SPAN = /(<span class="toc-page" data-toc-target="([a-z0-9-]+)">)[^<]*(<\/span>)/g;

/** True when the document has a table of contents whose page numbers the PDF renderer fills in. */
export function hasToc(html: string): boolean {
  TOC_SPAN.lastIndex = 0;
  return TOC_SPAN.test(html);
}

/** The anchors the TOC's page numbers are for, in order. */
export function tocTargets(html: string): string[] {
  return [...html.matchAll(TOC_SPAN)].map((m) => m[2]!);
}

/**
 * The TOC's page numbers as placeholders shaped like the numbers (two digits): a print with them lays the pages out
 * as the print with the numbers will, which the renderer checks by reading the destinations again.
 */
export function withTocPlaceholders(html: string): string {
  return html.replace(TOC_SPAN, (_m, open: string, _target: string, close: string) => `${open}00${close}`);
}

/** How much of the document the measuring print keeps after the last TOC target's element begins (characters). */
export const MEASURE_TAIL_CHARS = 40_000;

/**
 * What the TOC's measuring print needs of the document: everything up to a little past the start of the last
 * element a TOC entry points to (cut before a tag; the parser closes what is open). What follows cannot move the
 * headings before it; the renderer checks that by reading the destinations of the full print. The whole document
 * when a target's element is not found.
 */
export function measuringDocument(html: string, targets: readonly string[]): string {
  let last = -1;
  for (const t of targets) {
    const at = html.indexOf(` id="${t}"`);
    if (at < 0) return html;
    last = Math.max(last, at);
  }
  const cut = last < 0 ? -1 : html.indexOf('<', last + MEASURE_TAIL_CHARS);
  return cut < 0 ? html : html.slice(0, cut);
}

/** Writes page numbers into the TOC's `data-toc-target` spans ('' for a target that has no destination). */
export function fillToc(html: string, pages: ReadonlyMap<string, number>): string {
  return html.replace(TOC_SPAN, (_m, open: string, target: string, close: string) => `${open}${pages.get(target) ?? ''}${close}`);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&#x3D;': '=', '&#x60;': '`' };

function unescapeHtml(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#x27|#39|#x3D|#x60);/g, (e) => ENTITIES[e] ?? e);
}

/** Metadata the report template states in its <head> (title, author, description, keywords, lang). */
export function metadataFromHtml(html: string): PdfMetadata {
  const head = html.slice(0, Math.max(0, html.indexOf('</head>')) || 20_000);
  const meta = (name: string) => {
    const m = new RegExp(`<meta name="${name}" content="([^"]*)">`, 'i').exec(head);
    return m ? unescapeHtml(m[1]!) : undefined;
  };
  const title = /<title>([\s\S]*?)<\/title>/i.exec(head)?.[1];
  const keywords = meta('keywords');
  const lang = /<html lang="([a-zA-Z-]+)"/.exec(head)?.[1];
  return {
    ...(title !== undefined ? { title: unescapeHtml(title) } : {}),
    ...(meta('author') ? { author: meta('author')! } : {}),
    ...(meta('description') ? { subject: meta('description')! } : {}),
    ...(keywords
      ? {
          keywords: keywords
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        }
      : {}),
    ...(lang ? { language: lang } : {}),
  };
}

/** The /Producer of every PDF rendered here, whichever way its metadata was written. */
const PRODUCER = `conductor-audit ${VERSION} (Chromium)`;

/** pdf-lib's date syntax (UTC): D:YYYYMMDDHHmmSSZ. */
function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/**
 * setMetadata without loading the document: the information dictionary is replaced in place and the
 * cross-reference table rewritten (Chromium already writes the title into the window bar and the language from
 * `<html lang>`). Null when the file is not a single classic-table revision with an /Info object, or its catalog
 * would need changing (another language, no DisplayDocTitle): setMetadata does those.
 */
export function replaceInfo(pdf: Uint8Array, meta: PdfMetadata, date: Date | null): Buffer | null {
  const file = openPdf(pdf);
  if (!file) return null;
  try {
    const infoRef = file.trailer.entries.get('Info');
    const catalog = file.resolve(file.trailer.entries.get('Root'));
    if (!isRef(infoRef) || !isDict(catalog)) return null;
    const old = file.get(infoRef);
    if (!isDict(old)) return null;
    if (meta.language && textOf(catalog.entries.get('Lang')) !== meta.language) return null;
    if (meta.title) {
      const prefs = file.resolve(catalog.entries.get('ViewerPreferences'));
      if (!isDict(prefs) || file.resolve(prefs.entries.get('DisplayDocTitle')) !== true) return null;
    }
    const entries = new Map<string, PdfValue>(old.entries);
    const text = (key: string, value: string | undefined) => {
      if (value) entries.set(key, textString(value));
    };
    text('Title', meta.title);
    text('Author', meta.author);
    text('Subject', meta.subject);
    text('Keywords', meta.keywords?.length ? meta.keywords.join(' ') : undefined);
    text('Creator', meta.creator ?? `conductor-audit ${VERSION}`);
    text('Producer', PRODUCER);
    if (date) {
      entries.set('CreationDate', { kind: 'string', bytes: Buffer.from(pdfDate(date), 'latin1') });
      entries.set('ModDate', { kind: 'string', bytes: Buffer.from(pdfDate(date), 'latin1') });
    }
    const info: PdfDict = { kind: 'dict', entries };
    return replaceObject(file, pdf, infoRef.num, info);
  } catch {
    return null;
  }
}

/** The document information, set the cheap way (replaceInfo) where it can be, else by pdf-lib (setMetadata). */
export async function withMetadata(pdf: Uint8Array, meta: PdfMetadata, date: Date | null): Promise<Uint8Array> {
  return replaceInfo(pdf, meta, date) ?? setMetadata(pdf, meta, date);
}

/** Sets the document information dictionary; with `date`, pins creation and modification dates to it. */
export async function setMetadata(pdf: Uint8Array, meta: PdfMetadata, date: Date | null): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  if (meta.title) doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator ?? `conductor-audit ${VERSION}`);
  doc.setProducer(PRODUCER);
  if (meta.language) doc.setLanguage(meta.language);
  if (date) {
    doc.setCreationDate(date);
    doc.setModificationDate(date);
  }
  // Object streams are left to qpdf (below); without qpdf the file stays as Chromium compressed it.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

let qpdfCache: string | null | undefined;

/** qpdf on PATH, or null. */
export function findQpdf(env: NodeJS.ProcessEnv = process.env): string | null {
  if (qpdfCache !== undefined && env === process.env) return qpdfCache;
  let found: string | null = null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, process.platform === 'win32' ? 'qpdf.exe' : 'qpdf');
    try {
      accessSync(file, constants.X_OK);
      found = file;
      break;
    } catch {
      /* next */
    }
  }
  if (env === process.env) qpdfCache = found;
  return found;
}

/**
 * The file packed into compressed object streams, the same objects kept (tags, outline, links): by
 * packObjectStreams for a file laid out as Chromium writes it (a fifth of qpdf's time on a tagged report), else by
 * qpdf when it is on PATH. Unchanged when neither can, or when packing would not make it smaller.
 */
export async function packPdf(pdf: Uint8Array, opts: { deterministic?: boolean } = {}): Promise<Uint8Array> {
  const file = openPdf(pdf);
  const packed = file ? packObjectStreams(file, pdf) : null;
  if (packed) return packed.length < pdf.length ? packed : pdf;
  return compressWithQpdf(pdf, opts);
}

/**
 * `qpdf --object-streams=generate`: same objects (tags, outline, links kept), packed into compressed object
 * streams. With `deterministic`, the file ID is derived from the content. Returns the input unchanged when qpdf is
 * missing or fails.
 */
export async function compressWithQpdf(pdf: Uint8Array, opts: { deterministic?: boolean; qpdf?: string | null } = {}): Promise<Uint8Array> {
  const qpdf = opts.qpdf === undefined ? findQpdf() : opts.qpdf;
  if (!qpdf) return pdf;
  const dir = mkdtempSync(path.join(tmpdir(), 'conductor-pdf-'));
  try {
    const input = path.join(dir, 'in.pdf');
    const output = path.join(dir, 'out.pdf');
    writeFileSync(input, pdf);
    const args = [
      '--object-streams=generate',
      '--compress-streams=y',
      '--recompress-flate',
      '--compression-level=9',
      ...(opts.deterministic ? ['--deterministic-id'] : []),
      input,
      output,
    ];
    try {
      await execFileP(qpdf, args, { timeout: 60_000 });
    } catch (e) {
      // Exit code 3 means "succeeded with warnings": the output is written.
      if ((e as { code?: unknown }).code !== 3) return pdf;
    }
    const out = readFileSync(output);
    return out.length > 0 && out.length < pdf.length ? new Uint8Array(out) : pdf;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
