// The report's public API.
export { findChrome, hasChrome, launchArgs, ChromeNotFoundError, CHROME_CANDIDATES } from '../util/chrome.js';
export {
  buildViewModel,
  formatPercent,
  formatChange,
  formatScore,
  formatDate,
  indexBandText,
  questionBandText,
  scalePosition,
  topFindings,
  verdictSentence,
  pullSentence,
  sanitiseTrustedSvg,
  bandText,
  buildRecommendations,
  type RecommendationVM,
  type TocEntryVM,
  type ReportOptions,
  type ReportViewModel,
  type Paper,
} from './view-model.js';
export { cleanText, safeHref, toLink, escapeMarkdown, stripUnsafe, type Link } from './text.js';
export { validateAccent, loadLogo, LogoError } from './theme.js';
export { loadTemplates, BUILTIN_TEMPLATES_DIR } from './handlebars.js';
export { renderQuestionBars, renderScaleSvg, renderTrafficFallback } from './charts.js';
export { renderReportHtml, renderReport, loadTrafficChart, themeCss, type RenderHtmlOptions } from './render-html.js';
export { renderPdf, createPdfRenderer, type PdfOptions, type PdfRenderer, type PdfRenderInfo } from './render-pdf.js';
export { readDestinationPages, fillToc, hasToc, metadataFromHtml, setMetadata, compressWithQpdf, findQpdf, DETERMINISTIC_DATE, type PdfMetadata } from './pdf-post.js';
export { fontFaceCss, REPORT_FONT_FAMILY, REPORT_FONT_STACK } from './fonts.js';
export { RECOMMENDATIONS, recommendationKey, recommendationText, weakestSignals, type WeakSignal } from './recommendations.js';
export { sanitiseUserCss, UserCssError } from './handlebars.js';
export { chartLabels, type ChartLabels } from './charts.js';
export { t, translator, resolveLocale, isLocale, LOCALES, type Locale, type MessageKey } from '../i18n/index.js';
export { renderSummaryMarkdown } from './render-markdown.js';
