import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { loadRobots } from '../../../src/crawl/robots.js';
import { serveDirectory } from '../../../src/crawl/static-server.js';
import type { CrawlOptions, CrawlResult, UrlRecord } from '../../../src/crawl/types.js';
import { startMisbehavingServer, type MisbehavingServer } from './helpers/misbehaving-server.js';

const SITES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sites');
const UA = 'conductor-audit/0.1.0 (+https://example.org/conductor-audit)';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function server(opts: Parameters<typeof startMisbehavingServer>[0]): Promise<MisbehavingServer> {
  const s = await startMisbehavingServer(opts);
  closers.push(() => s.close());
  return s;
}

function options(startUrl: string, over: Partial<CrawlOptions> = {}): CrawlOptions {
  return {
    startUrl,
    maxPages: 50,
    maxDepth: 5,
    render: 'static',
    include: [],
    exclude: [],
    delayMs: 0,
    concurrency: 2,
    userAgent: UA,
    robotsToken: 'conductor-audit',
    timeoutMs: 2000,
    maxBytes: 1024 * 1024,
    ...over,
  };
}

const rec = (r: CrawlResult, url: string): UrlRecord | undefined => r.records.find((x) => x.url === url);

describe('robots.txt (RFC 9309)', () => {
  it('503 → disallow all: nothing but robots.txt is requested', async () => {
    const s = await server({ robots: 503, homeLinks: ['/p/1'] });
    const r = await crawlSite(options(s.url));
    expect(s.paths()).toEqual(['/robots.txt']);
    expect(r.robots.policy).toBe('disallow-all');
    expect(r.robots.status).toBe(503);
    expect(r.pages).toHaveLength(0);
    expect(rec(r, s.url)?.outcome).toBe('robots-blocked');
    expect(r.stoppedEarly).toMatch(/robots/);
  });

  it('unreachable robots.txt → disallow all', async () => {
    const rules = await loadRobots('http://127.0.0.1:1/', { userAgent: UA, token: 'conductor-audit', timeoutMs: 1000 });
    expect(rules.outcome.policy).toBe('disallow-all');
    expect(rules.outcome.status).toBeNull();
    expect(rules.isAllowed('http://127.0.0.1:1/')).toBe(false);
  });

  it('404 → allow all', async () => {
    const s = await server({ robots: 404, homeLinks: ['/p/1'] });
    const r = await crawlSite(options(s.url));
    expect(r.robots.policy).toBe('allow-all');
    expect(r.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/p/1']);
    expect(s.requests.every((q) => q.userAgent === UA && q.method === 'GET')).toBe(true);
  });

  it('uses our token’s group (not *), longest match and Allow-wins, and records blocked URLs', async () => {
    const robots = [
      'User-agent: *',
      'Disallow: /',
      'Crawl-delay: 9',
      '',
      'User-agent: conductor-audit',
      'Disallow: /p/private',
      'Allow: /p/private/ok',
      'Allow: /p/tie',
      'Disallow: /p/tie',
      'Crawl-delay: 0.05',
    ].join('\n');
    const s = await server({ robots, homeLinks: ['/p/public', '/p/private/no', '/p/private/ok', '/p/tie'] });
    const r = await crawlSite(options(s.url));
    expect(r.robots.policy).toBe('parsed');
    expect(r.robots.crawlDelaySec).toBe(0.05); // our group's delay, not the * group's 9 s
    const fetched = r.pages.map((p) => new URL(p.url).pathname);
    expect(fetched).toEqual(['/', '/p/private/ok', '/p/public', '/p/tie']);
    expect(rec(r, `${s.url}p/private/no`)?.outcome).toBe('robots-blocked');
    expect(s.paths()).not.toContain('/p/private/no');
    // Another origin is never "allowed" by this file.
    const rules = await loadRobots(s.url, { userAgent: UA, token: 'conductor-audit', timeoutMs: 1000 });
    expect(rules.isAllowed('http://127.0.0.2:9/p/public')).toBe(false);
    // The token, not the User-Agent header, selects the group (a browser-like UA would be matched as `mozilla`).
    const browserish = await loadRobots(s.url, { userAgent: 'Mozilla/5.0 (compatible; conductor-audit/0.1)', token: 'conductor-audit', timeoutMs: 1000 });
    expect(browserish.isAllowed(`${s.url}p/public`)).toBe(true);
  });

  it('Crawl-delay spaces request starts per host (capped at 30 s)', async () => {
    const homeLinks = ['/p/1', '/p/2', '/p/3', '/p/4'];
    const s = await server({ robots: 'User-agent: conductor-audit\nCrawl-delay: 0.2\n', homeLinks });
    // Request starts are measured where they happen (the crawler's fetch calls): arrival times at a server in the
    // same process bunch up when the machine is busy.
    const realFetch = globalThis.fetch;
    const starts: number[] = [];
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      if (!String(input instanceof Request ? input.url : input).endsWith('/robots.txt')) starts.push(performance.now());
      return realFetch(input, init);
    });
    let r;
    try {
      r = await crawlSite(options(s.url, { concurrency: 4 }));
    } finally {
      spy.mockRestore();
    }
    expect(r.pages).toHaveLength(5);
    expect(starts).toHaveLength(s.requests.filter((q) => q.path !== '/robots.txt').length);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(195);
    const capped = await server({ robots: 'User-agent: *\nCrawl-delay: 3600\n' });
    const rules = await loadRobots(capped.url, { userAgent: UA, token: 'conductor-audit', timeoutMs: 1000 });
    expect(rules.outcome.crawlDelaySec).toBe(30);
  });
});

describe('crawl limits and link rules (fixture site)', () => {
  it('follows links breadth-first, respects <base href>, never requests state-changing, nofollow or off-site links', async () => {
    const site = await serveDirectory(path.join(SITES, 'forum'));
    closers.push(() => site.close());
    const progress: number[] = [];
    const r = await crawlSite(options(site.url, { onProgress: (p) => progress.push(p.fetched) }));
    const u = (p: string): string => new URL(p, site.url).toString();
    expect(r.pages.map((p) => [p.depth, new URL(p.url).pathname])).toEqual([
      [0, '/'],
      [1, '/t/1.html'],
      [1, '/t/2.html'],
      [2, '/member/profile.html'],
      [2, '/t/3.html'],
      [3, '/t/4.html'],
    ]);
    expect(rec(r, u('/member/logout'))?.reason).toBe('state-changing');
    expect(rec(r, u('/t/1/delete'))?.reason).toBe('state-changing');
    expect(rec(r, u('/t/2.html?action=vote'))?.reason).toBe('state-changing');
    expect(rec(r, u('/unsubscribe?list=1'))?.reason).toBe('state-changing');
    expect(rec(r, u('/t/secret.html'))?.reason).toBe('nofollow');
    expect(rec(r, 'https://elsewhere.example/')?.reason).toBe('out-of-scope');
    // Every URL has exactly one record, in (depth, url) order.
    expect(new Set(r.records.map((x) => x.url)).size).toBe(r.records.length);
    const keys = r.records.map((x) => [x.depth, x.url] as const);
    expect([...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))).toEqual(keys);
    expect(progress.at(-1)).toBe(6);
    expect(r.stoppedEarly).toBeNull();
  });

  it('state-changing and nofollow links are never requested (server log)', async () => {
    const s = await server({
      robots: 404,
      homeLinks: ['/logout', '/p/1/delete', '/p/2?action=remove', '/t/3/vote', '/forum/mark-all-read', '/cart/add?sku=1'],
    });
    await crawlSite(options(s.url));
    expect([...s.paths()].sort()).toEqual(['/', '/robots.txt', '/sitemap.xml']);
  });

  it('X-Robots-Tag nofollow (bare, or for our token) stops link following; one for another bot does not', async () => {
    const pageWith = (tag: string) => (p: string, _req: unknown, res: import('node:http').ServerResponse) => {
      if (p !== '/hub') return false;
      res.writeHead(200, { 'content-type': 'text/html', 'x-robots-tag': tag }).end(`<html><body><h1>Hub</h1><a href="/behind">behind</a></body></html>`);
      return true;
    };
    for (const [tag, follows] of [
      ['nofollow', false],
      ['noarchive, conductor-audit: nofollow', false],
      ['none', false],
      ['otherbot: nofollow', true],
      ['max-snippet: 20, noarchive', true],
    ] as const) {
      const s = await server({ robots: 404, homeLinks: ['/hub'], route: pageWith(tag) });
      const r = await crawlSite(options(s.url, { sitemaps: false }));
      expect(rec(r, `${s.url}hub`)?.outcome, tag).toBe('fetched');
      expect(s.paths().includes('/behind'), tag).toBe(follows);
    }
  });

  it('maxPages is exact and maxDepth is respected', async () => {
    const site = await serveDirectory(path.join(SITES, 'forum'));
    closers.push(() => site.close());
    // groupShare 1: no sampling, so the page budget alone decides.
    const r = await crawlSite(options(site.url, { maxPages: 3, groupShare: 1 }));
    expect(r.pages).toHaveLength(3);
    expect(r.records.filter((x) => x.outcome === 'fetched')).toHaveLength(3);
    expect(r.records.some((x) => x.reason === 'max-pages')).toBe(true);
    expect(r.stoppedEarly).toMatch(/budget/);
    const d = await crawlSite(options(site.url, { maxDepth: 1 }));
    expect(Math.max(...d.pages.map((p) => p.depth))).toBe(1);
    expect(d.records.find((x) => x.url.endsWith('/t/3.html'))?.reason).toBe('max-depth');
  });
});

describe('misbehaving responses', () => {
  it('records redirect chains, fails loops, never follows off-site redirects', async () => {
    const other = await server({ robots: 404 });
    const s = await server({ robots: 404, homeLinks: ['/redir/1', '/loop/a', '/offsite'], offsiteUrl: `${other.url}landing` });
    const r = await crawlSite(options(s.url));
    const chained = r.pages.find((p) => p.url === `${s.url}redir/1`);
    expect(chained?.redirectChain).toEqual([`${s.url}redir/1`, `${s.url}redir/2`]);
    expect(chained?.finalUrl).toBe(`${s.url}p/final`);
    expect(rec(r, `${s.url}loop/a`)).toMatchObject({ outcome: 'failed', reason: 'redirect-loop', detail: expect.stringMatching(/loop back/) });
    expect(rec(r, `${s.url}offsite`)).toMatchObject({ outcome: 'skipped', reason: 'out-of-scope' });
    expect(rec(r, `${other.url}landing`)?.reason).toBe('out-of-scope');
    expect(other.requests).toHaveLength(0);
  });

  it('does not follow an in-scope redirect into a robots-disallowed path', async () => {
    const s = await server({ robots: 'User-agent: conductor-audit\nDisallow: /p/final\n', homeLinks: ['/redir/1'] });
    const r = await crawlSite(options(s.url));
    expect(s.paths()).not.toContain('/p/final');
    expect(rec(r, `${s.url}p/final`)?.outcome).toBe('robots-blocked');
    expect(rec(r, `${s.url}redir/1`)?.outcome).toBe('skipped');
  });

  it('non-2xx, timeout, too-large and non-HTML become records with reasons; 503 is retried', async () => {
    const s = await server({ robots: 404, homeLinks: ['/error', '/slow', '/big', '/file.pdf', '/pdf-without-extension', '/busy', '/missing'] });
    const r = await crawlSite(options(s.url, { timeoutMs: 400, maxBytes: 100 * 1024 }));
    expect(rec(r, `${s.url}error`)).toMatchObject({ outcome: 'failed', reason: 'http-error', status: 500 });
    expect(rec(r, `${s.url}missing`)).toMatchObject({ outcome: 'failed', reason: 'http-error', status: 404 });
    expect(rec(r, `${s.url}slow`)).toMatchObject({ outcome: 'failed', reason: 'timeout' });
    expect(rec(r, `${s.url}big`)).toMatchObject({ outcome: 'failed', reason: 'too-large' });
    // Known by its content type once requested, or by its path without a request.
    expect(rec(r, `${s.url}pdf-without-extension`)).toMatchObject({ outcome: 'skipped', reason: 'non-html', status: 200, detail: 'application/pdf' });
    expect(rec(r, `${s.url}file.pdf`)).toMatchObject({ outcome: 'skipped', reason: 'non-html', detail: expect.stringMatching(/path ends in \.pdf/) });
    expect(s.paths()).not.toContain('/file.pdf');
    expect(rec(r, `${s.url}busy`)).toMatchObject({ outcome: 'fetched', status: 200 });
    expect(s.paths().filter((p) => p === '/busy')).toHaveLength(2);
  });

  it('keeps an endless calendar bounded', async () => {
    const s = await server({ robots: 404, homeLinks: ['/calendar?month=1'] });
    const r = await crawlSite(options(s.url, { maxDepth: 100, maxPages: 100 }));
    const calendarRequests = s.paths().filter((p) => p.startsWith('/calendar'));
    expect(calendarRequests.length).toBeLessThanOrEqual(5);
    expect(r.records.some((x) => x.reason === 'trap')).toBe(true);
  });

  it('decodes charsets from the header, <meta http-equiv>, and falls back to utf-8 for unknown ones', async () => {
    const s = await server({ robots: 404, homeLinks: ['/latin1-header', '/cp1252-meta', '/bogus-charset'] });
    const r = await crawlSite(options(s.url));
    const html = (p: string): string => r.pages.find((x) => x.url === `${s.url}${p}`)?.html ?? '';
    expect(html('latin1-header')).toContain('Café über 10 €');
    expect(html('cp1252-meta')).toContain('Crème brûlée für 5 €');
    expect(html('bogus-charset')).toContain('naïve Größe €');
    expect(rec(r, `${s.url}bogus-charset`)?.detail).toMatch(/unknown charset/);
  });

  it('records canonical and content-hash duplicates', async () => {
    const s = await server({ robots: 404, homeLinks: ['/dup-a', '/dup-b', '/canon', '/canon-copy'] });
    const r = await crawlSite(options(s.url, { concurrency: 1 }));
    expect(rec(r, `${s.url}dup-a`)?.outcome).toBe('fetched');
    expect(rec(r, `${s.url}dup-b`)).toMatchObject({ outcome: 'skipped', reason: 'duplicate' });
    expect(rec(r, `${s.url}canon-copy`)).toMatchObject({ outcome: 'skipped', reason: 'duplicate' });
    expect(r.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/canon', '/dup-a']);
  });

  it('an abort signal stops the crawl and returns what was gathered', async () => {
    const s = await server({ robots: 404, homeLinks: Array.from({ length: 20 }, (_, i) => `/p/${i}`) });
    const ac = new AbortController();
    const r = await crawlSite(
      options(s.url, {
        concurrency: 1,
        delayMs: 30,
        signal: ac.signal,
        onProgress: (p) => {
          if (p.fetched >= 3) ac.abort();
        },
      }),
    );
    expect(r.stoppedEarly).toBe('interrupted');
    expect(r.pages.length).toBeGreaterThanOrEqual(3);
    expect(r.pages.length).toBeLessThan(21);
    expect(s.paths().length).toBeLessThan(10);
    expect(new Set(r.records.map((x) => x.url)).size).toBe(r.records.length);
    // The URLs it did not get to were interrupted, not left out for the page budget (of 50 here).
    const notReached = r.records.filter((x) => x.outcome === 'skipped' && x.url.includes('/p/'));
    expect(notReached.length).toBeGreaterThan(0);
    expect(notReached.every((x) => x.reason === 'interrupted')).toBe(true);
    expect(r.records.some((x) => x.reason === 'max-pages')).toBe(false);
  });
});
