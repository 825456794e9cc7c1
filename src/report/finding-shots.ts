// Screenshot crops beside the headline findings (the summary's three and each question's first measured card): the
// page's saved HTML (from the crawl or its archive, never the live site) drawn in the report's browser — no script
// of the page runs, every request but data: is blocked and the process is offline — cropped around the quoted words.
import type { Page } from 'puppeteer-core';
import { DEFAULTS } from '../config/defaults.js';
import type { AuditResult } from '../result/types.js';
import { ChromeNotFoundError, findChrome } from '../util/chrome.js';
import { createPdfRenderer, type LockedPages, type PdfLaunchOptions, type PdfRenderer } from './render-pdf.js';
import { withoutNavigation } from './text.js';
import { findingShotKey, topFindings } from './view-model.js';

export interface HeadlineItem {
  /** `${signalId}#0`: the signal's first item of evidence, the one the report shows. */
  key: string;
  url: string;
  snippet: string | null;
}

export interface FindingShot {
  key: string;
  /** JPEG bytes. */
  data: Uint8Array;
  width: number;
  height: number;
}

export interface FindingShotOptions extends PdfLaunchOptions {
  /** Per page (load, find, screenshot); default DEFAULTS.report.findingShotPageMs. */
  pageTimeoutMs?: number;
  /** For all pages; the pages not reached by then are skipped. Default DEFAULTS.report.findingShotTotalMs. */
  totalTimeoutMs?: number;
  /**
   * The run's browser (the one that prints the PDF): the crops are drawn in a context of their own in it, closed
   * when they are done. Without it, a browser is launched for the crops and closed after them.
   */
  renderer?: PdfRenderer;
}

export const SHOT = {
  /** CSS pixels the page is laid out at. */
  viewport: { width: 1280, height: 800 },
  /** Space around the quoted element, and the crop's bounds (CSS pixels). */
  pad: 40,
  minWidth: 320,
  maxHeight: 480,
  /** Without a quote (or when it is not found): the top of the page. */
  topHeight: 600,
  /** The image is scaled down to at most this width. */
  maxImageWidth: 640,
  quality: 70,
  /** The quote is looked for by its first characters (whitespace collapsed, case ignored). */
  needleChars: 40,
  minNeedleChars: 8,
} as const;

/**
 * The evidence the report shows with a crop: the first item of the summary's three findings and of each question's
 * first measured signal with evidence, in that order, each once.
 */
export function headlineEvidence(result: AuditResult): HeadlineItem[] {
  const signals = [
    ...topFindings(result.questions, 3).map((f) => f.signal),
    ...result.questions.flatMap((q) => q.signals.find((s) => s.status === 'measured' && s.evidence.length > 0) ?? []),
  ];
  const out: HeadlineItem[] = [];
  const seen = new Set<string>();
  for (const s of signals) {
    const e = s.evidence[0];
    const key = findingShotKey(s.id);
    if (!e || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, url: e.url, snippet: e.snippet ?? null });
  }
  return out;
}

/** What the page is looked for by: the quote's first characters, without the quote marks or ellipsis we or the site added. */
export function needleOf(snippet: string | null): string | null {
  if (!snippet) return null;
  const text = snippet
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“”„‚‘’«»‹›]+|[\s"'“”„‚‘’«»‹›.…]+$/gu, '')
    .toLowerCase();
  const needle = text.slice(0, SHOT.needleChars).trim();
  return needle.length >= SHOT.minNeedleChars ? needle : null;
}

/** Crawled HTML made inert before it is loaded: no refresh or <base>, a CSP that allows nothing but data:, and no motion. */
export function inertHtml(html: string): string {
  const head =
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">` +
    '<style>*,*::before,*::after{animation:none!important;transition:none!important;caret-color:transparent!important}</style>';
  const clean = withoutNavigation(html);
  const at = /<head\b[^>]*>/i.exec(clean) ?? /^\s*<!doctype[^>]*>/i.exec(clean);
  if (!at) return head + clean;
  const end = at.index + at[0].length;
  return clean.slice(0, end) + head + clean.slice(end);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The crop: the element's box with padding, 320–1280 wide and at most 480 tall, inside the page. */
export function cropBox(box: Box | null, docHeight: number): Box {
  const W = SHOT.viewport.width;
  const docH = Math.max(1, Math.floor(docHeight));
  if (!box) return { x: 0, y: 0, width: W, height: Math.min(SHOT.topHeight, docH) };
  const width = Math.round(Math.min(W, Math.max(SHOT.minWidth, box.width + 2 * SHOT.pad)));
  const x = Math.round(Math.min(W - width, Math.max(0, box.x + box.width / 2 - width / 2)));
  const y = Math.round(Math.max(0, Math.min(box.y - SHOT.pad, docH - 1)));
  const height = Math.round(Math.max(1, Math.min(SHOT.maxHeight, box.height + 2 * SHOT.pad, docH - y)));
  return { x, y, width, height };
}

/**
 * In the page (through DevTools: the page's own script is off): the smallest element whose text holds the needle,
 * found by descending from <body> into the first child that still holds it, and the box of its content (the words,
 * not the full width of a block; a box of no size, hidden, gives way to its parent), and the document's height. Source text, not a function, so no bundler helper leaks into it.
 */
const FIND_BOX = `(needle) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').toLowerCase();
  const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD']);
  const has = (el) => !skip.has(el.tagName) && norm(el.textContent).includes(needle);
  const docHeight = Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);
  let el = needle && document.body && has(document.body) ? document.body : null;
  if (!el) return { box: null, docHeight };
  for (let deeper = true; deeper; ) {
    deeper = false;
    for (const c of Array.from(el.children)) if (has(c)) { el = c; deeper = true; break; }
  }
  const rect = (e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const t = range.getBoundingClientRect();
    return t.width >= 1 && t.height >= 1 ? t : e.getBoundingClientRect();
  };
  let r = rect(el);
  while ((r.width < 1 || r.height < 1) && el.parentElement) { el = el.parentElement; r = rect(el); }
  if (r.width < 1 || r.height < 1) return { box: null, docHeight };
  return { box: { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height }, docHeight };
}`;

function findBox(page: Page, needle: string | null): Promise<{ box: Box | null; docHeight: number }> {
  return page.evaluate(`(${FIND_BOX})(${JSON.stringify(needle ?? '')})`) as Promise<{ box: Box | null; docHeight: number }>;
}

async function shootOnce(pages: LockedPages, item: HeadlineItem, html: string, timeout: number): Promise<FindingShot> {
  const page = await pages.newPage();
  try {
    page.setDefaultTimeout(timeout);
    await page.setViewport({ ...SHOT.viewport, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await page.setContent(inertHtml(html), { waitUntil: 'load', timeout });
    const found = await findBox(page, needleOf(item.snippet));
    const clip = cropBox(found.box, found.docHeight);
    const scale = Math.min(1, SHOT.maxImageWidth / clip.width);
    const data = await page.screenshot({ type: 'jpeg', quality: SHOT.quality, clip: { ...clip, scale }, captureBeyondViewport: true });
    return { key: item.key, data: new Uint8Array(data), width: Math.round(clip.width * scale), height: Math.round(clip.height * scale) };
  } finally {
    await page.close().catch(() => undefined);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no screenshot within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * A crop for each item whose page is in `pages` (url → saved HTML), in one browser context closed at the end (of the
 * run's browser when given, else of a browser of their own). A page that fails or times out is left out, and so is
 * every page once the total time is spent: never an error.
 */
export async function captureFindingShots(
  items: readonly HeadlineItem[],
  pages: Pick<ReadonlyMap<string, string>, 'has' | 'get'>,
  opts: FindingShotOptions = {},
): Promise<FindingShot[]> {
  const todo = items.filter((i) => pages.has(i.url));
  if (!todo.length) return [];
  const pageMs = opts.pageTimeoutMs ?? DEFAULTS.report.findingShotPageMs;
  const deadline = Date.now() + (opts.totalTimeoutMs ?? DEFAULTS.report.findingShotTotalMs);
  let own: PdfRenderer | null = null;
  let shots: LockedPages | null = null;
  const out: FindingShot[] = [];
  // The same page with the same words (or none) is one crop, shown for each finding it belongs to.
  const done = new Map<string, FindingShot | null>();
  try {
    const renderer = opts.renderer ?? (own = await createPdfRenderer(opts.offlineProxy ? { offlineProxy: opts.offlineProxy } : {}));
    shots = await renderer.isolated();
    for (const item of todo) {
      const same = `${item.url}\n${needleOf(item.snippet) ?? ''}`;
      const before = done.get(same);
      if (before !== undefined) {
        if (before) out.push({ ...before, key: item.key });
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      const ms = Math.min(pageMs, left);
      const shot = await withTimeout(shootOnce(shots, item, pages.get(item.url)!, ms), ms).catch(() => null);
      done.set(same, shot);
      if (shot) out.push(shot);
    }
  } catch {
    /* no browser: no crops */
  } finally {
    // Closing the context also ends a page still stuck after its time ran out.
    await shots?.close();
    await own?.close();
  }
  return out;
}

/** What the report is given about the crops: the crops, or that there was no browser to make them. */
export interface ReportShots {
  findingShots?: FindingShot[];
  shotSkipped?: boolean;
}

/**
 * The crops for a report from the pages the audit read (the crawl's, or its archive's). Without the pages (an
 * audit.json on its own) there is nothing to draw and nothing is said; without a browser, the report says so.
 */
export async function reportShots(
  result: AuditResult,
  pages: ReadonlyArray<{ url: string; finalUrl?: string; html: string }> | null,
  opts: FindingShotOptions = {},
): Promise<ReportShots> {
  if (!pages) return {};
  try {
    findChrome();
  } catch (e) {
    if (e instanceof ChromeNotFoundError) return { shotSkipped: true };
    throw e;
  }
  // Pages by address; each HTML is read only for a page that is drawn (a run's pages keep theirs on disk: spool.ts).
  const byUrl = new Map<string, { html: string }>();
  for (const p of pages) if (p.finalUrl && !byUrl.has(p.finalUrl)) byUrl.set(p.finalUrl, p);
  for (const p of pages) byUrl.set(p.url, p);
  const html = { has: (url: string) => byUrl.has(url), get: (url: string) => byUrl.get(url)?.html };
  const findingShots = await captureFindingShots(headlineEvidence(result), html, opts);
  return findingShots.length ? { findingShots } : {};
}
