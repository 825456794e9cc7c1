// AuditResult → the bytes of each requested output. Everything is rendered in memory first, so a failure
// (say, Chromium crashing) leaves no half-written folder behind.
import type { ResolvedAudit } from '../config/load-audit.js';
import { ChromeNotFoundError, findChrome, type ChromeNeed } from '../util/chrome.js';
import { renderReport } from '../report/render-html.js';
import { lazyPdfRenderer, renderPdf, type PdfRenderer } from '../report/render-pdf.js';
import { reportShots } from '../report/finding-shots.js';
import { renderSummaryMarkdown } from '../report/render-markdown.js';
import { reportTitle } from '../report/view-model.js';
import type { AuditResult } from '../result/types.js';
import type { RunDelta } from '../result/deltas.js';
import { UserError } from '../util/errors.js';
import type { OutputFormat } from './outputs.js';
import type { Locale } from '../i18n/index.js';

/** The browser is something the user installs: a missing one is their fix to make, with the command named. */
export function requireChrome(needs?: ChromeNeed): string {
  try {
    return findChrome(process.env, undefined, needs);
  } catch (e) {
    if (e instanceof ChromeNotFoundError) throw new UserError(e.message);
    throw e;
  }
}

/** What a report takes from the audit file: its look and its default language. */
export interface ReportSettings {
  accent: string;
  logo: string | null;
  paper: 'A4' | 'Letter';
  language: Locale;
}

export function reportSettings(audit: ResolvedAudit): ReportSettings {
  return { accent: audit.report.theme.accent, logo: audit.report.analyst.logo ?? null, paper: audit.report.paper, language: audit.report.language };
}

export interface RenderAllOptions {
  templatesDir?: string;
  locale?: Locale;
  screenshots?: ReadonlyArray<{ url: string; data: Uint8Array }>;
  delta?: RunDelta | null;
  /** Crops beside the headline findings (src/report/finding-shots.ts), and whether there was no browser for them. */
  findingShots?: ReadonlyArray<{ key: string; data: Uint8Array; width: number; height: number }>;
  shotSkipped?: boolean;
  /** The run's browser (see renderWithCrops); without it the PDF is printed in a browser of its own. */
  renderer?: PdfRenderer;
}

export async function renderAll(
  result: AuditResult,
  settingsOrAudit: ReportSettings | ResolvedAudit,
  formats: OutputFormat[],
  opts: RenderAllOptions = {},
): Promise<Partial<Record<OutputFormat, string | Uint8Array>>> {
  const settings = 'report' in settingsOrAudit ? reportSettings(settingsOrAudit) : settingsOrAudit;
  const locale = opts.locale ?? settings.language;
  const out: Partial<Record<OutputFormat, string | Uint8Array>> = {};
  if (formats.includes('json')) out.json = `${JSON.stringify(result, null, 2)}\n`;
  if (formats.includes('md')) out.md = renderSummaryMarkdown(result, { locale, delta: opts.delta ?? null });
  if (formats.includes('html') || formats.includes('pdf')) {
    let html: string;
    try {
      html = await renderReport(result, {
        accent: settings.accent,
        logoPath: settings.logo,
        paper: settings.paper,
        templatesDir: opts.templatesDir ?? null,
        locale,
        ...(opts.screenshots ? { screenshots: opts.screenshots } : {}),
        ...(opts.findingShots ? { findingShots: opts.findingShots } : {}),
        ...(opts.shotSkipped ? { shotSkipped: true } : {}),
        delta: opts.delta ?? null,
      });
    } catch (e) {
      // A user's template folder or theme CSS that cannot be used is theirs to fix.
      if (opts.templatesDir && e instanceof Error) throw new UserError(`The templates in ${opts.templatesDir} cannot be used: ${e.message}`);
      throw e;
    }
    if (formats.includes('html')) out.html = html;
    // PDF dates are the audit's date, so a re-render of the same audit is the same file.
    if (formats.includes('pdf')) {
      const pdfOpts = { format: settings.paper, title: reportTitle(result, locale), deterministic: new Date(result.generatedAt) };
      out.pdf = await (opts.renderer ? opts.renderer.render(html, pdfOpts) : renderPdf(html, pdfOpts));
    }
  }
  return out;
}

/**
 * renderAll with the crops beside the headline findings, drawn from `pages` (the HTML the audit read: the crawl's or
 * its archive's; null for an audit.json on its own). One browser makes the crops and prints the PDF: launched when
 * first needed (never for JSON and Markdown alone) and closed before this returns, whatever happens.
 */
export async function renderWithCrops(
  result: AuditResult,
  settingsOrAudit: ReportSettings | ResolvedAudit,
  formats: OutputFormat[],
  pages: ReadonlyArray<{ url: string; finalUrl?: string; html: string }> | null,
  opts: Omit<RenderAllOptions, 'findingShots' | 'shotSkipped' | 'renderer'> = {},
): Promise<Partial<Record<OutputFormat, string | Uint8Array>>> {
  if (!formats.includes('html') && !formats.includes('pdf')) return renderAll(result, settingsOrAudit, formats, opts);
  const renderer = lazyPdfRenderer();
  try {
    const shots = await reportShots(result, pages, { renderer });
    return await renderAll(result, settingsOrAudit, formats, { ...opts, ...shots, renderer });
  } finally {
    await renderer.close();
  }
}
