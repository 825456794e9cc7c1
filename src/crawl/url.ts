// URL hygiene: one spelling per page, so the frontier does not fetch the same page under many names.

/** Query parameters that track or identify a session and never change the page. */
const DROP_PARAMS = /^(?:utm_[a-z_]+|gclid|gclsrc|dclid|fbclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid|sid|sessionid|session_id|phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken|ref_src)$/i;

/** Absolute, canonical http(s) URL for `href` relative to `base`, or null when it is not a web page link. */
export function canonicalizeUrl(href: string, base?: string): string | null {
  let u: URL;
  try {
    u = base ? new URL(href.trim(), base) : new URL(href.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  u.hostname = u.hostname.toLowerCase().replace(/\.$/, '');
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) u.port = '';
  // ;jsessionid=… path parameters (Java servers) are session ids too.
  u.pathname = u.pathname.replace(/;jsessionid=[^/?]*/gi, '');
  const params = [...u.searchParams.entries()].filter(([k]) => !DROP_PARAMS.test(k));
  params.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  u.search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return u.toString();
}
