// `npm run bench`: the whole audit's speed and peak memory on a generated community site served on 127.0.0.1
// (~47 KB pages, 20 links each, a fixed latency per response), each figure beside a reference measured in this same
// run: the static crawl against a plain fetch + cheerio loop, the full `run` against the crawl alone, re-scoring and
// the PDF, browser mode, and the demo's `npm start`. Every measured run is its own process, so its peak memory is its
// own (`maxRSS`; Chromium and qpdf are summed in from /proc). Prints one line per figure with its ratio and the
// issue-15 target where there is one; `--json` prints the same as JSON. It asserts nothing: speed is measured here,
// never as a time limit in the tests.
//
// Knobs (environment): BENCH_PAGES (2000), BENCH_SMALL_PAGES (300), BENCH_MEMORY_PAGES (0: off; 10000 for the
// memory curve), BENCH_CONCURRENCY (8), BENCH_LATENCY_MS (30), BENCH_REPEATS (1; the 300-page crawls run 3×),
// BENCH_BROWSER_PAGES (40), BENCH_BROWSER=0 (skip browser mode), BENCH_DEMO=0 (skip npm start), BENCH_KEEP=1 (keep
// the output folders), BENCH_CLI (the launcher of another build to measure, e.g. the release before),
// BENCH_CRAWLEE_DIR (a folder where `npm i crawlee@3 playwright-core` was run: browser mode and the static crawl are
// then measured against Crawlee's PlaywrightCrawler and CheerioCrawler, by bench/crawlee.mjs), BENCH_ONLY=browser
// (only browser mode and that comparison).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { backgroundHostRules, findChrome, hasChrome, launchArgs } from '../src/util/chrome.js';
import { serveSite } from './site.js';
import { sampleTree } from './tree.js';

const env = (name: string, fallback: number): number => (process.env[name] !== undefined ? Number(process.env[name]) : fallback);
const PAGES = env('BENCH_PAGES', 2000);
const SMALL = env('BENCH_SMALL_PAGES', 300);
const MEMORY_PAGES = env('BENCH_MEMORY_PAGES', 0);
const CONCURRENCY = env('BENCH_CONCURRENCY', 8);
const LATENCY = env('BENCH_LATENCY_MS', 30);
const REPEATS = env('BENCH_REPEATS', 1);
const BROWSER_PAGES = env('BENCH_BROWSER_PAGES', 40);
const WITH_BROWSER = process.env.BENCH_BROWSER !== '0' && hasChrome();
const WITH_DEMO = process.env.BENCH_DEMO !== '0';
const JSON_OUT = process.argv.includes('--json');
const ONLY_BROWSER = process.env.BENCH_ONLY === 'browser';
const CRAWLEE_DIR = process.env.BENCH_CRAWLEE_DIR ? path.resolve(process.env.BENCH_CRAWLEE_DIR) : null;
const ROOT = path.resolve(import.meta.dirname, '..');
// BENCH_CLI: another build's launcher (an earlier release) for the full runs, re-scoring and the PDF's file size.
const CLI = process.env.BENCH_CLI ? path.resolve(process.env.BENCH_CLI) : path.join(ROOT, 'bin', 'conductor-audit');
const PEAK = path.join(import.meta.dirname, 'peak.mjs');

interface Measured {
  ms: number;
  /** The measured Node process's own peak (maxRSS). */
  nodeMb: number;
  /** The largest sum over the process and its descendants (Chromium, qpdf), sampled. */
  treeMb: number;
  stdout: string;
}

/** Runs a command in its own process; wall time, its own peak RSS (via bench/peak.mjs) and its process tree's. */
async function measure(cmd: string, args: string[], opts: { cwd?: string; node?: boolean; env?: Record<string, string> } = {}): Promise<Measured> {
  const dir = await mkdtemp(path.join(tmpdir(), 'conductor-bench-peak-'));
  const peakFile = path.join(dir, 'peak');
  const argv = opts.node === false ? args : ['--import', PEAK, ...args];
  const t0 = performance.now();
  const child = spawn(opts.node === false ? cmd : process.execPath, argv, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env, BENCH_PEAK_FILE: peakFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tree = sampleTree(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const ms = performance.now() - t0;
  const treeMb = tree.stop();
  const nodeKb = Number(await readFile(peakFile, 'utf8').catch(() => '0'));
  await rm(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`${path.basename(cmd)} ${args.slice(0, 3).join(' ')} … exited ${code}:\n${stderr.slice(-2000)}`);
  return { ms, nodeMb: nodeKb / 1024, treeMb: Math.max(treeMb, nodeKb / 1024), stdout };
}

const worker = path.join(import.meta.dirname, 'worker.ts');
interface Sample {
  pages: number;
  /** The crawl's own time (browser launch included), without the process's start. */
  ms: number;
  /** The peak that matters for the mode: the process's own maxRSS, or with Chromium its process tree's. */
  mb: number;
  /** The process tree's peak sampled from outside (Chromium included), the same way for every crawler. */
  treeMb: number;
  /** The 1-minute load average when the run started. */
  load: number;
}
async function crawlSample(mode: string, url: string, pages: number, concurrency = CONCURRENCY): Promise<Sample> {
  const load = loadavg()[0]!;
  const m = await measure(process.execPath, ['--import', 'tsx', worker, mode, url, String(pages), String(concurrency)]);
  const r = JSON.parse(m.stdout) as { pages: number; ms: number; maxRssMb: number };
  return { pages: r.pages, ms: r.ms, mb: mode === 'browser' || mode === 'auto' ? m.treeMb : r.maxRssMb, treeMb: m.treeMb, load };
}

// Crawlee, from an install outside this project (it is not a dependency): bench/crawlee.mjs loads it from
// BENCH_CRAWLEE_DIR. Its process carries the same tsx loader as our worker's, and its Chromium is ours: the same
// executable and the switches every Chromium of ours starts with (background services off). Run in a scratch folder.
const crawleeScript = path.join(import.meta.dirname, 'crawlee.mjs');
const tsx = import.meta.resolve('tsx'); // its process runs in a scratch folder, where a bare `tsx` would not resolve
async function crawleeSample(mode: 'playwright' | 'cheerio', url: string, pages: number, concurrency: number, cwd: string): Promise<Sample> {
  const load = loadavg()[0]!;
  const m = await measure(process.execPath, ['--import', tsx, crawleeScript, mode, url, String(pages), String(concurrency)], {
    cwd,
    env: { BENCH_CRAWLEE_DIR: CRAWLEE_DIR!, BENCH_CHROME: findChrome(), BENCH_CHROME_ARGS: JSON.stringify([...launchArgs(), backgroundHostRules()]) },
  });
  const r = JSON.parse(m.stdout) as { pages: number; ms: number };
  return { pages: r.pages, ms: r.ms, mb: m.treeMb, treeMb: m.treeMb, load };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Figure {
  figure: string;
  value: number;
  unit: string;
  /** value ÷ reference, where there is one. */
  ratio?: number;
  against?: string;
  target?: string;
  met?: boolean;
  note?: string;
}
const figures: Figure[] = [];
function report(f: Figure): void {
  figures.push(f);
  const value = f.unit === 'MB' || f.unit === 'ms' ? Math.round(f.value).toLocaleString('en-US') : f.value.toFixed(f.value >= 100 ? 0 : 2);
  const ratio = f.ratio !== undefined ? `${f.ratio.toFixed(2)}× ${f.against}` : '';
  const target = f.target ? `target ${f.target}: ${f.met ? 'met' : 'not met'}` : '';
  log(`${f.figure.padEnd(52)} ${`${value} ${f.unit}`.padStart(14)}   ${ratio.padEnd(34)} ${target}${f.note ? `  (${f.note})` : ''}`);
}
const log = (s: string): void => {
  if (!JSON_OUT) console.log(s);
  else process.stderr.write(`${s}\n`);
};

async function auditFile(dir: string, url: string, pages: number): Promise<string> {
  const file = path.join(dir, `audit-${pages}.yaml`);
  await writeFile(
    file,
    `brand: Spoke\nsite:\n  url: ${url}\ncrawl: { maxPages: ${pages}, maxDepth: 50, render: static, delayMs: 0, concurrency: ${CONCURRENCY}, groupShare: 1 }\n`,
  );
  return file;
}

const work = await mkdtemp(path.join(tmpdir(), 'conductor-bench-'));
const largest = Math.max(PAGES, SMALL, MEMORY_PAGES);
const site = await serveSite(largest + 100, LATENCY);
const t0 = performance.now();
try {
  log(
    `conductor-audit benchmark: generated site on 127.0.0.1 (~47 KB pages, 20 links, ${LATENCY} ms latency), concurrency ${CONCURRENCY}; ` +
      `${cpus().length} cores, Node ${process.version}, load ${loadavg()[0]!.toFixed(1)}`,
  );

  // 1. Static crawl against the bare loop, interleaved so drift on a shared machine hits both alike.
  const crawl: Record<number, { base: number; ours: number; baseMb: number; oursMb: number; oursMs: number }> = {};
  for (const n of ONLY_BROWSER ? [] : [SMALL, PAGES]) {
    const base: Array<{ ms: number; mb: number }> = [];
    const ours: Array<{ ms: number; mb: number }> = [];
    const repeats = n === SMALL ? Math.max(3, REPEATS) : REPEATS;
    for (let i = 0; i < repeats; i++) {
      base.push(await crawlSample('baseline', site.url, n));
      ours.push(await crawlSample('static', site.url, n));
    }
    const b = median(base.map((x) => (n / x.ms) * 1000));
    const o = median(ours.map((x) => (n / x.ms) * 1000));
    crawl[n] = { base: b, ours: o, baseMb: median(base.map((x) => x.mb)), oursMb: median(ours.map((x) => x.mb)), oursMs: median(ours.map((x) => x.ms)) };
    report({ figure: `bare fetch+cheerio loop, ${n} pages`, value: b, unit: 'pages/s' });
    report({ figure: `bare loop peak RSS, ${n} pages`, value: crawl[n].baseMb, unit: 'MB' });
    report({
      figure: `static crawl, ${n} pages`,
      value: o,
      unit: 'pages/s',
      ratio: o / b,
      against: 'the bare loop',
      ...(n === PAGES ? { target: '≥ 0.95×', met: o / b >= 0.95 } : {}),
    });
    report({
      figure: `static crawl peak RSS, ${n} pages`,
      value: crawl[n].oursMb,
      unit: 'MB',
      ratio: crawl[n].oursMb / crawl[n].baseMb,
      against: 'the bare loop',
    });
  }

  // 2. The full run: every format and the archive, through the CLI as a user runs it.
  const runDir = (n: number): string => path.join(work, `run-${n}`);
  const full: Record<number, Measured> = {};
  for (const n of ONLY_BROWSER ? [] : [...new Set([SMALL, PAGES, ...(MEMORY_PAGES ? [MEMORY_PAGES] : [])])].sort((a, b) => a - b)) {
    const runs: Measured[] = [];
    for (let i = 0; i < (n === MEMORY_PAGES ? 1 : REPEATS); i++)
      runs.push(await measure(process.execPath, [CLI, 'run', await auditFile(work, site.url, n), '--out', runDir(n), '--force', '--allow-private', '-q']));
    const m = runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
    full[n] = m;
    const crawlMs = crawl[n] ? crawl[n].oursMs : null;
    report({
      figure: `full run (pdf, html, json, md, archive), ${n} pages`,
      value: m.ms / 1000,
      unit: 's',
      ...(crawlMs ? { ratio: m.ms / crawlMs, against: 'the crawl alone' } : {}),
      ...(n === PAGES && crawlMs ? { target: '≤ 1.3×', met: m.ms / crawlMs <= 1.3 } : {}),
    });
    report({
      figure: `full run peak RSS (Node), ${n} pages`,
      value: m.nodeMb,
      unit: 'MB',
      ...(n === PAGES ? { target: '≤ 500 MB', met: m.nodeMb <= 500 } : {}),
      ...(n !== SMALL && full[SMALL] ? { ratio: m.nodeMb / full[SMALL].nodeMb, against: `${SMALL} pages (×${(n / SMALL).toFixed(1)} pages)` } : {}),
    });
    report({ figure: `full run peak RSS with Chromium and qpdf, ${n} pages`, value: m.treeMb, unit: 'MB' });
  }

  // 3. Re-scoring the big crawl from its archive, JSON only and with the PDF; the PDF itself.
  if (!ONLY_BROWSER) {
    const rescore = async (formats: string): Promise<Measured> =>
      measure(process.execPath, [
        CLI,
        'run',
        await auditFile(work, site.url, PAGES),
        '--from-archive',
        runDir(PAGES),
        '--out',
        path.join(work, `rescore-${formats}`),
        '--force',
        '--formats',
        formats,
        '-q',
      ]);
    const json = await rescore('json');
    report({ figure: `--from-archive, ${PAGES} pages, JSON only`, value: json.ms / 1000, unit: 's', target: '≤ 5 s', met: json.ms <= 5000 });
    report({ figure: `--from-archive, ${PAGES} pages, JSON only, peak RSS`, value: json.nodeMb, unit: 'MB' });
    // The same with the kept extractions set aside (as for an archive written by another build, or another version
    // of the signals): every page parsed and read again.
    const facts = path.join(runDir(PAGES), 'archive', 'extracted.jsonl.gz');
    const hasFacts = await stat(facts).then(
      () => true,
      () => false,
    );
    if (hasFacts) {
      await rename(facts, `${facts}.aside`);
      const cold = await rescore('json');
      await rename(`${facts}.aside`, facts);
      report({
        figure: `--from-archive, ${PAGES} pages, JSON only, every page read again`,
        value: cold.ms / 1000,
        unit: 's',
        ratio: cold.ms / json.ms,
        against: 'with the kept extractions',
      });
    } else log(`--from-archive, ${PAGES} pages: the archive holds no kept extractions (a build before them), so both re-scores read every page`);
    const withPdf = await rescore('json,pdf');
    report({ figure: `--from-archive, ${PAGES} pages, JSON and PDF`, value: withPdf.ms / 1000, unit: 's', ratio: withPdf.ms / json.ms, against: 'JSON only' });
    const html = path.join(runDir(PAGES), 'report.html');
    const pdf = await measure(process.execPath, ['--import', 'tsx', worker, 'pdf', html, path.join(work, 'bench.pdf'), '0']);
    const { ms: pdfMs } = JSON.parse(pdf.stdout) as { ms: number };
    const pdfMb = (await stat(path.join(runDir(PAGES), 'report.pdf'))).size / 1048576;
    const htmlMb = (await stat(html)).size / 1048576;
    report({
      figure: `PDF render (${htmlMb.toFixed(1)} MB of HTML), ${PAGES}-page audit`,
      value: pdfMs / 1000,
      unit: 's',
      target: '≤ 6 s',
      met: pdfMs <= 6000,
    });
    report({ figure: `PDF size, ${PAGES}-page audit`, value: pdfMb, unit: 'MB', target: '≤ 5 MB', met: pdfMb <= 5 });
  }

  // 4. Browser mode (Chromium's processes included in its memory), at concurrency 2 and 4; with BENCH_CRAWLEE_DIR,
  // against Crawlee's PlaywrightCrawler (same site, pages and concurrency; three runs each, interleaved, median), and
  // the static crawl against its CheerioCrawler. Memory here is the process tree's peak sampled from outside, the same
  // way for both.
  const loads = (xs: Sample[]): string => {
    const l = xs.map((x) => x.load).sort((a, b) => a - b);
    return `load ${l[0]!.toFixed(1)}–${l[l.length - 1]!.toFixed(1)}`;
  };
  if (WITH_BROWSER && CRAWLEE_DIR) {
    const scratch = path.join(work, 'crawlee');
    await mkdir(scratch, { recursive: true });
    const repeats = Math.max(3, REPEATS);
    for (const c of [2, 4]) {
      const ours: Sample[] = [];
      const theirs: Sample[] = [];
      for (let i = 0; i < repeats; i++) {
        ours.push(await crawlSample('browser', site.url, BROWSER_PAGES, c));
        theirs.push(await crawleeSample('playwright', site.url, BROWSER_PAGES, c, scratch));
      }
      const perMin = (xs: Sample[]): number => median(xs.map((x) => (x.pages / x.ms) * 60_000));
      const mb = (xs: Sample[]): number => median(xs.map((x) => x.treeMb));
      const [o, t] = [perMin(ours), perMin(theirs)];
      report({ figure: `Crawlee PlaywrightCrawler, concurrency ${c}, ${BROWSER_PAGES} pages`, value: t, unit: 'pages/min', note: loads(theirs) });
      report({ figure: `Crawlee PlaywrightCrawler peak RSS with Chromium, c ${c}`, value: mb(theirs), unit: 'MB' });
      report({
        figure: `browser mode, concurrency ${c}, ${BROWSER_PAGES} pages`,
        value: o,
        unit: 'pages/min',
        ratio: o / t,
        against: 'Crawlee PlaywrightCrawler',
        target: '≥ 1.2×',
        met: o / t >= 1.2,
        note: loads(ours),
      });
      report({
        figure: `browser mode peak RSS with Chromium, concurrency ${c}`,
        value: mb(ours),
        unit: 'MB',
        ratio: mb(ours) / mb(theirs),
        against: 'Crawlee PlaywrightCrawler',
        target: '≤ 0.8×',
        met: mb(ours) / mb(theirs) <= 0.8,
      });
    }
    const ours: Sample[] = [];
    const theirs: Sample[] = [];
    for (let i = 0; i < repeats; i++) {
      ours.push(await crawlSample('static', site.url, SMALL));
      theirs.push(await crawleeSample('cheerio', site.url, SMALL, CONCURRENCY, scratch));
    }
    const perS = (xs: Sample[]): number => median(xs.map((x) => (x.pages / x.ms) * 1000));
    const mb = (xs: Sample[]): number => median(xs.map((x) => x.treeMb));
    report({ figure: `Crawlee CheerioCrawler, ${SMALL} pages`, value: perS(theirs), unit: 'pages/s', note: loads(theirs) });
    report({ figure: `Crawlee CheerioCrawler peak RSS, ${SMALL} pages`, value: mb(theirs), unit: 'MB' });
    report({
      figure: `static crawl, ${SMALL} pages`,
      value: perS(ours),
      unit: 'pages/s',
      ratio: perS(ours) / perS(theirs),
      against: 'Crawlee CheerioCrawler',
      note: loads(ours),
    });
    report({ figure: `static crawl peak RSS, ${SMALL} pages`, value: mb(ours), unit: 'MB', ratio: mb(ours) / mb(theirs), against: 'Crawlee CheerioCrawler' });
  } else if (WITH_BROWSER) {
    for (const c of [2, 4]) {
      const b = await crawlSample('browser', site.url, BROWSER_PAGES, c);
      const perMin = (b.pages / b.ms) * 60_000;
      report({
        figure: `browser mode, concurrency ${c}, ${b.pages} pages`,
        value: perMin,
        unit: 'pages/min',
        ...(crawl[SMALL] ? { ratio: perMin / (crawl[SMALL].ours * 60), against: 'the static crawl' } : {}),
        note: loads([b]),
      });
      report({ figure: `browser mode peak RSS with Chromium, concurrency ${c}`, value: b.mb, unit: 'MB' });
    }
  } else log('browser mode: skipped (no Chromium found, or BENCH_BROWSER=0)');
  if (!CRAWLEE_DIR) log('Crawlee (PlaywrightCrawler, CheerioCrawler): not measured; to compare, set BENCH_CRAWLEE_DIR to an install of it (see BENCHMARKS.md)');

  // 5. The demo, end to end, as a new user runs it (build, system check, crawl of the snapshot, every format).
  if (WITH_DEMO && !ONLY_BROWSER) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const demo = await measure(npm, ['start', '--silent'], { node: false });
    const demoRun = await measure(process.execPath, [
      CLI,
      'run',
      path.join(ROOT, 'audits/demo/megamart.yaml'),
      '--out',
      path.join(work, 'demo'),
      '--force',
      '-q',
    ]);
    report({ figure: 'demo `npm start` end to end (build included)', value: demo.ms / 1000, unit: 's' });
    report({
      figure: 'demo audit run alone (megamart, every format)',
      value: demoRun.ms / 1000,
      unit: 's',
      ratio: demoRun.ms / demo.ms,
      against: '`npm start`',
    });
  }
  log(`(benchmark took ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  if (JSON_OUT) process.stdout.write(`${JSON.stringify({ pages: PAGES, concurrency: CONCURRENCY, latencyMs: LATENCY, figures }, null, 2)}\n`);
} finally {
  await site.close();
  if (process.env.BENCH_KEEP !== '1') await rm(work, { recursive: true, force: true });
  else log(`outputs kept in ${work}`);
}
