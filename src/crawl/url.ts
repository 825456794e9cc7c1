// URL hygiene: one spelling per page, so the frontier does not fetch the same page under many names.

/** Query parameters that track or identify a session and never change the page. */
export const DROP_PARAMS =
  /^(?:utm_[a-z_]+|gclid|gclsrc|dclid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid|sid|sessionid|session_id|phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken|ref_src)$/i;

/** Locale order, then code units: strings the locale calls equal (é and e + U+0301) still get one order. */
const order = (a: string, b: string): number => a.localeCompare(b) || (a < b ? -1 : a > b ? 1 : 0);

/** Absolute, canonical http(s) URL for `href` relative to `base`, or null when it is not a web page link. */
export function canonicalizeUrl(href: string, base?: string): string | null {
  let u: URL;
  try {
    u = base ? new URL(href.trim(), base) : new URL(href.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // Each setter re-serialises the URL (every link of every page comes through here): only what needs changing is set.
  // The URL parser already lower-cases the host of an http(s) URL and drops its default port.
  if (u.href.includes('#')) u.hash = ''; // an empty fragment ("page#") too
  if (u.username) u.username = '';
  if (u.password) u.password = '';
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.replace(/\.+$/, '');
  // ;jsessionid=… path parameters (Java servers) are session ids too.
  if (/;jsessionid=/i.test(u.pathname)) u.pathname = u.pathname.replace(/;jsessionid=[^/?]*/gi, '');
  if (u.search) {
    const params = [...u.searchParams.entries()].filter(([k]) => !DROP_PARAMS.test(k));
    params.sort(([a, av], [b, bv]) => (a === b ? order(av, bv) : order(a, b)));
    u.search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  } else if (u.href.endsWith('?')) u.search = ''; // an empty query ("page?") is the page itself
  return u.toString();
}

/** Parameters that only sort a page or say which way round; any value. */
const SORT_PARAMS = /^(?:sort|order|orderby|order_by|sort_by|sortby|sort_order|sortorder|dir|direction|desc|asc|hilit|highlight)$/i;
/** Paging parameters (`start`/`offset` are phpBB's and vBulletin's): folded only with a number, as `?page=about` names a page. */
const PAGING_PARAMS = /^(?:page|start|offset|limit|per_page|perpage|pagesize|page_size)$/i;
/** Display parameters: folded only with a display value, as `view=article` in Joomla and others names a page type. */
const VIEW_PARAMS = /^(?:view|display|layout)$/i;
const VIEW_VALUES =
  /^(?:print|printable|printer|next|previous|prev|unread|newest|oldest|all|list|grid|table|compact|full|threaded|flat|nested|linear|tree|cards?|expanded|collapsed|classic|mobile|desktop)$/i;

function isVariantParam(key: string, value: string): boolean {
  if (SORT_PARAMS.test(key)) return true;
  if (PAGING_PARAMS.test(key)) return /^\d*$/.test(value.trim());
  if (VIEW_PARAMS.test(key)) return VIEW_VALUES.test(value.trim());
  return false;
}

/**
 * The page a canonical URL shows, without its sort, paging and display parameters: URLs with one identity are
 * variants of one page (`/forum?page=2&order=title` of `/forum`). Ids stay: `?t=123` and `?t=124` are two threads,
 * `?f=` a forum, WordPress `?p=` a post (not paging).
 */
export function pageIdentity(url: string): string {
  const u = new URL(url);
  const kept = [...u.searchParams.entries()].filter(([k, v]) => !isVariantParam(k, v));
  if (kept.length === [...u.searchParams.keys()].length) return url;
  u.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  return u.toString();
}
