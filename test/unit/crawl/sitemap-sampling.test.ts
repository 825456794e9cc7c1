import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { urlTemplate } from '../../../src/crawl/sample.js';
import { gunzipCapped, parseSitemap, SITEMAP_LIMITS } from '../../../src/crawl/sitemap.js';
import { serveDirectory } from '../../../src/crawl/static-server.js';
import { crawlOptions } from './helpers/crawl-options.js';
import { closedAfterEachTest, recordOf } from './helpers/per-test.js';
import { page } from './helpers/misbehaving-server.js';

const SITES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sites');
const CANONICAL = 'https://community.brightside.example';

const { server, closeLater } = closedAfterEachTest();
const rec = recordOf;
const xml =
  (body: string, type = 'application/xml'): ((res: import('node:http').ServerResponse) => void) =>
  (res) =>
    void res.writeHead(200, { 'content-type': type }).end(body);
const urlset = (locs: string[]): string =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<url><loc>${l}</loc></url>`).join('')}</urlset>`;
const index = (locs: string[]): string =>
  `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<sitemap><loc>${l}</loc></sitemap>`).join('')}</sitemapindex>`;

describe('sitemaps', () => {
  it('snapshot: aliases map canonical URLs, a self-listing index is read once, gzip is read, off-site and disallowed entries are not fetched', async () => {
    const site = await serveDirectory(path.join(SITES, 'snapshot'));
    closeLater(() => site.close());
    const local = (p: string): string => new URL(p, site.url).toString();
    const r = await crawlSite(crawlOptions(site.url, { originAliases: [CANONICAL] }));
    const fetched = r.pages.map((p) => [p.depth, new URL(p.url).pathname]);
    expect(fetched).toEqual([
      [0, '/'],
      [1, '/about.html'], // linked with its absolute canonical URL
      [1, '/deals.html'], // sitemap only
      [1, '/help/'], // sitemap only
      [1, '/orphan.html'], // sitemap only (utm_ parameter dropped)
    ]);
    expect(r.pages.find((p) => p.url === local('/orphan.html'))?.noindex).toBe(true);
    expect(r.pages.find((p) => p.url === local('/help/'))?.noindex).toBeUndefined();
    expect(rec(r, local('/private/admin.html'))?.outcome).toBe('robots-blocked');
    expect(r.robots.sitemaps).toEqual([`${CANONICAL}/sitemap_index.xml`]);
    const sm = new Map(r.sitemaps?.map((s) => [new URL(s.url).pathname + (s.url.startsWith(site.url) ? '' : ` @${new URL(s.url).host}`), s]));
    expect(sm.get('/sitemap_index.xml')).toMatchObject({ status: 200, note: expect.stringMatching(/index: 2 sitemap\(s\).*1 off-site/) });
    expect(sm.get('/sitemaps/pages.xml.gz')).toMatchObject({
      status: 200,
      urls: 5,
      note: expect.stringMatching(/^gzip; urlset: 5 URL\(s\); 1 off-site entry ignored/),
    });
    expect(sm.get('/sitemaps/nested-index.xml')).toMatchObject({ status: 200 });
    expect(sm.get('/sitemap.xml')).toMatchObject({ status: 404, note: 'not found' });
    // Each sitemap file is requested once, whatever lists it (itself included).
    expect(r.sitemaps?.every((s, i, all) => all.findIndex((o) => o.url === s.url) === i)).toBe(true);
    expect(r.sitemaps).toHaveLength(4);
    expect(r.stoppedEarly).toBeNull();
  });

  it('without originAliases, canonical sitemap URLs are another site and are not fetched', async () => {
    const site = await serveDirectory(path.join(SITES, 'snapshot'));
    closeLater(() => site.close());
    const r = await crawlSite(crawlOptions(site.url));
    expect(r.pages.map((p) => new URL(p.url).pathname)).toEqual(['/']);
    expect(rec(r, `${CANONICAL}/about.html`)?.reason).toBe('out-of-scope');
    expect(r.sitemaps?.find((s) => s.url === `${CANONICAL}/sitemap_index.xml`)).toMatchObject({ status: null, note: expect.stringMatching(/another site/) });
  });

  it('an endlessly nested index that lists itself and its parents terminates: each file once, depth ≤ 5', async () => {
    let origin = '';
    const s = await server({
      robots: 404,
      route: (p, _req, res) => {
        if (p === '/sitemap.xml') return (xml(index([`${origin}sm/0.xml`]))(res), true);
        const m = /^\/sm\/(\d+)\.xml$/.exec(p);
        if (!m) return false;
        const n = Number(m[1]);
        xml(index([`${origin}sm/${n}.xml`, `${origin}sm/${Math.max(0, n - 1)}.xml`, `${origin}sm/${n + 1}.xml`, `${origin}sitemap.xml`]))(res);
        return true;
      },
    });
    origin = s.url;
    const r = await crawlSite(crawlOptions(s.url));
    const sitemapPaths = s.paths().filter((p) => p.startsWith('/sm/') || p === '/sitemap.xml');
    expect(new Set(sitemapPaths).size).toBe(sitemapPaths.length); // visited set
    // /sitemap.xml is depth 0, /sm/0 depth 1 … /sm/4 depth 5: six files, then the cap.
    expect(sitemapPaths).toEqual(['/sitemap.xml', '/sm/0.xml', '/sm/1.xml', '/sm/2.xml', '/sm/3.xml', '/sm/4.xml']);
    expect(r.sitemaps?.find((x) => x.url.endsWith('/sm/4.xml'))?.note).toMatch(/beyond depth 5/);
  });

  it('a gzip bomb is stopped at the decompressed-byte cap; off-site sitemap URLs are never requested', async () => {
    // The default cap is 50 MB; the test uses 4 MB so it does not eat the CPU other timing tests measure with.
    expect(SITEMAP_LIMITS.maxBytes).toBe(50 * 1024 * 1024);
    const maxBytes = 4 * 1024 * 1024;
    const other = await server({ robots: 404 });
    let origin = '';
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from(`<?xml version="1.0"?><urlset><url><loc>http://placeholder/</loc></url>`),
        Buffer.alloc(maxBytes + 1024, 0x20),
        Buffer.from('</urlset>'),
      ]),
      { level: 1 },
    );
    const s = await server({
      robots: 'User-agent: *\nAllow: /\n',
      route: (p, _req, res) => {
        if (p === '/sitemap.xml') return (xml(index([`${origin}bomb.xml.gz`, `${origin}pages.xml`, `${other.url}sitemap.xml`]))(res), true);
        if (p === '/bomb.xml.gz') return (void res.writeHead(200, { 'content-type': 'application/gzip' }).end(bomb), true);
        if (p === '/pages.xml') return (xml(urlset([`${origin}p/listed`, `${other.url}p/offsite`, 'https://elsewhere.example/x']))(res), true);
        return false;
      },
    });
    origin = s.url;
    expect(bomb.length).toBeLessThan(maxBytes / 100);
    const r = await crawlSite(crawlOptions(s.url), { sitemapLimits: { maxBytes } });
    expect(r.sitemaps?.find((x) => x.url.endsWith('/bomb.xml.gz'))).toMatchObject({
      status: 200,
      urls: 0,
      note: expect.stringMatching(/decompressed sitemap exceeded 4194304 bytes/),
    });
    expect(r.sitemaps?.find((x) => x.url.endsWith('/pages.xml'))).toMatchObject({ urls: 1, note: expect.stringMatching(/2 off-site entries ignored/) });
    expect(rec(r, `${s.url}p/listed`)).toMatchObject({ outcome: 'fetched', depth: 1 });
    expect(other.requests).toHaveLength(0);
  });

  it('gunzipCapped counts decompressed bytes; parseSitemap reads urlsets and indexes', () => {
    const gz = gzipSync(Buffer.alloc(2_000_000));
    expect(gunzipCapped(gz, 2_000_000)).toHaveLength(2_000_000);
    expect(() => gunzipCapped(gz, 1_999_999)).toThrow(/exceeded/);
    expect(parseSitemap(urlset(['https://a.example/1', 'https://a.example/2']))).toEqual({
      kind: 'urlset',
      locs: ['https://a.example/1', 'https://a.example/2'],
    });
    expect(parseSitemap(index(['https://a.example/s.xml']))).toEqual({ kind: 'index', locs: ['https://a.example/s.xml'] });
    expect(parseSitemap('<html><body>nope</body></html>').kind).toBe('unknown');
  });
});

describe('sampling by URL template', () => {
  it('templates replace numeric, ID-like and slug-like segments, not top-level sections', () => {
    expect(urlTemplate('https://c.example/forum/t/123')).toBe('/forum/t/*');
    expect(urlTemplate('https://c.example/forum/t/how-do-i-reset/4567')).toBe('/forum/t/*/*');
    expect(urlTemplate('https://c.example/reviews/acme-blender')).toBe('/reviews/*');
    expect(urlTemplate('https://c.example/t/1.html')).toBe('/t/*.html');
    expect(urlTemplate('https://c.example/u/3f2a9c1e7b')).toBe('/u/*');
    expect(urlTemplate('https://c.example/sign-up')).toBe('/sign-up');
    expect(urlTemplate('https://c.example/privacy-policy')).toBe('/privacy-policy');
    expect(urlTemplate('https://c.example/forum?page=2&sort=new')).toBe('/forum?page=*&sort=*');
    expect(urlTemplate('https://help.c.example/a/1', 'c.example')).toBe('help.c.example/a/*');
  });

  it('300 thread URLs cannot crowd out sign-up, help, privacy and deals pages in a 40-page budget', async () => {
    const threads = Array.from({ length: 300 }, (_, i) => `/forum/t/${i + 1}`);
    const key = ['/sign-up', '/help', '/privacy', '/deals'];
    const s = await server({
      robots: 404,
      // Threads first in the document, the key pages last, as on a busy forum home page.
      homeLinks: [...threads, ...key],
      route: (p, _req, res) => {
        if (p.startsWith('/forum/t/') || key.includes(p)) return (void res.writeHead(200, { 'content-type': 'text/html' }).end(page(p, `<p>${p}</p>`)), true);
        return false;
      },
    });
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 40, concurrency: 4, sitemaps: false }));
    for (const k of key) expect(rec(r, `${s.url}${k.slice(1)}`)?.outcome).toBe('fetched');
    const threadRecords = r.records.filter((x) => new URL(x.url).pathname.startsWith('/forum/t/'));
    expect(threadRecords).toHaveLength(300);
    // 25 % of 40 in the first pass; once every other page was reached, the budget left over goes to threads too.
    const requested = s.paths();
    const tenthThread = requested.filter((p) => p.startsWith('/forum/t/'))[9]!;
    const eleventhThread = requested.filter((p) => p.startsWith('/forum/t/'))[10]!;
    for (const k of key) expect(requested.indexOf(k)).toBeLessThan(requested.indexOf(eleventhThread));
    expect(requested.indexOf(tenthThread)).toBeLessThan(requested.indexOf(eleventhThread));
    expect(r.pages).toHaveLength(40);
    expect(threadRecords.filter((x) => x.outcome === 'fetched')).toHaveLength(35);
    expect(threadRecords.filter((x) => x.reason === 'sampled')).toHaveLength(265);
    expect(requested.filter((p) => p.startsWith('/forum/t/'))).toHaveLength(35);
    expect(r.groups?.find((g) => g.pattern === '/forum/t/*')).toEqual({ pattern: '/forum/t/*', discovered: 300, fetched: 35, skipped: 265, stopped: null });
    expect(r.groups?.find((g) => g.pattern === '/help')).toEqual({ pattern: '/help', discovered: 1, fetched: 1, skipped: 0, stopped: null });
    // Without sampling, sign-up, help and privacy still come first (key pages), but the same budget then goes to
    // threads (content before other pages) and /deals, an ordinary page, is never reached: the cap gives it its place.
    const unsampled = await crawlSite(crawlOptions(s.url, { maxPages: 40, concurrency: 4, sitemaps: false, groupShare: 1 }));
    expect(key.filter((k) => rec(unsampled, `${s.url}${k.slice(1)}`)?.outcome === 'fetched')).toEqual(['/sign-up', '/help', '/privacy']);
    expect(rec(unsampled, `${s.url}deals`)).toMatchObject({ outcome: 'skipped', reason: 'max-pages' });
  });

  it('sitemap URLs go through the same sampling and come after the start page’s links', async () => {
    let origin = '';
    const threads = Array.from({ length: 100 }, (_, i) => `/forum/t/${i + 1}`);
    const s = await server({
      robots: 404,
      homeLinks: ['/help'],
      route: (p, _req, res) => {
        if (p === '/sitemap.xml') return (xml(urlset(threads.map((t) => `${origin}${t.slice(1)}`)))(res), true);
        if (p.startsWith('/forum/t/') || p === '/help') return (void res.writeHead(200, { 'content-type': 'text/html' }).end(page(p, `<p>${p}</p>`)), true);
        return false;
      },
    });
    origin = s.url;
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 20 }));
    expect(rec(r, `${s.url}help`)?.outcome).toBe('fetched');
    // 5 (a quarter of 20) in the first pass, then the 13 pages of budget left over.
    expect(r.pages.filter((p) => p.url.includes('/forum/t/'))).toHaveLength(18);
    expect(r.pages.filter((p) => p.url.includes('/forum/t/')).every((p) => p.depth === 1)).toBe(true);
    expect(r.records.filter((x) => x.reason === 'sampled')).toHaveLength(82);
  });

  it('a capped group sorts last but still gets the budget left: threads before member pages there too', async () => {
    const threads = Array.from({ length: 60 }, (_, i) => `/forum/t/${i + 1}`);
    const users = Array.from({ length: 60 }, (_, i) => `/u/${i + 1}`);
    const s = await server({
      robots: 404,
      homeLinks: [...threads, ...users],
      route: (p, _req, res) => {
        if (p.startsWith('/forum/t/') || p.startsWith('/u/'))
          return (void res.writeHead(200, { 'content-type': 'text/html' }).end(page(p, `<p>${p}</p>`)), true);
        return false;
      },
    });
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 41, concurrency: 2, sitemaps: false }));
    expect(r.pages).toHaveLength(41);
    // 10 of each while under the cap of 10 (threads first), then the 20 left go to threads again: both groups are
    // capped, and among capped groups threads still come before member pages.
    expect(r.pages.filter((p) => p.url.includes('/forum/t/'))).toHaveLength(30);
    expect(r.pages.filter((p) => p.url.includes('/u/'))).toHaveLength(10);
    const requested = s.paths().filter((p) => p.startsWith('/forum/t/') || p.startsWith('/u/'));
    expect(requested.slice(0, 10).every((p) => p.startsWith('/forum/t/'))).toBe(true);
    expect(requested.slice(10, 20).every((p) => p.startsWith('/u/'))).toBe(true);
    expect(r.groups?.find((g) => g.pattern === '/u/*')).toEqual({ pattern: '/u/*', discovered: 60, fetched: 10, skipped: 50, stopped: null });
    expect(r.groups?.find((g) => g.pattern === '/forum/t/*')).toEqual({ pattern: '/forum/t/*', discovered: 60, fetched: 30, skipped: 30, stopped: null });
  });
});
