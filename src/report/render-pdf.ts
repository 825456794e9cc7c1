// HTML → PDF with the system Chromium (puppeteer-core). The page runs no script and can load nothing but data:
// URLs, so crawled markup cannot reach the network or the local file system.
import { DEFAULTS } from '../config/defaults.js';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { findChrome, launchArgs, launchMarker, offlineArgs, watchBrowser } from '../util/chrome.js';
import { fontFaceCss, REPORT_FONT_FAMILY } from './fonts.js';
import { stripUnsafe, withoutNavigation } from './text.js';
import {
  DETERMINISTIC_DATE,
  fillToc,
  measuringDocument,
  metadataFromHtml,
  packPdf,
  readDestinationPages,
  tocTargets,
  withMetadata,
  withTocPlaceholders,
  type PdfMetadata,
} from './pdf-post.js';

export interface PdfOptions {
  format?: 'A4' | 'Letter';
  /** Overrides the document <title> (the PDF title) when given. */
  title?: string;
  /** Milliseconds for loading and printing; default 60 s. */
  timeout?: number;
  /**
   * Document metadata; fields not given are read from the HTML head (<title>, meta author/description/keywords,
   * <html lang>). Creator defaults to "conductor-audit <version>".
   */
  metadata?: PdfMetadata;
  /** Pins creation/modification dates (to 2000-01-01, or to the given date) and the file ID: byte-stable output. */
  deterministic?: boolean | Date;
  /** Pack the file into compressed object streams (default true; see packPdf: qpdf only for files unlike Chromium's). */
  compress?: boolean;
  /** Most print passes used to settle the table of contents' page numbers (1–3, default 3). */
  maxTocPasses?: number;
}

/** What the last render did (for tests and diagnostics). */
export interface PdfRenderInfo {
  /** Print passes run (1 without a TOC). */
  passes: number;
  /** Heading anchor → page, as read from the PDF's named destinations. */
  pages: Map<string, number>;
  /** True when the file was packed into object streams. */
  compressed: boolean;
}

export interface PngOptions {
  /** CSS pixels of the SVG (its width and height attributes). */
  width: number;
  height: number;
  /** Device pixels per CSS pixel (default 2: crisp on high-density screens). */
  scale?: number;
}

export interface ScreenOptions {
  /** Viewport in CSS pixels: the screenshot is the first screen of the page, width × height. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel (default 1). */
  scale?: number;
}

export interface ScreenShot {
  png: Buffer;
  /** The whole page's size in CSS pixels: a width above the viewport's means the page scrolls sideways. */
  pageWidth: number;
  pageHeight: number;
}

export interface PdfRenderer {
  render(html: string, opts?: PdfOptions): Promise<Buffer>;
  /** A chart's SVG as a PNG of width × scale by height × scale pixels, drawn in the same browser. */
  png(svg: string, opts: PngOptions): Promise<Buffer>;
  /** render() that also says how many passes the TOC took and where each heading landed. */
  renderWithInfo(html: string, opts?: PdfOptions): Promise<{ pdf: Buffer; info: PdfRenderInfo }>;
  /** The report as a screen shows it (screen media, JavaScript off, nothing loaded): a PNG of the first screen. */
  screenshot(html: string, opts: ScreenOptions): Promise<ScreenShot>;
  /**
   * Pages of their own in this browser (a separate browser context, closed as a whole), locked like the report's:
   * for drawing crawled pages, apart from the report.
   */
  isolated(): Promise<LockedPages>;
  close(): Promise<void>;
}

export interface LockedPages {
  /** A page that runs no script and can load nothing but data: URLs. */
  newPage(): Promise<Page>;
  /** Closes every page made here. */
  close(): Promise<void>;
}

export interface PdfLaunchOptions {
  /** Where the offline browser's traffic would go (default: a dead port on loopback). Tests point it at a recorder. */
  offlineProxy?: string;
}

/** The report's browser: JavaScript off and requests blocked per page, and offline for the whole process. */
export async function launch(opts: PdfLaunchOptions = {}): Promise<Browser> {
  const puppeteer = (await import('puppeteer-core')).default;
  const marker = launchMarker('pdf');
  const browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: [...launchArgs(), ...offlineArgs(opts.offlineProxy), marker],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  watchBrowser(marker);
  return browser;
}

export function withTitle(html: string, title: string | undefined): string {
  if (!title) return html;
  const esc = stripUnsafe(title).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  // A function, not a string: a `$&` or `$$` in the title is text, not a replacement pattern.
  return html.replace(/<title>[\s\S]*?<\/title>/i, () => `<title>${esc}</title>`);
}

/** A page that runs no script and can load nothing but data: URLs (this blocks file:// too). */
export async function lockedPage(browser: Browser | BrowserContext): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.isInterceptResolutionHandled()) return;
    if (req.url().startsWith('data:')) void req.continue();
    else void req.abort('blockedbyclient');
  });
  return page;
}

/**
 * Screenshot of an SVG (ours, generated in Node) on a white page of exactly its size, with the report's font
 * inlined so labels look as they do in the PDF.
 */
async function pngOnce(browser: Browser, svg: string, opts: PngOptions): Promise<Buffer> {
  const scale = opts.scale ?? 2;
  const page = await lockedPage(browser);
  try {
    await page.setViewport({ width: Math.ceil(opts.width), height: Math.ceil(opts.height), deviceScaleFactor: scale });
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"><style>${fontFaceCss()}html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body><div class="font-preload" style="position:absolute;visibility:hidden;font-family:'${REPORT_FONT_FAMILY}'">Aa <b>Aa</b> <i>Aa</i></div>${svg}</body></html>`;
    await page.setContent(html, { waitUntil: 'load', timeout: DEFAULTS.report.setContentTimeoutMs });
    const shot = await page.screenshot({
      type: 'png',
      clip: { x: 0, y: 0, width: Math.ceil(opts.width), height: Math.ceil(opts.height) },
      omitBackground: false,
    });
    return Buffer.from(shot);
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function screenOnce(browser: Browser, html: string, opts: ScreenOptions): Promise<ScreenShot> {
  const page = await lockedPage(browser);
  try {
    await page.setViewport({ width: opts.width, height: opts.height, deviceScaleFactor: opts.scale ?? 1 });
    await page.setContent(withoutNavigation(html), { waitUntil: 'load', timeout: DEFAULTS.report.setContentTimeoutMs });
    const png = Buffer.from(await page.screenshot({ type: 'png', captureBeyondViewport: false }));
    // The protocol, not page script (JavaScript is off): the size of the laid-out document.
    const cdp = await page.createCDPSession();
    const { cssContentSize } = await cdp.send('Page.getLayoutMetrics');
    await cdp.detach().catch(() => undefined);
    return { png, pageWidth: Math.round(cssContentSize.width), pageHeight: Math.round(cssContentSize.height) };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** One print of the loaded page. Tagging and the outline change nothing in the layout, only what is written. */
function print(page: Page, opts: PdfOptions, tagged: boolean): Promise<Uint8Array> {
  return page.pdf({
    format: opts.format ?? 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    outline: tagged,
    tagged,
    timeout: opts.timeout ?? DEFAULTS.report.printTimeoutMs,
  });
}

/**
 * Writes page numbers into the loaded page's table of contents through DevTools (DOM domain: no script runs in the
 * page), so the next print needs no new page and no second parse of the document.
 */
async function writeToc(page: Page, pages: ReadonlyMap<string, number>): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'span.toc-page[data-toc-target]' });
    // Sent together, not one round trip each: the commands run in order on the session.
    const spans = await Promise.all(nodeIds.map((nodeId) => cdp.send('DOM.getOuterHTML', { nodeId }).then(({ outerHTML }) => ({ nodeId, outerHTML }))));
    await Promise.all(
      spans.map(({ nodeId, outerHTML }) => {
        const next = fillToc(outerHTML, pages);
        return next === outerHTML ? undefined : cdp.send('DOM.setOuterHTML', { nodeId, outerHTML: next });
      }),
    );
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

interface Printed {
  pdf: Uint8Array;
  passes: number;
  pages: Map<string, number>;
}

/**
 * Prints the document. With a table of contents, a first print says where each heading lands (read from its named
 * destinations): untagged (half the work of a tagged print, and the same layout), of the document only up to a little
 * past the last heading the TOC points to, in a page of its own while the whole document loads in the other. The
 * numbers go into the TOC (whose spans held placeholders of the same shape) and the tagged print follows. Its
 * destinations are read again, and while they differ from the numbers printed the TOC is written and printed again
 * (at most `maxTocPasses` prints).
 */
async function printDocument(browser: Browser, html: string, opts: PdfOptions): Promise<Printed> {
  const maxPasses = Math.min(3, Math.max(1, Math.floor(opts.maxTocPasses ?? 3)));
  const timeout = opts.timeout ?? DEFAULTS.report.printTimeoutMs;
  const targets = tocTargets(html);
  const measure = targets.length > 0 && maxPasses > 1;
  const doc = withoutNavigation(withTitle(html, opts.title));
  const pages: Page[] = [];
  const open = async (content: string): Promise<Page> => {
    const page = await lockedPage(browser);
    pages.push(page);
    await page.setContent(content, { waitUntil: 'load', timeout });
    return page;
  };
  try {
    if (!measure) {
      const pdf = await print(await open(doc), opts, true);
      return { pdf, passes: 1, pages: targets.length ? await readDestinationPages(pdf) : new Map() };
    }
    const measured = async (): Promise<Map<string, number>> => {
      const page = await open(withTocPlaceholders(measuringDocument(doc, targets)));
      const read = await readDestinationPages(await print(page, opts, false));
      await page.close().catch(() => undefined);
      return read;
    };
    // Both settle before anything is thrown, so the finally below closes every page opened.
    const [full, first] = await Promise.allSettled([open(withTocPlaceholders(doc)), measured()]);
    if (full.status === 'rejected') throw full.reason;
    if (first.status === 'rejected') throw first.reason;
    const page = full.value;
    let written = first.value;
    for (let passes = 2; ; passes++) {
      await writeToc(page, written);
      const pdf = await print(page, opts, true);
      const landed = await readDestinationPages(pdf);
      if (passes >= maxPasses || targets.every((t) => landed.get(t) === written.get(t))) return { pdf, passes, pages: landed };
      written = landed;
    }
  } finally {
    await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
  }
}

/** After printing: metadata (from the HTML head unless given), dates pinned when asked, packed into object streams. */
async function finish(printed: Printed, html: string, opts: PdfOptions): Promise<{ pdf: Buffer; info: PdfRenderInfo }> {
  const fromHtml = metadataFromHtml(withTitle(html, opts.title));
  const meta: PdfMetadata = { ...fromHtml, ...(opts.metadata ?? {}) };
  const date = opts.deterministic instanceof Date ? opts.deterministic : opts.deterministic ? DETERMINISTIC_DATE : null;
  let out = await withMetadata(printed.pdf, meta, date);
  let compressed = false;
  if (opts.compress !== false) {
    const packed = await packPdf(out, { deterministic: Boolean(opts.deterministic) });
    compressed = packed !== out;
    out = packed;
  }
  return { pdf: Buffer.from(out), info: { passes: printed.passes, pages: printed.pages, compressed } };
}

async function renderWith(browser: Browser, html: string, opts: PdfOptions = {}): Promise<{ pdf: Buffer; info: PdfRenderInfo }> {
  return finish(await printDocument(browser, html, opts), html, opts);
}

/** A renderer over a browser got when first needed; `release` closes it (and is only called if it was got). */
function rendererOver(browserOf: () => Promise<Browser>, release: () => Promise<void>): PdfRenderer {
  return {
    render: async (html, opts) => (await renderWith(await browserOf(), html, opts)).pdf,
    png: async (svg, opts) => pngOnce(await browserOf(), svg, opts),
    renderWithInfo: async (html, opts) => renderWith(await browserOf(), html, opts),
    screenshot: async (html, opts) => screenOnce(await browserOf(), html, opts),
    isolated: async () => {
      const context = await (await browserOf()).createBrowserContext();
      return {
        newPage: () => lockedPage(context),
        close: async () => {
          await context.close().catch(() => undefined);
        },
      };
    },
    close: release,
  };
}

/** One browser for several renders, launched now; call close() when done. */
export async function createPdfRenderer(launchOpts: PdfLaunchOptions = {}): Promise<PdfRenderer> {
  const browser = await launch(launchOpts);
  return rendererOver(
    async () => browser,
    async () => {
      await browser.close().catch(() => undefined);
    },
  );
}

/**
 * One browser for a whole run (the finding crops, the PDF, any PNG), launched on first use — never, if nothing needs
 * it — and closed by close(), which the caller calls in `finally`. A launch that fails is tried again on the next use.
 */
export function lazyPdfRenderer(launchOpts: PdfLaunchOptions = {}): PdfRenderer {
  let launching: Promise<Browser> | null = null;
  const browserOf = (): Promise<Browser> =>
    (launching ??= launch(launchOpts).catch((e: unknown) => {
      launching = null;
      throw e;
    }));
  return rendererOver(browserOf, async () => {
    const pending = launching;
    launching = null;
    const browser = await pending?.catch(() => null);
    await browser?.close().catch(() => undefined);
  });
}

/** Renders one HTML document to PDF in a fresh browser, closed (while the file is post-processed) whatever happens. */
export async function renderPdf(html: string, opts: PdfOptions = {}, launchOpts: PdfLaunchOptions = {}): Promise<Buffer> {
  const browser = await launch(launchOpts);
  let closing: Promise<void> | null = null;
  try {
    const printed = await printDocument(browser, html, opts);
    closing = browser.close().catch(() => undefined);
    return (await finish(printed, html, opts)).pdf;
  } finally {
    await (closing ?? browser.close().catch(() => undefined));
  }
}
