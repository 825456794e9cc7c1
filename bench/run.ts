// `npm run bench`: crawler throughput and peak memory on a generated 1,000-page site served on 127.0.0.1, beside a
// plain fetch + cheerio loop at the same concurrency, measured in this same run. Prints figures and ratios; it
// asserts nothing (speed is measured here, never as a time limit in the tests).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serveDirectory } from '../src/crawl/static-server.js';
import { generateSite } from './site.js';
import { hasChrome } from '../src/util/chrome.js';

const run = promisify(execFile);
const PAGES = 1000;
const CONCURRENCY = 2;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
// A browser renders a page in ~0.5 s: its sample is a shorter crawl of the same site, run once by default.
const BROWSER_PAGES = Number(process.env.BENCH_BROWSER_PAGES ?? 300);
const BROWSER_REPEATS = Number(process.env.BENCH_BROWSER_REPEATS ?? 1);
const WITH_BROWSER = process.env.BENCH_BROWSER !== '0' && hasChrome();

interface Sample {
  mode: string;
  pages: number;
  ms: number;
  maxRssMb: number;
}

async function sample(mode: string, url: string, pages = PAGES): Promise<Sample> {
  const worker = path.join(import.meta.dirname, 'worker.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', worker, mode, url, String(pages), String(CONCURRENCY)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as Sample;
}

/** Two decimals, or three significant figures below 0.1 (a browser is ~100× slower than a fetch). */
const ratio = (x: number): string => (x >= 0.1 ? x.toFixed(2) : x.toPrecision(2));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = await mkdtemp(path.join(tmpdir(), 'conductor-bench-'));
try {
  const count = await generateSite(dir);
  const server = await serveDirectory(dir);
  const results: Record<string, Sample[]> = { baseline: [], static: [] };
  try {
    // Interleaved so drift on a shared machine hits both alike.
    for (let i = 0; i < REPEATS; i++) for (const mode of Object.keys(results)) results[mode]!.push(await sample(mode, server.url));
    if (WITH_BROWSER) {
      results.browser = [];
      results.auto = [];
      for (let i = 0; i < BROWSER_REPEATS; i++) for (const mode of ['browser', 'auto']) results[mode]!.push(await sample(mode, server.url, BROWSER_PAGES));
    }
  } finally {
    await server.close();
  }
  const rows = Object.entries(results).map(([mode, s]) => ({
    mode,
    pages: median(s.map((x) => x.pages)),
    pagesPerMin: median(s.map((x) => (x.pages / x.ms) * 60_000)),
    rss: median(s.map((x) => x.maxRssMb)),
  }));
  const base = rows.find((r) => r.mode === 'baseline')!;
  console.log(`conductor-audit crawl benchmark: ${count}-page generated site on 127.0.0.1, concurrency ${CONCURRENCY}, median of ${REPEATS}`);
  if (WITH_BROWSER) {
    console.log(
      `browser and auto: the first ${BROWSER_PAGES} pages of the same site, ${BROWSER_REPEATS} run(s) (BENCH_BROWSER_PAGES, BENCH_BROWSER_REPEATS); their peak memory includes Chromium's processes`,
    );
  } else console.log('browser and auto: skipped (no Chromium found, or BENCH_BROWSER=0)');
  console.log('mode            pages  pages/min   peak RSS   speed vs baseline   memory vs baseline');
  for (const r of rows) {
    console.log(
      `${r.mode.padEnd(14)} ${String(r.pages).padStart(6)} ${Math.round(r.pagesPerMin).toLocaleString('en-US').padStart(10)} ${`${r.rss.toFixed(0)} MB`.padStart(10)} ${`${ratio(r.pagesPerMin / base.pagesPerMin)}×`.padStart(19)} ${`${(r.rss / base.rss).toFixed(2)}×`.padStart(20)}`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
