// One crawl benchmark in its own process, so its peak memory (maxRSS) belongs to that run alone.
// Usage: worker.ts <baseline|static|browser|auto> <startUrl> <maxPages> <concurrency>
//        worker.ts pdf <report.html> <out.pdf> 0   (the PDF render alone: launch, print passes, metadata, packing)
// It reports its own peak (maxRSS); Chromium runs in child processes, whose memory the bench samples from outside
// (bench/tree.ts), the same way as every other crawler's, so that sampling costs this process nothing.
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

async function ours(render: 'static' | 'browser' | 'auto'): Promise<number> {
  const r = await crawlSite({
    startUrl,
    maxPages,
    maxDepth: 50,
    render,
    include: [],
    exclude: [],
    delayMs: 0,
    concurrency,
    perHostConcurrency: concurrency,
    userAgent: 'conductor-audit-bench',
    robotsToken: 'conductor-audit',
    timeoutMs: 20_000,
    maxBytes: 5 * 1024 * 1024,
    allowPrivateNetwork: true,
    groupShare: 1,
  });
  return r.pages.length;
}

if (mode === 'pdf') {
  const { readFile, writeFile } = await import('node:fs/promises');
  const { renderPdf } = await import('../src/report/render-pdf.js');
  const html = await readFile(startUrl, 'utf8');
  const t0 = performance.now();
  const pdf = await renderPdf(html, { deterministic: true });
  const ms = performance.now() - t0;
  await writeFile(maxPagesArg, pdf);
  process.stdout.write(JSON.stringify({ mode, ms, bytes: pdf.length }));
  process.exit(0);
}

const t0 = performance.now();
const pages = mode === 'baseline' ? await baseline() : await ours(mode as 'static' | 'browser' | 'auto');
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ mode, pages, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
