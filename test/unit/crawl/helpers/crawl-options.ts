import type { CrawlOptions } from '../../../../src/crawl/types.js';

export const UA = 'conductor-audit/0.1.0 (+https://example.org/conductor-audit)';

/** Fast, loopback-friendly crawl options for tests. */
export function crawlOptions(startUrl: string, over: Partial<CrawlOptions> = {}): CrawlOptions {
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
