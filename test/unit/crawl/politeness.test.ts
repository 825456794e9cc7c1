import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { CircuitBreaker, HostPacer, jitterMs, retryAfterMs } from '../../../src/crawl/politeness.js';
import type { CrawlProgress } from '../../../src/crawl/types.js';
import { crawlOptions } from './helpers/crawl-options.js';
import { closedAfterEachTest, recordOf } from './helpers/per-test.js';
import { page, type ServerOptions } from './helpers/misbehaving-server.js';

const { server } = closedAfterEachTest();
const rec = recordOf;
const numbered = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** Answers `prefix…` paths with a page after `delayMs`. */
function slowPages(prefix: string, delayMs: number): ServerOptions['route'] {
  return (p, _req, res) => {
    if (!p.startsWith(prefix)) return false;
    const t = setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(page(p, `<p>${p}</p>`)), delayMs);
    res.on('close', () => clearTimeout(t));
    return true;
  };
}

describe('per-host concurrency', () => {
  it('never has more than perHostConcurrency requests in flight on one host (server count)', async () => {
    const s = await server({ robots: 404, homeLinks: numbered('/slow/', 12), route: slowPages('/slow/', 60) });
    const r = await crawlSite(crawlOptions(s.url, { concurrency: 8, sitemaps: false }));
    expect(r.pages).toHaveLength(13);
    expect(s.maxInFlight()).toBe(2); // default 2 per host, although 8 are allowed overall
    const s3 = await server({ robots: 404, homeLinks: numbered('/slow/', 12), route: slowPages('/slow/', 60) });
    await crawlSite(crawlOptions(s3.url, { concurrency: 8, perHostConcurrency: 3 }));
    expect(s3.maxInFlight()).toBe(3);
    const s1 = await server({ robots: 404, homeLinks: numbered('/slow/', 6), route: slowPages('/slow/', 30) });
    await crawlSite(crawlOptions(s1.url, { concurrency: 1, perHostConcurrency: 4 }));
    expect(s1.maxInFlight()).toBe(1); // `concurrency` still caps the total
  });

  it('jitter only on remote hosts; the pacer spaces real starts', async () => {
    expect(jitterMs('127.0.0.1:8080', 1000, () => 0.99)).toBe(0);
    expect(jitterMs('localhost:3000', 1000, () => 0.99)).toBe(0);
    expect(jitterMs('forum.example', 1000, () => 0.5)).toBe(100);
    expect(jitterMs('forum.example', 1000, () => 0.999)).toBeLessThanOrEqual(200);
    const pacer = new HostPacer(() => 60);
    const at: number[] = [];
    await Promise.all([0, 1, 2].map(() => pacer.wait('127.0.0.1:8080').then(() => at.push(Date.now()))));
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(58); // timers and Date.now may disagree by a millisecond
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(58);
    pacer.pushBack('127.0.0.1:8080', 150);
    const before = Date.now();
    await pacer.wait('127.0.0.1:8080');
    expect(Date.now() - before).toBeGreaterThanOrEqual(145);
  });
});

describe('circuit breaker', () => {
  it('stops a host that always answers 500 after 5 requests; the rest is recorded circuit-open', async () => {
    const fails = numbered('/fail/', 20);
    const s = await server({
      robots: 404,
      homeLinks: fails,
      route: (p, _req, res) => (p.startsWith('/fail/') ? (res.writeHead(500, { 'content-type': 'text/html' }).end(page('err', '')), true) : false),
    });
    // groupShare 1: all 20 URLs of the one template are queued (no sampling).
    const r = await crawlSite(crawlOptions(s.url, { concurrency: 1, sitemaps: false, groupShare: 1 }));
    expect(s.paths().filter((p) => p.startsWith('/fail/'))).toHaveLength(5);
    const host = new URL(s.url).host;
    expect(r.hostsStopped).toEqual([{ host, reason: expect.stringMatching(/5 consecutive/) }]);
    expect(r.records.filter((x) => x.reason === 'circuit-open')).toHaveLength(15);
    expect(rec(r, `${s.url}fail/20`)).toMatchObject({ outcome: 'skipped', reason: 'circuit-open', detail: expect.stringContaining(host) });
    expect(r.stoppedEarly).toMatch(/circuit breaker/);
  });

  it('with 2 in flight it stops within one extra request', async () => {
    const s = await server({
      robots: 404,
      homeLinks: numbered('/fail/', 20),
      route: (p, _req, res) => (p.startsWith('/fail/') ? (res.writeHead(502).end(), true) : false),
    });
    await crawlSite(crawlOptions(s.url, { sitemaps: false, groupShare: 1 }));
    expect(s.paths().filter((p) => p.startsWith('/fail/')).length).toBeGreaterThanOrEqual(5);
    expect(s.paths().filter((p) => p.startsWith('/fail/')).length).toBeLessThanOrEqual(6);
  });

  it('opens on > 20 % failures in the last 50 requests, not on isolated ones', () => {
    const b = new CircuitBreaker();
    // Every fifth request fails: never more than 20 % of any window.
    for (let i = 0; i < 120; i++) expect(b.note(i % 5 === 4)).toBeNull();
    const c = new CircuitBreaker();
    let opened: string | null = null;
    for (let i = 0; i < 50 && !opened; i++) opened = c.note(i % 4 === 0); // 25 %
    expect(opened).toMatch(/of the last \d+ requests failed/);
    const d = new CircuitBreaker();
    expect(d.note(true)).toBeNull(); // one early failure is not a pattern
  });
});

describe('back-off', () => {
  it('honours Retry-After given as an HTTP date (gap measured at the server)', async () => {
    let retryAt = 0;
    let firstAt = 0;
    let secondAt = 0;
    const s = await server({
      robots: 404,
      homeLinks: ['/limited'],
      route: (p, _req, res) => {
        if (p !== '/limited') return false;
        if (!firstAt) {
          firstAt = Date.now();
          // HTTP dates have 1 s resolution: 3.5 s ahead is 2.5–3.5 s, never the 2 s default back-off.
          const date = new Date(firstAt + 3500).toUTCString();
          retryAt = Date.parse(date);
          res.writeHead(429, { 'retry-after': date }).end();
        } else {
          secondAt ||= Date.now();
          res.writeHead(200, { 'content-type': 'text/html' }).end(page('ok', '<p>now</p>'));
        }
        return true;
      },
    });
    const r = await crawlSite(crawlOptions(s.url, { sitemaps: false }));
    expect(rec(r, `${s.url}limited`)).toMatchObject({ outcome: 'fetched', status: 200 });
    expect(retryAt - firstAt).toBeGreaterThan(2400);
    expect(secondAt - firstAt).toBeGreaterThanOrEqual(retryAt - firstAt - 50);
    expect(s.paths().filter((p) => p === '/limited')).toHaveLength(2);
  });

  it('reads Retry-After as seconds or a date, capped at 120 s', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('86400', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 02 Jan 2026 00:00:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});

describe('time budget and progress', () => {
  it('ends a slow site’s crawl with a partial result, recording the rest as time-budget', async () => {
    const s = await server({ robots: 404, homeLinks: numbered('/slow/', 30), route: slowPages('/slow/', 150) });
    const progress: CrawlProgress[] = [];
    const r = await crawlSite(crawlOptions(s.url, { timeBudgetMs: 700, sitemaps: false, groupShare: 1, onProgress: (p) => progress.push(p) }));
    const slowRequests = s.paths().filter((p) => p.startsWith('/slow/')).length;
    expect(slowRequests).toBeGreaterThan(0);
    expect(slowRequests).toBeLessThan(30);
    expect(r.pages.length).toBe(1 + slowRequests); // every request started was finished
    const timedOut = r.records.filter((x) => x.reason === 'time-budget');
    expect(timedOut.length).toBe(30 - slowRequests);
    expect(timedOut.every((x) => x.outcome === 'skipped')).toBe(true);
    expect(r.stoppedEarly).toMatch(/time budget of 700 ms/);
    // No URL is left looking queued.
    expect(r.records.some((x) => x.detail === 'pending')).toBe(false);
    expect(progress.at(-1)?.queued).toBe(0);
  });

  it('a Retry-After past the time budget is not waited out', async () => {
    const s = await server({
      robots: 404,
      homeLinks: ['/limited'],
      route: (p, _req, res) => (p === '/limited' ? (res.writeHead(429, { 'retry-after': '60' }).end(), true) : false),
    });
    const r = await crawlSite(crawlOptions(s.url, { timeBudgetMs: 1500, sitemaps: false }));
    expect(rec(r, `${s.url}limited`)).toMatchObject({ outcome: 'failed', status: 429, detail: expect.stringMatching(/time budget/) });
    expect(s.paths().filter((p) => p === '/limited')).toHaveLength(1);
    expect(r.durationMs).toBeLessThan(60_000);
  });

  it('reports progress with an ETA from the recent rate and the queue', async () => {
    const s = await server({ robots: 404, homeLinks: numbered('/slow/', 10), route: slowPages('/slow/', 20) });
    const progress: CrawlProgress[] = [];
    await crawlSite(crawlOptions(s.url, { sitemaps: false, onProgress: (p) => progress.push({ ...p }) }));
    expect(progress).toHaveLength(11);
    expect(progress[0]).toMatchObject({ fetched: 1, failed: 0, skipped: 0, queued: 10, lastUrl: s.url });
    expect(progress.map((p) => p.queued)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const mid = progress.filter((p) => p.queued > 0 && p.etaMs !== undefined);
    expect(mid.length).toBeGreaterThan(0);
    expect(mid.every((p) => p.etaMs! >= 0)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ fetched: 11, queued: 0, etaMs: 0 });
  });
});
