// A thin CLI over the library: parse flags, call runAudit, print what happened. One top-level catch turns a
// UserError into its message and exit 2; anything else is exit 1.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { auditFromFlags, loadAuditFile, type ResolvedAudit } from './config/load-audit.js';
import type { CrawlProgress, RenderMode } from './crawl/types.js';
import { runAudit } from './api/run-audit.js';
import { compareAudits } from './api/compare-audits.js';
import type { OutputFormat } from './api/outputs.js';
import { isUserError, UserError } from './util/errors.js';
import { VERSION } from './version.js';
import { plainLine } from './util/plain-line.js';

const FORMATS: OutputFormat[] = ['pdf', 'html', 'json', 'md'];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1.');
  return n;
}

function formatList(value: string): OutputFormat[] {
  const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((f) => !FORMATS.includes(f as OutputFormat));
  if (bad.length || list.length === 0) throw new InvalidArgumentError(`use a comma-separated list of ${FORMATS.join(', ')} (got "${value}").`);
  return [...new Set(list)] as OutputFormat[];
}

interface RunFlags {
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
    throw new UserError('Nothing to audit: give an audit file (conductor-audit run audits/demo/megamart.yaml) or both --brand and --url (conductor-audit run --brand "Acme" --url https://community.acme.example/).');
  }
  return auditFromFlags({ brand: flags.brand, site: { url: flags.url } });
}

async function runCommand(file: string | undefined, flags: RunFlags): Promise<void> {
  const audit = await resolveAudit(file, flags);
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
    const { result, outDir, files } = await runAudit({
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
        ...result.questions.map((q) => `  ${q.id} ${q.title.padEnd(13)} ${q.score === null ? '  —' : String(Math.round(q.score)).padStart(3)}  (coverage ${Math.round(q.coverage * 100)}%)`),
        `  pages: ${c.pagesFetched} fetched, ${c.pagesFailed} failed, ${c.pagesSkipped} skipped, ${c.robotsBlocked} blocked by robots.txt`,
        ...result.warnings.map((w) => `  warning: ${terminalSafe(w)}`),
        `Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${outDir}`,
        ...files.map((f) => `  ${f}`),
        '',
      ].join('\n'),
    );
  } finally {
    progress.done();
    for (const sig of signals) process.off(sig, onSignal);
  }
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

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--trends-term "Brand Name=search term"` (repeatable) → { brand: term }. */
function termMapping(pairs: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new UserError(`--trends-term "${pair}": write it as "Brand=search term", e.g. --trends-term "Brightside Cycles=brightside".`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
}

async function compareCommand(inputs: string[], flags: CompareFlags): Promise<void> {
  if (flags.trendsTerm?.length && !flags.trends) throw new UserError('--trends-term maps brands to the search terms of a Google Trends export: give the export with --trends multiTimeline.csv.');
  const say = (line: string) => {
    if (!flags.quiet) process.stderr.write(`${line}\n`);
  };
  const { comparison, outDir, files } = await compareAudits({
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
      ...comparison.ranking.map((e) => `${e.level ? '=' : ' '}${e.position}. ${e.brand}: ${Math.round(scoreOf.get(e.brand) ?? 0)}/100${e.provisional ? ' (provisional: thin evidence)' : ''}`),
      ...comparison.unranked.map((u) => ` -  ${u.brand}: not ranked (${u.reason.replace(/-/g, ' ')})`),
      ...(comparison.mixed ? ['  warning: compared across rubrics or tool versions (--allow-mixed)'] : []),
      `Wrote ${files.length} files to ${outDir}`,
      ...files.map((f) => `  ${f}`),
      '',
    ].join('\n'),
  );
}

export function buildProgram(): Command {
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
    .action(runCommand);
  program
    .command('compare')
    .description('compare brands side by side: runs the audits that have no result yet, and writes comparison.pdf, comparison.html, comparison.json, comparison.md and charts/ (SVG and PNG)')
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
  return program;
}

/** Runs the CLI and returns the exit code: 0 success, 2 bad input, 1 failure. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isUserError(e)) {
      process.stderr.write(`conductor-audit: ${terminalSafe(e.message, 2000)}\n${e.details.map((d) => `  - ${terminalSafe(d, 600)}\n`).join('')}`);
      return 2;
    }
    process.stderr.write(`conductor-audit: unexpected failure: ${(e as Error).stack ?? String(e)}\nThis is a bug; please report it with the command you ran.\n`);
    return 1;
  }
}
