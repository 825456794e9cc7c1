// robots.txt per RFC 9309 §2.3.1: robots-parser only parses, so fetching, redirects and the
// 4xx-allow / 5xx-disallow rules are ours.
import robotsParserModule from 'robots-parser';
import { readPrefix } from './fetch-page.js';
import type { RobotsOutcome } from './types.js';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
// robots-parser is CommonJS whose typings declare an ES default export: under NodeNext the default import is
// module.exports itself at runtime, so take whichever is the function.
const robotsParser = ((robotsParserModule as unknown as { default?: unknown }).default ?? robotsParserModule) as unknown as (
  url: string,
  text: string,
) => Robot;

const MAX_ROBOTS_BYTES = 500 * 1024;
const MAX_ROBOTS_REDIRECTS = 5;
export const MAX_CRAWL_DELAY_SEC = 30;

export interface RobotsRules {
  outcome: RobotsOutcome;
  /** Whether our token may fetch `url`. Other origins are never covered by this file: false. */
  isAllowed(url: string): boolean;
  /** `Sitemap:` lines of the file (absolute URLs as written; empty when robots.txt was not parsed). */
  sitemaps: string[];
}

export interface RobotsFetchOptions {
  userAgent: string;
  /** Bare product token (e.g. `conductor-audit`): robots-parser cuts a full UA at the first `/`. */
  token: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** The fetch dispatcher (the SSRF guard's). */
  dispatcher?: import('undici').Dispatcher;
}

/**
 * A URL's path and query spelled as robots-parser spells the rules (encodeURI, existing escapes kept): the URL parser
 * leaves [ ] | ^ raw where a rule has them encoded, so `Disallow: /*?f[` would never match `/search?f[0]=a`.
 */
function asPatterns(pathAndQuery: string): string {
  try {
    return encodeURI(pathAndQuery).replace(/%25/g, '%');
  } catch {
    return pathAndQuery;
  }
}

function policyOnly(origin: string, robotsUrl: string, policy: 'allow-all' | 'disallow-all', status: number | null, note: string): RobotsRules {
  return {
    outcome: { url: robotsUrl, status, policy, crawlDelaySec: null, note },
    isAllowed: (url) => new URL(url).origin === origin && policy === 'allow-all',
    sitemaps: [],
  };
}

/** Fetches and interprets `<origin>/robots.txt` for `siteUrl`. Never throws except on caller abort. */
export async function loadRobots(siteUrl: string, opts: RobotsFetchOptions): Promise<RobotsRules> {
  const origin = new URL(siteUrl).origin;
  const robotsUrl = `${origin}/robots.txt`;
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let current = robotsUrl;
  try {
    for (let hop = 0; ; hop++) {
      const res = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': opts.userAgent, accept: 'text/plain,*/*;q=0.5' },
        ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
      } as RequestInit);
      if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
        await res.body?.cancel().catch(() => undefined);
        if (hop >= MAX_ROBOTS_REDIRECTS) {
          return policyOnly(origin, robotsUrl, 'allow-all', res.status, `more than ${MAX_ROBOTS_REDIRECTS} redirects: treated as unavailable (allow all)`);
        }
        current = new URL(res.headers.get('location') ?? '', current).toString();
        continue;
      }
      if (res.status >= 400 && res.status < 500) {
        await res.body?.cancel().catch(() => undefined);
        return policyOnly(origin, robotsUrl, 'allow-all', res.status, `robots.txt answered ${res.status}: allow all (RFC 9309)`);
      }
      if (res.status >= 500 || res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => undefined);
        return policyOnly(origin, robotsUrl, 'disallow-all', res.status, `robots.txt answered ${res.status}: disallow all (RFC 9309)`);
      }
      // RFC 9309 §2.5: parse at least the first 500 KiB. A longer file is read up to there, to its last whole line.
      const { bytes, cut } = await readPrefix(res, MAX_ROBOTS_BYTES);
      let text = bytes.toString('utf8');
      let note = 'parsed';
      if (cut) {
        text = text.slice(0, text.lastIndexOf('\n') + 1);
        note = 'robots.txt larger than 500 KiB: its first 500 KiB were parsed (RFC 9309)';
      }
      const robot = robotsParser(robotsUrl, text);
      const rawDelay = robot.getCrawlDelay(opts.token);
      const delay = typeof rawDelay === 'number' && Number.isFinite(rawDelay) && rawDelay >= 0 ? Math.min(rawDelay, MAX_CRAWL_DELAY_SEC) : null;
      if (delay !== null && rawDelay !== delay) note += `; Crawl-delay ${rawDelay}s capped at ${MAX_CRAWL_DELAY_SEC}s`;
      const sitemaps = [
        ...new Set(
          robot
            .getSitemaps()
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      return {
        outcome: { url: robotsUrl, status: res.status, policy: 'parsed', crawlDelaySec: delay, note, ...(sitemaps.length ? { sitemaps } : {}) },
        // RFC 9309 §2.2.2: /robots.txt itself is implicitly allowed, whatever the rules say.
        isAllowed: (url) => {
          const u = new URL(url);
          return (
            u.origin === origin && (u.pathname === '/robots.txt' || robot.isAllowed(`${origin}${asPatterns(u.pathname + u.search)}`, opts.token) !== false)
          );
        },
        sitemaps,
      };
    }
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = timeout.aborted ? 'timeout' : e.cause?.code === 'EFORBIDDENADDRESS' ? (e.cause.message ?? 'non-public address') : (e.cause?.code ?? e.message);
    return policyOnly(origin, robotsUrl, 'disallow-all', null, `robots.txt unreachable (${why}): disallow all (RFC 9309)`);
  }
}
