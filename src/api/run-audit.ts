// The library API the CLI calls: audit a site (crawl → signals → score → traffic) into one AuditResult, then
// render it to the requested formats and write them.
import path from 'node:path';
import { DEFAULTS } from '../config/defaults.js';
import type { ResolvedAudit } from '../config/load-audit.js';
import { crawlSite } from '../crawl/crawler.js';
import { serveDirectory } from '../crawl/static-server.js';
import type { CrawlProgress, CrawlResult, RenderMode } from '../crawl/types.js';
import { AuditResultSchema } from '../result/schema.js';
import type { AuditResult } from '../result/types.js';
import { loadRubric, type Rubric } from '../score/rubric.js';
import { scoreAudit } from '../score/score.js';
import { runSignals } from '../signals/run-signals.js';
import { analyseTraffic, importTraffic } from '../traffic/index.js';
import type { TrafficResult } from '../traffic/types.js';
import { VERSION } from '../version.js';
import { rewriteOrigin, summariseCrawl } from './crawl-summary.js';
import { renderAll, requireChrome } from './render-outputs.js';
import { assertNoEarlierResults, defaultRunDir, OUTPUT_FILES, writeOutputs, type OutputFormat } from './outputs.js';

export interface AuditOptions {
  /** Overrides of the audit file's crawl settings (CLI flags). */
  maxPages?: number;
  render?: RenderMode;
  rubricFile?: string;
  onProgress?: (p: CrawlProgress) => void;
  signal?: AbortSignal;
  /** Clock for generatedAt (tests pin it). */
  now?: () => Date;
}

export function defaultUserAgent(): string {
  return `conductor-audit/${VERSION} (+${DEFAULTS.projectUrl})`;
}

/** Crawl a site (or its saved snapshot) and score it. Never throws for a site that misbehaves: that is in the result. */
export async function auditSite(audit: ResolvedAudit, opts: AuditOptions = {}): Promise<AuditResult> {
  const rubric: Rubric = await loadRubric(opts.rubricFile);
  const crawlConfig = { ...audit.crawl, ...(opts.maxPages ? { maxPages: opts.maxPages } : {}), ...(opts.render ? { render: opts.render } : {}) };
  const warnings: string[] = [];
  const userAgent = crawlConfig.userAgent ?? defaultUserAgent();

  let crawl: CrawlResult;
  const server = audit.site.snapshot ? await serveDirectory(audit.site.snapshot) : null;
  try {
    const canonical = new URL(audit.site.url);
    const startUrl = server ? new URL(canonical.pathname + canonical.search, server.url).toString() : canonical.toString();
    crawl = await crawlSite({
      startUrl,
      maxPages: crawlConfig.maxPages,
      maxDepth: crawlConfig.maxDepth,
      render: crawlConfig.render,
      include: crawlConfig.include,
      exclude: crawlConfig.exclude,
      delayMs: crawlConfig.delayMs,
      concurrency: crawlConfig.concurrency,
      userAgent,
      robotsToken: DEFAULTS.robotsToken,
      timeoutMs: crawlConfig.timeoutMs,
      maxBytes: DEFAULTS.crawl.maxBytes,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (server) crawl = rewriteOrigin(crawl, server.url, canonical.toString());
  } finally {
    await server?.close();
  }
  if (crawlConfig.render !== 'static') {
    warnings.push(`Render mode "${crawlConfig.render}" is not available in this version; pages were fetched statically (HTML as served, no JavaScript).`);
  }
  if (crawl.pages.length === 0) {
    warnings.push(`No page could be fetched from ${audit.site.url}: the audit has no evidence. See "Coverage and limits" for what the crawler met.`);
  }
  if (crawl.stoppedEarly) warnings.push(`The crawl stopped early: ${crawl.stoppedEarly}.`);

  const runs = runSignals({ siteUrl: audit.site.url, startUrl: crawl.startUrl, pages: crawl.pages, records: crawl.records });
  const { questions, index } = scoreAudit(runs, rubric, audit.analyst);

  let traffic: TrafficResult | null = null;
  if (audit.traffic) {
    // The report goes to a client: name the file, not the analyst's local folders.
    const file = audit.traffic.file;
    const local = (s: string): string => s.split(file).join(path.basename(file));
    try {
      const analysed: TrafficResult = analyseTraffic(await importTraffic(file, audit.traffic.format ? { format: audit.traffic.format } : {}));
      traffic = { ...analysed, source: local(analysed.source), warnings: analysed.warnings.map(local) };
      warnings.push(...traffic.warnings.map((w) => `Traffic: ${w}`));
    } catch (e) {
      // Bad traffic data never sinks the audit: the report renders without the traffic section and says why.
      warnings.push(`Traffic data left out: ${local((e as Error).message)}`);
    }
  }

  const result: AuditResult = {
    schemaVersion: 1,
    brand: audit.brand,
    site: { url: audit.site.url, servedFrom: audit.site.snapshot ? `saved snapshot (${path.basename(audit.site.snapshot)}) served on 127.0.0.1` : null },
    generatedAt: (opts.now?.() ?? new Date()).toISOString(),
    tool: { name: 'conductor-audit', version: VERSION },
    report: {
      title: audit.report.title ?? `${audit.brand}: social producer or social conductor?`,
      analyst: { name: audit.report.analyst.name ?? null, organisation: audit.report.analyst.organisation ?? null },
    },
    crawl: summariseCrawl(crawl, { maxPages: crawlConfig.maxPages, maxDepth: crawlConfig.maxDepth }),
    questions,
    index,
    rubric: { name: rubric.name, version: rubric.version },
    traffic,
    warnings,
  };
  // The contract every renderer reads: fail loudly here rather than render a malformed report.
  return AuditResultSchema.parse(result);
}

export interface RunAuditOptions extends AuditOptions {
  audit: ResolvedAudit;
  /** Exact output folder; without it, output/<brand-slug>/<timestamp>/ under `outputRoot`. */
  outDir?: string;
  outputRoot?: string;
  force?: boolean;
  formats?: OutputFormat[];
  /** Replace any partial with one from this folder. */
  templatesDir?: string;
}

export interface RunAuditResult {
  result: AuditResult;
  outDir: string;
  files: string[];
}

export async function runAudit(opts: RunAuditOptions): Promise<RunAuditResult> {
  const formats = opts.formats ?? (['pdf', 'html', 'json', 'md'] as OutputFormat[]);
  // Fail before a long crawl if the PDF cannot be made.
  if (formats.includes('pdf')) requireChrome();
  if (opts.outDir && !opts.force) await assertNoEarlierResults(path.resolve(opts.outDir), formats.map((f) => OUTPUT_FILES[f]));
  const result = await auditSite(opts.audit, opts);
  const rendered = await renderAll(result, opts.audit, formats, opts.templatesDir);
  const outDir = opts.outDir ? path.resolve(opts.outDir) : await defaultRunDir(path.resolve(opts.outputRoot ?? 'output'), result.brand, new Date(result.generatedAt));
  const files = await writeOutputs(
    outDir,
    formats.map((f) => ({ name: OUTPUT_FILES[f], data: rendered[f]! })),
    { force: Boolean(opts.force) },
  );
  return { result, outDir, files };
}
