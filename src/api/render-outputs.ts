// AuditResult → the bytes of each requested output. Everything is rendered in memory first, so a failure
// (say, Chromium crashing) leaves no half-written folder behind.
import type { ResolvedAudit } from '../config/load-audit.js';
import { ChromeNotFoundError, findChrome } from '../report/chrome.js';
import { renderReport } from '../report/render-html.js';
import { renderPdf } from '../report/render-pdf.js';
import { renderSummaryMarkdown } from '../report/render-markdown.js';
import type { AuditResult } from '../result/types.js';
import { UserError } from '../util/errors.js';
import type { OutputFormat } from './outputs.js';

/** The browser is something the user installs: a missing one is their fix to make, with the command named. */
export function requireChrome(): string {
  try {
    return findChrome();
  } catch (e) {
    if (e instanceof ChromeNotFoundError) throw new UserError(e.message);
    throw e;
  }
}

export async function renderAll(result: AuditResult, audit: ResolvedAudit, formats: OutputFormat[], templatesDir?: string): Promise<Partial<Record<OutputFormat, string | Uint8Array>>> {
  const out: Partial<Record<OutputFormat, string | Uint8Array>> = {};
  if (formats.includes('json')) out.json = `${JSON.stringify(result, null, 2)}\n`;
  if (formats.includes('md')) out.md = renderSummaryMarkdown(result);
  if (formats.includes('html') || formats.includes('pdf')) {
    const html = await renderReport(result, {
      accent: audit.report.theme.accent,
      logoPath: audit.report.analyst.logo ?? null,
      paper: audit.report.paper,
      templatesDir: templatesDir ?? null,
    });
    if (formats.includes('html')) out.html = html;
    if (formats.includes('pdf')) out.pdf = await renderPdf(html, { format: audit.report.paper, title: result.report.title });
  }
  return out;
}
