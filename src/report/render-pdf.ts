// HTML → PDF with the system Chromium (puppeteer-core). The page runs no script and can load nothing but data:
// URLs, so crawled markup cannot reach the network or the local file system.
import { DEFAULTS } from '../config/defaults.js';
import type { Browser } from 'puppeteer-core';
import { findChrome, launchArgs, launchMarker, offlineArgs, watchBrowser } from '../util/chrome.js';
import { fontFaceCss, REPORT_FONT_FAMILY } from './fonts.js';
import { stripUnsafe, withoutNavigation } from './text.js';
import { compressWithQpdf, DETERMINISTIC_DATE, fillToc, hasToc, metadataFromHtml, readDestinationPages, setMetadata, type PdfMetadata } from './pdf-post.js';

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
  /** Pack the file with `qpdf --object-streams=generate` when qpdf is on PATH (default true). */
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
  /** True when qpdf packed the file. */
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
export async function lockedPage(browser: Browser) {
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

async function printOnce(browser: Browser, html: string, opts: PdfOptions = {}): Promise<Uint8Array> {
  const timeout = opts.timeout ?? DEFAULTS.report.printTimeoutMs;
  const page = await lockedPage(browser);
  try {
    await page.setContent(withoutNavigation(withTitle(html, opts.title)), { waitUntil: 'load', timeout });
    const pdf = await page.pdf({
      format: opts.format ?? 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      outline: true,
      tagged: true,
      timeout,
    });
    return pdf;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * Prints the document; when it has a table of contents, reads each heading's page from the PDF's named
 * destinations, writes the numbers into the TOC and prints again until the numbers are stable (at most
 * `maxTocPasses` prints). Then sets metadata, pins dates when asked, and packs the file with qpdf.
 */
async function renderWith(browser: Browser, html: string, opts: PdfOptions = {}): Promise<{ pdf: Buffer; info: PdfRenderInfo }> {
  const maxPasses = Math.min(3, Math.max(1, Math.floor(opts.maxTocPasses ?? 3)));
  let current = html;
  let pdf = await printOnce(browser, current, opts);
  let passes = 1;
  let pages = new Map<string, number>();
  if (hasToc(html)) {
    pages = await readDestinationPages(pdf);
    while (passes < maxPasses) {
      const next = fillToc(current, pages);
      if (next === current) break;
      current = next;
      pdf = await printOnce(browser, current, opts);
      passes++;
      pages = await readDestinationPages(pdf);
    }
  }
  const fromHtml = metadataFromHtml(withTitle(html, opts.title));
  const meta: PdfMetadata = { ...fromHtml, ...(opts.metadata ?? {}) };
  const date = opts.deterministic instanceof Date ? opts.deterministic : opts.deterministic ? DETERMINISTIC_DATE : null;
  let out = await setMetadata(pdf, meta, date);
  let compressed = false;
  if (opts.compress !== false) {
    const packed = await compressWithQpdf(out, { deterministic: Boolean(opts.deterministic) });
    compressed = packed !== out;
    out = packed;
  }
  return { pdf: Buffer.from(out), info: { passes, pages, compressed } };
}

/** One browser for several renders; call close() when done. */
export async function createPdfRenderer(launchOpts: PdfLaunchOptions = {}): Promise<PdfRenderer> {
  const browser = await launch(launchOpts);
  return {
    render: async (html, opts) => (await renderWith(browser, html, opts)).pdf,
    png: (svg, opts) => pngOnce(browser, svg, opts),
    renderWithInfo: (html, opts) => renderWith(browser, html, opts),
    screenshot: (html, opts) => screenOnce(browser, html, opts),
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Renders one HTML document to PDF in a fresh browser, closed afterwards whatever happens. */
export async function renderPdf(html: string, opts: PdfOptions = {}, launchOpts: PdfLaunchOptions = {}): Promise<Buffer> {
  const browser = await launch(launchOpts);
  try {
    return (await renderWith(browser, html, opts)).pdf;
  } finally {
    await browser.close().catch(() => undefined);
  }
}
