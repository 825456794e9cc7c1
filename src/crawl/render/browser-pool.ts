// Browser rendering for pages whose content is written by JavaScript. One Chromium (system install, launched on
// first use; playwright-core is imported lazily so static crawls never load it), a bounded number of pages open at
// once, each page in a tab of its own with nothing carried over from the pages before it: no cookies, no storage.
// A browser context is kept for the next page only when it can be emptied (see `Lane`): creating and closing a
// context per page cost Chromium more than the page itself.
//
// Safety: scripts run and third-party subresources load (the network log is how trackers are found), but
// top-level navigations are fetched by us hop by hop (`route.fetch` with no redirects) so every redirect and
// every script-driven `location = …` passes the scope check before anything is requested; off-site ones are
// aborted. Non-GET top-level navigations (form submissions) are aborted. Service workers are blocked, downloads
// refused, popups closed, dialogs dismissed (Playwright's default). Nothing is clicked.
import type { Browser, BrowserContext, CDPSession, Page, Request, Route } from 'playwright-core';
import { DEFAULTS as CONFIG_DEFAULTS } from '../../config/defaults.js';
import { backgroundHostRules, findChrome, launchArgs, launchMarker, watchBrowser } from '../../util/chrome.js';
import { isStateChanging, sameSite } from '../scope.js';
import type { FailReason } from '../types.js';
import { captureScreenshot, type ScreenshotOptions } from './screenshots.js';
import { cookieHeaderFor, type SessionCookie } from '../session.js';

export interface NetworkRequest {
  url: string;
  method: string;
  /** Playwright resource type: document, script, image, xhr, fetch, stylesheet, font, ping, other… */
  resourceType: string;
  /** Not on the rendered page's site (registrable domain; exact host:port for IPs and localhost). */
  thirdParty: boolean;
  /** Set when we aborted it (off-site navigation, form submission, popup). */
  blocked?: string;
}

export interface RenderTimings {
  /** Waiting for a free page in the pool. */
  waitMs: number;
  /** Start of navigation to DOMContentLoaded (all redirect hops included). */
  navigationMs: number;
  /** Waiting for `load` and a short network-idle period (bounded by `settleMs`). */
  settleMs: number;
  totalMs: number;
  /** `load` or network idle did not come within the bound; the HTML is what was there by then. */
  settleTimedOut: boolean;
}

export interface RenderedPage {
  kind: 'page';
  url: string;
  finalUrl: string;
  status: number;
  /** Lower-cased header names of the final document response. */
  headers: Record<string, string>;
  /** document.documentElement.outerHTML after load + network idle (bounded). */
  html: string;
  /** Every HTTP redirect hop before the final URL, in order. */
  redirectChain: string[];
  timings: RenderTimings;
  /** Every request the page made (capped at `maxRequestsLogged`), in order. */
  requests: NetworkRequest[];
  /** Top-level navigations that were refused, with why (e.g. a script redirect off-site). */
  blockedNavigations: string[];
  screenshot?: Buffer;
  screenshotType?: 'image/jpeg' | 'image/png';
  screenshotSize?: { width: number; height: number };
}

export type RenderFailReason = FailReason | 'out-of-scope' | 'non-html';

export interface RenderFailure {
  kind: 'failed';
  url: string;
  reason: RenderFailReason;
  status?: number;
  detail: string;
  redirectChain: string[];
  /** For 'out-of-scope': where a redirect pointed (never requested). */
  redirectTarget?: string;
  requests: NetworkRequest[];
  timings: RenderTimings;
}

export type RenderResult = RenderedPage | RenderFailure;

export interface RenderOptions {
  userAgent: string;
  /** Navigation timeout across all redirect hops (default 30 s). */
  timeoutMs?: number;
  /** Upper bound for waiting on `load` + network idle after DOMContentLoaded (default 3 s). */
  settleMs?: number;
  /** Network idle = no request in flight for this long (default 500 ms). */
  idleMs?: number;
  signal?: AbortSignal;
  /** HTML (and each navigation body) byte cap (default 5 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * May the page navigate (or redirect) to `url`? Return a reason to refuse. Default: same site as the URL
   * being rendered. The crawler should pass its scope + robots check (same shape as fetchPage's allowRedirect).
   */
  allowNavigation?: (url: string) => string | null;
  /**
   * May the page load this subresource (script, image, XHR…)? Return a reason to refuse (it is aborted and logged
   * with that reason). The crawler refuses same-origin URLs that robots.txt disallows. Default: all allowed.
   */
  allowSubresource?: (url: string) => string | null;
  /**
   * The SSRF guard: resolves a URL's host and says why it must not be requested (a non-public address). Asked for
   * every request the page makes, of any kind and on any host, before it is let through.
   */
  checkAddress?: (url: string) => Promise<string | null>;
  /**
   * The opt-in member session. Its cookies go into the page's (throw-away) cookie store, so the page's own requests
   * carry them as a browser would; `cookieFor` says which URLs may get them (in scope), and a subresource that would
   * carry them anywhere else is not loaded. Never written anywhere.
   */
  session?: { cookies: SessionCookie[]; cookieFor: (url: string) => string | null };
  /** Capture a screenshot (true = defaults from screenshots.ts). */
  screenshot?: boolean | ScreenshotOptions;
}

export interface BrowserPoolOptions {
  /** Pages rendered at once (default 2). */
  size?: number;
  /** Default: findChrome() (CHROME_PATH or a standard install). */
  executablePath?: string;
  /** Default: launchArgs() (+ a marker switch identifying this pool's processes). */
  args?: string[];
  maxRequestsLogged?: number;
  /**
   * Let pages reach loopback/private addresses from a document we served through interception. Chromium's Local
   * Network Access checks treat such documents as public and block their requests to 127.0.0.1 and private IPs —
   * right for public sites (a crawled page cannot probe the audit machine), wrong when the audited site itself is
   * on loopback or a private network (saved snapshots, tests, intranets). Default false.
   */
  allowLocalNetwork?: boolean;
}

export class BrowserUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BrowserUnavailableError';
  }
}

const BROWSER = CONFIG_DEFAULTS.browser;
const DEFAULTS = {
  timeoutMs: BROWSER.navigationTimeoutMs,
  settleMs: BROWSER.settleMs,
  idleMs: BROWSER.idleMs,
  maxBytes: CONFIG_DEFAULTS.crawl.maxBytes,
  maxRedirects: BROWSER.maxRedirects,
};
const CAP_MARGIN_MS = BROWSER.capMarginMs;
const PAGES_PER_CONTEXT = BROWSER.pagesPerContext;
const CLOSE_TIMEOUT_MS = BROWSER.closeTimeoutMs;

/** A render given up at its hard cap (a page that kept Chromium busy). */
function capFailure(url: string, budgetMs: number, totalMs: number): RenderFailure {
  return {
    kind: 'failed',
    url,
    reason: 'timeout',
    detail: `the page did not finish within ${Math.round(budgetMs / 1000)} s (a script kept it busy): given up`,
    redirectChain: [],
    requests: [],
    timings: { waitMs: 0, navigationMs: 0, settleMs: 0, totalMs: Math.round(totalMs), settleTimedOut: true },
  };
}

/**
 * Run in every page before its own scripts: forms cannot be submitted by script (form.submit(), requestSubmit(),
 * a synthetic submit event), since the crawler never submits forms.
 */
const NO_FORM_SUBMISSION = `(() => {
  const refuse = function () {};
  HTMLFormElement.prototype.submit = refuse;
  HTMLFormElement.prototype.requestSubmit = refuse;
  window.addEventListener('submit', (e) => { e.preventDefault(); e.stopImmediatePropagation(); }, true);
})();`;

const LOCAL_NETWORK_FEATURES = [
  'LocalNetworkAccessChecks',
  'BlockInsecurePrivateNetworkRequests',
  'PrivateNetworkAccessSendPreflights',
  'PrivateNetworkAccessRespectPreflightResults',
];
/**
 * Every headless window loads the omnibox popup's WebUI (two chrome:// documents, in a renderer process of their
 * own), and a context with no page open gets a new window for its next page: off, it halves Chromium's work per page.
 */
const WINDOW_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];
/** A renderer process started ahead for the next tab: tabs are kept here, so it would only sit there (~75 MB). */
const PROCESS_FEATURES = ['SpareRendererForSitePerProcess'];
/**
 * Compositing is in software anyway (--disable-gpu): done on a thread of the browser process, not in a GPU process
 * of its own (~100 MB of resident memory less, most of it the binary's pages counted again in that process).
 */
const IN_PROCESS_GPU = '--in-process-gpu';

/**
 * Chromium keeps only the last `--disable-features` switch it is given, so a second one silently re-enables what
 * the first turned off: every one in `args` and `extra` is folded into a single switch, at the end.
 */
export function foldDisabledFeatures(args: string[], extra: string[] = []): string[] {
  const prefix = '--disable-features=';
  const features = new Set<string>();
  const rest: string[] = [];
  for (const a of args) {
    if (a.startsWith(prefix)) for (const f of a.slice(prefix.length).split(',')) features.add(f.trim());
    else rest.push(a);
  }
  for (const f of extra) features.add(f);
  features.delete('');
  return features.size ? [...rest, `${prefix}${[...features].join(',')}`] : rest;
}

const isHtmlType = (ct: string | undefined): boolean => {
  if (!ct) return true;
  const mime = ct.split(';')[0]?.trim().toLowerCase() ?? '';
  return mime === 'text/html' || mime === 'application/xhtml+xml';
};

function isThirdParty(url: string, site: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ws:' && u.protocol !== 'wss:') return false;
    u.protocol = u.protocol === 'wss:' ? 'https:' : u.protocol === 'ws:' ? 'http:' : u.protocol;
    return !sameSite(u.toString(), site);
  } catch {
    return false;
  }
}

/** How often a busy network, or a document still loading, is looked at again while a page settles. */
const BUSY_POLL_MS = 20;

/** Requests in flight and the time of the last change, for a network-idle wait that does not depend on lifecycle events. */
class NetworkActivity {
  private inflight = 0;
  private last = performance.now();
  started(): void {
    this.inflight++;
    this.last = performance.now();
  }
  ended(): void {
    this.inflight = Math.max(0, this.inflight - 1);
    this.last = performance.now();
  }
  /** Resolves true once quiet for `quietMs`, false at `deadline` (performance.now() time) or abort. */
  async idle(quietMs: number, deadline: number, signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      const now = performance.now();
      if (this.inflight === 0 && now - this.last >= quietMs) return true;
      if (now >= deadline || signal?.aborted) return false;
      // Quiet now: wake when the quiet period would end (a request starting meanwhile moves it); busy: look again soon.
      const wait = this.inflight === 0 ? quietMs - (now - this.last) : BUSY_POLL_MS;
      await new Promise((r) => setTimeout(r, Math.max(1, Math.min(wait, deadline - now))));
    }
  }
}

/**
 * True when a document, as served, can run nothing: no script element (HTML or SVG), no event-handler attribute,
 * no frame, object or embed, no meta refresh, no XML stylesheet, no animation (an SVG <set>/<animate> or CSS
 * keyframes can change an image's URL later). Nothing on such a page can start a request once it has loaded,
 * except what layout asks for straight away (a lazy image in view, a prefetch), so the quiet period that waits for
 * scripts' late requests is cut short. Read from the bytes; a body with NUL bytes (UTF-16) is not read and counts as
 * not inert. Conservative: a false "no" only costs the full wait.
 */
export function isInertHtml(body: Buffer | string): boolean {
  const text = typeof body === 'string' ? body : body.includes(0) ? null : body.toString('latin1');
  if (text === null) return false;
  return !/<(?:script|iframe|frame|object|embed|set)\b|<animate|@keyframes|<\?xml-stylesheet|http-equiv\s*=\s*["']?\s*refresh|[\s"'/]on[a-z]+\s*=/i.test(text);
}

/** Subresources an audit never reads (images stay: tracking pixels and their redirects are part of the record). */
const NEVER_NEEDED = new Set(['font', 'media']);

const abortError = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

/**
 * `p`, or the abort error as soon as the signal fires. Needed because a Playwright call in flight when its context
 * is closed does not always settle (seen: `context.newPage()` pending forever), so closing alone cannot end a render.
 */
function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  p.catch(() => undefined); // the loser of the race may reject later: not an unhandled rejection
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * A browser context and its tab, kept from one page to the next. Its init script and its one route are set once;
 * the route hands each request to the render using the context, and aborts every request between renders. After a
 * page they are kept only when everything the page could have left can be cleared: the page rendered, it opened no
 * popup, and every document it loaded (main frame and iframes) was on the rendered page's site. Then the tab goes
 * to about:blank, its window name and history are reset, each of those origins' storage is deleted (local and
 * session storage, IndexedDB, cache storage, file systems…) and cookies are cleared: the next page finds what a
 * new context would give it. Otherwise (a failure, a timeout, an abort, a third-party frame whose partitioned
 * storage is not ours to enumerate) the context is closed, as it is after `pagesPerContext` pages. The HTTP cache
 * is off while requests are intercepted, so each page asks for what a first visit would.
 */
interface Lane {
  context: BrowserContext;
  /** The tab pages are rendered in, kept with the context (a new tab costs Chromium a renderer process). */
  page: Page | null;
  cdp: CDPSession | null;
  browser: Browser;
  userAgent: string;
  /** The render using the context; null between renders. */
  route: ((route: Route) => Promise<void>) | null;
  ready: boolean;
  pages: number;
}

/** What a render leaves for deciding whether its context can be kept. */
interface RenderTrace {
  page: Page | null;
  /** Origins of every document the page loaded (let through), for clearing their storage. */
  origins: Set<string>;
  /** Something was loaded or opened that clearing cannot undo: the context is closed after this page. */
  keepContext: boolean;
  /** Removes the render's listeners from the context. */
  detach: () => void;
}

export class BrowserPool {
  readonly size: number;
  /** A switch passed to Chromium so its processes can be found (`pgrep -f <marker>`). */
  readonly marker: string;
  private launching: Promise<Browser> | null = null;
  private closed = false;
  private active = 0;
  private peak = 0;
  private rendered = 0;
  private contexts = 0;
  private readonly waiters: Array<() => void> = [];
  private readonly opts: BrowserPoolOptions;
  /** Contexts emptied after their last page, ready for the next. */
  private idle: Lane[] = [];

  constructor(opts: BrowserPoolOptions = {}) {
    this.opts = opts;
    this.size = Math.max(1, Math.floor(opts.size ?? 2));
    this.marker = launchMarker('render');
  }

  /** Pages open right now, the most ever open at once, pages rendered, browser contexts created; and whether Chromium was started. */
  stats(): { active: number; peak: number; rendered: number; contexts: number; launched: boolean } {
    return { active: this.active, peak: this.peak, rendered: this.rendered, contexts: this.contexts, launched: this.launching !== null };
  }

  private browser(): Promise<Browser> {
    if (this.closed) return Promise.reject(new BrowserUnavailableError('the browser pool is closed'));
    if (!this.launching) {
      const p = (async () => {
        let executablePath: string;
        try {
          executablePath = this.opts.executablePath ?? findChrome();
        } catch (err) {
          throw new BrowserUnavailableError((err as Error).message, { cause: err });
        }
        const { chromium } = await import('playwright-core');
        try {
          const b = await chromium.launch({
            executablePath,
            args: foldDisabledFeatures(
              [...(this.opts.args ?? [...launchArgs(), backgroundHostRules()]), IN_PROCESS_GPU, this.marker],
              [...WINDOW_FEATURES, ...PROCESS_FEATURES, ...(this.opts.allowLocalNetwork ? LOCAL_NETWORK_FEATURES : [])],
            ),
            headless: true,
            timeout: BROWSER.launchTimeoutMs,
            // The tool handles Ctrl-C, SIGTERM and SIGHUP itself (finish with the pages so far, write the report and
            // archive); Playwright's own handlers would kill the browser and the run with it.
            handleSIGINT: false,
            handleSIGTERM: false,
            handleSIGHUP: false,
          });
          watchBrowser(this.marker);
          b.on('disconnected', () => {
            if (this.launching === p) this.launching = null; // a crash: relaunch on next use
          });
          return b;
        } catch (err) {
          throw new BrowserUnavailableError(`Chromium at ${executablePath} did not start: ${(err as Error).message.split('\n')[0]}`, { cause: err });
        }
      })();
      this.launching = p;
      p.catch(() => {
        if (this.launching === p) this.launching = null;
      });
    }
    return this.launching;
  }

  private async acquire(signal?: AbortSignal): Promise<void> {
    while (this.active >= this.size) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const i = this.waiters.indexOf(wake);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(abortError(signal!));
        };
        this.waiters.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.active++;
    this.peak = Math.max(this.peak, this.active);
  }

  private release(): void {
    this.active--;
    this.waiters.shift()?.();
  }

  /**
   * Renders one URL. Never throws for page trouble (returns a RenderFailure); throws BrowserUnavailableError when
   * Chromium cannot be found or started, and the signal's reason (AbortError) when aborted.
   */
  async renderPage(url: string, opts: RenderOptions): Promise<RenderResult> {
    const t0 = performance.now();
    opts.signal?.throwIfAborted();
    await this.acquire(opts.signal);
    try {
      const browser = await raceAbort(this.browser(), opts.signal);
      const lane = this.takeLane(browser, opts.userAgent) ?? (await this.newLane(browser, opts));
      const { context } = lane;
      // A hard cap on the whole render: a page whose script spins keeps Chromium's main thread busy, and a busy
      // page answers no call (reading its HTML would wait forever). Past the cap the page is given up as a timeout.
      const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
      const budgetMs = timeoutMs + (opts.settleMs ?? DEFAULTS.settleMs) + Math.min(CAP_MARGIN_MS, timeoutMs);
      const cap = AbortSignal.timeout(budgetMs);
      const stop = opts.signal ? AbortSignal.any([opts.signal, cap]) : cap;
      const onAbort = (): void => void context.close().catch(() => undefined);
      stop.addEventListener('abort', onAbort, { once: true });
      if (stop.aborted) onAbort(); // aborted while the context was being made
      const trace: RenderTrace = { page: null, origins: new Set(), keepContext: true, detach: () => undefined };
      let result: RenderResult | null = null;
      try {
        result = await raceAbort(this.renderIn(lane, trace, url, opts, t0, performance.now() - t0), stop);
        return result;
      } catch (err) {
        // Closing the context on abort makes pending Playwright calls fail with their own errors: report the abort.
        if (opts.signal?.aborted) throw abortError(opts.signal);
        if (cap.aborted) return capFailure(url, budgetMs, performance.now() - t0);
        throw err;
      } finally {
        stop.removeEventListener('abort', onAbort);
        lane.route = null;
        trace.detach();
        const keep = result?.kind === 'page' && trace.keepContext && !stop.aborted && (await this.empty(lane, trace));
        // A busy page can keep even closing waiting: do not let it hold the crawl.
        if (!keep) await raceAbort(context.close(), AbortSignal.timeout(CLOSE_TIMEOUT_MS)).catch(() => undefined);
        this.rendered++;
      }
    } finally {
      this.release();
    }
  }

  /** An emptied context of this browser made with this User-Agent, if one is waiting. */
  private takeLane(browser: Browser, userAgent: string): Lane | null {
    const i = this.idle.findIndex((l) => l.browser === browser && l.userAgent === userAgent);
    if (i < 0) return null;
    return this.idle.splice(i, 1)[0]!;
  }

  private async newLane(browser: Browser, opts: RenderOptions): Promise<Lane> {
    const creating = browser.newContext({
      userAgent: opts.userAgent,
      serviceWorkers: 'block',
      acceptDownloads: false,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    try {
      const context = await raceAbort(creating, opts.signal);
      this.contexts++;
      return { context, page: null, cdp: null, browser, userAgent: opts.userAgent, route: null, ready: false, pages: 0 };
    } catch (err) {
      void creating.then((c) => c.close()).catch(() => undefined); // aborted while it was being made
      throw err;
    }
  }

  /**
   * After a page that rendered: leaves it for about:blank (nothing goes out meanwhile), deletes every storage of
   * each origin it loaded a document from (session storage too: the tab is kept), clears cookies, and puts the
   * context back for the next page. False when any step fails or is slow (the caller closes the context).
   */
  private async empty(lane: Lane, trace: RenderTrace): Promise<boolean> {
    const page = lane.page;
    if (this.closed || ++lane.pages >= PAGES_PER_CONTEXT || !page || page !== trace.page) return false;
    const emptied = (async () => {
      await page.goto('about:blank', { waitUntil: 'commit', timeout: CLOSE_TIMEOUT_MS });
      const cdp = (lane.cdp ??= await lane.context.newCDPSession(page));
      await Promise.all([
        // The tab's own state: its window name and its history (a script can read both).
        page.evaluate(() => void (window.name = '')),
        cdp.send('Page.resetNavigationHistory'),
        ...[...trace.origins].map((origin) => cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' })),
        lane.context.clearCookies(),
        // The pages before are garbage in the tab's JavaScript heap, which an idle tab hardly ever collects: about
        // 100 MB more per tab after 20 pages of this kind otherwise.
        cdp.send('HeapProfiler.collectGarbage'),
      ]);
      return lane.context.pages().length === 1;
    })();
    const ok = await raceAbort(emptied, AbortSignal.timeout(CLOSE_TIMEOUT_MS)).catch(() => false);
    if (ok && !this.closed) this.idle.push(lane);
    return ok && !this.closed;
  }

  private async renderIn(lane: Lane, trace: RenderTrace, url: string, opts: RenderOptions, t0: number, waitMs: number): Promise<RenderResult> {
    const { context } = lane;
    const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
    const settleCap = opts.settleMs ?? DEFAULTS.settleMs;
    const idleMs = opts.idleMs ?? DEFAULTS.idleMs;
    const maxBytes = opts.maxBytes ?? DEFAULTS.maxBytes;
    const maxRedirects = opts.maxRedirects ?? DEFAULTS.maxRedirects;
    const allow = opts.allowNavigation ?? ((next: string) => (sameSite(next, url) ? null : 'not on the same site'));
    const cap = this.opts.maxRequestsLogged ?? BROWSER.maxRequestsLogged;
    const requests: NetworkRequest[] = [];
    const byRequest = new WeakMap<object, NetworkRequest>();
    const blockedNavigations: string[] = [];
    const chain: string[] = [];
    const deadline = performance.now() + timeoutMs;
    const remaining = (): number => Math.max(1, Math.round(deadline - performance.now()));
    let navigating = true;
    let redirect: { from: string; to: string; status: number } | null = null;
    let navFailure: { reason: RenderFailReason; detail: string; status?: number } | null = null;
    let navBlocked: string | null = null;
    let navMs = 0;
    let settleMs = 0;
    /** The document as served can run nothing (see isInertHtml): a short quiet period settles it. */
    let inert = false;
    let settleTimedOut = false;
    const timings = (): RenderTimings => ({
      waitMs: Math.round(waitMs),
      navigationMs: Math.round(navMs),
      settleMs: Math.round(settleMs),
      totalMs: Math.round(performance.now() - t0),
      settleTimedOut,
    });
    const fail = (reason: RenderFailReason, detail: string, extra: { status?: number; redirectTarget?: string } = {}): RenderFailure => ({
      kind: 'failed',
      url,
      reason,
      ...(extra.status !== undefined ? { status: extra.status } : {}),
      detail,
      redirectChain: [...chain],
      ...(extra.redirectTarget ? { redirectTarget: extra.redirectTarget } : {}),
      requests,
      timings: timings(),
    });

    const net = new NetworkActivity();
    const onRequest = (req: Request): void => {
      net.started();
      const u = req.url();
      if (requests.length >= cap || u.startsWith('data:') || u.startsWith('blob:')) return;
      const entry: NetworkRequest = { url: u, method: req.method(), resourceType: req.resourceType(), thirdParty: isThirdParty(u, url) };
      byRequest.set(req, entry);
      requests.push(entry);
    };
    const onEnded = (): void => net.ended();
    // Popups are not ours to render: close them (their navigations are aborted below).
    const onPage = (p: Page): void => {
      if (p === trace.page) return;
      trace.keepContext = false;
      blockedNavigations.push('popup window opened by the page: closed');
      void p.close().catch(() => undefined);
    };
    context.on('request', onRequest);
    context.on('requestfinished', onEnded);
    context.on('requestfailed', onEnded);
    trace.detach = () => {
      context.off('request', onRequest);
      context.off('requestfinished', onEnded);
      context.off('requestfailed', onEnded);
      context.off('page', onPage);
    };
    trace.origins.add(new URL(url).origin);
    /** A document let through (main frame or iframe): its origin's storage is cleared after the page, or, when it is on another site, the context is not kept. */
    const loading = (doc: string): void => {
      try {
        const origin = new URL(doc).origin;
        if (origin === 'null') return; // about:, data: — the parent's origin, or none
        trace.origins.add(origin);
        if (!sameSite(doc, url)) trace.keepContext = false;
      } catch {
        trace.keepContext = false;
      }
    };
    if (opts.session?.cookies.length) {
      await context.addCookies(
        opts.session.cookies.map((c) => ({
          name: c.name,
          value: c.value,
          domain: c.domain,
          path: c.path || '/',
          secure: c.secure,
          expires: c.expires > 0 ? c.expires : -1,
        })),
      );
    }
    if (!lane.ready) {
      await context.addInitScript(NO_FORM_SUBMISSION);
      // Between renders (lane.route is null) nothing goes out.
      await context.route('**/*', (route) => (lane.route ? lane.route(route) : route.abort('blockedbyclient').catch(() => undefined)));
      lane.ready = true;
    }
    const page: Page = (lane.page ??= await context.newPage());
    trace.page = page;
    context.on('page', onPage); // after newPage: the context announces that page too

    const block = async (route: Route, why: string): Promise<void> => {
      const req = route.request();
      const entry = byRequest.get(req);
      if (entry) entry.blocked = why;
      blockedNavigations.push(`${req.method()} ${req.url()}: ${why}`);
      if (navigating) navBlocked ??= `${req.url()}: ${why}`;
      // 'aborted', not 'blockedbyclient': a blocked main-frame navigation must not commit Chromium's error page.
      await route.abort('aborted').catch(() => undefined);
    };

    lane.route = async (route: Route): Promise<void> => {
      const req = route.request();
      try {
        const cookie = opts.session?.cookieFor(req.url()) ?? null;
        const withCookie = (): Record<string, string> => ({ ...req.headers(), cookie: cookie! });
        // What the page itself requests (images, fetch, beacons, prefetch, frames) passes what a link would: GET
        // only, and on the audited site the same scope, robots.txt and state-changing checks. Other sites' GET
        // requests load, as a visitor's would (that is how trackers and widgets are seen), never with the session.
        const refuse = async (why: string): Promise<void> => {
          const entry = byRequest.get(req);
          if (entry) entry.blocked = why;
          await route.abort('blockedbyclient');
        };
        const pageRequest = (): string | null => {
          if (req.method() !== 'GET' && req.method() !== 'HEAD') return `${req.method()} request (the crawler only reads)`;
          // A script or an image is not a page: only the state-changing rule applies here (robots.txt is allowSubresource's).
          if (sameSite(req.url(), url) && isStateChanging(req.url())) return 'state-changing';
          return null;
        };
        const address = opts.checkAddress && !req.url().startsWith('data:') ? await opts.checkAddress(req.url()) : null;
        if (address) {
          let mainFrame = false;
          try {
            mainFrame = req.isNavigationRequest() && req.frame() === page.mainFrame();
          } catch {
            /* a service worker's request */
          }
          return await (mainFrame ? block(route, address) : refuse(address));
        }
        if (!req.isNavigationRequest()) {
          const leaks = opts.session && !cookie && cookieHeaderFor(req.url(), opts.session.cookies) ? 'would carry the member session out of scope' : null;
          const refused = pageRequest() ?? leaks ?? opts.allowSubresource?.(req.url()) ?? null;
          if (refused) return await refuse(refused);
          // Fonts, audio and video change nothing an audit reads: not downloaded. The request stays in the log as
          // the page made it (not marked blocked), so the third-party record is what a visitor's browser would ask.
          if (NEVER_NEEDED.has(req.resourceType())) return await route.abort('blockedbyclient');
          return await route.continue();
        }
        let frame;
        try {
          frame = req.frame();
        } catch {
          return await route.abort('blockedbyclient'); // a service worker's request (they are blocked anyway)
        }
        if (frame.parentFrame() !== null && frame.page() === page) {
          // An iframe: widgets live there, but a frame of /logout or of a disallowed path is refused like a link.
          const refused = pageRequest() ?? (sameSite(req.url(), url) ? allow(req.url()) : null) ?? opts.allowSubresource?.(req.url()) ?? null;
          if (refused) return await refuse(refused);
          loading(req.url());
          return await route.continue();
        }
        if (frame.page() !== page) return await block(route, 'popup window');
        if (req.method() !== 'GET') return await block(route, 'form submission (never submitted)');
        const why = allow(req.url());
        if (why) return await block(route, why);
        // Fetch the document ourselves without following redirects: every hop is checked before it is requested.
        const resp = await route.fetch({ maxRedirects: 0, timeout: remaining(), ...(cookie ? { headers: withCookie() } : {}) });
        const status = resp.status();
        const headers = resp.headers();
        const location = headers['location'];
        if (status >= 300 && status < 400 && location) {
          let to: string;
          try {
            to = new URL(location, req.url()).toString().replace(/#.*$/, '');
          } catch {
            navFailure = { reason: 'http-error', detail: 'bad Location header', status };
            return await route.abort('failed');
          }
          if (navigating) redirect = { from: req.url(), to, status };
          else blockedNavigations.push(`GET ${req.url()}: script navigation answered ${status} → ${to}, not followed`);
          await resp.dispose().catch(() => undefined);
          return await route.abort('aborted');
        }
        if (navigating && !isHtmlType(headers['content-type'])) {
          navFailure = { reason: 'non-html', detail: headers['content-type'] ?? 'no content-type', status };
          await resp.dispose().catch(() => undefined);
          return await route.abort('blockedbyclient');
        }
        const body = await resp.body();
        if (body.byteLength > maxBytes) {
          navFailure = { reason: 'too-large', detail: `body exceeded ${maxBytes} bytes`, status };
          return await route.abort('blockedbyclient');
        }
        loading(req.url());
        inert = isInertHtml(body);
        return await route.fulfill({ response: resp, body });
      } catch (err) {
        if (navigating && req.isNavigationRequest() && !navFailure) {
          const msg = (err as Error).message.split('\n')[0] ?? '';
          navFailure = /timeout/i.test(msg) ? { reason: 'timeout', detail: `no response within ${timeoutMs} ms` } : { reason: 'network', detail: msg };
        }
        await route.abort('failed').catch(() => undefined);
      }
    };

    // Navigation, following redirects ourselves. goto waits for commit only: a page that starts (and gets refused)
    // another navigation while parsing leaves Playwright's lifecycle events unreliable, so DOMContentLoaded, load
    // and network idle are read from the document and our own request counters instead.
    const seen = new Set<string>([url]);
    let target = url;
    let response = null;
    const navStart = performance.now();
    for (;;) {
      redirect = null;
      navFailure = null;
      navBlocked = null;
      try {
        response = await page.goto(target, { waitUntil: 'commit', timeout: remaining() });
      } catch (err) {
        if (opts.signal?.aborted) throw abortError(opts.signal);
        navMs = performance.now() - navStart;
        const r = redirect as { from: string; to: string; status: number } | null;
        if (r) {
          chain.push(r.from);
          if (seen.has(r.to)) return fail('redirect-loop', `loop back to ${r.to}`, { status: r.status });
          if (chain.length > maxRedirects) return fail('redirect-loop', `more than ${maxRedirects} redirects`, { status: r.status });
          const why = allow(r.to);
          if (why) return fail('out-of-scope', `redirect to ${r.to} not followed: ${why}`, { status: r.status, redirectTarget: r.to });
          seen.add(r.to);
          target = r.to;
          continue;
        }
        const nf = navFailure as { reason: RenderFailReason; detail: string; status?: number } | null;
        if (nf) return fail(nf.reason, nf.detail, nf.status !== undefined ? { status: nf.status } : {});
        const e = err as Error;
        if (e.name === 'TimeoutError' || performance.now() >= deadline) return fail('timeout', `navigation did not finish within ${timeoutMs} ms`);
        if (navBlocked) return fail('out-of-scope', `navigation blocked: ${navBlocked as string}`);
        const first = e.message.split('\n')[0] ?? e.message;
        return fail('network', first.replace(/^page\.goto:\s*/, ''));
      }
      break;
    }
    if (!response) return fail('network', 'no response for the document');
    const status = response.status();
    const headers = await response.allHeaders().catch(() => ({}) as Record<string, string>);
    if (status < 200 || status >= 300) return fail('http-error', `HTTP ${status}`, { status });
    try {
      await page.waitForFunction(() => document.readyState !== 'loading', undefined, { timeout: remaining(), polling: BUSY_POLL_MS });
    } catch {
      if (opts.signal?.aborted) throw abortError(opts.signal);
      if (performance.now() >= deadline) return fail('timeout', `the document did not finish parsing within ${timeoutMs} ms`, { status });
      // The execution context went away (an in-scope script navigation): carry on with whatever document is there.
    }
    navMs = performance.now() - navStart;
    navigating = false;

    // Settle: `load`, then a quiet network (no request in flight for idleMs), together bounded by settleCap.
    const settleStart = performance.now();
    const settleLeft = (): number => Math.max(1, Math.round(settleCap - (performance.now() - settleStart)));
    try {
      await page.waitForFunction(() => document.readyState === 'complete', undefined, { timeout: settleLeft(), polling: BUSY_POLL_MS });
    } catch {
      if (opts.signal?.aborted) throw abortError(opts.signal);
      settleTimedOut = true;
    }
    const quietMs = inert ? Math.min(idleMs, BROWSER.inertIdleMs) : idleMs;
    if (!settleTimedOut) settleTimedOut = !(await net.idle(quietMs, settleStart + settleCap, opts.signal));
    if (opts.signal?.aborted) throw abortError(opts.signal);
    settleMs = performance.now() - settleStart;

    let html: string;
    try {
      html = await page.evaluate(() => document.documentElement.outerHTML);
    } catch (err) {
      if (opts.signal?.aborted) throw abortError(opts.signal);
      // The page navigated itself (in scope) while we read: read the new document once it is there.
      try {
        await page.waitForFunction(() => document.readyState !== 'loading', undefined, { timeout: settleCap, polling: BUSY_POLL_MS });
        html = await page.evaluate(() => document.documentElement.outerHTML);
      } catch {
        return fail('network', `could not read the rendered document: ${(err as Error).message.split('\n')[0]}`, { status });
      }
    }
    if (Buffer.byteLength(html) > maxBytes) return fail('too-large', `rendered HTML exceeded ${maxBytes} bytes`, { status });

    let shot: { data: Buffer; mimeType: 'image/jpeg' | 'image/png'; width: number; height: number } | null = null;
    if (opts.screenshot) {
      shot = await captureScreenshot(page, opts.screenshot === true ? {} : opts.screenshot).catch(() => null);
    }
    if (opts.signal?.aborted) throw abortError(opts.signal);
    return {
      kind: 'page',
      url,
      finalUrl: page.url().replace(/#.*$/, ''),
      status,
      headers,
      html,
      redirectChain: chain,
      timings: timings(),
      requests,
      blockedNavigations,
      ...(shot ? { screenshot: shot.data, screenshotType: shot.mimeType, screenshotSize: { width: shot.width, height: shot.height } } : {}),
    };
  }

  /** Closes Chromium (waits for it). Safe to call more than once; later renderPage calls throw. */
  async close(): Promise<void> {
    this.closed = true;
    const p = this.launching;
    this.launching = null;
    if (!p) return;
    const b = await p.catch(() => null);
    await b?.close().catch(() => undefined);
  }
}
