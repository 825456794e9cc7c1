// The static crawler: a pull-based priority frontier over same-site links, polite per host; every URL considered
// gets exactly one record of what happened to it. A found link is only queued: whenever a request slot frees up, the
// best URL waiting is started (frontier.ts says what best means), and the page budget counts requests started.
// Sitemaps seed the frontier, URL groups that used their share of the budget sort last, each host has its own
// pacing and circuit breaker, and a time budget ends the crawl with a partial result.
import { extractLinks } from './links.js';
import { cookieHeaderFor } from './session.js';
import { fetchPage, type FetchPageResult } from './fetch-page.js';
import { Frontier, type FrontierItem } from './frontier.js';
import { CircuitBreaker, HostPacer, MAX_RETRY_AFTER_MS, requestedRetryAfterMs, retryAfterMs } from './politeness.js';
import { loadRobots, type RobotsRules } from './robots.js';
import { Sampler } from './sample.js';
import { nonHtmlReason } from './non-html.js';
import { CLASS_RANK, groupClass, isKeyPage } from './priority.js';
import { makeScope, sameSite, trapReason } from './scope.js';
import { discoverSitemaps, type SitemapLimits } from './sitemap.js';
import { RequestSlots } from './slots.js';
import type { CrawlOptions, CrawlResult, HostStop, PageSnapshot, RobotsOutcome, SitemapRecord, SkipReason, UrlRecord } from './types.js';
import { canonicalizeUrl, pageIdentity } from './url.js';
import { PageRenderer, type CrawlFetchResult } from './render/page-renderer.js';

/** The placeholder of a URL waiting in the frontier or being fetched. */
interface QueuedUrl {
  url: string;
  depth: number;
  outcome: 'queued';
}
/** Why a URL is skipped, when it is. */
type SkipVerdict = { reason: SkipReason; detail?: string };
import { createAddressGuard, isPrivateHost, type LookupFn } from './address-guard.js';

/** Test hook and expert knob: sitemap limits (defaults: depth 5, 50 MB, 50,000 URLs per file, 50 files). */
export interface CrawlInternals {
  sitemapLimits?: Partial<SitemapLimits>;
  /** A browser pool to render with (tests share one across crawls). */
  browserPool?: import('./render/browser-pool.js').BrowserPool;
  /** DNS for the SSRF guard (tests stub names onto loopback addresses). */
  lookup?: LookupFn;
  /** Which addresses the SSRF guard refuses (tests pretend a loopback address is a private one). */
  forbidden?: (ip: string) => boolean;
}

export const DEFAULT_GROUP_SHARE = 0.25;
export const DEFAULT_PER_HOST_CONCURRENCY = 2;

// What is read of each page (links, canonical, robots <meta>, text fingerprint): links.ts.
export { extractLinks, type ExtractedLink } from './links.js';

/**
 * The X-Robots-Tag directives that apply to us: bare ones, and those after our own product token
 * (`conductor-audit: nofollow`); `otherbot: noindex` does not. A `name:` prefix scopes the directives after it
 * (until the next prefix), as search engines read the header. Directives with values (max-snippet: 20) are kept whole.
 */
export function headerRobotsDirectives(headers: Record<string, string>, token: string): Set<string> {
  const out = new Set<string>();
  let agent: string | null = null;
  for (const raw of (headers['x-robots-tag'] ?? '').split(',')) {
    let part = raw.trim().toLowerCase();
    const scoped = /^([a-z0-9_-]+)\s*:\s*(.*)$/.exec(part);
    if (scoped && !/^(?:max-snippet|max-image-preview|max-video-preview|unavailable_after)$/.test(scoped[1]!)) {
      agent = scoped[1]!;
      part = scoped[2]!;
    }
    if (part && (agent === null || agent === token.toLowerCase())) out.add(part);
  }
  return out;
}

/** 429, 5xx, timeouts and network errors count against a host's circuit breaker. */
const isHostFailure = (res: FetchPageResult | CrawlFetchResult): boolean =>
  res.kind === 'failed' &&
  (res.reason === 'timeout' || res.reason === 'network' || (res.reason === 'http-error' && (res.status === 429 || (res.status ?? 0) >= 500)));

export async function crawlSite(options: CrawlOptions, internals: CrawlInternals = {}): Promise<CrawlResult> {
  const started = Date.now();
  const startUrl = canonicalizeUrl(options.startUrl);
  if (!startUrl) throw new Error(`Not an http(s) URL: ${options.startUrl}`);
  const startOrigin = new URL(startUrl).origin;
  const startHost = new URL(startUrl).host;
  const aliases = new Set(
    (options.originAliases ?? []).flatMap((a) => {
      try {
        const o = new URL(a).origin;
        return o === startOrigin ? [] : [o];
      } catch {
        return [];
      }
    }),
  );
  /** Canonical form, with alias origins mapped onto the start origin (before any scope decision). */
  const normalize = (href: string, base?: string): string | null => {
    const url = canonicalizeUrl(href, base);
    if (!url || !aliases.size) return url;
    const u = new URL(url);
    return aliases.has(u.origin) ? canonicalizeUrl(u.pathname + u.search, startOrigin) : url;
  };
  // A URL waiting in the frontier (or being fetched) holds a 'queued' placeholder until its outcome is known.
  const records = new Map<string, UrlRecord | QueuedUrl>();
  const pages: PageSnapshot[] = [];
  const seenHashes = new Map<string, string>();
  const variants = new Map<string, number>();
  /** Page identity (the URL without sort, paging and display parameters) → the first URL of it that was queued. */
  const identities = new Map<string, string>();
  const inScope = makeScope({ start: startUrl, include: options.include, exclude: options.exclude });
  const sampler = new Sampler(options.maxPages, options.groupShare ?? DEFAULT_GROUP_SHARE, startHost);

  // The time budget: a signal that cuts pacing sleeps short, and a deadline checked before every request start.
  const deadline = options.timeBudgetMs !== undefined ? started + Math.max(0, options.timeBudgetMs) : Number.POSITIVE_INFINITY;
  const budgetTimer = Number.isFinite(deadline) ? AbortSignal.timeout(Math.max(1, deadline - Date.now())) : null;
  const sleepSignal = [options.signal, budgetTimer].filter((x): x is AbortSignal => !!x);
  const waitSignal = sleepSignal.length ? AbortSignal.any(sleepSignal) : undefined;
  const outOfTime = (): boolean => Date.now() >= deadline;

  // The SSRF guard: every connection's address is checked, unless the audit itself targets a non-public host.
  const guard = createAddressGuard({
    allowPrivate: Boolean(options.allowPrivateNetwork) || (isPrivateHost(startUrl) && !internals.forbidden),
    ...(internals.lookup ? { lookup: internals.lookup } : {}),
    ...(internals.forbidden ? { forbidden: internals.forbidden } : {}),
  });
  const dispatcher = guard.dispatcher ? { dispatcher: guard.dispatcher } : {};
  const robotsByOrigin = new Map<string, Promise<RobotsRules>>();
  const robotsFor = (origin: string): Promise<RobotsRules> => {
    let r = robotsByOrigin.get(origin);
    if (!r) {
      r = loadRobots(origin, {
        userAgent: options.userAgent,
        token: options.robotsToken,
        timeoutMs: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...dispatcher,
      });
      robotsByOrigin.set(origin, r);
    }
    return r;
  };
  const startRobots = await robotsFor(startOrigin);
  const crawlDelayMs = (startRobots.outcome.crawlDelaySec ?? 0) * 1000;
  const pacer = new HostPacer(() => Math.max(options.delayMs, crawlDelayMs));
  /** Same-origin URLs robots.txt disallows: never requested, not even as a redirect hop or a page's subresource. */
  const robotsRefuses = (u: string): string | null => (new URL(u).origin === startOrigin && !startRobots.isAllowed(u) ? 'disallowed by robots.txt' : null);
  const allowRedirect = (next: string): string | null => {
    const mapped = normalize(next) ?? next;
    return inScope(mapped) ?? robotsRefuses(mapped) ?? nonHtmlReason(mapped);
  };
  // The member session only ever goes to in-scope URLs.
  const cookieFor = options.session ? (u: string) => (inScope(normalize(u) ?? u) ? null : cookieHeaderFor(u, options.session!)) : undefined;
  const perHost = Math.max(1, Math.min(options.perHostConcurrency ?? DEFAULT_PER_HOST_CONCURRENCY, options.concurrency));
  /** Auto mode: when each page's browser request started, after its pacing wait (which is not fetch time). */
  const renderStarts = new Map<string, number>();
  // Browser and auto modes: Chromium is looked for now (a clear error before any request), launched on first render.
  const renderer =
    options.render === 'static'
      ? null
      : new PageRenderer({
          mode: options.render,
          userAgent: options.userAgent,
          timeoutMs: options.timeoutMs,
          maxBytes: options.maxBytes,
          concurrency: perHost,
          allowLocalNetwork: isLocalHost(new URL(startUrl).hostname),
          allowNavigation: allowRedirect,
          allowSubresource: robotsRefuses,
          ...(guard.dispatcher ? { checkAddress: guard.check } : {}),
          ...(cookieFor && options.session ? { session: { cookies: options.session, cookieFor } } : {}),
          groupOf: (u) => sampler.pattern(u),
          beforeRender: async (u) => {
            await pacer.wait(new URL(u).host, waitSignal);
            renderStarts.set(u, performance.now());
          },
          ...(options.signal ? { signal: options.signal } : {}),
          ...(internals.browserPool ? { pool: internals.browserPool } : {}),
        });
  try {
    // Concurrency: at most `concurrency` requests at a time, `perHost` (default 2) of them on one host.
    const slots = new RequestSlots(Math.max(1, options.concurrency), perHost);
    const breakers = new Map<string, CircuitBreaker>();
    const breakerFor = (host: string): CircuitBreaker => {
      let b = breakers.get(host);
      if (!b) breakers.set(host, (b = new CircuitBreaker()));
      return b;
    };
    const hostsStopped: HostStop[] = [];
    const noteRequest = (host: string, failure: boolean): void => {
      const opened = breakerFor(host).note(failure);
      if (opened) hostsStopped.push({ host, reason: opened });
    };
    const frontier = new Frontier((group) => sampler.isCapped(group));
    /** Sitemap requests waiting for a slot; they go before pages. */
    const waiting: Array<{ host: string; start: () => void }> = [];
    let started_ = 0;
    let pending = 0;
    const stopReasons: string[] = [];
    const stop = (why: string): void => {
      if (!stopReasons.includes(why)) stopReasons.push(why);
    };
    const TIME_BUDGET_NOTE = `time budget of ${options.timeBudgetMs ?? 0} ms used up`;

    /** URLs whose request has started (the page budget counts these). */
    const requested = new Set<string>();
    // Fetched already, or being fetched (a URL still waiting in the frontier may never be).
    const isTaken = (r: UrlRecord | QueuedUrl | undefined): boolean => r?.outcome === 'fetched' || (r?.outcome === 'queued' && requested.has(r.url));
    const record = (r: UrlRecord): void => {
      if (!records.has(r.url)) records.set(r.url, r);
    };
    /** Replaces the placeholder of a queued URL with its outcome. */
    const settle = (r: UrlRecord): void => {
      if (records.get(r.url)?.outcome === 'queued') pending--;
      records.set(r.url, r);
    };
    const completions: number[] = [];
    const counts = () => {
      let failed = 0;
      let skipped = 0;
      for (const r of records.values()) {
        if (r.outcome === 'failed') failed++;
        else if (r.outcome === 'skipped' || r.outcome === 'robots-blocked') skipped++;
      }
      // Being fetched, plus as many waiting URLs as the page budget (and the clock) still allow.
      const startable = options.signal?.aborted || outOfTime() ? 0 : Math.min(frontier.size, Math.max(0, options.maxPages - started_));
      const queued = pending - frontier.size + startable;
      return { fetched: pages.length, failed, skipped, queued };
    };
    const eta = (queued: number): number | undefined => {
      if (queued === 0) return 0;
      if (completions.length < 2) return undefined;
      const first = completions[0]!;
      const last = completions.at(-1)!;
      const perMs = (completions.length - 1) / Math.max(1, last - first);
      const estimate = Math.round(queued / perMs);
      return Number.isFinite(deadline) ? Math.max(0, Math.min(estimate, deadline - Date.now())) : estimate;
    };
    const progress = (lastUrl: string): void => {
      completions.push(Date.now());
      if (completions.length > 20) completions.shift();
      if (!options.onProgress) return;
      const c = counts();
      const e = eta(c.queued);
      options.onProgress({ ...c, lastUrl, ...(e !== undefined ? { etaMs: e } : {}) });
    };

    /**
     * A link (or sitemap entry) found: recorded at once when it is not to be fetched, else queued in the frontier.
     * Nothing is counted against the budget here; that happens when a request starts.
     */
    const consider = (rawUrl: string, depth: number, nofollow: boolean, referrer: string, fromSitemap = false): void => {
      const url = normalize(rawUrl);
      if (!url) return;
      const known = records.get(url);
      if (known) {
        // Found again nearer the start while still waiting: it moves up, as breadth-first would have found it.
        if (known.outcome === 'queued' && depth < known.depth && frontier.has(url)) {
          frontier.add(frontierItem(url, depth, referrer, fromSitemap));
          known.depth = depth;
        }
        return;
      }
      const reason = inScope(url);
      if (reason) return record({ url, depth, outcome: 'skipped', reason });
      if (nofollow) return record({ url, depth, outcome: 'skipped', reason: 'nofollow' });
      const notHtml = nonHtmlReason(url);
      if (notHtml) return record({ url, depth, outcome: 'skipped', reason: 'non-html', detail: notHtml });
      if (depth > options.maxDepth) return record({ url, depth, outcome: 'skipped', reason: 'max-depth' });
      // Before the trap count, so folded variants do not use up a path's allowance of query variants.
      const original = identities.get(pageIdentity(url));
      if (original) return record({ url, depth, outcome: 'skipped', reason: 'variant', detail: `a sort/paging variant of ${original}` });
      const trap = trapReason(url, variants);
      if (trap) return record({ url, depth, outcome: 'skipped', reason: 'trap', detail: trap });
      // Robots for the start origin is known already: blocked URLs do not use up the page budget.
      if (robotsRefuses(url)) return record({ url, depth, outcome: 'robots-blocked', detail: 'disallowed by robots.txt' });
      sampler.discover(url);
      const failing = sampler.stopped(url);
      if (failing) return record({ url, depth, outcome: 'skipped', reason: 'group-failing', detail: failing });
      identities.set(pageIdentity(url), url);
      records.set(url, { url, depth, outcome: 'queued' });
      pending++;
      frontier.add(frontierItem(url, depth, referrer, fromSitemap));
    };
    const frontierItem = (url: string, depth: number, referrer: string, fromSitemap: boolean): FrontierItem => {
      const group = sampler.pattern(url);
      return { url, depth, group, key: isKeyPage(url, startUrl), classRank: CLASS_RANK[groupClass(group)], referrer, fromSitemap };
    };

    /** Why a queued URL must not be requested now (abort, time budget, open breaker), or null. */
    const blockedNow = (host: string): SkipVerdict | null => {
      if (options.signal?.aborted) return { reason: 'interrupted', detail: 'crawl interrupted before this URL' };
      if (outOfTime()) {
        stop(TIME_BUDGET_NOTE);
        return { reason: 'time-budget', detail: 'time budget used up before this URL was requested' };
      }
      const open = breakers.get(host)?.open;
      if (open) return { reason: 'circuit-open', detail: `${host} stopped: ${open}` };
      return null;
    };

    const visit = async ({ url, depth }: FrontierItem): Promise<void> => {
      const host = new URL(url).host;
      const robots = await robotsFor(new URL(url).origin);
      if (!robots.isAllowed(url)) {
        settle({ url, depth, outcome: 'robots-blocked', detail: robots.outcome.policy === 'disallow-all' ? robots.outcome.note : 'disallowed by robots.txt' });
        progress(url);
        return;
      }
      let res: CrawlFetchResult | undefined;
      let fetchMs = 0;
      let retryNote = '';
      for (let attempt = 0; ; attempt++) {
        let blocked = blockedNow(host);
        if (!blocked) {
          await pacer.wait(host, waitSignal);
          blocked = blockedNow(host);
        }
        if (blocked) {
          if (res) {
            // A retry that cannot happen: keep the last answer.
            retryNote = `; not retried: ${blocked.detail ?? blocked.reason}`;
            break;
          }
          settle({ url, depth, outcome: 'skipped', ...blocked });
          progress(url);
          return;
        }
        const t0 = performance.now();
        res =
          renderer && options.render === 'browser'
            ? await renderer.render(url)
            : await fetchPage(url, {
                ...dispatcher,
                userAgent: options.userAgent,
                timeoutMs: options.timeoutMs,
                maxBytes: options.maxBytes,
                // Redirects are followed only within scope and, on the start origin, where robots.txt allows.
                allowRedirect,
                ...(cookieFor ? { cookieFor } : {}),
                ...(options.signal ? { signal: options.signal } : {}),
              });
        fetchMs = performance.now() - t0;
        noteRequest(host, isHostFailure(res));
        // 429/503: back off (Retry-After as seconds or a date, capped at 120 s; else 2 → 4 s) and retry at most twice.
        if (res.kind === 'failed' && res.reason === 'http-error' && (res.status === 429 || res.status === 503) && attempt < 2 && !options.signal?.aborted) {
          const asked = requestedRetryAfterMs(res.headers?.['retry-after']);
          // A host asking for more than the cap is not waited for at all: the URL is recorded as refused, with why.
          if (asked !== null && asked > MAX_RETRY_AFTER_MS) {
            retryNote = `; not retried: the site asked to wait ${Math.round(asked / 1000)} s (Retry-After), beyond the ${MAX_RETRY_AFTER_MS / 1000} s the crawler waits`;
            break;
          }
          const waitMs = retryAfterMs(res.headers?.['retry-after']) ?? 2000 * 2 ** attempt;
          if (Date.now() + waitMs >= deadline) {
            retryNote = `; not retried: the ${waitMs} ms back-off would pass the time budget`;
            stop(TIME_BUDGET_NOTE);
            break;
          }
          pacer.pushBack(host, waitMs);
          continue;
        }
        break;
      }
      // A group whose first pages all answered 404/410 gets no more requests.
      sampler.noteAnswer(url, res.kind === 'page' ? res.status : (res.status ?? null));
      // Auto mode: a page whose static HTML lacks what the browser shows (or the first of its group) is rendered.
      if (renderer && options.render === 'auto' && res.kind === 'page' && !options.signal?.aborted) {
        const t0 = performance.now();
        res = await renderer.upgrade(url, res);
        fetchMs += performance.now() - (renderStarts.get(url) ?? t0);
        renderStarts.delete(url);
      }
      switch (res.kind) {
        case 'page': {
          const { links, canonical, metaNofollow, metaNoindex, textHash: hash } = extractLinks(res.html, res.finalUrl);
          const headerDirectives = headerRobotsDirectives(res.headers, options.robotsToken);
          const nofollowAll = metaNofollow || headerDirectives.has('nofollow') || headerDirectives.has('none');
          const canon = canonical ? normalize(canonical) : null;
          // A <link rel=canonical> to another in-scope URL we already fetched, or the same text: one page, two names.
          const canonicalTwin = canon && canon !== url && inScope(canon) === null && isTaken(records.get(canon)) ? canon : undefined;
          const twin = canonicalTwin ?? seenHashes.get(hash);
          if (twin && twin !== url) {
            settle({
              url,
              depth,
              outcome: 'skipped',
              reason: 'duplicate',
              status: res.status,
              detail: `same ${twin === canonicalTwin ? 'canonical' : 'content'} as ${twin}`,
            });
          } else {
            seenHashes.set(hash, url);
            const noindex = metaNoindex || headerDirectives.has('noindex') || headerDirectives.has('none');
            const notes = [
              res.redirectChain.length ? `redirected via ${res.redirectChain.length} hop(s) to ${res.finalUrl}` : '',
              res.charsetNote ?? '',
              noindex ? 'noindex' : '',
            ].filter(Boolean);
            settle({ url, depth, outcome: 'fetched', status: res.status, ...(notes.length ? { detail: notes.join('; ') } : {}) });
            const page: PageSnapshot = {
              url,
              finalUrl: res.finalUrl,
              status: res.status,
              headers: res.headers,
              html: res.html,
              depth,
              redirectChain: res.redirectChain,
              renderMode: res.renderMode ?? 'static',
              ...(res.renderReason ? { renderReason: res.renderReason } : {}),
              ...(res.thirdPartyRequests ? { thirdPartyRequests: res.thirdPartyRequests } : {}),
              ...(res.served ? { served: res.served } : {}),
              fetchMs: Math.round(fetchMs),
              ...(noindex ? { noindex: true } : {}),
            };
            pages.push(options.spool ? options.spool.spool(page) : page);
            options.onPage?.(page);
            // The declared canonical URL is considered too (at the same depth); a later copy then dedupes against it.
            if (canon && canon !== url && inScope(canon) === null) consider(canon, depth, false, url);
          }
          // A duplicate's links are not followed: its twin's links already were.
          if (!nofollowAll && !(twin && twin !== url)) for (const link of links) consider(link.url, depth + 1, link.nofollow, url);
          break;
        }
        case 'skipped':
          settle({ url, depth, outcome: 'skipped', reason: res.reason, ...(res.status ? { status: res.status } : {}), detail: res.detail });
          if (res.redirectTarget && !records.has(res.redirectTarget)) {
            // Record where the redirect pointed, without ever requesting it.
            const target = normalize(res.redirectTarget);
            const why = target ? inScope(target) : null;
            // allowRedirect refused it for scope, robots.txt or a non-HTML path, in that order.
            const notHtml = target && !why && !robotsRefuses(target) ? nonHtmlReason(target) : null;
            if (target)
              record(
                why
                  ? { url: target, depth: depth + 1, outcome: 'skipped', reason: why, detail: `redirect target of ${url}, not followed` }
                  : notHtml
                    ? { url: target, depth: depth + 1, outcome: 'skipped', reason: 'non-html', detail: `redirect target of ${url}: ${notHtml}` }
                    : { url: target, depth: depth + 1, outcome: 'robots-blocked', detail: `redirect target of ${url}, disallowed by robots.txt` },
              );
          }
          break;
        case 'failed':
          settle({ url, depth, outcome: 'failed', reason: res.reason, ...(res.status ? { status: res.status } : {}), detail: res.detail + retryNote });
          break;
      }
      progress(url);
    };

    /** A waiting URL not to request after all: its group failed, or its host was stopped, since it was found. */
    const refusedNow = (item: FrontierItem): SkipVerdict | null => {
      const failing = sampler.stopped(item.url);
      if (failing) return { reason: 'group-failing', detail: failing };
      const host = new URL(item.url).host;
      const open = breakers.get(host)?.open;
      return open ? { reason: 'circuit-open', detail: `${host} stopped: ${open}` } : null;
    };

    // The pull loop: whenever a slot is free, waiting sitemap requests go first, then the frontier's best URL.
    let sitemapSeeded = false;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let startPageIn: () => void = () => undefined;
    /** The start page was fetched and its links are in the frontier (or it will not be fetched). */
    const startPageDone = new Promise<void>((resolve) => (startPageIn = resolve));
    /** Abort, time budget or page budget: no more page requests start. */
    const halted = (): boolean => !!options.signal?.aborted || outOfTime() || started_ >= options.maxPages;
    const pump = (): void => {
      for (;;) {
        const w = waiting.findIndex((t) => slots.hasRoom(t.host));
        if (w >= 0) {
          waiting.splice(w, 1)[0]!.start();
          continue;
        }
        if (!slots.hasRoom() || halted()) break;
        const next = frontier.take((host) => slots.hasRoom(host));
        if (!next) break;
        const refused = refusedNow(next);
        if (refused) {
          settle({ url: next.url, depth: next.depth, outcome: 'skipped', ...refused });
          continue;
        }
        const host = new URL(next.url).host;
        // The page budget counts requests started, so the limit is exact.
        started_++;
        requested.add(next.url);
        sampler.start(next.url);
        void slots
          .run(host, () => visit(next))
          .catch((err: unknown) => {
            // Only a caller abort gets here (fetchPage turns network trouble into a result).
            settle({ url: next.url, depth: next.depth, outcome: 'skipped', reason: 'interrupted', detail: `crawl interrupted: ${(err as Error).message}` });
          })
          .finally(pump);
      }
      // pump() never runs inside a visit, so a start page no longer pending has had its links considered too.
      if (records.get(startUrl)?.outcome !== 'queued' || (halted() && !slots.busy)) startPageIn();
      if (slots.busy === 0 && !waiting.length && sitemapSeeded) finish();
    };
    /** Why a URL still waiting when the crawl ended was not fetched. */
    const leftOutBecause = (item: FrontierItem): SkipVerdict => {
      if (options.signal?.aborted) return { reason: 'interrupted', detail: 'crawl interrupted before this URL' };
      const refused = refusedNow(item);
      if (refused) return refused;
      if (started_ < options.maxPages) {
        stop(TIME_BUDGET_NOTE);
        return { reason: 'time-budget', detail: 'time budget used up before this URL was requested' };
      }
      stop(`page budget of ${options.maxPages} reached`);
      if (!sampler.isCapped(item.group)) return { reason: 'max-pages' };
      sampler.leftOut(item.url);
      return { reason: 'sampled', detail: `group ${item.group} reached its cap of ${sampler.cap} pages` };
    };
    const schedule = <T>(u: string, task: () => Promise<T>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const host = new URL(u).host;
        waiting.push({ host, start: () => void slots.run(host, task).then(resolve, reject).finally(pump) });
        pump();
      });

    let sitemapRecords: SitemapRecord[] | undefined;
    if (startRobots.outcome.policy === 'disallow-all') {
      record({ url: startUrl, depth: 0, outcome: 'robots-blocked', detail: startRobots.outcome.note });
      stop('robots.txt could not be read, so the site was not crawled');
    } else {
      // Sitemaps are read while the start page is fetched; their URLs join the frontier at depth 1 once the start
      // page's own links are in, and sort after those links (so navigation keeps its place in the budget).
      const sitemapTask =
        options.sitemaps === false
          ? null
          : discoverSitemaps({
              ...dispatcher,
              seeds: [...startRobots.sitemaps.map((url) => ({ url, listed: true })), { url: `${startOrigin}/sitemap.xml`, listed: false }],
              userAgent: options.userAgent,
              timeoutMs: options.timeoutMs,
              ...(options.signal ? { signal: options.signal } : {}),
              ...(internals.sitemapLimits ? { limits: internals.sitemapLimits } : {}),
              normalize: (u) => normalize(u),
              sameSite: (u) => sameSite(u, startUrl),
              isAllowed: async (u) => (await robotsFor(new URL(u).origin)).isAllowed(u),
              allowRedirect,
              beforeRequest: async (u) => {
                const host = new URL(u).host;
                const blocked = blockedNow(host);
                if (blocked) return blocked.detail ?? 'stopped';
                await pacer.wait(host, waitSignal);
                return blockedNow(host)?.detail ?? null;
              },
              afterRequest: (u, failure) => noteRequest(new URL(u).host, failure),
              schedule,
            }).catch(() => null);
      consider(startUrl, 0, false, '');
      pump();
      void Promise.all([sitemapTask, startPageDone]).then(([found]) => {
        if (found) {
          sitemapRecords = found.outcomes;
          for (const u of found.urls) consider(u, 1, false, 'sitemap', true);
        }
        sitemapSeeded = true;
        pump();
      });
      await finished;
      // What is still waiting gets the reason it was not fetched.
      for (const item of frontier.drain()) settle({ url: item.url, depth: item.depth, outcome: 'skipped', ...leftOutBecause(item) });
    }
    for (const h of hostsStopped) stop(`${h.host} stopped by the circuit breaker: ${h.reason}`);

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
      // Every placeholder was settled above; one still queued (which would be a bug) is reported as interrupted.
      records: [...records.values()]
        .map((r): UrlRecord => (r.outcome === 'queued' ? { url: r.url, depth: r.depth, outcome: 'skipped', reason: 'interrupted' } : r))
        .sort(byDepthUrl),
      stoppedEarly: options.signal?.aborted ? 'interrupted' : stopReasons.length ? stopReasons.join('; ') : null,
      ...(sitemapRecords ? { sitemaps: sitemapRecords } : {}),
      groups: sampler.stats((u) => records.get(u)?.outcome === 'fetched'),
      hostsStopped,
      ...(renderer ? { screenshots: renderer.screenshots() } : {}),
      ...(renderer && options.render === 'auto' ? { renderGroups: renderer.decisions() } : {}),
      ...(guard.refusals.length ? { addressRefusals: guard.refusals.map((r) => ({ ...r })) } : {}),
    };
  } finally {
    await renderer?.close();
    await guard.close();
  }
}

/** Loopback and private-network hosts (a saved snapshot, a test site, an intranet). */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    /^127\./.test(h) ||
    /^10\./.test(h) ||
    /^192\.168\./.test(h) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(h) ||
    /^f[cd][0-9a-f]{2}:/.test(h)
  );
}
