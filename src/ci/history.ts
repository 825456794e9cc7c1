// `conductor-audit history <brand-slug | folder>`: a brand's stored runs as a table (printed), history.html, and
// the index and question scores over time as history.svg and history.png (the PNG printed by Chromium).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { writeOutputs } from '../api/outputs.js';
import type { Locale } from '../i18n/index.js';
import { REPORT_FONT_STACK } from '../report/fonts.js';
import { loadDocumentTemplate } from '../report/handlebars.js';
import { buildHistoryViewModel, type HistoryViewModel } from '../report/history-model.js';
import { svgToPng } from '../report/render-png.js';
import { requireChrome } from '../api/render-outputs.js';
import { UserError } from '../util/errors.js';
import { isDir, listRuns, readBrandRuns } from './runs.js';

export const HISTORY_FILES = { html: 'history.html', svg: 'history.svg', png: 'history.png' } as const;

export interface HistoryOptions {
  /** A brand's slug (its folder under `outputRoot`) or the path of a brand's folder of runs. */
  target: string;
  outputRoot?: string;
  /** Where the files go; default the brand's folder. */
  outDir?: string;
  force?: boolean;
  /** Write history.png (needs Chromium); default true. */
  png?: boolean;
  locale?: Locale;
  accent?: string | null;
}

export interface HistoryResult {
  view: HistoryViewModel;
  brandDir: string;
  runs: number;
  files: string[];
  table: string;
}

async function brandFolder(target: string, root: string): Promise<string> {
  if (await isDir(target)) return path.resolve(target);
  const bySlug = path.join(root, target);
  if (await isDir(bySlug)) return bySlug;
  const known = await readdir(root).catch(() => [] as string[]);
  const brands = [];
  for (const name of known.sort()) if (name !== 'ci' && (await listRuns(path.join(root, name)).catch(() => [])).length) brands.push(name);
  throw new UserError(
    `No runs of "${target}": it is neither a folder nor a brand's slug under ${root}. ${brands.length ? `Brands with runs there: ${brands.join(', ')}.` : 'Run `conductor-audit run` or `ci` first, or give --root where the runs are.'}`,
  );
}

/** The table as plain text, columns padded (for a terminal or a CI log). */
export function textTable(head: readonly string[], rows: readonly string[][]): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(width[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export async function runHistory(opts: HistoryOptions): Promise<HistoryResult> {
  const root = path.resolve(opts.outputRoot ?? 'output');
  const brandDir = await brandFolder(opts.target, root);
  const { runs, unreadable } = await readBrandRuns(brandDir);
  if (!runs.length) {
    throw new UserError(
      `${brandDir} holds no runs this version can read${unreadable.length ? ` (${unreadable.length} audit.json left out)` : ' (no <run>/audit.json in it)'}. Give a brand's folder, such as output/megamart, or its slug.`,
      unreadable.map((u) => u.why),
    );
  }
  const png = opts.png !== false;
  // The PNG needs the browser: find that out before anything is written.
  if (png) requireChrome({ what: 'history.png', without: 'Use --no-png to write history.html and history.svg without it.' });
  const view = buildHistoryViewModel(
    runs.map((r) => r.result),
    { locale: opts.locale ?? 'en', accent: opts.accent ?? null, leftOut: unreadable.map((u) => path.relative(brandDir, u.file)) },
  );
  const html = loadDocumentTemplate('history')({ ...view, fontStack: REPORT_FONT_STACK });
  const files: Array<{ name: string; data: string | Uint8Array }> = [
    { name: HISTORY_FILES.html, data: html },
    { name: HISTORY_FILES.svg, data: `${view.chartSvg}\n` },
  ];
  if (png) files.push({ name: HISTORY_FILES.png, data: await svgToPng(view.chartSvg, view.chartSize) });
  const written = await writeOutputs(path.resolve(opts.outDir ?? brandDir), files, { force: Boolean(opts.force) });
  return { view, brandDir, runs: runs.length, files: written, table: textTable(view.head, view.rows) };
}
