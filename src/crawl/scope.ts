// What the crawler may fetch: same site, include/exclude globs, never state-changing links, bounded URL spaces.
import picomatch from 'picomatch';
import { getDomain } from 'tldts';
import type { SkipReason } from './types.js';

function siteOf(host: string): string {
  // IPs and localhost have no registrable domain: scope is the exact host.
  return getDomain(host) ?? host;
}

/** Same site as the start URL: same registrable domain (or the exact host:port for IPs and localhost). */
export function sameSite(url: string, start: string): boolean {
  const a = new URL(url);
  const b = new URL(start);
  if (!getDomain(b.hostname)) return a.host === b.host;
  return siteOf(a.hostname) === siteOf(b.hostname);
}

/** Links that change state when followed (GET should be safe, but member areas often are not). */
// A whole path segment (optionally with an extension): /logout, /vote, /posts/1/delete, /cart/add. Words inside
// longer slugs (/how-to-follow-up.html) are content, not actions.
const STATE_CHANGING_PATH =
  /(?:^|\/)(?:log-?out|sign-?out|logoff|delete|remove|destroy|unsubscribe|vote|upvote|downvote|like|unlike|follow|unfollow|report|flag|reply|quote|subscribe|mark-?(?:all-?)?read|add-?to-?cart|cart\/add|basket\/add|wishlist\/add|checkout|deactivate)(?:\.\w+)?(?:$|\/)/i;
const STATE_CHANGING_QUERY = /^(?:action|do|act|cmd|vote|delete|logout|remove|mark)$/i;
/**
 * Leaving a session or removing something: distinctive enough to count anywhere in a segment or value
 * (userlogoutpage). Spelled as two words (log-out, sign_off) they must be words of their own: blog-outdoor,
 * catalog-outlet and design-office are content.
 */
const SESSION_END =
  /(?<![a-z0-9])(?:log|sign)[-_](?:out|off)(?![a-z0-9])|log(?:out|off)|sign(?:out|off)|unsubscribe|deactivate|delete[-_](?:account|cookies|me|profile|user)/;
/** Destructive verbs that make a segment or value an action when they lead it: /delete-account, /remove-item/5, ?op=delete. */
const LEADING_VERB = new Set([
  'logout',
  'logoff',
  'signout',
  'signoff',
  'delete',
  'remove',
  'destroy',
  'unsubscribe',
  'deactivate',
  'unfollow',
  'upvote',
  'downvote',
]);
/** The end of a session or an account, named under its section: /session/end, /account/close, /settings/deactivate. */
const SECTION_END =
  /(?:^|\/)(?:account|accounts|settings|profile|session|sessions|me|user|users)\/(?:close|end|cancel|terminate|deactivate|delete|remove)(?:$|\/|\.)/;

/** decodeURIComponent that keeps what it cannot decode: a stray % or a Latin-1 %E9 elsewhere does not stop the rest. */
function decodeLoose(s: string): string {
  return s.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Not UTF-8: decode the ASCII escapes (the letters of an action word), keep the others.
      return run.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/** Decoded, lower-cased: /log%6Fut reads as /logout (twice, for a doubly encoded link). */
function decoded(s: string): string {
  let out = s;
  for (let i = 0; i < 2; i++) {
    const next = decodeLoose(out);
    if (next === out) break;
    out = next;
  }
  return out.toLowerCase();
}

/** A segment or a query value that names an action: it leads with a destructive verb or ends a session. */
function namesAction(part: string): boolean {
  if (SESSION_END.test(part)) return true;
  const words = part.split(/[-_.~+\s]+/).filter(Boolean);
  return words.length > 0 && LEADING_VERB.has(words[0]!);
}

export function isStateChanging(url: string): boolean {
  const u = new URL(url);
  const path = decoded(u.pathname);
  if (STATE_CHANGING_PATH.test(path) || SECTION_END.test(path)) return true;
  if (SESSION_END.test(path) || path.split('/').some((seg) => seg && namesAction(seg.replace(/\.\w+$/, '')))) return true;
  for (const [key, value] of u.searchParams) {
    if (STATE_CHANGING_QUERY.test(key)) return true;
    // phpBB ucp.php?mode=logout or mode=delete_cookies, ?op=delete, a vBulletin login.php?do=logout.
    if (namesAction(decoded(value))) return true;
  }
  return false;
}

const CALENDAR_PARAMS = /^(?:date|day|month|year|week|cal|calendar|from|to|start|end)$/i;

/** Bounded guards against endless URL spaces. `variants` counts query variants already seen per path. */
export function trapReason(url: string, variants: Map<string, number>, maxVariantsPerPath = 20): string | null {
  if (url.length > 2000) return 'URL longer than 2,000 characters';
  const u = new URL(url);
  const segments = u.pathname.split('/').filter(Boolean);
  const counts = new Map<string, number>();
  for (const s of segments) counts.set(s, (counts.get(s) ?? 0) + 1);
  if ([...counts.values()].some((n) => n >= 3)) return 'a path segment repeats three times';
  if (segments.length > 12) return 'more than 12 path segments';
  if (u.search) {
    const key = `${u.origin}${u.pathname}`;
    const n = (variants.get(key) ?? 0) + 1;
    variants.set(key, n);
    const calendar = [...u.searchParams.keys()].some((k) => CALENDAR_PARAMS.test(k));
    // Calendars and date filters are infinite; other query variants (sorts, filters) are capped more loosely.
    if (calendar && n > 5) return 'calendar-like parameters beyond 5 variants of one path';
    if (n > maxVariantsPerPath) return `more than ${maxVariantsPerPath} query variants of one path`;
  }
  return null;
}

export interface ScopeRules {
  start: string;
  include: string[];
  exclude: string[];
}

/** Globs match the URL's path plus query (e.g. `/forum/**`, `**\/print/**`). */
export function makeScope(rules: ScopeRules): (url: string) => SkipReason | null {
  const inc = rules.include.length ? picomatch(rules.include, { dot: true }) : null;
  const exc = rules.exclude.length ? picomatch(rules.exclude, { dot: true }) : null;
  return (url) => {
    if (!sameSite(url, rules.start)) return 'out-of-scope';
    if (isStateChanging(url)) return 'state-changing';
    const u = new URL(url);
    const target = u.pathname + u.search;
    if (exc && (exc(target) || exc(u.pathname))) return 'excluded';
    // The start page is always in, whatever the include list says.
    if (inc && url !== rules.start && !(inc(target) || inc(u.pathname))) return 'not-included';
    return null;
  };
}
