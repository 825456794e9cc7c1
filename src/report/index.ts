// The report's public API.
export { findChrome, hasChrome, launchArgs, ChromeNotFoundError, CHROME_CANDIDATES } from './chrome.js';
export {
  buildViewModel,
  formatPercent,
  formatChange,
  formatScore,
  formatDate,
  indexLabel,
  scalePosition,
  topFindings,
  verdictSentence,
  pullSentence,
  sanitiseTrustedSvg,
  type ReportOptions,
  type ReportViewModel,
  type Paper,
} from './view-model.js';
export { cleanText, safeHref, toLink, escapeMarkdown, stripUnsafe, type Link } from './text.js';
export { validateAccent, loadLogo, LogoError } from './theme.js';
export { loadTemplates, BUILTIN_TEMPLATES_DIR } from './handlebars.js';
export { renderQuestionBars, renderScaleSvg, renderTrafficFallback } from './charts.js';
export { renderReportHtml, renderReport, loadTrafficChart, themeCss, type RenderHtmlOptions } from './render-html.js';
export { renderPdf, createPdfRenderer, type PdfOptions, type PdfRenderer } from './render-pdf.js';
export { renderSummaryMarkdown } from './render-markdown.js';
