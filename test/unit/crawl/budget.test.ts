// Where the page budget goes on a forum: to threads across every sub-forum, not to dead member pages, sort
// variants or the first listing's links in document order. Sites are generated here and served on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { FAILING_GROUP_AFTER } from '../../../src/crawl/sample.js';
import type { CrawlResult } from '../../../src/crawl/types.js';
import { crawlOptions } from './helpers/crawl-options.js';
import { closedAfterEachTest } from './helpers/per-test.js';
import { links, page, type ServerOptions } from './helpers/misbehaving-server.js';

const { server } = closedAfterEachTest();
const numbered = (prefix: string, from: number, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);
const byReason = (r: CrawlResult, reason: string) => r.records.filter((x) => x.reason === reason);

/**
 * A forum like a salvaged archive: `listings` sub-forums, each linking `perListing` threads of which only the first
 * `alive` exist (the rest answer 404, as dead links do), plus member links on every listing.
 */
function archiveForum(listings: number, perListing: number, alive: number, opts: { memberLinks?: boolean } = {}): ServerOptions {
  const threadsOf = (f: number) => numbered(`/thread/${f}/`, 1000 * f, perListing).map((t) => `${t}.html`);
  return {
    robots: 404,
    homeLinks: numbered('/category/', 1, listings).map((c) => `${c}.html`),
    route: (p, _req, res) => {
      const html = (body: string): boolean => (res.writeHead(200, { 'content-type': 'text/html' }).end(page(p, body)), true);
      const category = /^\/category\/(\d+)\.html$/.exec(p);
      if (category) {
        const f = Number(category[1]);
        const members = opts.memberLinks ? numbered('/member/', 100 * f, 5) : [];
        return html(links(threadsOf(f).flatMap((t, i) => (members[i] ? [t, members[i]!] : [t]))));
      }
      const thread = /^\/thread\/(\d+)\/(\d+)\.html$/.exec(p);
      if (thread && Number(thread[2]) - 1000 * Number(thread[1]) < alive) return html(`<p>posts of ${p}</p>`);
      return false; // 404 from the default handler
    },
  };
}

describe('the page budget goes to threads across every listing', () => {
  it('takes the listings’ threads in turns, so a budget smaller than the forum reaches only live threads', async () => {
    // 6 listings × 40 thread links, the first 8 of each alive: document order would spend the budget on the
    // first listing's 32 dead links.
    const s = await server(archiveForum(6, 40, 8));
    const maxPages = 1 + 6 + 6 * 7;
    const r = await crawlSite(crawlOptions(s.url, { maxPages, sitemaps: false }));
    expect(r.pages).toHaveLength(maxPages);
    expect(r.records.filter((x) => x.outcome === 'failed')).toEqual([]);
    const threadRequests = s.paths().filter((p) => p.startsWith('/thread/'));
    expect(threadRequests).toHaveLength(6 * 7);
    // Every listing's first thread is asked for before any listing's second.
    const listingOf = (p: string) => p.split('/')[2];
    expect(new Set(threadRequests.slice(0, 6).map(listingOf)).size).toBe(6);
    expect(r.stoppedEarly).toBe(`page budget of ${maxPages} reached`);
    // The one thread template took far more than its 25 % share: a capped group still gets the budget left.
    expect(r.groups?.find((g) => g.pattern === '/thread/*/*.html')).toMatchObject({ discovered: 240, fetched: 42, skipped: 240 - 42, stopped: null });
  });

  it('thread links come before member links found on the same listings', async () => {
    const s = await server(archiveForum(3, 20, 20, { memberLinks: true }));
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 1 + 3 + 30, sitemaps: false, groupShare: 1 }));
    expect(s.paths().filter((p) => p.startsWith('/member/'))).toEqual([]);
    expect(r.pages.filter((p) => p.url.includes('/thread/'))).toHaveLength(30);
    expect(byReason(r, 'max-pages').filter((x) => x.url.includes('/member/'))).toHaveLength(15);
  });

  it('sitemap entries come after the start page’s own links at the same depth', async () => {
    let origin = '';
    const s = await server({
      robots: 404,
      homeLinks: ['/forum/t/500', '/forum/t/501'],
      route: (p, _req, res) => {
        if (p === '/sitemap.xml') {
          const urls = numbered('/forum/t/', 1, 30).map((t) => `<url><loc>${origin}${t.slice(1)}</loc></url>`);
          return (
            void res
              .writeHead(200, { 'content-type': 'application/xml' })
              .end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`),
            true
          );
        }
        if (p.startsWith('/forum/t/')) return (void res.writeHead(200, { 'content-type': 'text/html' }).end(page(p, `<p>${p}</p>`)), true);
        return false;
      },
    });
    origin = s.url;
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 10 }));
    const threads = s.paths().filter((p) => p.startsWith('/forum/t/'));
    expect(threads.slice(0, 2).sort()).toEqual(['/forum/t/500', '/forum/t/501']);
    expect(r.pages.filter((p) => p.depth === 1)).toHaveLength(9);
  });
});

describe('a URL group whose first pages are not found stops receiving budget', () => {
  /** Home links member pages (all 404) at depth 1 and listings whose threads are at depth 2. */
  const deadMembers = (status = 404): ServerOptions => ({
    robots: 404,
    homeLinks: [...numbered('/user/', 1, 30), '/forum/1', '/forum/2'],
    route: (p, _req, res) => {
      if (p.startsWith('/user/'))
        return (void res.writeHead(Number(p.slice(6)) % 2 ? status : 404, { 'content-type': 'text/html' }).end(page('gone', '')), true);
      const forum = /^\/forum\/(\d+)$/.exec(p);
      if (forum) return (void res.writeHead(200, { 'content-type': 'text/html' }).end(page(p, links(numbered(`/node/${forum[1]}0`, 0, 10)))), true);
      if (p.startsWith('/node/')) return (void res.writeHead(200, { 'content-type': 'text/html' }).end(page(p, `<p>topic ${p}</p>`)), true);
      return false;
    },
  });

  it('after its first 3 answers are 404, the rest of the group is recorded group-failing without a request', async () => {
    const s = await server(deadMembers());
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 40, concurrency: 1, sitemaps: false }));
    expect(s.paths().filter((p) => p.startsWith('/user/'))).toHaveLength(FAILING_GROUP_AFTER);
    const note = `the first ${FAILING_GROUP_AFTER} pages of group /user/* answered 404`;
    expect(byReason(r, 'group-failing')).toHaveLength(30 - FAILING_GROUP_AFTER);
    expect(byReason(r, 'group-failing').every((x) => x.outcome === 'skipped' && x.detail === note)).toBe(true);
    expect(r.groups?.find((g) => g.pattern === '/user/*')).toEqual({ pattern: '/user/*', discovered: 30, fetched: 0, skipped: 0, stopped: note });
    expect(r.groups?.find((g) => g.pattern === '/node/*')?.stopped).toBeNull();
    // The budget went to the topics instead: all 20 were read.
    expect(r.pages.filter((p) => p.url.includes('/node/'))).toHaveLength(20);
  });

  it('with two requests in flight at most one more is sent; 404 and 410 both count', async () => {
    const s = await server(deadMembers(410));
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 40, concurrency: 2, sitemaps: false }));
    const memberRequests = s.paths().filter((p) => p.startsWith('/user/')).length;
    expect(memberRequests).toBeGreaterThanOrEqual(FAILING_GROUP_AFTER);
    expect(memberRequests).toBeLessThanOrEqual(FAILING_GROUP_AFTER + 1);
    expect(r.groups?.find((g) => g.pattern === '/user/*')?.stopped).toBe('the first 3 pages of group /user/* answered 404 or 410');
    expect(byReason(r, 'group-failing')).toHaveLength(30 - memberRequests);
  });

  it('a group whose first pages answer is not stopped by later 404s', async () => {
    const s = await server({
      robots: 404,
      homeLinks: numbered('/user/', 1, 12),
      route: (p, _req, res) => {
        if (!p.startsWith('/user/')) return false;
        const alive = Number(p.slice(6)) <= 1;
        return (void res.writeHead(alive ? 200 : 404, { 'content-type': 'text/html' }).end(page(p, `<p>${p}</p>`)), true);
      },
    });
    const r = await crawlSite(crawlOptions(s.url, { concurrency: 1, sitemaps: false, groupShare: 1 }));
    expect(s.paths().filter((p) => p.startsWith('/user/'))).toHaveLength(12);
    expect(byReason(r, 'group-failing')).toEqual([]);
    expect(r.groups?.find((g) => g.pattern === '/user/*')?.stopped).toBeNull();
  });
});
