// `npm run validate:real`: audits real pages nobody on this project wrote (../shared/corpus, or $CONDUCTOR_CORPUS)
// and prints how far the audit is from the expectations written down before tuning
// (test/validation/real-expectations.yaml). Not part of `npm test`: the corpus is not in the repository.
//
// Every page is served on 127.0.0.1 at its original path and audited like a one-page site (crawl → signals →
// score), reported under its original URL. The forum archive is crawled as a whole with its page budget.
// Per-page results go to output/validate-real/<time>.json so two runs can be compared.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { auditFromFlags, loadAuditFile, type ResolvedAudit } from '../src/config/load-audit.js';
import { crawlSite } from '../src/crawl/crawler.js';
import { asArchived } from '../src/crawl/archive.js';
import { rewriteOrigin } from '../src/api/crawl-summary.js';
import { crawlForAudit, defaultUserAgent, scoreCrawl } from '../src/api/run-audit.js';
import { DEFAULTS } from '../src/config/defaults.js';
import { buildPageContext } from '../src/signals/page-context.js';
import type { AuditResult } from '../src/result/types.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = process.env.CONDUCTOR_CORPUS ? path.resolve(process.env.CONDUCTOR_CORPUS) : path.resolve(REPO, '../shared/corpus');
const EXPECTATIONS = path.join(REPO, 'test/validation/real-expectations.yaml');
const ARGS = new Set(process.argv.slice(2));

interface CorpusRow {
  file: string;
  page_type: 'forum' | 'product' | 'collection' | 'service' | 'documentation';
  domain: string;
  url: string;
  title: string;
}

interface PageOutcome {
  file: string;
  label: CorpusRow['page_type'];
  url: string;
  pageType: string | null;
  platform: string | null;
  communityFound: boolean | null;
  /** scored, insufficient-evidence, no-community or not-measured (results from before the three states: derived). */
  status: string;
  index: number | null;
  band: string | null;
  questions: Record<string, number | null>;
  /** Signal id → its score when measured, else its state (not-applicable, not-measured). */
  signals?: Record<string, number | string | null>;
  /** Scored, or explicitly "not a community page". */
  ended: boolean;
  error?: string;
}

/** A server that answers one HTML page at one path (any query), and 404 for everything else (robots.txt too). */
async function serveOnePage(pathname: string, body: Buffer): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && p === pathname) res.writeHead(200, { 'content-type': 'text/html' }).end(body);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

type PageRecordWithType = AuditResult['crawl']['pages'][number] & { pageType?: string; platform?: string | null };

/** audit.json's page type for a fetched URL; results from before page types were recorded are classified here. */
function pageTypeOf(result: AuditResult, url: string, html: string | null): { pageType: string | null; platform: string | null } {
  const rec = result.crawl.pages.find((p) => p.url === url && p.outcome === 'fetched') as PageRecordWithType | undefined;
  if (rec?.pageType !== undefined) return { pageType: rec.pageType, platform: rec.platform ?? null };
  if (html === null) return { pageType: null, platform: null };
  const ctx = buildPageContext({ url, finalUrl: url, status: 200, headers: {}, html, depth: 0, redirectChain: [], renderMode: 'static' });
  return { pageType: ctx.type, platform: null };
}

function communityOf(result: AuditResult): boolean | null {
  const c = (result as AuditResult & { community?: { found: boolean } }).community;
  return c ? c.found : null;
}

function outcomeOf(row: CorpusRow, result: AuditResult, page: { url: string; html: string } | undefined): PageOutcome {
  const { pageType, platform } = page ? pageTypeOf(result, page.url, page.html) : { pageType: null, platform: null };
  const communityFound = communityOf(result);
  const index = result.index.score;
  const status = (result.index as { status?: string }).status ?? (index === null ? 'not-measured' : 'scored');
  return {
    file: row.file,
    label: row.page_type,
    url: row.url,
    pageType,
    platform,
    communityFound,
    status,
    index,
    band: result.index.label,
    questions: Object.fromEntries(result.questions.map((q) => [q.id, q.score])),
    // Each signal's state and score, so a saturated question can be traced to the signals that saturate it.
    signals: Object.fromEntries(result.questions.flatMap((q) => q.signals.map((sg) => [sg.id, sg.status === 'measured' ? sg.score : sg.status]))),
    ended: status === 'scored' || status === 'no-community',
  };
}

async function auditOnePage(row: CorpusRow): Promise<PageOutcome> {
  const body = await readFile(path.join(CORPUS, 'real-pages', row.file));
  const original = new URL(row.url);
  const server = await serveOnePage(original.pathname, body);
  try {
    const audit = auditFromFlags({ brand: row.domain, site: { url: row.url }, crawl: { maxPages: 1, delayMs: 0, sitemaps: false } });
    const crawl = await crawlSite({
      startUrl: server.origin + original.pathname + original.search,
      maxPages: 1,
      maxDepth: 0,
      render: 'static',
      include: [],
      exclude: [],
      delayMs: 0,
      concurrency: 1,
      userAgent: defaultUserAgent(),
      robotsToken: DEFAULTS.robotsToken,
      timeoutMs: 20_000,
      maxBytes: DEFAULTS.crawl.maxBytes,
      sitemaps: false,
    });
    const scored = asArchived(rewriteOrigin(crawl, server.origin, row.url));
    return outcomeOf(row, await scoreCrawl(audit, scored), scored.pages[0]);
  } catch (e) {
    return {
      file: row.file,
      label: row.page_type,
      url: row.url,
      pageType: null,
      platform: null,
      communityFound: null,
      status: 'error',
      index: null,
      band: null,
      questions: {},
      ended: false,
      error: (e as Error).message,
    };
  } finally {
    await server.close();
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const share = (n: number, d: number): number | null => (d ? n / d : null);
const fmt = (x: number | null, digits = 0): string => (x === null ? '–' : x.toFixed(digits));
const pctOf = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(0)} %`);

interface Check {
  measure: string;
  found: string;
  target: string;
  ok: boolean | null;
}

function check(measure: string, value: number | null, op: '>=' | '<=', target: number, asPct = false): Check {
  const ok = value === null ? null : op === '>=' ? value >= target : value <= target;
  const show = (x: number | null) => (asPct ? pctOf(x) : fmt(x));
  return { measure, found: show(value), target: `${op} ${show(target)}`, ok };
}

async function auditArchive(
  maxPages: number,
): Promise<{ result: AuditResult; threadFetched: number; threadTyped: number; categoryFetched: number; categoryTyped: number; types: Record<string, number> }> {
  const dir = path.join(CORPUS, 'sites/gbadev-forum-archive');
  const flags = auditFromFlags({
    brand: 'gbadev.org forum',
    site: { url: 'https://forum.gbadev.example/index.html' },
    crawl: { maxPages, delayMs: 0, concurrency: 2 },
  });
  const audit: ResolvedAudit = { ...flags, site: { ...flags.site, snapshot: dir } };
  const crawl = await crawlForAudit(audit);
  const result = await scoreCrawl(audit, crawl);
  const typed = new Map<string, string | null>();
  for (const page of crawl.pages) typed.set(page.url, pageTypeOf(result, page.url, page.html).pageType);
  const threads = crawl.pages.filter((p) => /\/thread\//.test(new URL(p.url).pathname));
  const categories = crawl.pages.filter((p) => /\/category\//.test(new URL(p.url).pathname));
  const types: Record<string, number> = {};
  for (const t of typed.values()) types[t ?? 'none'] = (types[t ?? 'none'] ?? 0) + 1;
  return {
    result,
    threadFetched: threads.length,
    threadTyped: threads.filter((p) => typed.get(p.url) === 'thread').length,
    categoryFetched: categories.length,
    categoryTyped: categories.filter((p) => typed.get(p.url) === 'listing').length,
    types,
  };
}

async function auditDemo(name: string): Promise<AuditResult> {
  const audit = await loadAuditFile(path.join(REPO, 'audits/demo', `${name}.yaml`));
  return scoreCrawl(audit, await crawlForAudit(audit));
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const indexFile = path.join(CORPUS, 'real-pages/index.json');
  if (!existsSync(indexFile)) {
    console.log(`validate:real skipped: no corpus at ${CORPUS} (set CONDUCTOR_CORPUS to the folder holding real-pages/ and sites/).`);
    return;
  }
  const expected = parse(readFileSync(EXPECTATIONS, 'utf8'));
  const rows = (JSON.parse(await readFile(indexFile, 'utf8')) as { rows: CorpusRow[] }).rows;
  const t0 = Date.now();
  const outcomes = await mapLimit(rows, 4, auditOnePage);
  const checks: Check[] = [];
  const labels = ['forum', 'product', 'collection', 'service', 'documentation'] as const;

  console.log(`\nReal pages: ${rows.length} from ${CORPUS} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  const head = ['label', 'pages', 'scored', 'insufficient', 'no community', 'not read', 'index', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'typed as (top)'];
  const body = labels.map((label) => {
    const of = outcomes.filter((o) => o.label === label);
    const scored = of.filter((o) => o.status === 'scored');
    const q = (id: string) => fmt(median(scored.map((o) => o.questions[id]).filter((x): x is number => typeof x === 'number')));
    const types = new Map<string, number>();
    for (const o of of) types.set(o.pageType ?? 'none', (types.get(o.pageType ?? 'none') ?? 0) + 1);
    const top = [...types.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    const count = (st: string) => String(of.filter((o) => o.status === st).length);
    return [
      label,
      String(of.length),
      count('scored'),
      count('insufficient-evidence'),
      count('no-community'),
      String(of.filter((o) => o.status === 'not-measured' || o.status === 'error').length),
      fmt(median(scored.map((o) => o.index!))),
      q('Q1'),
      q('Q2'),
      q('Q3'),
      q('Q4'),
      q('Q5'),
      top,
    ];
  });
  console.log(table([head, ...body]));

  const of = (label: string) => outcomes.filter((o) => o.label === label);
  const e = expected['real-pages'];
  const forum = of('forum');
  checks.push(check('forum pages typed thread', share(forum.filter((o) => o.pageType === 'thread').length, forum.length), '>=', e.forum.typedThread, true));
  checks.push(
    check('forum pages with a community found', share(forum.filter((o) => o.communityFound === true).length, forum.length), '>=', e.forum.communityFound, true),
  );
  checks.push(check('forum pages scored', share(forum.filter((o) => o.status === 'scored').length, forum.length), '>=', e.forum.scored, true));
  checks.push(check('forum median index', median(forum.filter((o) => o.status === 'scored').map((o) => o.index!)), '>=', e.forum.medianIndexAtLeast));
  checks.push(
    check('forum median Q1', median(forum.map((o) => o.questions.Q1).filter((x): x is number => typeof x === 'number')), '>=', e.forum.medianQ1AtLeast),
  );
  for (const label of ['product', 'collection', 'service', 'documentation'] as const) {
    const xs = of(label);
    checks.push(check(`${label} pages not typed thread`, share(xs.filter((o) => o.pageType !== 'thread').length, xs.length), '>=', e[label].notThread, true));
    if (e[label].noCommunity !== undefined)
      checks.push(
        check(
          `${label} pages with no community found`,
          share(xs.filter((o) => o.communityFound === false).length, xs.length),
          '>=',
          e[label].noCommunity,
          true,
        ),
      );
    if (e[label].medianIndexAtMost !== undefined)
      checks.push(
        check(`${label} median index (scored)`, median(xs.filter((o) => o.status === 'scored').map((o) => o.index!)), '<=', e[label].medianIndexAtMost),
      );
  }
  const product = of('product');
  checks.push(
    check(
      'product pages typed product or deal',
      share(product.filter((o) => o.pageType === 'product' || o.pageType === 'deal').length, product.length),
      '>=',
      e.product.typedProductOrDeal,
      true,
    ),
  );
  checks.push(
    check('product median Q3', median(product.map((o) => o.questions.Q3).filter((x): x is number => typeof x === 'number')), '<=', e.product.medianQ3AtMost),
  );

  // Pairs (forum, product-or-collection): right when the forum is scored and the shop page scores lower or was
  // told apart as not a community page. The strict figure counts only pairs where both have an index (a verdict
  // or an insufficient-evidence score).
  const shops = [...product, ...of('collection')];
  let right = 0;
  let strictRight = 0;
  let strictPairs = 0;
  for (const f of forum) {
    for (const s of shops) {
      if (f.index !== null && s.index !== null) {
        strictPairs++;
        if (f.index > s.index) strictRight++;
      }
      if (f.status === 'scored' && (s.status === 'no-community' || (s.index !== null && f.index! > s.index))) right++;
    }
  }
  checks.push(check('forum above product + collection (pairs)', share(right, forum.length * shops.length), '>=', e.orderedPairs, true));
  checks.push({
    measure: '  … of pairs where both are scored',
    found: `${pctOf(share(strictRight, strictPairs))} of ${strictPairs}`,
    target: 'shown',
    ok: null,
  });
  checks.push(check('pages ended (scored or "not a community")', share(outcomes.filter((o) => o.ended).length, outcomes.length), '>=', e.ended, true));
  checks.push({
    measure: '  … and "insufficient evidence" (explicit)',
    found: String(outcomes.filter((o) => o.status === 'insufficient-evidence').length),
    target: 'shown',
    ok: null,
  });
  const scoredAll = outcomes.filter((o) => typeof o.questions.Q1 === 'number');
  checks.push(check('scored pages with Q1 >= 95', share(scoredAll.filter((o) => o.questions.Q1! >= 95).length, scoredAll.length), '<=', e.q1NotAllTop, true));
  const errors = outcomes.filter((o) => o.error);
  if (errors.length) console.log(`\n${errors.length} pages failed to audit:\n${errors.map((o) => `  ${o.file}: ${o.error}`).join('\n')}`);

  if (!ARGS.has('--pages-only')) {
    const a = expected['forum-archive'];
    const t1 = Date.now();
    const archive = await auditArchive(a.maxPages);
    const c = archive.result.crawl;
    console.log(
      `\nForum archive (gbadev.org, maxPages ${a.maxPages}, ${((Date.now() - t1) / 1000).toFixed(1)} s): ${c.pagesFetched} fetched, ${c.pagesFailed} failed ${JSON.stringify(c.failedByReason)}, ` +
        `skipped ${JSON.stringify(c.skippedByReason)}; threads fetched ${archive.threadFetched}, typed thread ${archive.threadTyped}; categories ${archive.categoryFetched}, typed listing ${archive.categoryTyped}; ` +
        `types ${JSON.stringify(archive.types)}; index ${fmt(archive.result.index.score)} (${archive.result.index.label ?? 'no verdict'}), questions ${archive.result.questions.map((q) => `${q.id} ${fmt(q.score)}`).join(' ')}`,
    );
    checks.push(check('archive: pages fetched of 150', c.pagesFetched, '>=', a.fetchedAtLeast));
    checks.push(check('archive: thread pages typed thread', share(archive.threadTyped, archive.threadFetched), '>=', a.threadPagesTypedThread, true));
    checks.push(check('archive: category pages typed listing', share(archive.categoryTyped, archive.categoryFetched), '>=', a.categoryPagesTypedListing, true));
    const found = communityOf(archive.result);
    checks.push({ measure: 'archive: community found', found: String(found), target: 'true', ok: found === null ? null : found === a.communityFound });
    checks.push(check('archive: index', archive.result.index.score, '>=', a.indexAtLeast));

    const [mega, bright] = await Promise.all([auditDemo('megamart'), auditDemo('brightside')]);
    checks.push({
      measure: 'demo: MegaMart band',
      found: `${mega.index.label} (${fmt(mega.index.score)})`,
      target: expected.demo.megamartBand,
      ok: mega.index.label === expected.demo.megamartBand,
    });
    checks.push({
      measure: 'demo: Brightside above MegaMart',
      found: `${fmt(bright.index.score)} vs ${fmt(mega.index.score)}`,
      target: 'above',
      ok: bright.index.score !== null && mega.index.score !== null && bright.index.score > mega.index.score,
    });
  }

  console.log(
    `\n${table([['measure', 'found', 'target', ''], ...checks.map((c) => [c.measure, c.found, c.target, c.ok === null ? '' : c.ok ? 'ok' : 'MISS'])])}`,
  );
  const misses = checks.filter((c) => c.ok === false).length;
  console.log(`\n${misses ? `${misses} expectation${misses === 1 ? '' : 's'} missed` : 'every expectation met'}.`);

  const outDir = path.join(REPO, 'output/validate-real');
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ checks, outcomes }, null, 1));
  console.log(`Per-page results: ${path.relative(process.cwd(), file)}`);
  if (ARGS.has('--strict') && misses) process.exitCode = 1;
}

await main();
