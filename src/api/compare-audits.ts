// The library API of `conductor-audit compare`: results for several brands (run where there is none yet, reused
// where there is), checked for one rubric and tool version, compared, and written as comparison.pdf/.html/.json/.md
// with charts/ (SVG and PNG) — rendered in memory first, then written atomically.
import { readResult } from './read-result.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildComparison } from '../compare/build.js';
import { renderComparisonHtml } from '../compare/render-html.js';
import { renderComparisonMarkdown } from '../compare/render-markdown.js';
import type { TrendsInput } from '../compare/pull.js';
import type { ComparisonResult } from '../compare/schema.js';
import { buildComparisonViewModel, type ChartVM } from '../compare/view-model.js';
import { loadAuditFile, type ResolvedAudit } from '../config/load-audit.js';
import type { Locale } from '../i18n/index.js';
import { createPdfRenderer } from '../report/render-pdf.js';
import type { AuditResult } from '../result/types.js';
import { UserError } from '../util/errors.js';
import { assertNoEarlierResults, slugify, writeOutputs, type OutputFormat } from './outputs.js';
import { requireChrome } from './render-outputs.js';
import { runAudit } from './run-audit.js';

export const COMPARISON_FILES: Record<OutputFormat, string> = {
  pdf: 'comparison.pdf',
  html: 'comparison.html',
  json: 'comparison.json',
  md: 'comparison.md',
};
/** Where the results of audits run for a comparison are kept: <out>/audits/<brand-slug>/. */
export const AUDITS_DIR = 'audits';
export const CHART_NAMES = ['index', 'questions', 'pull', 'gaps'] as const;
/** PNG pixels per SVG pixel: a 640-wide chart becomes 1280 pixels, sharp in a blog column. */
export const PNG_SCALE = 2;

export interface CompareOptions {
  /** Audit files (YAML), audit.json files, or run folders holding an audit.json; two or more. */
  inputs: string[];
  outDir: string;
  /** Replace the comparison files of an earlier run in outDir. */
  force?: boolean;
  /** Run the audit files again even where outDir/audits/ already holds their result. */
  rerun?: boolean;
  formats?: OutputFormat[];
  locale?: Locale;
  /** Compare results scored with different rubrics or tool major versions (the report says so). */
  allowMixed?: boolean;
  /** A Google Trends export (multiTimeline.csv) for pull; `terms` maps brand → search term where names differ. */
  trends?: { file: string; terms?: Record<string, string> };
  /** One line per step (which audits run, which are reused). */
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
}

export interface CompareResult {
  comparison: ComparisonResult;
  outDir: string;
  files: string[];
}

type Input = { kind: 'result'; file: string } | { kind: 'audit'; audit: ResolvedAudit; dir: string; source: string };

const isFile = (p: string) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

async function resolveInput(input: string, outDir: string): Promise<Input> {
  const abs = path.resolve(input);
  if (await isDir(abs)) {
    const file = path.join(abs, 'audit.json');
    if (!(await isFile(file)))
      throw new UserError(
        `${input} is a folder without an audit.json: give a run folder (written by conductor-audit run), an audit.json, or an audit file (YAML).`,
      );
    return { kind: 'result', file };
  }
  if (!(await isFile(abs))) throw new UserError(`${input} does not exist: give an audit file (YAML), an audit.json, or a run folder.`);
  if (/\.json$/i.test(abs)) return { kind: 'result', file: abs };
  if (/\.ya?ml$/i.test(abs)) {
    const audit = await loadAuditFile(abs);
    return { kind: 'audit', audit, dir: path.join(outDir, AUDITS_DIR, slugify(audit.brand)), source: input };
  }
  throw new UserError(`${input}: give an audit file (.yaml), an audit.json, or a run folder.`);
}

/**
 * Audits without a result are run, those of different hosts at once (each crawl keeps its own per-host
 * politeness), those of one host one after the other.
 */
async function runPending(pending: Array<Extract<Input, { kind: 'audit' }>>, opts: CompareOptions): Promise<Map<Input, AuditResult>> {
  const byHost = new Map<string, typeof pending>();
  for (const p of pending) {
    const host = new URL(p.audit.site.url).host;
    byHost.set(host, [...(byHost.get(host) ?? []), p]);
  }
  const out = new Map<Input, AuditResult>();
  await Promise.all(
    [...byHost.values()].map(async (group) => {
      for (const p of group) {
        opts.onProgress?.(`auditing ${p.audit.brand} (${p.source})`);
        const { result } = await runAudit({ audit: p.audit, outDir: p.dir, force: true, formats: ['json'], ...(opts.signal ? { signal: opts.signal } : {}) });
        out.set(p, result);
      }
    }),
  );
  return out;
}

async function loadTrends(trends: CompareOptions['trends']): Promise<TrendsInput | undefined> {
  if (!trends) return undefined;
  let text: string;
  try {
    text = await readFile(trends.file, 'utf8');
  } catch (e) {
    throw new UserError(
      `--trends: cannot read ${trends.file}: ${(e as Error).message}. Export "Interest over time" from Google Trends as CSV (multiTimeline.csv).`,
    );
  }
  return { text, fileName: path.basename(trends.file), ...(trends.terms ? { terms: trends.terms } : {}) };
}

function outputNames(formats: OutputFormat[]): string[] {
  return [...formats.map((f) => COMPARISON_FILES[f]), ...CHART_NAMES.flatMap((c) => [`charts/${c}.svg`, `charts/${c}.png`])];
}

export async function compareAudits(opts: CompareOptions): Promise<CompareResult> {
  const formats = opts.formats ?? (['pdf', 'html', 'json', 'md'] as OutputFormat[]);
  const outDir = path.resolve(opts.outDir);
  if (opts.inputs.length < 2)
    throw new UserError(`A comparison needs at least two audits; got ${opts.inputs.length}. Give two or more audit files, audit.json files or run folders.`);
  // The charts' PNGs and the PDF need Chromium: fail before any crawl if it is missing, or if results would land
  // on an earlier comparison's.
  requireChrome({ what: "the comparison's charts (PNG) and its PDF" });
  if (!opts.force) await assertNoEarlierResults(outDir, outputNames(formats));
  const trends = await loadTrends(opts.trends);

  const inputs = await Promise.all(opts.inputs.map((i) => resolveInput(i, outDir)));
  const results = new Map<Input, AuditResult>();
  const pending: Array<Extract<Input, { kind: 'audit' }>> = [];
  for (const input of inputs) {
    if (input.kind === 'result') results.set(input, await readResult(input.file));
    else if (!opts.rerun && (await isFile(path.join(input.dir, 'audit.json')))) {
      const shown = path.relative(process.cwd(), input.dir);
      opts.onProgress?.(`reusing the result for ${input.audit.brand} (${shown && !shown.startsWith('..') ? shown : input.dir})`);
      results.set(input, await readResult(path.join(input.dir, 'audit.json')));
    } else pending.push(input);
  }
  for (const [input, result] of await runPending(pending, opts)) results.set(input, result);
  const ordered = inputs.map((i) => results.get(i)!);

  const comparison = buildComparison(ordered, { allowMixed: Boolean(opts.allowMixed), ...(trends ? { trends } : {}) });
  const vm = buildComparisonViewModel(comparison, { ...(opts.locale ? { locale: opts.locale } : {}) });
  const charts = CHART_NAMES.map((name) => vm.charts[name]).filter((c): c is ChartVM => c !== null);
  const files: Array<{ name: string; data: string | Uint8Array }> = [];
  if (formats.includes('json')) files.push({ name: COMPARISON_FILES.json, data: `${JSON.stringify(comparison, null, 2)}\n` });
  if (formats.includes('md')) files.push({ name: COMPARISON_FILES.md, data: renderComparisonMarkdown(vm) });
  const html = renderComparisonHtml(vm);
  if (formats.includes('html')) files.push({ name: COMPARISON_FILES.html, data: html });
  for (const c of charts) files.push({ name: `charts/${c.name}.svg`, data: `${c.svg}\n` });
  // One browser for every PNG and the PDF, closed whatever happens.
  const renderer = await createPdfRenderer();
  try {
    for (const c of charts) {
      const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(c.svg) ?? [];
      files.push({ name: `charts/${c.name}.png`, data: await renderer.png(c.svg, { width: Number(w), height: Number(h), scale: PNG_SCALE }) });
    }
    if (formats.includes('pdf')) {
      files.push({ name: COMPARISON_FILES.pdf, data: await renderer.render(html, { title: vm.title, deterministic: new Date(comparison.generatedAt) }) });
    }
  } finally {
    await renderer.close();
  }
  const written = await writeOutputs(outDir, files, { force: true });
  return { comparison, outDir, files: written };
}
