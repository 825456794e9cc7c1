// Sites that misbehave on purpose, one route per promise the README makes about what the crawler requests.
import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { sleep } from '../../../src/crawl/politeness.js';
import { crawlOptions } from './helpers/crawl-options.js';
import { closedAfterEachTest, recordOf } from './helpers/per-test.js';
import { links, page } from './helpers/misbehaving-server.js';

const { server } = closedAfterEachTest();

describe('hostile routes', () => {
  it('sitemap redirects are checked hop by hop: never to /logout, another port or a disallowed path', async () => {
    const other = await server({ robots: 404 });
    let origin = '';
    const s = await server({
      robots: 'placeholder',
      route: (p, _req, res) => {
        if (p === '/robots.txt')
          return (
            void res
              .writeHead(200, { 'content-type': 'text/plain' })
              .end(`User-agent: *\nDisallow: /private/\nSitemap: ${origin}sm-offsite.xml\nSitemap: ${origin}sm-private.xml\n`),
            true
          );
        if (p === '/sitemap.xml') return (void res.writeHead(302, { location: '/logout?next=/sitemap2.xml' }).end(), true);
        if (p === '/sm-offsite.xml') return (void res.writeHead(302, { location: `${other.url}sitemap.xml` }).end(), true);
        if (p === '/sm-private.xml') return (void res.writeHead(301, { location: '/private/sitemap.xml' }).end(), true);
        return false;
      },
    });
    origin = s.url;
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 5 }));
    expect(s.paths()).not.toContain('/logout?next=/sitemap2.xml');
    expect(s.paths().some((p) => p.startsWith('/private/'))).toBe(false);
    expect(other.requests).toEqual([]);
    const notes = (r.sitemaps ?? []).map((m) => m.note).join(' | ');
    expect(notes).toMatch(/logout.*not followed \(state-changing\)/);
    expect(notes).toMatch(/redirected to another site .*not followed/);
    expect(notes).toMatch(/private\/sitemap\.xml: not followed \(disallowed by robots\.txt\)/);
  });

  it('a robots.txt over 500 KiB is parsed to 500 KiB: its early Disallow is obeyed', async () => {
    const robots = `User-agent: *\nDisallow: /private/\n${'# padding line to make the file long\n'.repeat(20_000)}Disallow: /late/\n`;
    const s = await server({ robots, homeLinks: ['/private/secret', '/p/open'] });
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 5 }));
    expect(robots.length).toBeGreaterThan(500 * 1024);
    expect(r.robots.note).toMatch(/first 500 KiB were parsed/);
    expect(s.paths()).not.toContain('/private/secret');
    expect(recordOf(r, `${s.url}private/secret`)?.outcome).toBe('robots-blocked');
    expect(s.paths()).toContain('/p/open');
  });

  it('a Retry-After beyond the 120 s cap is not waited for: the page is recorded failed, with why', async () => {
    const s = await server({
      robots: 404,
      homeLinks: ['/busy'],
      route: (p, _req, res) =>
        p === '/busy' ? (res.writeHead(503, { 'retry-after': '999999', 'content-type': 'text/html' }).end(page('Busy', '')), true) : false,
    });
    const r = await crawlSite(crawlOptions(s.url, { maxPages: 5 }));
    expect(s.paths().filter((p) => p === '/busy')).toHaveLength(1);
    expect(recordOf(r, `${s.url}busy`)).toMatchObject({ outcome: 'failed', status: 503 });
    expect(recordOf(r, `${s.url}busy`)?.detail).toMatch(/asked to wait 999999 s \(Retry-After\), beyond the 120 s the crawler waits/);
  });

  it('pacing waits remove their abort listener: a long polite crawl gives no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      for (let i = 0; i < 40; i++) await sleep(1, controller.signal);
      const s = await server({ robots: 404, homeLinks: Array.from({ length: 20 }, (_, i) => `/p/${i}`) });
      await crawlSite(crawlOptions(s.url, { maxPages: 21, delayMs: 2, signal: controller.signal }));
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('links that change state are never requested, in any of their real-world spellings', async () => {
    const bad = [
      '/users/sign_out',
      '/ucp.php?mode=logout',
      '/log%6Fut',
      '/account/delete-me',
      '/viewforum.php?f=1&mark=topics',
      '/api/remove-item/5',
      '/t5/s/page.logoutpage',
    ];
    const s = await server({
      robots: 404,
      route: (p, _req, res) => (p === '/' ? (res.writeHead(200, { 'content-type': 'text/html' }).end(page('Home', links(bad))), true) : false),
    });
    await crawlSite(crawlOptions(s.url, { maxPages: 10 }));
    expect(s.paths()).toEqual(expect.arrayContaining(['/']));
    for (const b of bad) expect(s.paths().map((p) => decodeURIComponent(p))).not.toContain(decodeURIComponent(b));
  });
});
