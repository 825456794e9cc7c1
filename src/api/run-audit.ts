// The library API the CLI calls: audit a site (crawl → signals → score → traffic) into one AuditResult, then
// render it to the requested formats and write them, with the crawl archived beside them.
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULTS } from '../config/defaults.js';
import type { ResolvedAudit } from '../config/load-audit.js';
import { ARCHIVE_FILE, asArchived, asArchivedPage, readArchive, resolveArchivePath, writeArchive } from '../crawl/archive.js';
import { crawlSite } from '../crawl/crawler.js';
import { loadSessionFile, type SessionCookie } from '../crawl/session.js';
import { serveDirectory } from '../crawl/static-server.js';
import type { CrawlProgress, CrawlResult, PageSnapshot, RenderMode } from '../crawl/types.js';
import { AUDIT_SCHEMA_VERSION, AuditResultSchema, QUESTION_IDS } from '../result/schema.js';
import { diffRuns, type NoiseBands, type RunDelta } from '../result/deltas.js';
import type { AuditResult } from '../result/types.js';
import { loadRubric, type Rubric } from '../score/rubric.js';
import { scoreAudit } from '../score/score.js';
import { FACTS_FILE, readFacts } from '../signals/facts.js';
import { outcomeOf, runSignalsOnSite, type ExtractedPage } from '../signals/run-signals.js';
import { SignalStream } from '../signals/stream.js';
import { HtmlSpool } from '../crawl/spool.js';
import { analyseTraffic, importTraffic } from '../traffic/index.js';
import type { TrafficResult } from '../traffic/types.js';
import { UserError } from '../util/errors.js';
import { plainLine } from '../util/plain-line.js';
import type { Locale } from '../i18n/index.js';
import { VERSION } from '../version.js';
import { pageRewriter, rewriteOrigin, summariseCrawl } from './crawl-summary.js';
import { defaultRunDir, OUTPUT_FILES, type OutputFormat } from './outputs.js';
import { fsProblem, RunFolder } from './run-folder.js';
import { renderWithCrops, requireChrome } from './render-outputs.js';
import { ChromeNotFoundError } from '../util/chrome.js';
import { checkTemplates } from '../report/handlebars.js';
import { LogoError, loadLogo } from '../report/theme.js';

export interface AuditOptions {
  /** Overrides of the audit file's crawl settings (CLI flags). */
  maxPages?: number;
  allowPrivateNetwork?: boolean;
  render?: RenderMode;
  rubricFile?: string;
  /** Re-score a saved crawl (a run folder, an archive folder or the .warc.gz) instead of crawling. */
  fromArchive?: string;
  /** Where the signals keep each page's extraction while they read it, for the archive (facts.ts). */
  factsFile?: string;
  onProgress?: (p: CrawlProgress) => void;
  signal?: AbortSignal;
}

export function defaultUserAgent(): string {
  return `conductor-audit/${VERSION} (+${DEFAULTS.projectUrl})`;
}

function crawlSettings(audit: ResolvedAudit, opts: AuditOptions) {
  return {
    ...audit.crawl,
    ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
    ...(opts.render ? { render: opts.render } : {}),
    ...(opts.allowPrivateNetwork ? { allowPrivateNetwork: true } : {}),
  };
}

/**
 * Crawl the live site, or its saved snapshot served on 127.0.0.1 and reported under the canonical URL. `onScoredPage`
 * gets each page as it is fetched, exactly as the returned crawl will hold it (the signals start on it at once).
 */
export async function crawlForAudit(
  audit: ResolvedAudit,
  opts: AuditOptions = {},
  onScoredPage?: (page: PageSnapshot) => void,
  /** Where the pages' HTML is kept instead of memory (the caller closes it once done with the crawl). */
  spool?: HtmlSpool,
): Promise<CrawlResult> {
  const settings = crawlSettings(audit, opts);
  const canonical = new URL(audit.site.url);
  let session: SessionCookie[] | undefined;
  if (settings.session) {
    try {
      session = await loadSessionFile(settings.session);
    } catch (e) {
      throw new UserError(
        `crawl.session: cannot read ${path.basename(settings.session)}: ${(e as Error).message}. Export the cookies as a cookies.txt file or a Playwright storage state (JSON).`,
      );
    }
  }
  const server = audit.site.snapshot ? await serveDirectory(audit.site.snapshot) : null;
  try {
    const startUrl = server ? new URL(canonical.pathname + canonical.search, server.url).toString() : canonical.toString();
    const rewrite = server ? pageRewriter(server.url, canonical.toString()) : null;
    const onPage = onScoredPage ? (p: PageSnapshot) => onScoredPage(asArchivedPage(rewrite ? rewrite(p) : p)) : undefined;
    const crawl = await crawlSite({
      startUrl,
      maxPages: settings.maxPages,
      maxDepth: settings.maxDepth,
      render: settings.render,
      include: settings.include,
      exclude: settings.exclude,
      delayMs: settings.delayMs,
      concurrency: settings.concurrency,
      userAgent: settings.userAgent ?? defaultUserAgent(),
      robotsToken: DEFAULTS.robotsToken,
      timeoutMs: settings.timeoutMs,
      maxBytes: DEFAULTS.crawl.maxBytes,
      perHostConcurrency: settings.concurrency,
      ...(session ? { session } : {}),
      groupShare: settings.groupShare,
      sitemaps: settings.sitemaps,
      // A snapshot is served on 127.0.0.1 by us; otherwise private addresses only when the user allowed them.
      allowPrivateNetwork: settings.allowPrivateNetwork || Boolean(server),
      ...(settings.timeBudgetSec ? { timeBudgetMs: settings.timeBudgetSec * 1000 } : {}),
      // A snapshot's sitemap and absolute links name the real site: treat them as the local copy.
      ...(server ? { originAliases: [canonical.origin] } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(onPage ? { onPage } : {}),
      ...(spool ? { spool } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    // Scored exactly as it will read back from the archive, so a re-run from the archive gives the same audit.
    return asArchived(server ? rewriteOrigin(crawl, server.url, canonical.toString()) : crawl);
  } catch (e) {
    // Browser and auto modes need Chromium: its absence is the user's fix to make (the error names it).
    if (e instanceof ChromeNotFoundError) throw new UserError(e.message);
    throw e;
  } finally {
    await server?.close();
  }
}

export async function loadCrawlArchive(input: string): Promise<CrawlResult> {
  return (await loadArchiveWithFacts(input, false)).crawl;
}

/**
 * The archived crawl and, with `facts`, the extractions kept beside it (facts.ts) that this build can use as they are.
 */
async function loadArchiveWithFacts(input: string, facts = true): Promise<{ crawl: CrawlResult; extracted: ReadonlyMap<string, ExtractedPage> }> {
  for (const file of resolveArchivePath(path.resolve(input))) {
    if (
      await stat(file).then(
        (s) => s.isFile(),
        () => false,
      )
    ) {
      try {
        const [crawl, extracted] = await Promise.all([
          readArchive(file),
          facts ? readFacts(path.join(path.dirname(file), FACTS_FILE)) : new Map<string, ExtractedPage>(),
        ]);
        return { crawl, extracted };
      } catch (e) {
        throw new UserError(`Cannot re-score from ${file}: ${(e as Error).message}`);
      }
    }
  }
  throw new UserError(
    `No crawl archive found at ${input}: give a run folder (it holds archive/${ARCHIVE_FILE}), an archive folder, or the .warc.gz file itself.`,
  );
}

/** Signals → scores → traffic for a crawl. Pure apart from reading the rubric (unless given) and traffic files. */
export async function scoreCrawl(
  audit: ResolvedAudit,
  crawl: CrawlResult,
  opts: AuditOptions = {},
  loaded?: Rubric,
  stream?: SignalStream,
  /** Pages this build already extracted (kept beside the archive being re-scored), by digest. */
  extracted?: ReadonlyMap<string, ExtractedPage>,
): Promise<AuditResult> {
  const rubric: Rubric = loaded ?? (await loadRubric(opts.rubricFile));
  const settings = crawlSettings(audit, opts);
  const warnings: string[] = [];
  if (crawl.pages.length === 0) {
    warnings.push(`No page could be fetched from ${audit.site.url}: the audit has no evidence. See "Coverage and limits" for what the crawler met.`);
  }
  if (crawl.stoppedEarly) warnings.push(`The crawl stopped early: ${crawl.stoppedEarly}.`);
  const refused = crawl.addressRefusals ?? [];
  if (refused.length) {
    const hosts = [...new Set(refused.map((r) => r.host))];
    warnings.push(
      `${refused.length} request${refused.length === 1 ? ' was' : 's were'} not made because the host resolved to a non-public address (${hosts.slice(0, 3).join(', ')}${hosts.length > 3 ? ', …' : ''}): the crawler does not probe private networks unless allowed (--allow-private).`,
    );
  }
  if (settings.session) {
    warnings.push(
      'Member areas were crawled with a session supplied by the analyst: pages show what a signed-in member sees (the session itself was not stored).',
    );
  }

  const signalInput = { siteUrl: audit.site.url, startUrl: crawl.startUrl, pages: crawl.pages, records: crawl.records };
  // Signals read the pages while the crawl ran (when streamed): the same outcome either way.
  const { runs, community, pages: scoredPages } = stream ? await stream.finish(signalInput) : outcomeOf(runSignalsOnSite(signalInput, undefined, extracted));
  const { questions, index, warnings: scoreWarnings } = scoreAudit(runs, rubric, audit.analyst, community);
  warnings.push(...scoreWarnings);
  if (!community.found && crawl.pages.length > 0) {
    warnings.push(
      'No community was found on the pages crawled (no threads, reviews, ideas or member posts, and no community platform): capture and aims are judged, and there is no producer/conductor verdict.',
    );
  }
  const pageTypes = new Map(
    scoredPages.map((p) => [
      p.url,
      {
        pageType: p.type,
        pageTypeBasis: p.typeBasis,
        platform: p.platforms[0]?.name ?? null,
        ...(p.parseLimited.length ? { parseLimited: p.parseLimited } : {}),
      },
    ]),
  );
  const limited = scoredPages.filter((p) => p.parseLimited.length).length;
  if (limited)
    warnings.push(
      `${limited} page${limited === 1 ? ' was' : 's were'} too deeply nested or too large to parse in full: their deepest parts were read as plain text, or their end was left out.`,
    );

  let traffic: TrafficResult | null = null;
  if (audit.traffic) {
    // The report goes to a client: name the file, not the analyst's local folders.
    const file = audit.traffic.file;
    const local = (s: string): string => s.split(file).join(path.basename(file));
    try {
      const { format, columns, column } = audit.traffic;
      const analysed: TrafficResult = analyseTraffic(
        await importTraffic(file, { ...(format ? { format } : {}), ...(columns ? { columns } : {}), ...(column ? { column } : {}) }),
      );
      traffic = { ...analysed, source: local(analysed.source), warnings: analysed.warnings.map(local) };
      warnings.push(...traffic.warnings.map((w) => `Traffic: ${plainLine(w)}`));
    } catch (e) {
      // Bad traffic data never sinks the audit: the report renders without the traffic section and says why.
      warnings.push(`Traffic data left out: ${plainLine(local((e as Error).message))}`);
    }
  }

  const result: AuditResult = {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    brand: audit.brand,
    site: { url: audit.site.url, servedFrom: audit.site.snapshot ? `saved snapshot (${path.basename(audit.site.snapshot)}) served on 127.0.0.1` : null },
    // The audit is dated by when the site was observed, so re-scoring a saved crawl gives an identical result.
    generatedAt: crawl.startedAt,
    tool: { name: 'conductor-audit', version: VERSION },
    report: {
      // null: the report's own title, in the reader's language.
      title: audit.report.title ?? null,
      analyst: { name: audit.report.analyst.name ?? null, organisation: audit.report.analyst.organisation ?? null },
    },
    crawl: summariseCrawl(crawl, { maxPages: settings.maxPages, maxDepth: settings.maxDepth }, pageTypes),
    questions,
    community: { found: community.found, platform: community.platform, pageTypes: community.pageTypes, memberPosts: community.memberPosts },
    index,
    rubric: {
      name: rubric.name,
      version: rubric.version,
      coverageFloor: { question: rubric.coverageFloor.question, index: rubric.coverageFloor.index },
      questions: QUESTION_IDS.map((id) => ({
        id,
        weight: rubric.questions[id]?.weight ?? 0,
        signals: Object.entries(rubric.questions[id]?.signals ?? {}).map(([signalId, ref]) => ({
          id: signalId,
          weight: ref.weight,
          points: ref.points.map(([v, sc]) => [v, sc] as [number, number]),
          why: ref.why ?? null,
        })),
      })),
    },
    traffic,
    warnings,
  };
  // The contract every renderer reads: fail loudly here rather than render a malformed report.
  return AuditResultSchema.parse(result);
}

/** Crawl (or load the archive) and score. Never throws for a site that misbehaves: that is in the result. */
export async function auditSite(audit: ResolvedAudit, opts: AuditOptions = {}): Promise<AuditResult> {
  return (await auditWithCrawl(audit, opts)).result;
}

async function auditWithCrawl(
  audit: ResolvedAudit,
  opts: AuditOptions,
  rubric?: Rubric,
  spool?: HtmlSpool,
): Promise<{ result: AuditResult; crawl: CrawlResult }> {
  // The rubric is read before the crawl, so a missing --rubric never costs one.
  const loaded = rubric ?? (await loadRubric(opts.rubricFile));
  if (opts.fromArchive) {
    const { crawl, extracted } = await loadArchiveWithFacts(opts.fromArchive);
    return { result: await scoreCrawl(audit, crawl, opts, loaded, undefined, extracted), crawl };
  }
  // The signals read each page while the crawl goes on (a worker thread), not all of them after it.
  const stream = new SignalStream({ factsFile: opts.factsFile });
  try {
    const crawl = await crawlForAudit(audit, opts, (p) => stream.add(p), spool);
    return { result: await scoreCrawl(audit, crawl, opts, loaded, stream), crawl };
  } finally {
    await stream.close();
  }
}

/** The pages' HTML during a run, in its work folder. */
const SPOOL_FILE = 'pages.spool';

export interface RunAuditOptions extends AuditOptions {
  audit: ResolvedAudit;
  /** Exact output folder; without it, output/<brand-slug>/<timestamp>/ under `outputRoot`. */
  outDir?: string;
  outputRoot?: string;
  force?: boolean;
  formats?: OutputFormat[];
  /** Replace any partial with one from this folder. */
  templatesDir?: string;
  /** Language of the report (overrides the audit file's report.language). */
  locale?: Locale;
  /** Keep the crawl as archive/crawl.warc.gz in the output folder (default true; never when re-scoring an archive). */
  archive?: boolean;
  /** An earlier audit of the brand: the result is compared with it and the report gains "Since the last audit". */
  baseline?: { result: AuditResult; source: string | null } | null;
  /** Noise bands for that comparison (default DEFAULTS.ci.noise). */
  noise?: NoiseBands;
}

export interface RunAuditResult {
  result: AuditResult;
  outDir: string;
  files: string[];
  /** The comparison with the baseline, when one was given. */
  delta: RunDelta | null;
}

/**
 * Everything a user can get wrong, checked before the crawl, so a bad logo, template, rubric or output folder never
 * costs one: the browser (for a PDF), the logo, the templates, the rubric. Returns the rubric, loaded once.
 */
export async function preflight(opts: Pick<RunAuditOptions, 'audit' | 'templatesDir' | 'rubricFile'>, formats: OutputFormat[]): Promise<Rubric> {
  if (formats.includes('pdf')) requireChrome();
  const logo = opts.audit.report.analyst.logo;
  if (logo && (formats.includes('pdf') || formats.includes('html'))) {
    try {
      loadLogo(logo);
    } catch (e) {
      if (e instanceof LogoError) throw new UserError(`report.analyst.logo: ${e.message}`);
      throw e;
    }
  }
  if (opts.templatesDir && (formats.includes('pdf') || formats.includes('html'))) {
    try {
      checkTemplates(opts.templatesDir);
    } catch (e) {
      throw new UserError(`The templates in ${opts.templatesDir} cannot be used: ${(e as Error).message}`);
    }
  }
  return loadRubric(opts.rubricFile);
}

/** The output root can be written (each run gets a folder under it): checked before the crawl. */
async function checkWritableRoot(root: string): Promise<void> {
  const probe = path.join(root, `.write-check-${process.pid}`);
  try {
    await mkdir(root, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (e) {
    throw fsProblem(e, root) ?? e;
  }
}

export async function runAudit(opts: RunAuditOptions): Promise<RunAuditResult> {
  const formats = opts.formats ?? (['pdf', 'html', 'json', 'md'] as OutputFormat[]);
  const archive = opts.archive !== false && !opts.fromArchive;
  const rubric = await preflight(opts, formats);
  const root = path.resolve(opts.outputRoot ?? 'output');
  // The folder is locked and checked now; the run is staged beside it and replaces an earlier run only whole.
  let folder = opts.outDir ? await RunFolder.open(path.resolve(opts.outDir), { force: Boolean(opts.force) }) : null;
  if (!folder) await checkWritableRoot(root);
  let writing = false;
  // The run's work folder: the pages' HTML while the run needs it (spool.ts), and the archive, made here first (each
  // page's extraction as the signals read it, then the pages, packed while the report renders) and copied into the
  // run folder with the report.
  let workDir: string | null = null;
  let spool: HtmlSpool | undefined;
  try {
    const work = (workDir = await mkdtemp(path.join(tmpdir(), 'conductor-audit-run-')));
    const factsFile = archive ? path.join(work, FACTS_FILE) : undefined;
    if (!opts.fromArchive) spool = new HtmlSpool(path.join(work, SPOOL_FILE));
    const { result, crawl } = await auditWithCrawl(opts.audit, { ...opts, ...(factsFile ? { factsFile } : {}) }, rubric, spool);
    const delta = opts.baseline ? diffRuns(opts.baseline.result, result, opts.noise ?? DEFAULTS.ci.noise, opts.baseline.source) : null;
    // The archive is packed (on the thread pool) while the report renders (in Chromium), not after it.
    const archiving = archive ? writeArchive(work, crawl, `conductor-audit ${VERSION}`) : Promise.resolve('');
    archiving.catch(() => undefined); // awaited below, on every path
    let rendered: Awaited<ReturnType<typeof renderWithCrops>>;
    try {
      // Crops of the headline findings' pages from the HTML just read (never the live site again), and the PDF: one browser.
      rendered = await renderWithCrops(result, opts.audit, formats, crawl.pages, {
        delta,
        ...(opts.templatesDir ? { templatesDir: opts.templatesDir } : {}),
        ...(opts.locale ? { locale: opts.locale } : {}),
        ...(crawl.screenshots?.length ? { screenshots: crawl.screenshots } : {}),
      });
    } catch (e) {
      await archiving.catch(() => undefined);
      throw e;
    }
    folder ??= await RunFolder.open(await defaultRunDir(root, result.brand, new Date(result.generatedAt)), { force: false });
    writing = true;
    for (const f of formats) await folder.write(OUTPUT_FILES[f], rendered[f]!);
    if (archive) {
      const archiveDir = folder.stagingPath('archive');
      await archiving.catch((e: unknown) => Promise.reject(fsProblem(e, work) ?? e));
      await mkdir(archiveDir, { recursive: true });
      await copyFile(path.join(work, ARCHIVE_FILE), path.join(archiveDir, ARCHIVE_FILE)).catch((e: unknown) => Promise.reject(fsProblem(e, folder!.dir) ?? e));
      // Only a cache for re-scoring: an archive without it is complete.
      await copyFile(path.join(work, FACTS_FILE), path.join(archiveDir, FACTS_FILE)).catch(() => undefined);
    }
    const files = await folder.commit();
    writing = false;
    return { result, outDir: folder.dir, files, delta };
  } finally {
    // A failure while writing keeps the staging folder (its error names it); anything earlier leaves nothing behind.
    await folder?.close({ keepStaging: writing });
    spool?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}
