// One benchmark run in its own process, so peak memory (maxRSS) belongs to that run alone.
// Usage: worker.ts <baseline|static|browser|auto> <startUrl> <maxPages> <concurrency>
// Browser modes: Chromium runs in child processes, so peak memory there is the largest sum of the RSS of this
// process and all its descendants, sampled every 200 ms (shared pages are counted once per process: an upper bound).
import { readdirSync, readFileSync } from 'node:fs';
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

/** RSS in MB of this process and every process descending from it (Linux /proc; 0 where unreadable). */
function treeRssMb(): number {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  let kb = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return kb / 1024;
}

async function ours(render: 'static' | 'browser' | 'auto'): Promise<number> {
  const r = await crawlSite({
    startUrl,
    maxPages,
    maxDepth: 10,
    render,
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

let treePeak = 0;
const sampler = mode === 'browser' || mode === 'auto' ? setInterval(() => (treePeak = Math.max(treePeak, treeRssMb())), 200) : null;
const t0 = performance.now();
const pages = mode === 'baseline' ? await baseline() : await ours(mode as 'static' | 'browser' | 'auto');
const ms = performance.now() - t0;
if (sampler) clearInterval(sampler);
const ownPeak = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ mode, pages, ms, maxRssMb: Math.max(ownPeak, treePeak) }));
