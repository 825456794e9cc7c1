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
  /** Not requested because the page budget was used up. */
  | 'max-pages'
  /** Not requested because the crawl was interrupted (Ctrl-C, SIGTERM, SIGHUP or the caller's abort signal). */
  | 'interrupted'
  | 'duplicate'
  /** Differs from a URL already fetched or queued only by sort, paging or display parameters. */
  | 'variant'
  | 'trap'
  /** Not an HTML page: by its path (not requested) or by the content type it was served with. */
  | 'non-html'
  | 'circuit-open'
  /** Left out because its URL template (group) reached its share of the page budget. */
  | 'sampled'
  /** Not requested because the first pages of its URL template (group) all answered 404/410. */
  | 'group-failing'
  /** Not started because the crawl's time budget ran out. */
  | 'time-budget'
  /** Its host resolves to a loopback, private, link-local or metadata address (the SSRF guard). */
  | 'private-address';

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
  /** Why that mode (set in `auto` mode, and when a browser render fell back to the static HTML). */
  renderReason?: string;
  /** Browser-rendered pages: the third-party requests the page made (scripts, pixels, frames, XHR), in order. */
  thirdPartyRequests?: ThirdPartyRequest[];
  /** Auto mode, rendered pages: what the HTML as served held before scripts ran (for signals about scriptless use). */
  served?: ServedView;
  /** Time to obtain the page (fetch, plus rendering when rendered), in ms. */
  fetchMs?: number;
  /** `<meta name="robots" content="noindex">` (or X-Robots-Tag: noindex): fetched, but the site asks not to index it. */
  noindex?: boolean;
}

export interface ThirdPartyRequest {
  url: string;
  /** Browser resource type: script, image, xhr, fetch, sub_frame (document), ping, stylesheet, font, other… */
  resourceType: string;
}

export interface ServedView {
  /** Visible text characters in the HTML as served. */
  textChars: number;
  /** The served HTML was an app shell or a "please enable JavaScript" page: nothing to read without scripts. */
  needsScripts: boolean;
  /** One sentence, e.g. "static HTML had 0 characters of text and an empty #root app shell". */
  note: string;
}

/** One screenshot per page type (URL group), taken in the browser. */
export interface PageScreenshot {
  url: string;
  /** URL template the page stands for, e.g. `/forum/t/*`. */
  group: string;
  mimeType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  data: Buffer;
}

/** In `auto` mode: how each URL group was decided after rendering its first page. */
export interface RenderGroupDecision {
  group: string;
  mode: 'static' | 'browser';
  reason: string;
  sampleUrl: string;
}

interface UrlRecordBase {
  url: string;
  depth: number;
  /** HTTP status, where a response was had. */
  status?: number;
  detail?: string;
}

/** The outcome for every URL the crawler considered: a union, so a reason always matches its outcome. */
export type UrlRecord =
  | (UrlRecordBase & { outcome: 'fetched'; reason?: undefined })
  | (UrlRecordBase & { outcome: 'failed'; reason: FailReason })
  | (UrlRecordBase & { outcome: 'skipped'; reason: SkipReason })
  | (UrlRecordBase & { outcome: 'robots-blocked'; reason?: undefined });

export type UrlOutcome = UrlRecord['outcome'];

export interface RobotsOutcome {
  url: string;
  /** HTTP status of robots.txt, or null when unreachable. */
  status: number | null;
  /** RFC 9309: 4xx → allow all; 5xx/unreachable → disallow all. */
  policy: 'parsed' | 'allow-all' | 'disallow-all';
  crawlDelaySec: number | null;
  note: string;
  /** `Sitemap:` lines of robots.txt. */
  sitemaps?: string[];
}

export interface SitemapRecord {
  url: string;
  /** HTTP status, or null when not requested / unreachable. */
  status: number | null;
  /** Same-site page URLs read from this file. */
  urls: number;
  note: string;
}

export interface UrlGroup {
  /** URL template, e.g. `/forum/t/*` (host prefixed when not the start host). */
  pattern: string;
  /** URLs of this template that passed scope, robots and trap rules. */
  discovered: number;
  fetched: number;
  /** Left out because the group reached its share of the page budget ('sampled'). */
  skipped: number;
  /** Why the group received no more of the budget, e.g. "the first 3 pages of group /user/* answered 404"; null while it did. */
  stopped: string | null;
}

export interface HostStop {
  host: string;
  reason: string;
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
  /** Each page as it is fetched (the crawl result lists it too, sorted): lets a consumer start on it at once. */
  onPage?: (page: PageSnapshot) => void;
  /** Keep each page's HTML in this file instead of in memory (spool.ts): the pages read it back when used. */
  spool?: import('./spool.js').HtmlSpool;
  signal?: AbortSignal;
  /** Origins whose URLs mean the start origin (a snapshot served on 127.0.0.1 lists its canonical URLs). */
  originAliases?: string[];
  /** Read sitemaps (robots.txt `Sitemap:` lines and /sitemap.xml) and seed their URLs at depth 1. Default true. */
  sitemaps?: boolean;
  /** Largest share of the page budget one URL template may use (default 0.25; 1 disables sampling). */
  groupShare?: number;
  /** Simultaneous requests per host (default 2; never more than `concurrency`). */
  perHostConcurrency?: number;
  /** Stop starting requests after this long; the result is partial, never a failure. */
  timeBudgetMs?: number;
  /** Opt-in member session (cookies), sent on in-scope page requests only; never archived or logged. */
  session?: import('./session.js').SessionCookie[];
  /** Let the crawler connect to loopback, private and link-local addresses (on automatically when the start URL is one). */
  allowPrivateNetwork?: boolean;
}

export interface CrawlProgress {
  fetched: number;
  failed: number;
  skipped: number;
  queued: number;
  lastUrl?: string;
  /** Estimated time left, from the recent rate and the queued work (bounded by the time budget). */
  etaMs?: number;
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
  /** Set when the crawl ended before the frontier was exhausted (page budget, time budget, circuit breaker, abort, robots). */
  stoppedEarly: string | null;
  /** Every sitemap file considered, with what came of it. */
  sitemaps?: SitemapRecord[];
  /** URL templates and each one's coverage (the sample the report describes). */
  groups?: UrlGroup[];
  /** Hosts the circuit breaker stopped, and why. */
  hostsStopped?: HostStop[];
  /** Browser and auto modes: one screenshot per page type. Archived as WARC resource records, not in metadata. */
  screenshots?: PageScreenshot[];
  /** Auto mode: the per-group render decisions. */
  renderGroups?: RenderGroupDecision[];
  /** Connections the SSRF guard refused: a host that resolved to a non-public address. */
  addressRefusals?: Array<{ host: string; address: string; kind: string }>;
}
