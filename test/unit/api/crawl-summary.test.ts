import { afterEach, describe, expect, it } from 'vitest';
import { rewriteOrigin, summariseCrawl } from '../../../src/api/crawl-summary.js';
import { crawlSite } from '../../../src/crawl/crawler.js';
import type { CrawlResult } from '../../../src/crawl/types.js';
import { CrawlSummarySchema } from '../../../src/result/schema.js';
import { crawlOptions } from '../crawl/helpers/crawl-options.js';
import { page, startMisbehavingServer, type MisbehavingServer } from '../crawl/helpers/misbehaving-server.js';

let s: MisbehavingServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('crawl summary in audit.json', () => {
  it('carries the new skip reasons and the group that stopped receiving budget', async () => {
    s = await startMisbehavingServer({
      robots: 404,
      homeLinks: [...Array.from({ length: 8 }, (_, i) => `/user/${i + 1}`), '/files/a.zip', '/forum', '/forum?page=2'],
      route: (p, _req, res) => (p === '/forum' ? (res.writeHead(200, { 'content-type': 'text/html' }).end(page('Forum', '<p>topics</p>')), true) : false),
    });
    const crawl = await crawlSite(crawlOptions(s.url, { concurrency: 1, sitemaps: false }));
    const summary = CrawlSummarySchema.parse(summariseCrawl(crawl, { maxPages: 50, maxDepth: 5 }));
    expect(summary.skippedByReason).toMatchObject({ 'group-failing': 5, 'non-html': 1, variant: 1 });
    expect(summary.groups.find((g) => g.pattern === '/user/*')).toEqual({
      pattern: '/user/*',
      discovered: 8,
      fetched: 0,
      skipped: 0,
      stopped: 'the first 3 pages of group /user/* answered 404',
    });
    expect(summary.groups.find((g) => g.pattern === '/forum')?.stopped).toBeNull();
    // A snapshot's groups are reported under the canonical origin like everything else.
    const moved = rewriteOrigin(crawl, s.url, 'https://community.example/');
    expect(moved.groups?.find((g) => g.pattern === '/user/*')?.stopped).toBe('the first 3 pages of group /user/* answered 404');
  });

  it('reads groups from archives written before `stopped` existed as not stopped', () => {
    const old = {
      startUrl: 'https://c.example/',
      userAgent: 'ua',
      render: 'static',
      startedAt: new Date(0).toISOString(),
      durationMs: 1,
      pages: [],
      records: [],
      stoppedEarly: null,
    };
    const crawl = {
      ...old,
      robots: { url: 'https://c.example/robots.txt', status: 404, policy: 'allow-all', crawlDelaySec: null, note: '' },
      groups: [{ pattern: '/t/*', discovered: 3, fetched: 2, skipped: 1 }],
    } as unknown as CrawlResult;
    expect(summariseCrawl(crawl, { maxPages: 10, maxDepth: 5 }).groups).toEqual([{ pattern: '/t/*', discovered: 3, fetched: 2, skipped: 1, stopped: null }]);
  });
});
