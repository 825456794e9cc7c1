// The static crawler: breadth-first over same-site links, polite per host, every URL considered gets exactly one
// record of what happened to it. Designed so browser rendering, sitemaps and sampling can slot in later.
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import PQueue from 'p-queue';
import { fetchPage } from './fetch-page.js';
import { loadRobots, type RobotsRules } from './robots.js';
import { makeScope, trapReason } from './scope.js';
import type { CrawlOptions, CrawlResult, PageSnapshot, RobotsOutcome, UrlRecord } from './types.js';
import { canonicalizeUrl } from './url.js';

interface QueueItem {
  url: string;
  depth: number;
}

export interface ExtractedLink {
  url: string;
  nofollow: boolean;
}

/** Links a crawler may consider on a page: <a href> and <area href>, resolved against <base href>. */
export function extractLinks(html: string, pageUrl: string): { links: ExtractedLink[]; canonical: string | null; metaNofollow: boolean } {
  const $ = cheerio.load(html);
  const base = canonicalizeUrl($('base[href]').attr('href') ?? '', pageUrl) ?? pageUrl;
  const robotsMeta = ($('meta[name="robots" i]').attr('content') ?? '').toLowerCase();
  const links: ExtractedLink[] = [];
  $('a[href], area[href]').each((_, el) => {
    const url = canonicalizeUrl($(el).attr('href') ?? '', base);
    if (!url) return;
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
    links.push({ url, nofollow: rel.includes('nofollow') });
  });
  const canonicalHref = $('link[rel~="canonical"]').attr('href');
  return { links, canonical: canonicalHref ? canonicalizeUrl(canonicalHref, base) : null, metaNofollow: /\bnofollow\b|\bnone\b/.test(robotsMeta) };
}

/** Fingerprint of a page's visible text, so one page served under two URLs is recorded once. */
function contentHash(html: string): string {
  const text = cheerio.load(html)('body').text().replace(/\s+/g, ' ').trim();
  return createHash('sha1').update(text).digest('hex');
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

const MAX_RETRY_AFTER_MS = 120_000;

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
function retryAfterMs(value: string | undefined): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '[::1]' || /^127\./.test(host);

/** Per-host pacing: request starts at least `gapMs` apart (+ up to 20 % jitter on remote hosts). */
class HostPacer {
  private next = new Map<string, number>();
  constructor(private gapFor: (host: string) => number) {}
  async wait(host: string, signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const gap = this.gapFor(host);
    const jitter = isLoopback(host) ? 0 : Math.round(gap * 0.2 * Math.random());
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + gap + jitter);
    await sleep(at - now, signal);
  }
  pushBack(host: string, ms: number): void {
    this.next.set(host, Math.max(this.next.get(host) ?? 0, Date.now() + ms));
  }
}

export async function crawlSite(options: CrawlOptions): Promise<CrawlResult> {
  const started = Date.now();
  const startUrl = canonicalizeUrl(options.startUrl);
  if (!startUrl) throw new Error(`Not an http(s) URL: ${options.startUrl}`);
  const startOrigin = new URL(startUrl).origin;
  const records = new Map<string, UrlRecord>();
  const pages: PageSnapshot[] = [];
  const seenHashes = new Map<string, string>();
  const variants = new Map<string, number>();
  const inScope = makeScope({ start: startUrl, include: options.include, exclude: options.exclude });
  const robotsByOrigin = new Map<string, Promise<RobotsRules>>();
  const robotsFor = (origin: string): Promise<RobotsRules> => {
    let r = robotsByOrigin.get(origin);
    if (!r) {
      r = loadRobots(origin, { userAgent: options.userAgent, token: options.robotsToken, timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
      robotsByOrigin.set(origin, r);
    }
    return r;
  };
  const startRobots = await robotsFor(startOrigin);
  const crawlDelayMs = (startRobots.outcome.crawlDelaySec ?? 0) * 1000;
  const pacer = new HostPacer(() => Math.max(options.delayMs, crawlDelayMs));
  const queue = new PQueue({ concurrency: options.concurrency });
  let started_ = 0;
  let stoppedEarly: string | null = null;

  // Fetched already, or reserved for fetching (still in the queue).
  const isTaken = (r: UrlRecord | undefined): boolean => r?.outcome === 'fetched' || r?.detail === 'pending';
  const record = (r: UrlRecord): void => {
    if (!records.has(r.url)) records.set(r.url, r);
  };
  const counts = () => {
    let failed = 0;
    let skipped = 0;
    for (const r of records.values()) {
      if (r.outcome === 'failed') failed++;
      else if (r.outcome === 'skipped' || r.outcome === 'robots-blocked') skipped++;
    }
    return { fetched: pages.length, failed, skipped, queued: queue.size + queue.pending };
  };

  const consider = (url: string, depth: number, nofollow: boolean): void => {
    if (records.has(url)) return;
    const reason = inScope(url);
    if (reason) return record({ url, depth, outcome: 'skipped', reason });
    if (nofollow) return record({ url, depth, outcome: 'skipped', reason: 'nofollow' });
    if (depth > options.maxDepth) return record({ url, depth, outcome: 'skipped', reason: 'max-depth' });
    const trap = trapReason(url, variants);
    if (trap) return record({ url, depth, outcome: 'skipped', reason: 'trap', detail: trap });
    if (options.signal?.aborted) return record({ url, depth, outcome: 'skipped', reason: 'max-pages', detail: 'crawl interrupted before this URL' });
    // Robots for the start origin is known already: blocked URLs do not use up the page budget.
    if (new URL(url).origin === startOrigin && !startRobots.isAllowed(url)) return record({ url, depth, outcome: 'robots-blocked', detail: 'disallowed by robots.txt' });
    // The page budget counts requests started, so the limit is exact.
    if (started_ >= options.maxPages) {
      stoppedEarly ??= `page budget of ${options.maxPages} reached`;
      return record({ url, depth, outcome: 'skipped', reason: 'max-pages' });
    }
    started_++;
    // Reserve the URL now so a second link to it while it is queued is not counted again.
    records.set(url, { url, depth, outcome: 'skipped', reason: 'max-pages', detail: 'pending' });
    void queue.add(() =>
      visit({ url, depth }).catch((err: unknown) => {
        // Only a caller abort gets here (fetchPage turns network trouble into a result).
        records.set(url, { url, depth, outcome: 'skipped', reason: 'max-pages', detail: `crawl interrupted: ${(err as Error).message}` });
      }),
    );
  };

  const visit = async ({ url, depth }: QueueItem): Promise<void> => {
    const host = new URL(url).host;
    const robots = await robotsFor(new URL(url).origin);
    if (!robots.isAllowed(url)) {
      records.set(url, { url, depth, outcome: 'robots-blocked', detail: robots.outcome.policy === 'disallow-all' ? robots.outcome.note : 'disallowed by robots.txt' });
      return;
    }
    if (options.signal?.aborted) {
      records.set(url, { url, depth, outcome: 'skipped', reason: 'max-pages', detail: 'crawl interrupted before this URL' });
      return;
    }
    let res;
    for (let attempt = 0; ; attempt++) {
      await pacer.wait(host, options.signal);
      res = await fetchPage(url, {
        userAgent: options.userAgent,
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxBytes,
        // Redirects are followed only within scope and, on the start origin, where robots.txt allows.
        allowRedirect: (next) => inScope(next) ?? (new URL(next).origin === startOrigin && !startRobots.isAllowed(next) ? 'disallowed by robots.txt' : null),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      // 429/503: back off (Retry-After, capped at 120 s) and retry at most twice.
      if (res.kind === 'failed' && res.reason === 'http-error' && (res.status === 429 || res.status === 503) && attempt < 2 && !options.signal?.aborted) {
        const waitMs = Math.min(retryAfterMs(res.headers?.['retry-after']) ?? 2000 * 2 ** attempt, MAX_RETRY_AFTER_MS);
        pacer.pushBack(host, waitMs);
        continue;
      }
      break;
    }
    switch (res.kind) {
      case 'page': {
        const { links, canonical, metaNofollow } = extractLinks(res.html, res.finalUrl);
        const hash = contentHash(res.html);
        // A <link rel=canonical> to another in-scope URL we already fetched, or the same text: one page, two names.
        const canonicalTwin = canonical && canonical !== url && inScope(canonical) === null && isTaken(records.get(canonical)) ? canonical : undefined;
        const twin = canonicalTwin ?? seenHashes.get(hash);
        if (twin && twin !== url) {
          records.set(url, { url, depth, outcome: 'skipped', reason: 'duplicate', status: res.status, detail: `same ${twin === canonicalTwin ? 'canonical' : 'content'} as ${twin}` });
        } else {
          seenHashes.set(hash, url);
          const notes = [res.redirectChain.length ? `redirected via ${res.redirectChain.length} hop(s) to ${res.finalUrl}` : '', res.charsetNote ?? ''].filter(Boolean);
          records.set(url, { url, depth, outcome: 'fetched', status: res.status, ...(notes.length ? { detail: notes.join('; ') } : {}) });
          pages.push({ url, finalUrl: res.finalUrl, status: res.status, headers: res.headers, html: res.html, depth, redirectChain: res.redirectChain, renderMode: 'static' });
          // The declared canonical URL is considered too (at the same depth); a later copy then dedupes against it.
          if (canonical && canonical !== url && inScope(canonical) === null) consider(canonical, depth, false);
        }
        // A duplicate's links are not followed: its twin's links already were.
        if (!metaNofollow && !(twin && twin !== url)) for (const link of links) consider(link.url, depth + 1, link.nofollow);
        break;
      }
      case 'skipped':
        records.set(url, { url, depth, outcome: 'skipped', reason: res.reason, ...(res.status ? { status: res.status } : {}), detail: res.detail });
        if (res.redirectTarget && !records.has(res.redirectTarget)) {
          // Record where the redirect pointed, without ever requesting it.
          const target = canonicalizeUrl(res.redirectTarget);
          const why = target ? inScope(target) : null;
          if (target) record(why ? { url: target, depth: depth + 1, outcome: 'skipped', reason: why, detail: `redirect target of ${url}, not followed` } : { url: target, depth: depth + 1, outcome: 'robots-blocked', detail: `redirect target of ${url}, disallowed by robots.txt` });
        }
        break;
      case 'failed':
        records.set(url, { url, depth, outcome: 'failed', reason: res.reason, ...(res.status ? { status: res.status } : {}), detail: res.detail });
        break;
    }
    options.onProgress?.({ ...counts(), lastUrl: url });
  };

  options.signal?.addEventListener('abort', () => queue.clear(), { once: true });
  if (startRobots.outcome.policy === 'disallow-all') {
    record({ url: startUrl, depth: 0, outcome: 'robots-blocked', detail: startRobots.outcome.note });
    stoppedEarly = 'robots.txt could not be read, so the site was not crawled';
  } else {
    consider(startUrl, 0, false);
    await queue.onIdle();
  }
  if (options.signal?.aborted) {
    stoppedEarly = 'interrupted';
    for (const r of records.values()) if (r.detail === 'pending') r.detail = 'crawl interrupted before this URL';
  }

  const byDepthUrl = <T extends { depth: number; url: string }>(a: T, b: T) => a.depth - b.depth || a.url.localeCompare(b.url);
  const robots: RobotsOutcome = startRobots.outcome;
  return {
    startUrl,
    userAgent: options.userAgent,
    render: options.render,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    robots,
    pages: pages.sort(byDepthUrl),
    records: [...records.values()].sort(byDepthUrl),
    stoppedEarly,
  };
}
