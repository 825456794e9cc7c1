// Typed artifacts of the crawl stage. Everything downstream (signals, report) reads these, never the network.

export type RenderMode = 'static' | 'browser' | 'auto';

/** Why a URL that was seen was not fetched. */
export type SkipReason =
  | 'out-of-scope'
  | 'excluded'
  | 'not-included'
  | 'state-changing'
  | 'nofollow'
  | 'max-depth'
  | 'max-pages'
  | 'duplicate'
  | 'trap'
  | 'non-html'
  | 'circuit-open';

/** Why a fetch did not give a usable page. */
export type FailReason = 'http-error' | 'network' | 'timeout' | 'redirect-loop' | 'too-large' | 'decode';

/** One HTML page that was fetched successfully (2xx, text/html). */
export interface PageSnapshot {
  /** Canonical URL that was requested. */
  url: string;
  /** URL after redirects (what the browser would show). */
  finalUrl: string;
  status: number;
  /** Lower-cased response header names. */
  headers: Record<string, string>;
  /** Decoded HTML (charset from header, BOM or <meta>). */
  html: string;
  /** Link depth from the start URL (0 = start page). */
  depth: number;
  /** Every hop before the final URL, in order. */
  redirectChain: string[];
  /** How the page was obtained. */
  renderMode: 'static' | 'browser';
}

/** The outcome for every URL the crawler considered. */
export interface UrlRecord {
  url: string;
  depth: number;
  outcome: 'fetched' | 'failed' | 'skipped' | 'robots-blocked';
  status?: number;
  reason?: SkipReason | FailReason;
  detail?: string;
}

export interface RobotsOutcome {
  url: string;
  /** HTTP status of robots.txt, or null when unreachable. */
  status: number | null;
  /** RFC 9309: 4xx → allow all; 5xx/unreachable → disallow all. */
  policy: 'parsed' | 'allow-all' | 'disallow-all';
  crawlDelaySec: number | null;
  note: string;
}

export interface CrawlOptions {
  startUrl: string;
  maxPages: number;
  maxDepth: number;
  render: RenderMode;
  include: string[];
  exclude: string[];
  delayMs: number;
  concurrency: number;
  userAgent: string;
  /** Product token matched against robots.txt groups (RFC 9309 §2.2.1). */
  robotsToken: string;
  timeoutMs: number;
  maxBytes: number;
  onProgress?: (p: CrawlProgress) => void;
  signal?: AbortSignal;
}

export interface CrawlProgress {
  fetched: number;
  failed: number;
  skipped: number;
  queued: number;
  lastUrl?: string;
}

export interface CrawlResult {
  startUrl: string;
  userAgent: string;
  render: RenderMode;
  startedAt: string;
  durationMs: number;
  robots: RobotsOutcome;
  pages: PageSnapshot[];
  records: UrlRecord[];
  /** Set when the crawl ended before the frontier was exhausted (page budget, abort, robots). */
  stoppedEarly: string | null;
}
