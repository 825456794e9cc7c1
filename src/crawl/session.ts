// Opt-in member-area crawl: a session the user supplies (a browser's cookies.txt export or a Playwright storage
// state) is sent as a Cookie header on in-scope requests. The cookies never reach the archive, the report or the
// logs: they are held here and only turned into a header at request time.
import { readFile } from 'node:fs/promises';

export interface SessionCookie {
  name: string;
  value: string;
  /** Host the cookie belongs to; a leading dot means subdomains too. */
  domain: string;
  path: string;
  secure: boolean;
  /** Seconds since the epoch; -1 or 0 for a session cookie. */
  expires: number;
}

export class SessionFileError extends Error {}

/** Netscape/Mozilla cookies.txt: tab-separated domain, subdomains flag, path, secure, expiry, name, value. */
export function parseCookiesTxt(text: string): SessionCookie[] {
  const cookies: SessionCookie[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    // curl marks HttpOnly cookies with a `#HttpOnly_` prefix on the domain; other `#` lines are comments.
    const line = raw.startsWith('#HttpOnly_') ? raw.slice('#HttpOnly_'.length) : raw;
    if (!line.trim() || line.startsWith('#')) return;
    const f = line.split('\t');
    if (f.length < 7)
      throw new SessionFileError(`line ${i + 1}: expected 7 tab-separated fields (domain, subdomains, path, secure, expires, name, value), found ${f.length}`);
    const [domain, subdomains, path, secure, expires, name, ...value] = f as [string, string, string, string, string, string, ...string[]];
    cookies.push({
      name,
      value: value.join('\t'),
      domain: subdomains.toUpperCase() === 'TRUE' && !domain.startsWith('.') ? `.${domain}` : domain,
      path: path || '/',
      secure: secure.toUpperCase() === 'TRUE',
      expires: Number(expires) || 0,
    });
  });
  return cookies;
}

/** Playwright's storageState JSON: `{ cookies: [{ name, value, domain, path, expires, secure, … }], origins }`. */
export function parseStorageState(text: string): SessionCookie[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SessionFileError(`not valid JSON (${(e as Error).message})`);
  }
  const list = (data as { cookies?: unknown }).cookies;
  if (!Array.isArray(list)) throw new SessionFileError('a storage state needs a "cookies" array (export it with context.storageState())');
  return list.map((c, i) => {
    const o = c as Record<string, unknown>;
    if (typeof o.name !== 'string' || typeof o.value !== 'string' || typeof o.domain !== 'string') {
      throw new SessionFileError(`cookies[${i}] needs string name, value and domain`);
    }
    return {
      name: o.name,
      value: o.value,
      domain: o.domain,
      path: typeof o.path === 'string' ? o.path : '/',
      secure: o.secure === true,
      expires: typeof o.expires === 'number' ? o.expires : -1,
    };
  });
}

export async function loadSessionFile(file: string): Promise<SessionCookie[]> {
  const text = await readFile(file, 'utf8');
  return text.trimStart().startsWith('{') ? parseStorageState(text) : parseCookiesTxt(text);
}

function domainMatches(host: string, domain: string): boolean {
  const d = domain.toLowerCase();
  if (d.startsWith('.')) return host === d.slice(1) || host.endsWith(d);
  return host === d;
}

function pathMatches(path: string, cookiePath: string): boolean {
  return path === cookiePath || (path.startsWith(cookiePath) && (cookiePath.endsWith('/') || path[cookiePath.length] === '/'));
}

/** The Cookie header for a request (RFC 6265 §5.4 matching: domain, path, secure, expiry), or null. */
export function cookieHeaderFor(url: string, cookies: SessionCookie[], nowSec = Date.now() / 1000): string | null {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  const matching = cookies
    .filter(
      (c) =>
        domainMatches(host, c.domain) && pathMatches(u.pathname, c.path) && (!c.secure || u.protocol === 'https:') && (c.expires <= 0 || c.expires > nowSec),
    )
    // Longer paths first, as browsers send them.
    .sort((a, b) => b.path.length - a.path.length);
  return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : null;
}
