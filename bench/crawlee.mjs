/* global process, performance */
// Crawlee's crawlers on the bench site, for the comparison `bench/run.ts` makes when BENCH_CRAWLEE_DIR names an
// install of Crawlee (see BENCHMARKS.md). Crawlee is not a dependency of this project: it is loaded from that folder
// at run time, and this file is plain JavaScript so the type check, the lint and the tests never need it.
// Usage: node crawlee.mjs <playwright|cheerio> <startUrl> <maxPages> <concurrency>
// Environment: BENCH_CRAWLEE_DIR (the install), BENCH_CHROME (Chromium's path), BENCH_CHROME_ARGS (a JSON array of
// switches: the ones our browser mode launches Chromium with, so both browsers are configured alike).
// Prints {mode, pages, ms} as JSON; memory is sampled by the caller over this process and its descendants.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [mode, startUrl, maxPagesArg, concurrencyArg] = process.argv.slice(2);
const maxPages = Number(maxPagesArg);
const concurrency = Number(concurrencyArg);
const dir = process.env.BENCH_CRAWLEE_DIR;
if (!dir) throw new Error('BENCH_CRAWLEE_DIR is not set: it must name a folder where `npm i crawlee@3 playwright-core` was run');

/** The ES module entry of a package installed in BENCH_CRAWLEE_DIR. */
async function load(name) {
  const require = createRequire(path.join(path.resolve(dir), 'package.json'));
  const manifest = require.resolve(`${name}/package.json`);
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const entry = pkg.exports?.['.']?.import ?? pkg.module ?? pkg.main ?? 'index.js';
  return import(pathToFileURL(path.join(path.dirname(manifest), entry)).href);
}

const { PlaywrightCrawler, CheerioCrawler, Configuration, log } = await load('crawlee');
log.setLevel(log.LEVELS.WARNING);
// Nothing written to ./storage: the request queue and datasets stay in memory, as our crawl's state does.
const config = new Configuration({ persistStorage: false, purgeOnStart: true });
let pages = 0;

// What both crawlers share with ours: a fixed concurrency (the autoscaled pool may neither shrink nor grow it),
// the page budget, robots.txt read, same-origin links followed, no delay between requests.
const common = {
  minConcurrency: concurrency,
  maxConcurrency: concurrency,
  maxRequestsPerCrawl: maxPages,
  respectRobotsTxtFile: true,
};

let crawler;
if (mode === 'playwright') {
  const { chromium } = await load('playwright-core');
  crawler = new PlaywrightCrawler(
    {
      ...common,
      headless: true,
      launchContext: {
        launcher: chromium,
        launchOptions: {
          executablePath: process.env.BENCH_CHROME ?? '/usr/bin/chromium',
          args: JSON.parse(process.env.BENCH_CHROME_ARGS ?? '["--no-sandbox"]'),
        },
      },
      // Our browser mode does not disguise the browser: no fingerprint injection here either (it would only add
      // work to Crawlee's side). Everything else is Crawlee's default: one shared context, nothing blocked.
      browserPoolOptions: { useFingerprints: false },
      async requestHandler({ page, enqueueLinks }) {
        await page.content();
        pages++;
        await enqueueLinks({ strategy: 'same-origin' });
      },
    },
    config,
  );
} else if (mode === 'cheerio') {
  crawler = new CheerioCrawler(
    {
      ...common,
      async requestHandler({ enqueueLinks }) {
        pages++;
        await enqueueLinks({ strategy: 'same-origin' });
      },
    },
    config,
  );
} else throw new Error(`unknown mode ${mode}: playwright or cheerio`);

const t0 = performance.now();
await crawler.run([startUrl]);
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ mode, pages, ms }));
