// A thin CLI over the library: parse flags, call runAudit, print what happened. One top-level catch turns a
// UserError into its message and exit 2; anything else is exit 1. Each command loads its stage modules when it runs
// (dynamic import), so --help, --version and a bad flag or file answer without loading the crawler and renderer.
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { auditFromFlags, loadAuditFile, type ResolvedAudit } from './config/load-audit.js';
import type { CrawlProgress, RenderMode } from './crawl/types.js';
import type { OutputFormat } from './api/outputs.js';
import { isUserError, UserError } from './util/errors.js';
import { VERSION } from './version.js';
import { plainLine } from './util/plain-line.js';
import type { AssertMap, AssertionOptions } from './config/assertions.js';
import { displayPath, findBaseline, parseBaselineSpec } from './ci/baseline.js';
import { githubAnnotations, stderrLines, useColour } from './ci/annotations.js';
import type { RunCiResult } from './ci/run-ci.js';
import { parseShard } from './ci/shard.js';
import { appendStepSummary } from './ci/summary.js';
import { slugify } from './util/slug.js';
import { QUESTIONS } from './score/questions.js';

const FORMATS: OutputFormat[] = ['pdf', 'html', 'json', 'md'];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1.');
  return n;
}

function formatList(value: string): OutputFormat[] {
  const list = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = list.filter((f) => !FORMATS.includes(f as OutputFormat));
  if (bad.length || list.length === 0) throw new InvalidArgumentError(`use a comma-separated list of ${FORMATS.join(', ')} (got "${value}").`);
  return [...new Set(list)] as OutputFormat[];
}

function score(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('must be a score from 0 to 100.');
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

interface RunFlags {
  baseline?: string;
  out?: string;
  force?: boolean;
  maxPages?: number;
  render?: RenderMode;
  brand?: string;
  url?: string;
  rubric?: string;
  formats?: OutputFormat[];
  templates?: string;
  fromArchive?: string;
  archive?: boolean;
  lang?: 'en' | 'de';
  quiet?: boolean;
  allowPrivate?: boolean;
}

const terminalSafe = plainLine;

function formatEta(ms: number): string {
  const sec = Math.max(1, Math.round(ms / 1000));
  return sec < 90 ? `${sec} s` : `${Math.round(sec / 60)} min`;
}

/** Progress: one rewritten line on a terminal, a plain line every 25 pages elsewhere (CI logs). */
function progressReporter(stream: NodeJS.WriteStream, quiet: boolean): { onProgress?: (p: CrawlProgress) => void; done(): void } {
  if (quiet) return { done() {} };
  const tty = Boolean(stream.isTTY);
  let lastPlain = 0;
  let wrote = false;
  return {
    onProgress(p) {
      const eta = p.etaMs !== undefined && p.queued > 0 ? `, about ${formatEta(p.etaMs)} left` : '';
      const line = `crawling: ${p.fetched} fetched, ${p.failed} failed, ${p.skipped} skipped, ${p.queued} queued${eta}`;
      if (tty) {
        const url = p.lastUrl ? ` — ${p.lastUrl}` : '';
        const width = Math.max(20, (stream.columns ?? 100) - 1);
        stream.write(`\r${(line + url).slice(0, width).padEnd(width)}`);
        wrote = true;
      } else if (p.fetched - lastPlain >= 25) {
        lastPlain = p.fetched;
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (tty && wrote) stream.write('\r\x1b[K');
    },
  };
}

async function resolveAudit(file: string | undefined, flags: RunFlags): Promise<ResolvedAudit> {
  if (file) {
    if (flags.brand || flags.url) throw new UserError('Give either an audit file or --brand and --url, not both.');
    return loadAuditFile(file);
  }
  if (!flags.brand || !flags.url) {
    throw new UserError(
      'Nothing to audit: give an audit file (conductor-audit run audits/demo/megamart.yaml) or both --brand and --url (conductor-audit run --brand "Acme" --url https://community.acme.example/).',
    );
  }
  return auditFromFlags({ brand: flags.brand, site: { url: flags.url } });
}

async function runCommand(file: string | undefined, flags: RunFlags): Promise<void> {
  const audit = await resolveAudit(file, flags);
  // Checked before the crawl: a baseline that cannot be read is bad input, not something to find out at the end.
  const baseline = flags.baseline ? await findBaseline(await parseBaselineSpec(flags.baseline), slugify(audit.brand), path.resolve('output')) : null;
  const progress = progressReporter(process.stderr, Boolean(flags.quiet));
  const controller = new AbortController();
  // The first Ctrl-C, SIGTERM or SIGHUP ends the crawl early and still writes a (partial) report and archive; a
  // second one exits at once (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP).
  const exitCode: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  const onSignal = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(exitCode[sig] ?? 130);
    process.stderr.write(`\nInterrupted (${sig}): finishing with the pages fetched so far (send it again to quit now).\n`);
    controller.abort();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, onSignal);
  try {
    const { result, outDir, files } = await (
      await import('./api/run-audit.js')
    ).runAudit({
      audit,
      ...(flags.out ? { outDir: flags.out } : {}),
      force: Boolean(flags.force),
      ...(flags.maxPages ? { maxPages: flags.maxPages } : {}),
      ...(flags.allowPrivate ? { allowPrivateNetwork: true } : {}),
      ...(flags.render ? { render: flags.render } : {}),
      ...(flags.rubric ? { rubricFile: flags.rubric } : {}),
      ...(flags.formats ? { formats: flags.formats } : {}),
      ...(flags.templates ? { templatesDir: flags.templates } : {}),
      ...(flags.fromArchive ? { fromArchive: flags.fromArchive } : {}),
      archive: flags.archive !== false,
      ...(flags.lang ? { locale: flags.lang } : {}),
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      signal: controller.signal,
      baseline,
    });
    progress.done();
    const idx =
      result.index.status === 'scored'
        ? `${Math.round(result.index.score!)}/100 (${result.index.label})`
        : result.index.status === 'no-community'
          ? 'no verdict: no community was found'
          : result.index.status === 'insufficient-evidence'
            ? `no verdict: insufficient evidence (${Math.round(result.index.coverage * 100)}% of the evidence weight measured)`
            : 'not enough evidence';
    const c = result.crawl;
    process.stdout.write(
      [
        `${terminalSafe(result.brand)}: conductor index ${idx}`,
        ...result.questions.map(
          (q) =>
            `  ${q.id} ${QUESTIONS[q.id].title.padEnd(13)} ${q.score === null ? '  —' : String(Math.round(q.score)).padStart(3)}  (coverage ${Math.round(q.coverage * 100)}%)`,
        ),
        `  pages: ${c.pagesFetched} fetched, ${c.pagesFailed} failed, ${c.pagesSkipped} skipped, ${c.robotsBlocked} blocked by robots.txt`,
        ...result.warnings.map((w) => `  warning: ${terminalSafe(w)}`),
        `Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${outDir}`,
        ...files.map((f) => `  ${f}`),
        '',
      ].join('\n'),
    );
    // Claims in the analyst's notes that the measurement contradicts: for the consultant, never in the report.
    const noteWarnings = (await import('./report/analyst-check.js')).analystNoteWarnings(result, file ?? 'the audit');
    if (noteWarnings.length) process.stderr.write(`${noteWarnings.join('\n')}\n`);
  } finally {
    progress.done();
    for (const sig of signals) process.off(sig, onSignal);
  }
}

interface RenderFlags {
  out?: string;
  force?: boolean;
  lang?: 'en' | 'de';
  formats?: OutputFormat[];
  audit?: string;
  templates?: string;
}

async function renderCommand(input: string, flags: RenderFlags): Promise<void> {
  const audit = flags.audit ? await loadAuditFile(flags.audit) : null;
  const { outDir, files, locale, result } = await (
    await import('./api/render-audit.js')
  ).renderAudit({
    input,
    ...(flags.out ? { outDir: flags.out } : {}),
    force: Boolean(flags.force),
    ...(flags.lang ? { locale: flags.lang } : {}),
    ...(flags.formats ? { formats: flags.formats } : {}),
    ...(flags.templates ? { templatesDir: flags.templates } : {}),
    audit,
  });
  process.stdout.write(
    [
      `Rendered the saved audit in ${locale === 'de' ? 'German' : 'English'}: ${files.length} file${files.length === 1 ? '' : 's'} in ${outDir}`,
      ...files.map((f) => `  ${f}`),
      '',
    ].join('\n'),
  );
  // The same check `run` makes: analyst notes the measurement contradicts, for the consultant only.
  const noteWarnings = (await import('./report/analyst-check.js')).analystNoteWarnings(result, flags.audit ?? input);
  if (noteWarnings.length) process.stderr.write(`${noteWarnings.join('\n')}\n`);
}

interface CompareFlags {
  out: string;
  force?: boolean;
  rerun?: boolean;
  formats?: OutputFormat[];
  lang?: 'en' | 'de';
  allowMixed?: boolean;
  trends?: string;
  trendsTerm?: string[];
  quiet?: boolean;
}

/** `--trends-term "Brand Name=search term"` (repeatable) → { brand: term }. */
function termMapping(pairs: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw new UserError(`--trends-term "${pair}": write it as "Brand=search term", e.g. --trends-term "Brightside Cycles=brightside".`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
}

async function compareCommand(inputs: string[], flags: CompareFlags): Promise<void> {
  if (flags.trendsTerm?.length && !flags.trends)
    throw new UserError('--trends-term maps brands to the search terms of a Google Trends export: give the export with --trends multiTimeline.csv.');
  const say = (line: string) => {
    if (!flags.quiet) process.stderr.write(`${line}\n`);
  };
  const { comparison, outDir, files } = await (
    await import('./api/compare-audits.js')
  ).compareAudits({
    inputs,
    outDir: flags.out,
    force: Boolean(flags.force),
    rerun: Boolean(flags.rerun),
    ...(flags.formats ? { formats: flags.formats } : {}),
    ...(flags.lang ? { locale: flags.lang } : {}),
    allowMixed: Boolean(flags.allowMixed),
    ...(flags.trends ? { trends: { file: flags.trends, terms: termMapping(flags.trendsTerm) } } : {}),
    onProgress: say,
  });
  const scoreOf = new Map(comparison.brands.map((b) => [b.brand, b.index.score]));
  process.stdout.write(
    [
      ...comparison.ranking.map(
        (e) =>
          `${e.level ? '=' : ' '}${e.position}. ${e.brand}: ${Math.round(scoreOf.get(e.brand) ?? 0)}/100${e.provisional ? ' (provisional: thin evidence)' : ''}`,
      ),
      ...comparison.unranked.map((u) => ` -  ${u.brand}: not ranked (${u.reason.replace(/-/g, ' ')})`),
      ...(comparison.mixed ? ['  warning: compared across rubrics or tool versions (--allow-mixed)'] : []),
      `Wrote ${files.length} files to ${outDir}`,
      ...files.map((f) => `  ${f}`),
      '',
    ].join('\n'),
  );
}

interface CiFlags {
  out?: string;
  assert?: string;
  minIndex?: number;
  minQuestion?: string[];
  maxDrop?: string[];
  baseline?: string;
  shard?: string;
  formats?: OutputFormat[];
  fromArchive?: string;
  maxPages?: number;
  render?: RenderMode;
  rubric?: string;
  templates?: string;
  lang?: 'en' | 'de';
  quiet?: boolean;
}

/** --min-index, --min-question Q4=30 and --max-drop N | Q4=N, as one layer of assertions at the error level. */
export function flagAssertions(flags: Pick<CiFlags, 'minIndex' | 'minQuestion' | 'maxDrop'>): AssertMap {
  const options = new Map<string, AssertionOptions>();
  const add = (target: string, o: AssertionOptions) => options.set(target, { ...options.get(target), ...o });
  if (flags.minIndex !== undefined) add('index', { minScore: flags.minIndex });
  for (const v of flags.minQuestion ?? []) {
    const m = /^\s*(Q[1-5])\s*=\s*(\d+(?:\.\d+)?)\s*$/i.exec(v);
    if (!m || Number(m[2]) > 100) throw new UserError(`--min-question "${v}": give a question and a score, e.g. --min-question Q4=30 (Q1…Q5, 0–100).`);
    add(m[1]!.toUpperCase(), { minScore: Number(m[2]) });
  }
  for (const v of flags.maxDrop ?? []) {
    const m = /^\s*(?:(Q[1-5])\s*=\s*)?(\d+(?:\.\d+)?)\s*$/i.exec(v);
    if (!m || Number(m[2]) > 100) throw new UserError(`--max-drop "${v}": give points, for the index (--max-drop 5) or a question (--max-drop Q4=8).`);
    add(m[1] ? m[1].toUpperCase() : 'index', { maxDrop: Number(m[2]) });
  }
  return Object.fromEntries([...options].map(([t, o]) => [t, ['error', o]]));
}

/** Failures first on stderr, annotations on GitHub Actions, the Markdown summary on stdout (and the step summary). */
async function reportCi(r: RunCiResult, quiet: boolean): Promise<void> {
  const lines = stderrLines(r.view, useColour(process.stderr));
  if (lines.length) process.stderr.write(`${lines.join('\n')}\n`);
  if (process.env.GITHUB_ACTIONS === 'true') {
    const notes = githubAnnotations(r.view);
    if (notes.length) process.stdout.write(`${notes.join('\n')}\n`);
  }
  process.stdout.write(r.markdown);
  await appendStepSummary(r.markdown);
  if (!quiet) process.stderr.write(`conductor-audit: ${r.view.headline}\nWrote ${displayPath(r.ciDir)}/{ci.json,summary.md,junit.xml}\n`);
}

async function ciCommand(files: string[], flags: CiFlags): Promise<number> {
  const controller = new AbortController();
  // As for `run`: the first Ctrl-C, SIGTERM or SIGHUP (a CI runner cancelling the job) finishes the current audit
  // with the pages so far and writes the job's results; a second one exits at once.
  const exitCode: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  const onSignal = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(exitCode[sig] ?? 130);
    process.stderr.write(`\nInterrupted (${sig}): finishing the current audit with the pages fetched so far (send it again to quit now).\n`);
    controller.abort();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, onSignal);
  try {
    const result = await (
      await import('./ci/run-ci.js')
    ).runCi({
      files,
      ...(flags.out ? { outputRoot: flags.out } : {}),
      ...(flags.assert ? { assertFile: flags.assert } : {}),
      flagAssertions: flagAssertions(flags),
      ...(flags.baseline ? { baseline: flags.baseline } : {}),
      shard: flags.shard ? parseShard(flags.shard) : null,
      ...(flags.formats ? { formats: flags.formats } : {}),
      ...(flags.fromArchive ? { fromArchive: flags.fromArchive } : {}),
      ...(flags.maxPages ? { maxPages: flags.maxPages } : {}),
      ...(flags.render ? { render: flags.render } : {}),
      ...(flags.rubric ? { rubricFile: flags.rubric } : {}),
      ...(flags.templates ? { templatesDir: flags.templates } : {}),
      ...(flags.lang ? { locale: flags.lang } : {}),
      ...(flags.quiet ? {} : { onBrand: (brand: string, n: number, of: number) => process.stderr.write(`conductor-audit: auditing ${brand} (${n}/${of})\n`) }),
      signal: controller.signal,
    });
    await reportCi(result, Boolean(flags.quiet));
    return result.run.exitCode;
  } catch (e) {
    if (isUserError(e)) throw e;
    // A crash of the job itself is the job breaking, not the brand getting worse.
    process.stderr.write(
      `conductor-audit ci: the job failed unexpectedly: ${(e as Error).stack ?? String(e)}\nThis is a bug; please report it with the command you ran.\n`,
    );
    return 3;
  } finally {
    for (const sig of signals) process.off(sig, onSignal);
  }
}

async function mergeCommand(folders: string[], flags: { out?: string; force?: boolean; lang?: 'en' | 'de'; quiet?: boolean }): Promise<number> {
  const result = await (
    await import('./ci/merge.js')
  ).mergeShards({
    folders,
    ...(flags.out ? { outDir: flags.out } : {}),
    force: Boolean(flags.force),
    ...(flags.lang ? { locale: flags.lang } : {}),
  });
  await reportCi(result, Boolean(flags.quiet));
  return result.run.exitCode;
}

async function historyCommand(target: string, flags: { root?: string; out?: string; force?: boolean; png?: boolean; lang?: 'en' | 'de' }): Promise<void> {
  const r = await (
    await import('./ci/history.js')
  ).runHistory({
    target,
    ...(flags.root ? { outputRoot: flags.root } : {}),
    ...(flags.out ? { outDir: flags.out } : {}),
    force: Boolean(flags.force),
    png: flags.png !== false,
    ...(flags.lang ? { locale: flags.lang } : {}),
  });
  process.stdout.write(
    `${r.view.title}\n${r.view.intro}\n\n${r.table}\n${r.view.methodNote ? `\n${r.view.methodNote}\n` : ''}${r.view.leftOutNote ? `\n${r.view.leftOutNote}\n` : ''}\nWrote ${r.files.length} files:\n${r.files.map((f) => `  ${f}\n`).join('')}`,
  );
}

export function buildProgram(state: { exitCode: number } = { exitCode: 0 }): Command {
  const program = new Command();
  program
    .name('conductor-audit')
    .description('Audit a brand’s online community site: social producer or social conductor?')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program
    .command('run')
    .description('crawl the site, score the five questions, and write report.pdf, report.html, audit.json and summary.md')
    .argument('[audit]', 'audit file (YAML); see audits/demo/megamart.yaml')
    .option('-o, --out <dir>', 'write exactly DIR/report.pdf, report.html, audit.json, summary.md (default: output/<brand>/<timestamp>/)')
    .option('-f, --force', 'overwrite results of an earlier run in --out')
    .option('--max-pages <n>', 'page budget for the crawl (overrides the audit file)', positiveInt)
    .addOption(new Option('--render <mode>', 'how pages are fetched').choices(['static', 'browser', 'auto']))
    .option('--brand <name>', 'audit without a file: the brand name (with --url)')
    .option('--url <url>', 'audit without a file: the community site URL (with --brand)')
    .option('--rubric <file>', 'scoring rubric (YAML); default: audits/rubrics/default.yaml')
    .option('--formats <list>', `outputs to write, comma-separated (${FORMATS.join(',')})`, formatList)
    .option('--templates <dir>', 'folder of Handlebars partials that replace the bundled ones')
    .addOption(new Option('--lang <code>', 'language of the report (overrides report.language)').choices(['en', 'de']))
    .option('--from-archive <dir>', 're-score and re-render a saved crawl (a run folder or its archive/crawl.warc.gz) with no network')
    .option('--no-archive', 'do not keep the crawl as archive/crawl.warc.gz in the output folder')
    .option('--allow-private', 'let the crawler reach loopback, private and link-local addresses (an intranet site); refused by default')
    .option('-q, --quiet', 'no progress output')
    .option(
      '--baseline <file|dir|latest>',
      'an earlier audit of the brand (audit.json, a folder of runs, or the latest run under output/): the report gains "Since the last audit"',
    )
    .action(runCommand);
  program
    .command('render')
    .description('re-render a saved audit (audit.json or its run folder) in another language or format: no crawl, no re-scoring')
    .argument('<audit>', 'an audit.json, or the run folder holding it')
    .option('-o, --out <dir>', 'write DIR/report.pdf, report.html, summary.md (default: a folder named after the language beside the audit.json)')
    .option('-f, --force', 'overwrite the results of an earlier render in --out')
    .addOption(new Option('--lang <code>', 'language of the report (default: the audit file’s, else English)').choices(['en', 'de']))
    .option('--formats <list>', `outputs to write, comma-separated (${FORMATS.join(',')}; default pdf,html,md)`, formatList)
    .option('--audit <file>', 'the audit file (YAML) whose report settings to use: accent colour, logo, paper, language')
    .option('--templates <dir>', 'folder of Handlebars partials that replace the bundled ones')
    .action(renderCommand);
  program
    .command('compare')
    .description(
      'compare brands side by side: runs the audits that have no result yet, and writes comparison.pdf, comparison.html, comparison.json, comparison.md and charts/ (SVG and PNG)',
    )
    .argument('<inputs...>', 'two or more audit files (YAML), audit.json files or run folders')
    .requiredOption('-o, --out <dir>', 'write DIR/comparison.* and DIR/charts/; audits run for the comparison keep their results in DIR/audits/<brand>/')
    .option('-f, --force', 'overwrite the comparison files of an earlier run in --out')
    .option('--rerun', 'run the audit files again even where --out already holds their results')
    .option('--formats <list>', `outputs to write, comma-separated (${FORMATS.join(',')}); charts/ is always written`, formatList)
    .addOption(new Option('--lang <code>', 'language of the comparison').choices(['en', 'de']))
    .option('--allow-mixed', 'compare results scored with different rubrics or tool major versions (the report says so)')
    .option('--trends <file>', 'a Google Trends export (multiTimeline.csv) with one search term per brand, for pull')
    .option('--trends-term <brand=term>', 'the search term of a brand whose name differs from it (repeatable)', collect)
    .option('-q, --quiet', 'no progress output')
    .action(compareCommand);
  program
    .command('ci')
    .description(
      'audit on a schedule: assertions, baselines, a CI summary and JUnit; exit 0 all hold, 1 an error assertion failed, 2 bad input, 3 an audit could not run',
    )
    .argument('<files...>', 'audit files and portfolio files (YAML)')
    .option(
      '-o, --out <dir>',
      "output folder: each run in DIR/<brand>/<timestamp>/, the job's ci.json, summary.md and junit.xml in DIR/ci/<job>/ (default: output)",
    )
    .option('--assert <file>', 'assertions (YAML/JSON, e.g. `index: [error, { minScore: 40 }]`) laid over those of the portfolio and audit files')
    .option('--min-index <n>', 'error unless the conductor index is at least N', score)
    .option('--min-question <Q=N>', 'error unless question Q scores at least N, e.g. Q4=30 (repeatable)', collect)
    .option('--max-drop <N|Q=N>', 'error if the index (or question Q) dropped by more than N points since the baseline (repeatable)', collect)
    .option(
      '--baseline <file|dir|latest>',
      "compare with an earlier audit: an audit.json, a folder of earlier runs, or `latest` (the brand's latest run in the output folder)",
    )
    .option(
      '--shard <K/N|auto>',
      'run shard K of N (brands split by a stable hash of their slug); auto reads GitLab CI_NODE_INDEX/CI_NODE_TOTAL or Kubernetes JOB_COMPLETION_INDEX with CONDUCTOR_AUDIT_SHARD_TOTAL',
    )
    .option('--formats <list>', `outputs to write per brand, comma-separated (${FORMATS.join(',')})`, formatList)
    .option('--from-archive <dir>', "re-score saved crawls instead of crawling: a run folder (one brand) or an output folder of brands' runs")
    .option('--max-pages <n>', 'page budget for every crawl (overrides the audit files)', positiveInt)
    .addOption(new Option('--render <mode>', 'how pages are fetched').choices(['static', 'browser', 'auto']))
    .option('--rubric <file>', 'scoring rubric (YAML); default: audits/rubrics/default.yaml')
    .option('--templates <dir>', 'folder of Handlebars partials that replace the bundled ones')
    .addOption(new Option('--lang <code>', 'language of the summary and the reports').choices(['en', 'de']))
    .option('-q, --quiet', 'no progress output')
    .action(async (files: string[], flags: CiFlags) => {
      state.exitCode = await ciCommand(files, flags);
    });
  program
    .command('merge')
    .description(
      "gather the shards' results of one ci job into one portfolio summary (a table of all brands, every failed assertion, one JUnit file); exits as the job would have",
    )
    .argument('<folders...>', "the shards' output folders (each holds ci/<job>/ci.json)")
    .option('-o, --out <dir>', 'write exactly DIR/ci.json, DIR/summary.md, DIR/junit.xml (default: output/ci/<timestamp>-merged/)')
    .option('-f, --force', 'replace an earlier merge in --out')
    .addOption(new Option('--lang <code>', 'language of the summary').choices(['en', 'de']))
    .option('-q, --quiet', 'no closing line on stderr')
    .action(async (folders: string[], flags: { out?: string; force?: boolean; lang?: 'en' | 'de'; quiet?: boolean }) => {
      state.exitCode = await mergeCommand(folders, flags);
    });
  program
    .command('history')
    .description("a brand's stored runs as a table, history.html, and its scores over time as history.svg and history.png")
    .argument('<brand>', "a brand's slug (its folder under --root) or the path of a brand's folder of runs")
    .option('--root <dir>', 'output folder the slug is looked up in (default: output)')
    .option('-o, --out <dir>', "where to write history.html, history.svg, history.png (default: the brand's folder)")
    .option('-f, --force', 'replace an earlier history.html, history.svg and history.png')
    .option('--no-png', 'skip history.png (which needs Chromium)')
    .addOption(new Option('--lang <code>', 'language of the table and the page').choices(['en', 'de']))
    .action(historyCommand);
  return program;
}

/** Runs the CLI and returns the exit code: 0 success, 2 bad input, 1 failure (`ci` and `merge`: 1 an assertion failed, 3 an audit could not run). */
export async function main(argv: string[]): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(state);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isUserError(e)) {
      process.stderr.write(`conductor-audit: ${terminalSafe(e.message, 2000)}\n${e.details.map((d) => `  - ${terminalSafe(d, 600)}\n`).join('')}`);
      return 2;
    }
    process.stderr.write(
      `conductor-audit: unexpected failure: ${(e as Error).stack ?? String(e)}\nThis is a bug; please report it with the command you ran.\n`,
    );
    return 1;
  }
}
