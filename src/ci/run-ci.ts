// `conductor-audit ci`, as a library call. Everything the job is given is checked before the first crawl (bad input
// is exit 2 and nothing runs); then each brand of the shard is audited with runAudit, judged against its
// assertions and compared with its baseline; the job's ci.json, summary.md and junit.xml are written last, so a
// job that fails has saved everything before it exits.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { runAudit } from '../api/run-audit.js';
import { writeOutputs, type OutputFormat } from '../api/outputs.js';
import type { AssertMap } from '../config/assertions.js';
import { DEFAULTS } from '../config/defaults.js';
import { loadJob, type JobAudit } from '../config/load-portfolio.js';
import { readYamlMapping } from '../config/load-audit.js';
import type { RenderMode } from '../crawl/types.js';
import type { Locale } from '../i18n/index.js';
import { buildCiViewModel, type CiViewModel } from '../report/ci-model.js';
import { ChromeNotFoundError, findChrome } from '../util/chrome.js';
import type { BrandCiResult, CiRun, CouldNotRun } from '../result/ci-schema.js';
import type { NoiseBands } from '../result/deltas.js';
import type { AuditResult } from '../result/schema.js';
import { SIGNALS } from '../signals/registry.js';
import { isUserError, UserError } from '../util/errors.js';
import { slugify } from '../util/slug.js';
import { VERSION } from '../version.js';
import { archivesFor } from './archives.js';
import {
  DEFAULT_ASSERTIONS,
  evaluateAssertions,
  normaliseAssertions,
  notRun,
  validateAssertMap,
  type AssertionLayer,
  type NormalisedAssertion,
} from './assertions.js';
import { findBaseline, parseBaselineSpec, type Baseline } from './baseline.js';
import { couldNotRunResult, whyNoEvidence } from './could-not-run.js';
import { exitCodeOf } from './exit-code.js';
import { renderJunit } from './junit.js';
import { inShard, type Shard } from './shard.js';
import { renderCiMarkdown } from './summary.js';

export const CI_FILES = { json: 'ci.json', summary: 'summary.md', junit: 'junit.xml' } as const;

export interface RunCiOptions {
  /** Audit files and portfolio files. */
  files: string[];
  /** Where each brand's runs go (`<root>/<brand-slug>/<timestamp>/`) and the job's own files (`<root>/ci/…`). Default `output`. */
  outputRoot?: string;
  /** A file of assertions (YAML or JSON) laid over those of the portfolios and audit files. */
  assertFile?: string;
  /** Assertions from flags (--min-index, --min-question, --max-drop), laid over everything else. */
  flagAssertions?: AssertMap;
  /** `latest`, an audit.json, or a folder of earlier runs. */
  baseline?: string;
  shard?: Shard | null;
  formats?: OutputFormat[];
  /** Re-score saved crawls: one run folder (one brand) or an output folder of brands' runs. */
  fromArchive?: string;
  maxPages?: number;
  render?: RenderMode;
  rubricFile?: string;
  templatesDir?: string;
  /** Language of the job's summary and of the reports (overrides each audit's report.language). */
  locale?: Locale;
  noise?: NoiseBands;
  /** Called as each brand starts (progress for the CLI). */
  onBrand?: (brand: string, n: number, of: number) => void;
  signal?: AbortSignal;
  /** When the job started (for the name of its folder); default now. */
  now?: Date;
}

export interface RunCiResult {
  run: CiRun;
  view: CiViewModel;
  /** The job's folder (ci.json, summary.md, junit.xml). */
  ciDir: string;
  markdown: string;
  junit: string;
}

interface PlannedBrand {
  job: JobAudit;
  slug: string;
  checks: NormalisedAssertion[];
  baseline: Baseline | null;
  archive: string | null;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** `<root>/ci/<timestamp>[-shard-K-of-N]`, with a suffix when a job in the same second got there first. */
async function jobDir(root: string, now: Date, shard: Shard | null): Promise<string> {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  const base = path.join(root, 'ci', `${stamp}${shard ? `-shard-${shard.index}-of-${shard.total}` : ''}`);
  for (let i = 1; i < 100; i++) {
    const dir = i === 1 ? base : `${base}-${i}`;
    if (!(await exists(dir))) return dir;
  }
  throw new Error(`Could not find a free folder for the job's results under ${base}`);
}

async function loadAssertFile(file: string): Promise<AssertMap> {
  const input = await readYamlMapping(file, 'assertions file', 'it holds a map such as `index: [error, { minScore: 40 }]` (optionally under `assert:`).');
  const map = Object.keys(input).length === 1 && 'assert' in input ? input.assert : input;
  return validateAssertMap(map, file);
}

/** Checks everything the job was given, before anything runs: any problem is a UserError (exit 2). */
async function plan(opts: RunCiOptions, root: string): Promise<{ brands: PlannedBrand[]; slugs: string[]; portfolios: CiRun['portfolios'] }> {
  if (!opts.files.length)
    throw new UserError('Nothing to audit: give one or more audit files or portfolios, e.g. conductor-audit ci audits/demo/megamart.yaml.');
  const job = await loadJob(opts.files);
  const slugs = job.audits.map((a) => slugify(a.audit.brand));
  const dupes = [...new Set(slugs.filter((s, i) => slugs.indexOf(s) !== i))];
  if (dupes.length) {
    throw new UserError(
      'Two audits of the job would share a folder (brands are told apart by the slug of their name):',
      dupes.map(
        (d) =>
          `${d}: ${job.audits
            .filter((a) => slugify(a.audit.brand) === d)
            .map((a) => a.label)
            .join(' and ')} — give each a distinct \`brand:\``,
      ),
    );
  }
  const assertFile = opts.assertFile ? await loadAssertFile(opts.assertFile) : null;
  const flags = opts.flagAssertions ? validateAssertMap(opts.flagAssertions, 'The command-line assertions') : null;
  const signalIds = new Set(SIGNALS.map((s) => s.meta.id));
  const baselineSpec = opts.baseline ? await parseBaselineSpec(opts.baseline) : null;
  const chosen = job.audits.map((a, i) => ({ job: a, slug: slugs[i]! })).filter((b) => inShard(b.slug, opts.shard ?? null));
  const archives = opts.fromArchive
    ? await archivesFor(
        opts.fromArchive,
        chosen.map((b) => b.slug),
      )
    : null;
  const brands: PlannedBrand[] = [];
  for (const b of chosen) {
    const layers: AssertionLayer[] = [
      { source: 'default', label: 'defaults', map: DEFAULT_ASSERTIONS },
      { source: 'portfolio', label: `${b.job.portfolioFile ?? 'portfolio'}: assert`, map: b.job.portfolioAssert },
      { source: 'audit', label: `${b.job.label}: assert`, map: b.job.audit.assert ?? {} },
      ...(assertFile ? [{ source: 'assert-file' as const, label: opts.assertFile!, map: assertFile }] : []),
      ...(flags ? [{ source: 'flag' as const, label: 'flags', map: flags }] : []),
    ];
    brands.push({
      job: b.job,
      slug: b.slug,
      checks: normaliseAssertions(layers, signalIds),
      baseline: baselineSpec ? await findBaseline(baselineSpec, b.slug, root) : null,
      archive: archives?.get(b.slug) ?? null,
    });
  }
  const portfolios = job.portfolios.map((p) => ({ name: p.name, file: path.basename(p.file) }));
  return { brands, slugs, portfolios };
}

function summaryOf(result: AuditResult): Pick<BrandCiResult, 'generatedAt' | 'index' | 'questions' | 'pagesFetched' | 'coverageFloor'> {
  return {
    generatedAt: result.generatedAt,
    index: result.index,
    questions: result.questions.map((q) => ({ id: q.id, status: q.status, score: q.score, coverage: q.coverage, band: q.band })),
    pagesFetched: result.crawl.pagesFetched,
    coverageFloor: { ...result.rubric.coverageFloor },
  };
}

function needsBrowser(formats: readonly OutputFormat[], render: RenderMode): boolean {
  return formats.includes('pdf') || render !== 'static';
}

async function auditBrand(
  b: PlannedBrand,
  opts: RunCiOptions,
  root: string,
  ciDir: string,
  formats: OutputFormat[],
  noise: NoiseBands,
): Promise<BrandCiResult> {
  const base = { slug: b.slug, brand: b.job.audit.brand, label: b.job.label, siteUrl: b.job.audit.site.url };
  const broken = (couldNotRun: CouldNotRun): BrandCiResult => couldNotRunResult(base, couldNotRun, notRun(b.checks));
  if (opts.signal?.aborted) return broken({ kind: 'interrupted', detail: 'the job was interrupted before this audit started' });
  const render = opts.render ?? b.job.audit.crawl.render;
  // A re-scored archive needs no browser to crawl; the PDF still does.
  if (needsBrowser(formats, b.archive ? 'static' : render)) {
    try {
      findChrome();
    } catch (e) {
      if (e instanceof ChromeNotFoundError) return broken({ kind: 'browser-missing', detail: e.message });
      throw e;
    }
  }
  try {
    const { result, outDir, delta } = await runAudit({
      audit: b.job.audit,
      outputRoot: root,
      formats,
      ...(b.archive ? { fromArchive: b.archive } : {}),
      ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
      ...(opts.render ? { render: opts.render } : {}),
      ...(opts.rubricFile ? { rubricFile: opts.rubricFile } : {}),
      ...(opts.templatesDir ? { templatesDir: opts.templatesDir } : {}),
      ...(opts.locale ? { locale: opts.locale } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      baseline: b.baseline,
      noise,
    });
    const runDir = path.relative(ciDir, outDir).split(path.sep).join('/');
    const noEvidence = whyNoEvidence(result);
    return {
      ...base,
      status: noEvidence ? 'could-not-run' : 'audited',
      couldNotRun: noEvidence,
      runDir,
      ...summaryOf(result),
      delta,
      assertions: noEvidence ? notRun(b.checks) : evaluateAssertions(b.checks, { result, delta }),
    };
  } catch (e) {
    // One brand's failure never sinks the others: it is recorded, and the job's exit code says it broke.
    if (e instanceof ChromeNotFoundError) return broken({ kind: 'browser-missing', detail: e.message });
    if (isUserError(e)) return broken({ kind: 'bad-input', detail: [e.message, ...e.details].join(' ') });
    return broken({ kind: 'failed', detail: (e as Error).message ?? String(e) });
  }
}

export async function runCi(opts: RunCiOptions): Promise<RunCiResult> {
  const root = path.resolve(opts.outputRoot ?? 'output');
  const now = opts.now ?? new Date();
  const formats = opts.formats ?? (['pdf', 'html', 'json', 'md'] as OutputFormat[]);
  const noise = opts.noise ?? DEFAULTS.ci.noise;
  const { brands, slugs, portfolios } = await plan(opts, root);
  const ciDir = await jobDir(root, now, opts.shard ?? null);
  const results: BrandCiResult[] = [];
  for (let i = 0; i < brands.length; i++) {
    opts.onBrand?.(brands[i]!.job.audit.brand, i + 1, brands.length);
    results.push(await auditBrand(brands[i]!, opts, root, ciDir, formats, noise));
  }
  const run: CiRun = {
    kind: 'conductor-audit-ci',
    schemaVersion: 1,
    tool: { name: 'conductor-audit', version: VERSION },
    startedAt: now.toISOString(),
    slugs,
    portfolios,
    shard: opts.shard ?? null,
    merged: false,
    baseline: opts.baseline ?? null,
    noise,
    brands: results,
    exitCode: exitCodeOf(results),
  };
  const written = await writeCiFiles(run, ciDir, opts.locale ?? 'en');
  return { run, ...written };
}

/** ci.json, summary.md and junit.xml of a job (or of a merge), written atomically into a new folder. */
export async function writeCiFiles(run: CiRun, dir: string, locale: Locale, opts: { force?: boolean } = {}): Promise<Omit<RunCiResult, 'run'>> {
  const view = buildCiViewModel(run, { locale });
  const markdown = renderCiMarkdown(view);
  const junit = renderJunit(view);
  await writeOutputs(
    dir,
    [
      { name: CI_FILES.json, data: `${JSON.stringify(run, null, 2)}\n` },
      { name: CI_FILES.summary, data: markdown },
      { name: CI_FILES.junit, data: junit },
    ],
    { force: Boolean(opts.force) },
  );
  return { view, ciDir: dir, markdown, junit };
}
