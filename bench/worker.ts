// One benchmark run in its own process, so peak memory (maxRSS) belongs to that run alone.
// Usage: worker.ts <baseline|static> <startUrl> <maxPages> <concurrency>
import * as cheerio from 'cheerio';
import PQueue from 'p-queue';
import { crawlSite } from '../src/crawl/crawler.js';

const [mode, startUrl, maxPagesArg, concurrencyArg] = process.argv.slice(2) as [string, string, string, string];
const maxPages = Number(maxPagesArg);
const concurrency = Number(concurrencyArg);

/** The plain loop the crawler is compared with: fetch + cheerio + p-queue, same-origin BFS, no politeness. */
async function baseline(): Promise<number> {
  const origin = new URL(startUrl).origin;
  const seen = new Set<string>([startUrl]);
  const queue = new PQueue({ concurrency });
  let fetched = 0;
  const visit = async (url: string): Promise<void> => {
    const res = await fetch(url);
    const html = await res.text();
    fetched++;
    const $ = cheerio.load(html);
    $('a[href]').each((_, el) => {
      const u = new URL($(el).attr('href')!, url);
      u.hash = '';
      if (u.origin === origin && !seen.has(u.href) && seen.size < maxPages) {
        seen.add(u.href);
        void queue.add(() => visit(u.href));
      }
    });
  };
  void queue.add(() => visit(startUrl));
  await queue.onIdle();
  return fetched;
}

async function ours(): Promise<number> {
  const r = await crawlSite({
    startUrl,
    maxPages,
    maxDepth: 10,
    render: 'static',
    include: [],
    exclude: [],
    delayMs: 0,
    concurrency,
    userAgent: 'conductor-audit-bench',
    robotsToken: 'conductor-audit',
    timeoutMs: 20_000,
    maxBytes: 5 * 1024 * 1024,
  });
  return r.pages.length;
}

const t0 = performance.now();
const pages = mode === 'baseline' ? await baseline() : await ours();
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ mode, pages, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
