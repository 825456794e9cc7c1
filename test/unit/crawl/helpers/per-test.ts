// Servers and sites a crawl test starts, closed after each test; and the record a crawl kept for one URL.
import { afterEach } from 'vitest';
import type { CrawlResult, UrlRecord } from '../../../../src/crawl/types.js';
import { startMisbehavingServer, type MisbehavingServer, type ServerOptions } from './misbehaving-server.js';

/** Call at the top of a test file: what `closeLater` is given is closed after each test; `server` starts one so. */
export function closedAfterEachTest(): { closeLater: (close: () => Promise<void>) => void; server: (opts: ServerOptions) => Promise<MisbehavingServer> } {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });
  return {
    closeLater: (close) => void closers.push(close),
    server: async (opts) => {
      const s = await startMisbehavingServer(opts);
      closers.push(() => s.close());
      return s;
    },
  };
}

export const recordOf = (r: CrawlResult, url: string): UrlRecord | undefined => r.records.find((x) => x.url === url);
