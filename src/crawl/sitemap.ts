// Sitemaps: urlsets and sitemap indexes, plain or gzip, with every guard a hostile or broken file needs —
// a visited set (an index that lists itself terminates), nesting depth, decompressed-byte and URL caps.
import * as cheerio from 'cheerio';
import { Gunzip } from 'fflate';
import { readCapped, TooLargeError } from './fetch-page.js';

export interface SitemapOutcome {
  url: string;
  /** HTTP status, or null when not requested / unreachable. */
  status: number | null;
  /** Page URLs taken from this file (after same-site filtering). */
  urls: number;
  note: string;
}

export interface SitemapLimits {
  /** Index nesting (a sitemap listed by robots.txt is depth 0). */
  maxDepth: number;
  /** Decompressed bytes per file. */
  maxBytes: number;
  maxUrlsPerFile: number;
  /** Sitemap files requested in total. */
  maxFiles: number;
}

export const SITEMAP_LIMITS: SitemapLimits = { maxDepth: 5, maxBytes: 50 * 1024 * 1024, maxUrlsPerFile: 50_000, maxFiles: 50 };

const GZIP_CHUNK = 16 * 1024;

/** Inflates gzip with a running byte counter: throws TooLargeError as soon as the output passes `maxBytes`. */
export function gunzipCapped(input: Uint8Array, maxBytes: number): Buffer {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const gz = new Gunzip((chunk) => {
    if (over) return;
    total += chunk.byteLength;
    if (total > maxBytes) over = true;
    else chunks.push(chunk);
  });
  // Small input slices bound how much one push can inflate (deflate's ratio is at most ~1,032:1).
  for (let i = 0; i < input.byteLength && !over; i += GZIP_CHUNK) {
    gz.push(input.subarray(i, i + GZIP_CHUNK), i + GZIP_CHUNK >= input.byteLength);
  }
  if (over) throw new TooLargeError(`decompressed sitemap exceeded ${maxBytes} bytes`);
  return Buffer.concat(chunks);
}

export const isGzip = (buf: Uint8Array): boolean => buf[0] === 0x1f && buf[1] === 0x8b;

export function parseSitemap(xml: string): { kind: 'urlset' | 'index' | 'unknown'; locs: string[] } {
  const $ = cheerio.load(xml, { xml: { xmlMode: true } });
  const pick = (sel: string): string[] =>
    $(sel)
      .map((_, el) => $(el).text().trim())
      .get()
      .filter(Boolean);
  if ($('sitemapindex').length) return { kind: 'index', locs: pick('sitemapindex > sitemap > loc') };
  if ($('urlset').length) return { kind: 'urlset', locs: pick('urlset > url > loc') };
  return { kind: 'unknown', locs: [] };
}

export interface DiscoverOptions {
  /** Sitemap URLs to start from; `listed` = named by robots.txt (fetched even where Disallow would apply). */
  seeds: Array<{ url: string; listed: boolean }>;
  userAgent: string;
  timeoutMs: number;
  signal?: AbortSignal;
  limits?: Partial<SitemapLimits>;
  /** Canonical form of a URL on the crawl's origin (aliases mapped), or null when it is not a usable URL. */
  normalize: (url: string) => string | null;
  /** Same site as the crawl. */
  sameSite: (url: string) => boolean;
  /** robots.txt says yes (for sitemaps not listed in robots.txt). */
  isAllowed: (url: string) => Promise<boolean>;
  /** The fetch dispatcher (the SSRF guard's). */
  dispatcher?: import('undici').Dispatcher;
  /** Whether a redirect hop may be followed (scope, state-changing links, robots.txt): a reason when not. */
  allowRedirect?: (url: string) => string | null;
  /** Pacing before each request; return a reason to stop (time budget, breaker, abort). */
  beforeRequest: (url: string) => Promise<string | null>;
  /** Outcome of each request, for the per-host breaker (true = 429/5xx/timeout/network). */
  afterRequest?: (url: string, failure: boolean) => void;
  /** Runs each request in the host's queue (per-host concurrency). */
  schedule?: <T>(url: string, task: () => Promise<T>) => Promise<T>;
}

const MAX_SITEMAP_REDIRECTS = 5;

interface Fetched {
  status: number | null;
  body?: Buffer;
  note: string;
  /** 429/5xx/timeout/network: counts against the host's circuit breaker. */
  failure: boolean;
}

async function fetchSitemap(url: string, opts: DiscoverOptions, maxBytes: number): Promise<Fetched> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let status: number | null = null;
  try {
    // Redirects are followed by hand, each hop checked before it is requested: same site, in scope, allowed.
    let current = url;
    let res: Response;
    for (let hop = 0; ; hop++) {
      res = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': opts.userAgent, accept: 'application/xml,text/xml;q=0.9,*/*;q=0.5' },
        ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
      } as RequestInit);
      status = res.status;
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) break;
      await res.body?.cancel().catch(() => undefined);
      const next = opts.normalize(new URL(location, current).toString());
      if (!next || !opts.sameSite(next)) return { status, note: `redirected to another site (${location}): not followed`, failure: false };
      const refused = opts.allowRedirect?.(next) ?? null;
      if (refused) return { status, note: `redirected to ${next}: not followed (${refused})`, failure: false };
      if (hop >= MAX_SITEMAP_REDIRECTS) return { status, note: `more than ${MAX_SITEMAP_REDIRECTS} redirects: not followed`, failure: false };
      current = next;
    }
    if (res.status < 200 || res.status >= 300) {
      await res.body?.cancel().catch(() => undefined);
      return { status, note: res.status === 404 ? 'not found' : `HTTP ${res.status}`, failure: res.status === 429 || res.status >= 500 };
    }
    // Compressed bytes are capped as well as decompressed ones (fetch already inflates Content-Encoding: gzip).
    const raw = await readCapped(res, maxBytes);
    if (!isGzip(raw)) return { status, body: raw, note: '', failure: false };
    return { status, body: gunzipCapped(raw, maxBytes), note: 'gzip', failure: false };
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    if (err instanceof TooLargeError) return { status, note: `stopped: ${err.message}`, failure: false };
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.cause?.code === 'EFORBIDDENADDRESS') return { status, note: `not requested: ${e.cause.message ?? 'non-public address'}`, failure: false };
    return { status, note: timeout.aborted ? `timeout after ${opts.timeoutMs} ms` : `unreadable (${e.cause?.code ?? e.message})`, failure: true };
  }
}

/** Reads sitemaps breadth-first. Never throws except on caller abort. */
export async function discoverSitemaps(opts: DiscoverOptions): Promise<{ urls: string[]; outcomes: SitemapOutcome[] }> {
  const limits = { ...SITEMAP_LIMITS, ...opts.limits };
  const outcomes: SitemapOutcome[] = [];
  const visited = new Set<string>();
  const found = new Set<string>();
  const queue: Array<{ url: string; depth: number; listed: boolean }> = [];
  for (const s of opts.seeds) {
    const url = opts.normalize(s.url);
    if (url && !queue.some((q) => q.url === url)) queue.push({ url, depth: 0, listed: s.listed });
  }
  let requests = 0;
  while (queue.length) {
    const { url, depth, listed } = queue.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    const out: SitemapOutcome = { url, status: null, urls: 0, note: '' };
    outcomes.push(out);
    if (!opts.sameSite(url)) {
      out.note = 'on another site: not requested';
      continue;
    }
    if (!listed && !(await opts.isAllowed(url))) {
      out.note = 'disallowed by robots.txt: not requested';
      continue;
    }
    if (requests >= limits.maxFiles) {
      out.note = `not requested: limit of ${limits.maxFiles} sitemap files reached`;
      continue;
    }
    // Pacing happens inside the host's queue slot, so request starts stay spaced as for pages.
    const got = await (opts.schedule ?? ((_u, task) => task()))(url, async (): Promise<Fetched | string> => {
      const stop = await opts.beforeRequest(url);
      return stop ?? fetchSitemap(url, opts, limits.maxBytes);
    });
    if (typeof got === 'string') {
      out.note = `not requested: ${got}`;
      continue;
    }
    requests++;
    out.status = got.status;
    opts.afterRequest?.(url, got.failure);
    if (!got.body) {
      out.note = got.note;
      continue;
    }
    const body = got.body;
    if (got.note) out.note = `${got.note}; `;
    const parsed = parseSitemap(body.toString('utf8').replace(/^\uFEFF/, ''));
    let locs = parsed.locs;
    const notes: string[] = [];
    if (locs.length > limits.maxUrlsPerFile) {
      notes.push(`${locs.length} entries, only the first ${limits.maxUrlsPerFile} read`);
      locs = locs.slice(0, limits.maxUrlsPerFile);
    }
    let offSite = 0;
    if (parsed.kind === 'index') {
      let children = 0;
      for (const loc of locs) {
        const child = opts.normalize(loc);
        if (!child || visited.has(child)) continue;
        if (!opts.sameSite(child)) {
          offSite++;
          continue;
        }
        if (depth + 1 > limits.maxDepth) {
          notes.push(`nested sitemaps beyond depth ${limits.maxDepth} not read`);
          break;
        }
        if (!queue.some((q) => q.url === child)) queue.push({ url: child, depth: depth + 1, listed: false });
        children++;
      }
      notes.unshift(`sitemap index: ${children} sitemap(s)`);
    } else if (parsed.kind === 'urlset') {
      for (const loc of locs) {
        const page = opts.normalize(loc);
        if (!page) continue;
        if (!opts.sameSite(page)) {
          offSite++;
          continue;
        }
        if (!found.has(page)) out.urls++;
        found.add(page);
      }
      notes.unshift(`urlset: ${out.urls} URL(s)`);
    } else {
      notes.unshift('not a sitemap (no <urlset> or <sitemapindex>)');
    }
    if (offSite) notes.push(`${offSite} off-site entr${offSite === 1 ? 'y' : 'ies'} ignored`);
    out.note += notes.join('; ');
  }
  return { urls: [...found], outcomes };
}
