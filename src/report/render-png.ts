// An SVG chart → PNG, printed by the one system Chromium (src/report/chrome.ts) as the PDF is: JavaScript off, every
// request but data: blocked, the browser closed in `finally` whatever happens.
import type { Browser } from 'puppeteer-core';
import { findChrome, launchArgs } from './chrome.js';

export async function svgToPng(svg: string, size: { width: number; height: number }, opts: { scale?: number; timeout?: number } = {}): Promise<Buffer> {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser: Browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: launchArgs(),
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (req.isInterceptResolutionHandled()) return;
      if (req.url().startsWith('data:')) void req.continue();
      else void req.abort('blockedbyclient');
    });
    await page.setViewport({ width: size.width, height: size.height, deviceScaleFactor: opts.scale ?? 2 });
    const doc = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><style>html,body{margin:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`;
    await page.setContent(doc, { waitUntil: 'load', timeout: opts.timeout ?? 30_000 });
    return Buffer.from(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: size.width, height: size.height } }));
  } finally {
    await browser.close().catch(() => undefined);
  }
}
