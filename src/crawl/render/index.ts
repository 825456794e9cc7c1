// Browser rendering (issue 3). Importing this module does not load playwright-core; the first renderPage() does.
export {
  BrowserPool,
  BrowserUnavailableError,
  type BrowserPoolOptions,
  type NetworkRequest,
  type RenderedPage,
  type RenderFailReason,
  type RenderFailure,
  type RenderOptions,
  type RenderResult,
  type RenderTimings,
} from './browser-pool.js';
export {
  analyzeStaticHtml,
  AutoRenderPolicy,
  compareRendered,
  renderGroupKey,
  visibleText,
  WIDGET_RULES,
  type AnalyzeOptions,
  type AutoAction,
  type CompareOptions,
  type GroupDecision,
  type RenderComparison,
  type StaticAnalysis,
  type WidgetHit,
} from './needs-browser.js';
export { captureScreenshot, ScreenshotPlan, SCREENSHOT_DEFAULTS, type Screenshot, type ScreenshotOptions } from './screenshots.js';
export { PageRenderer, toFetchResult, type CrawlFetchResult, type PageRendererOptions, type RenderExtras } from './page-renderer.js';
