// One screenshot per page type (URL group), not per page: small JPEGs (or PNGs) kept in memory for the report.
// The browser-free parts (the plan) are pure; capture takes a playwright Page by type only, so importing this
// module never loads playwright-core.
import { DEFAULTS } from '../../config/defaults.js';
import type { Page } from 'playwright-core';
import type { PageScreenshot } from '../types.js';

export interface ScreenshotOptions {
  /** 'jpeg' (default, small) or 'png' (lossless, larger). */
  format?: 'jpeg' | 'png';
  /** JPEG quality 1–100 (default 60). Ignored for PNG. */
  quality?: number;
  /** Capture width in CSS px (default 1280 = the viewport width). */
  maxWidth?: number;
  /** Page height is capped here (default 2400 px): the top of a long page is what a report shows. */
  maxHeight?: number;
}

/** A screenshot with the page type it stands for (the crawl's own type, kept in the archive). */
export type Screenshot = PageScreenshot;

export const SCREENSHOT_DEFAULTS: Required<ScreenshotOptions> = { format: 'jpeg', quality: 60, maxWidth: 1280, maxHeight: 2400 };

/** Takes a capped full-page screenshot of an already loaded page. */
export async function captureScreenshot(
  page: Page,
  opts: ScreenshotOptions = {},
): Promise<{ data: Buffer; mimeType: Screenshot['mimeType']; width: number; height: number }> {
  const o = { ...SCREENSHOT_DEFAULTS, ...opts };
  const size = await page.evaluate(() => ({
    w: Math.max(document.documentElement.scrollWidth, window.innerWidth),
    h: Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0, window.innerHeight),
  }));
  const width = Math.max(1, Math.min(o.maxWidth, size.w));
  const height = Math.max(1, Math.min(o.maxHeight, size.h));
  const data = await page.screenshot({
    type: o.format,
    ...(o.format === 'jpeg' ? { quality: Math.min(100, Math.max(1, Math.round(o.quality))) } : {}),
    fullPage: true,
    clip: { x: 0, y: 0, width, height },
    animations: 'disabled',
    caret: 'hide',
    timeout: DEFAULTS.browser.screenshotTimeoutMs,
  });
  return { data, mimeType: o.format === 'png' ? 'image/png' : 'image/jpeg', width, height };
}

/**
 * Decides which pages get a screenshot: the first page of each group, up to `maxTotal` overall, and keeps the
 * images. Usage: `if (plan.wants(group)) renderPage(url, { screenshot: true })` then `plan.add(...)`.
 */
export class ScreenshotPlan {
  private readonly shots = new Map<string, Screenshot>();
  private readonly reserved = new Set<string>();
  constructor(private readonly maxTotal = 12) {}

  /** True once per group (reserves the slot, so two concurrent pages of one group do not both capture). */
  wants(group: string): boolean {
    if (this.reserved.has(group) || this.reserved.size >= this.maxTotal) return false;
    this.reserved.add(group);
    return true;
  }

  /** Gives the slot back when the capture failed, so the next page of the group can try. */
  release(group: string): void {
    if (!this.shots.has(group)) this.reserved.delete(group);
  }

  add(shot: Screenshot): void {
    this.reserved.add(shot.group);
    if (!this.shots.has(shot.group)) this.shots.set(shot.group, shot);
  }

  list(): Screenshot[] {
    return [...this.shots.values()];
  }

  get totalBytes(): number {
    let n = 0;
    for (const s of this.shots.values()) n += s.data.byteLength;
    return n;
  }
}
