// The crawler's side of browser rendering: `browser` mode renders every page, `auto` fetches statically and
// renders the pages (and URL groups) whose static HTML lacks what the browser shows. Either way each page says
// which mode gave its HTML and why, third-party requests from the network log are kept for the tracker signal,
// and one screenshot is taken per page type.
import { DEFAULTS } from '../../config/defaults.js';
import { findChrome } from '../../util/chrome.js';
import type { FetchPageResult } from '../fetch-page.js';
import type { PageScreenshot, RenderGroupDecision, ServedView, ThirdPartyRequest } from '../types.js';
import { BrowserPool, BrowserUnavailableError, type RenderResult } from './browser-pool.js';
import { AutoRenderPolicy } from './needs-browser.js';
import type { SessionCookie } from '../session.js';
import { ScreenshotPlan } from './screenshots.js';

type StaticPage = Extract<FetchPageResult, { kind: 'page' }>;

/** What the crawler needs to know beyond a plain fetch: which mode gave the HTML, why, and what the page loaded. */
export interface RenderExtras {
  /** Absent means static (a plain fetch). */
  renderMode?: 'static' | 'browser';
  renderReason?: string;
  thirdPartyRequests?: ThirdPartyRequest[];
  served?: ServedView;
}

export type CrawlFetchResult = (StaticPage & RenderExtras) | Exclude<FetchPageResult, { kind: 'page' }>;

export interface PageRendererOptions {
  mode: 'browser' | 'auto';
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Pages open in the browser at once. */
  concurrency: number;
  /** The audited site is on loopback or a private network (snapshots, tests, intranets). */
  allowLocalNetwork: boolean;
  /** Scope + robots check for every top-level navigation and redirect hop. */
  allowNavigation: (url: string) => string | null;
  /** Robots check for same-origin subresources. */
  allowSubresource: (url: string) => string | null;
  /** The SSRF guard's address check, for every request the browser would make. */
  checkAddress?: (url: string) => Promise<string | null>;
  /** The opt-in member session and the in-scope test for it. */
  session?: { cookies: SessionCookie[]; cookieFor: (url: string) => string | null };
  /** URL → page type (the sampler's URL template): one screenshot and, in auto mode, one decision per group. */
  groupOf: (url: string) => string;
  signal?: AbortSignal;
  /** Auto mode: awaited before a page fetched statically is requested again by the browser (the host's pacing). */
  beforeRender?: (url: string) => Promise<void>;
  /** At most this many screenshots in all (default 12). */
  maxScreenshots?: number;
  /** Test hook: a pool to use instead of launching one. */
  pool?: BrowserPool;
}

/** Third-party requests kept per page: enough for every tracker, small enough for the archive. */
const MAX_THIRD_PARTY_LOGGED = DEFAULTS.browser.maxThirdPartyLoggedPerPage;

export class PageRenderer {
  private readonly pool: BrowserPool;
  private readonly policy = new AutoRenderPolicy();
  private readonly shots: ScreenshotPlan;
  /** Set once Chromium could not start: no more attempts, every page says why. */
  private unavailable: string | null = null;
  private renderedCount = 0;

  /** Throws ChromeNotFoundError (with the install command) before any crawling when there is no browser. */
  constructor(private readonly opts: PageRendererOptions) {
    if (!opts.pool) {
      findChrome(process.env, undefined, {
        what: `render: ${opts.mode} (pages rendered in a browser)`,
        without: 'Or crawl with --render static (HTML as served).',
      });
    }
    this.pool = opts.pool ?? new BrowserPool({ size: Math.max(1, opts.concurrency), allowLocalNetwork: opts.allowLocalNetwork });
    this.shots = new ScreenshotPlan(opts.maxScreenshots ?? 12);
  }

  get pagesRendered(): number {
    return this.renderedCount;
  }

  screenshots(): PageScreenshot[] {
    return this.shots.list().sort((a, b) => a.group.localeCompare(b.group));
  }

  decisions(): RenderGroupDecision[] {
    return this.policy.decisions().sort((a, b) => a.group.localeCompare(b.group));
  }

  /** Closes the browser this renderer launched (a pool passed in belongs to the caller). */
  async close(): Promise<void> {
    if (!this.opts.pool) await this.pool.close();
  }

  /** Browser mode: render the URL (instead of fetching it). */
  async render(url: string): Promise<CrawlFetchResult> {
    if (this.unavailable) return { kind: 'failed', url, reason: 'network', detail: `browser unavailable: ${this.unavailable}`, redirectChain: [] };
    const r = await this.renderWithShot(url);
    if (r === null) return { kind: 'failed', url, reason: 'network', detail: `browser unavailable: ${this.unavailable}`, redirectChain: [] };
    return toFetchResult(r, 'rendered in the browser (render: browser)');
  }

  /** Auto mode: keep the static page, or render it when it (or its group) needs the browser. */
  async upgrade(url: string, page: StaticPage): Promise<CrawlFetchResult> {
    if (this.unavailable) return { ...page, renderMode: 'static', renderReason: `static HTML kept: browser unavailable (${this.unavailable})` };
    const group = this.opts.groupOf(url);
    const action = this.policy.decide(group, url, page.html);
    if (action.action === 'static') return { ...page, renderMode: 'static', renderReason: action.reason };
    // The browser asks the server for the page again: that request is paced like any other.
    await this.opts.beforeRender?.(url);
    const r = await this.renderWithShot(url);
    const failed = r === null ? `browser unavailable (${this.unavailable})` : r.kind === 'failed' ? `${r.reason}: ${r.detail}` : null;
    if (failed !== null || r === null || r.kind !== 'page') {
      if (action.action === 'sample') this.policy.recordSampleFailure(group, url, failed ?? 'no page');
      return { ...page, renderMode: 'static', renderReason: `static HTML kept: the browser render failed (${failed})` };
    }
    let reason = action.reason;
    if (action.action === 'sample') {
      const d = this.policy.recordSample(group, url, page.html, r.html);
      const found = d.reason.replace(/^sample \S+: /, '');
      // The browser added nothing that matters: the page stays as served, like the rest of its group.
      if (d.mode === 'static')
        return { ...page, renderMode: 'static', renderReason: `rendered once to compare (${found}): kept as served, and so is group ${group}` };
      reason = `${action.reason}; group ${group} → browser: ${found}`;
    }
    const rendered = toFetchResult(r, reason);
    if (rendered.kind !== 'page') return rendered;
    const a = action.analysis;
    return {
      ...rendered,
      charset: page.charset,
      ...(page.charsetNote ? { charsetNote: page.charsetNote } : {}),
      served: { textChars: a.textChars, needsScripts: a.shellOnly, note: a.reason },
    };
  }

  /** Renders, with a screenshot when the page's group has none yet; null when Chromium cannot start. */
  private async renderWithShot(url: string): Promise<RenderResult | null> {
    const group = this.opts.groupOf(url);
    const wantShot = this.shots.wants(group);
    let r: RenderResult;
    try {
      r = await this.pool.renderPage(url, {
        userAgent: this.opts.userAgent,
        timeoutMs: this.opts.timeoutMs,
        maxBytes: this.opts.maxBytes,
        allowNavigation: this.opts.allowNavigation,
        allowSubresource: this.opts.allowSubresource,
        ...(this.opts.checkAddress ? { checkAddress: this.opts.checkAddress } : {}),
        ...(this.opts.session ? { session: this.opts.session } : {}),
        ...(this.opts.signal ? { signal: this.opts.signal } : {}),
        screenshot: wantShot,
      });
    } catch (err) {
      if (wantShot) this.shots.release(group);
      if (err instanceof BrowserUnavailableError) {
        this.unavailable = err.message;
        return null;
      }
      throw err; // an abort: the crawler records the URL as interrupted
    }
    this.renderedCount++;
    if (r.kind === 'page' && r.screenshot && r.screenshotType) {
      this.shots.add({
        url,
        group,
        mimeType: r.screenshotType,
        width: r.screenshotSize?.width ?? 0,
        height: r.screenshotSize?.height ?? 0,
        data: r.screenshot,
      });
    } else if (wantShot) {
      this.shots.release(group);
    }
    return r;
  }
}

/** A browser result in the crawler's fetch-result shape. */
export function toFetchResult(r: RenderResult, reason: string): CrawlFetchResult {
  if (r.kind === 'page') {
    const thirdPartyRequests = r.requests
      .filter((q) => q.thirdParty && !q.blocked)
      .slice(0, MAX_THIRD_PARTY_LOGGED)
      .map((q) => ({ url: q.url, resourceType: q.resourceType }));
    return {
      kind: 'page',
      url: r.url,
      finalUrl: r.finalUrl,
      status: r.status,
      headers: r.headers,
      html: r.html,
      redirectChain: r.redirectChain,
      charset: 'utf-8',
      renderMode: 'browser',
      renderReason: reason,
      thirdPartyRequests,
    };
  }
  const detail = r.detail;
  if (r.reason === 'out-of-scope')
    return {
      kind: 'skipped',
      url: r.url,
      reason: 'out-of-scope',
      ...(r.status ? { status: r.status } : {}),
      detail,
      redirectChain: r.redirectChain,
      ...(r.redirectTarget ? { redirectTarget: r.redirectTarget } : {}),
    };
  if (r.reason === 'non-html')
    return { kind: 'skipped', url: r.url, reason: 'non-html', ...(r.status ? { status: r.status } : {}), detail, redirectChain: r.redirectChain };
  return { kind: 'failed', url: r.url, reason: r.reason, ...(r.status ? { status: r.status } : {}), detail, redirectChain: r.redirectChain };
}
