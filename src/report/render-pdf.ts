// HTML → PDF with the system Chromium (puppeteer-core). The page runs no script and can load nothing but data:
// URLs, so crawled markup cannot reach the network or the local file system.
import type { Browser } from 'puppeteer-core';
import { findChrome, launchArgs } from './chrome.js';

export interface PdfOptions {
  format?: 'A4' | 'Letter';
  /** Overrides the document <title> (the PDF title) when given. */
  title?: string;
  /** Milliseconds for loading and printing; default 60 s. */
  timeout?: number;
}

export interface PdfRenderer {
  render(html: string, opts?: PdfOptions): Promise<Buffer>;
  close(): Promise<void>;
}

async function launch(): Promise<Browser> {
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: launchArgs(),
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

function withTitle(html: string, title: string | undefined): string {
  if (!title) return html;
  const esc = title.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  return html.replace(/<title>[\s\S]*?<\/title>/i, `<title>${esc}</title>`);
}

async function renderWith(browser: Browser, html: string, opts: PdfOptions = {}): Promise<Buffer> {
  const timeout = opts.timeout ?? 60_000;
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (req.isInterceptResolutionHandled()) return;
      if (req.url().startsWith('data:')) void req.continue();
      else void req.abort('blockedbyclient');
    });
    await page.setContent(withTitle(html, opts.title), { waitUntil: 'load', timeout });
    const pdf = await page.pdf({
      format: opts.format ?? 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      outline: true,
      tagged: true,
      timeout,
    });
    return Buffer.from(pdf);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** One browser for several renders; call close() when done. */
export async function createPdfRenderer(): Promise<PdfRenderer> {
  const browser = await launch();
  return {
    render: (html, opts) => renderWith(browser, html, opts),
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Renders one HTML document to PDF in a fresh browser, closed afterwards whatever happens. */
export async function renderPdf(html: string, opts: PdfOptions = {}): Promise<Buffer> {
  const browser = await launch();
  try {
    return await renderWith(browser, html, opts);
  } finally {
    await browser.close().catch(() => undefined);
  }
}
