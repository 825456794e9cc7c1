import type { CrawlResult, PageSnapshot, UrlRecord } from '../crawl/types.js';
import type { CrawlSummary } from '../result/types.js';
import { copyPage } from '../crawl/spool.js';

function countBy<T>(items: T[], key: (t: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) {
    const k = key(i);
    if (k) out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** What the signal stage read each fetched page as. */
export type PageTypeInfo = Pick<CrawlSummary['pages'][number], 'pageType' | 'pageTypeBasis' | 'platform' | 'parseLimited'>;

export function summariseCrawl(
  crawl: CrawlResult,
  limits: { maxPages: number; maxDepth: number },
  pageTypes: Map<string, PageTypeInfo> = new Map(),
): CrawlSummary {
  const fetched = new Map(crawl.pages.map((p) => [p.url, p]));
  const failed = crawl.records.filter((r) => r.outcome === 'failed');
  const skipped = crawl.records.filter((r) => r.outcome === 'skipped');
  return {
    startUrl: crawl.startUrl,
    userAgent: crawl.userAgent,
    render: crawl.render,
    maxPages: limits.maxPages,
    maxDepth: limits.maxDepth,
    pagesFetched: crawl.pages.length,
    pagesFailed: failed.length,
    pagesSkipped: skipped.length,
    robotsBlocked: crawl.records.filter((r) => r.outcome === 'robots-blocked').length,
    durationMs: Math.round(crawl.durationMs),
    robots: { ...crawl.robots },
    failedByReason: countBy(failed, (r) => r.reason),
    skippedByReason: countBy(skipped, (r) => r.reason),
    stoppedEarly: crawl.stoppedEarly,
    sitemaps: (crawl.sitemaps ?? []).map((m) => ({ url: m.url, status: m.status, urls: m.urls, note: m.note })),
    // `stopped` is missing from the groups of archives written before it existed.
    groups: (crawl.groups ?? []).map((g) => ({
      pattern: g.pattern,
      discovered: g.discovered,
      fetched: g.fetched,
      skipped: g.skipped,
      stopped: g.stopped ?? null,
    })),
    hostsStopped: (crawl.hostsStopped ?? []).map((h) => ({ host: h.host, reason: h.reason })),
    addressRefusals: (crawl.addressRefusals ?? []).map((r) => ({ host: r.host, address: r.address, kind: r.kind })),
    pagesRendered: crawl.pages.filter((p) => p.renderMode === 'browser').length,
    renderGroups: (crawl.renderGroups ?? []).map((g) => ({ group: g.group, mode: g.mode, reason: g.reason, sampleUrl: g.sampleUrl })),
    screenshots: (crawl.screenshots ?? []).map((s) => ({ url: s.url, group: s.group, mimeType: s.mimeType, width: s.width, height: s.height })),
    pages: crawl.records.map((r) => {
      const page = r.outcome === 'fetched' ? fetched.get(r.url) : undefined;
      const typed = page ? pageTypes.get(r.url) : undefined;
      return {
        url: r.url,
        depth: r.depth,
        outcome: r.outcome,
        ...(r.status !== undefined ? { status: r.status } : {}),
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.detail ? { detail: r.detail } : {}),
        ...(page ? { render: page.renderMode } : {}),
        ...(page?.renderReason ? { renderReason: page.renderReason } : {}),
        ...(typed ?? {}),
      };
    }),
  };
}

/**
 * A snapshot served on 127.0.0.1 is reported under the site's canonical origin, so evidence links point at the
 * real site, not at a port that no longer exists.
 */
/** One page of a crawl of `from` reported under `to` (rewriteOrigin's rule for pages). */
export function pageRewriter(from: string, to: string): (p: PageSnapshot) => PageSnapshot {
  const fromOrigin = new URL(from).origin;
  const toOrigin = new URL(to).origin;
  const map = (u: string): string => (u.startsWith(fromOrigin) ? toOrigin + u.slice(fromOrigin.length) : u);
  const text = (t: string): string => t.split(fromOrigin).join(toOrigin);
  return (p) =>
    copyPage(p, {
      url: map(p.url),
      finalUrl: map(p.finalUrl),
      redirectChain: p.redirectChain.map(map),
      ...(p.renderReason ? { renderReason: text(p.renderReason) } : {}),
    });
}

export function rewriteOrigin(crawl: CrawlResult, from: string, to: string): CrawlResult {
  const fromOrigin = new URL(from).origin;
  const toOrigin = new URL(to).origin;
  const map = (u: string): string => (u.startsWith(fromOrigin) ? toOrigin + u.slice(fromOrigin.length) : u);
  const text = (t: string): string => t.split(fromOrigin).join(toOrigin);
  const page = pageRewriter(from, to);
  const record = (r: UrlRecord): UrlRecord => ({ ...r, url: map(r.url), ...(r.detail ? { detail: text(r.detail) } : {}) });
  return {
    ...crawl,
    ...(crawl.sitemaps ? { sitemaps: crawl.sitemaps.map((m) => ({ ...m, url: map(m.url) })) } : {}),
    ...(crawl.groups ? { groups: crawl.groups.map((g) => ({ ...g, pattern: text(g.pattern), ...(g.stopped ? { stopped: text(g.stopped) } : {}) })) } : {}),
    ...(crawl.screenshots ? { screenshots: crawl.screenshots.map((s) => ({ ...s, url: map(s.url), group: text(s.group) })) } : {}),
    ...(crawl.renderGroups
      ? { renderGroups: crawl.renderGroups.map((g) => ({ ...g, group: text(g.group), sampleUrl: map(g.sampleUrl), reason: text(g.reason) })) }
      : {}),
    startUrl: map(crawl.startUrl),
    robots: { ...crawl.robots, url: map(crawl.robots.url) },
    pages: crawl.pages.map(page),
    records: crawl.records.map(record),
  };
}
