// `conductor-audit render`: a saved audit re-rendered — in another language, other formats, another theme — with no
// crawl and no re-scoring, the way Lighthouse's swapLocale re-words a saved result. audit.json carries meaning,
// not prose, so every word comes out of the catalogues in the reader's language.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedAudit } from '../config/load-audit.js';
import type { Locale } from '../i18n/index.js';
import { DEFAULTS } from '../config/defaults.js';
import type { AuditResult } from '../result/types.js';
import { UserError } from '../util/errors.js';
import { ARCHIVE_FILE, readArchive } from '../crawl/archive.js';
import { OUTPUT_FILES, type OutputFormat } from './outputs.js';
import { readResult } from './read-result.js';
import { renderWithCrops, type ReportSettings } from './render-outputs.js';
import { RunFolder } from './run-folder.js';

export interface RenderAuditOptions {
  /** An audit.json, or a run folder holding one (its archive, when kept, gives the screenshots). */
  input: string;
  /** Default: a folder named after the language beside the audit.json (e.g. output/demo/de/). */
  outDir?: string;
  force?: boolean;
  locale?: Locale;
  /** Default: pdf, html and md (the audit.json itself is only copied when asked for). */
  formats?: OutputFormat[];
  /** The audit file whose report settings (accent, logo, paper, language) to use; default: the built-in theme. */
  audit?: ResolvedAudit | null;
  templatesDir?: string;
}

export interface RenderAuditResult {
  result: AuditResult;
  outDir: string;
  files: string[];
  locale: Locale;
}

const exists = (p: string, dir: boolean) =>
  stat(p).then(
    (s) => (dir ? s.isDirectory() : s.isFile()),
    () => false,
  );

/** The audit.json and, beside it, the run's archive if there is one. */
export async function locateAudit(input: string): Promise<{ file: string; archive: string | null }> {
  const abs = path.resolve(input);
  const file = (await exists(abs, true)) ? path.join(abs, OUTPUT_FILES.json) : abs;
  if (!(await exists(file, false)))
    throw new UserError(`${input} is neither an audit.json nor a run folder holding one. Give the audit.json a run wrote, or its folder (e.g. output/demo).`);
  const archive = path.join(path.dirname(file), 'archive', ARCHIVE_FILE);
  return { file, archive: (await exists(archive, false)) ? archive : null };
}

export async function renderAudit(opts: RenderAuditOptions): Promise<RenderAuditResult> {
  const { file, archive } = await locateAudit(opts.input);
  const result = await readResult(file);
  const settings: ReportSettings = opts.audit
    ? {
        accent: opts.audit.report.theme.accent,
        logo: opts.audit.report.analyst.logo ?? null,
        paper: opts.audit.report.paper,
        language: opts.audit.report.language,
      }
    : { accent: DEFAULTS.report.accent, logo: null, paper: DEFAULTS.report.paper, language: DEFAULTS.report.language };
  const locale = opts.locale ?? settings.language;
  const formats = opts.formats ?? (['pdf', 'html', 'md'] as OutputFormat[]);
  // Screenshots and the pages behind the headline findings' crops are in the archive, not in audit.json.
  const report = formats.includes('html') || formats.includes('pdf');
  const saved = archive && (report || result.crawl.screenshots.length) ? await readArchive(archive) : null;
  const screenshots = result.crawl.screenshots.length ? (saved?.screenshots ?? []) : [];
  const rendered = await renderWithCrops(result, settings, formats, saved?.pages ?? null, {
    locale,
    ...(opts.templatesDir ? { templatesDir: opts.templatesDir } : {}),
    ...(screenshots.length ? { screenshots } : {}),
  });
  const outDir = path.resolve(opts.outDir ?? path.join(path.dirname(file), locale));
  // A run folder is replaced whole on --force: rendering into the audit's own folder would drop its audit.json and archive.
  if (outDir === path.dirname(file))
    throw new UserError(`${outDir} holds the audit being rendered: choose another --out folder (the default is a folder named after the language inside it).`);
  const folder = await RunFolder.open(outDir, { force: Boolean(opts.force) });
  let writing = false;
  try {
    writing = true;
    for (const f of formats) await folder.write(OUTPUT_FILES[f], rendered[f]!);
    const files = await folder.commit();
    writing = false;
    return { result, outDir, files, locale };
  } finally {
    await folder.close({ keepStaging: writing });
  }
}
