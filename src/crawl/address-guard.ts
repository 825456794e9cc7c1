// Server-side request forgery guard. A name under the audited domain (or a redirect, a sitemap, a page's own
// request in the browser) may resolve to a loopback, private, link-local or metadata address; the crawler must
// not be turned into a probe of the network it runs in. Every connection's address is checked when it is made,
// in the connect-time lookup of the dispatcher the built-in fetch uses, so a name that resolves differently the
// second time (DNS rebinding) is caught too. Refused unless the audit's own start URL is such an address (a saved
// snapshot on 127.0.0.1, an intranet host named by its IP) or the user allowed private addresses.
import dns from 'node:dns';
import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';

// undici is loaded when a crawl needs it, not with every command (re-scoring, render and compare never fetch).
const loadUndici = (): typeof import('undici') => createRequire(import.meta.url)('undici') as typeof import('undici');

export type ForbiddenKind = 'loopback' | 'private' | 'link-local' | 'shared (CGNAT)' | 'unique-local' | 'multicast' | 'unspecified' | 'reserved';

function v4(ip: string): number[] | null {
  const parts = ip.split('.').map(Number);
  return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? parts : null;
}

/** What kind of non-public address `ip` is, or null for a public one. */
export function forbiddenAddress(ip: string): ForbiddenKind | null {
  const family = isIP(ip);
  if (family === 4) {
    const [a, b] = v4(ip)!;
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 100 && b! >= 64 && b! <= 127) return 'shared (CGNAT)';
    if (a! >= 224 && a! <= 239) return 'multicast';
    if (a === 0) return 'unspecified';
    if (a! >= 240 || (a === 192 && b === 0 && v4(ip)![2] === 0) || (a === 198 && (b === 18 || b === 19))) return 'reserved';
    return null;
  }
  if (family === 6) {
    const x = ip.toLowerCase();
    const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
    if (mapped) return forbiddenAddress(mapped[1]!);
    if (x === '::1') return 'loopback';
    if (x === '::') return 'unspecified';
    if (/^fe[89ab]/.test(x)) return 'link-local';
    if (/^f[cd]/.test(x)) return 'unique-local';
    if (/^ff/.test(x)) return 'multicast';
    return null;
  }
  return null;
}

/** Is the host of `url` itself a literal non-public address (or localhost)? Such a start URL opts the audit in. */
export function isPrivateHost(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || forbiddenAddress(host) !== null;
}

export type LookupFn = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

export interface AddressRefusal {
  host: string;
  address: string;
  kind: ForbiddenKind;
}

export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDRESS';
  constructor(readonly refusal: AddressRefusal) {
    super(`${refusal.host} resolves to ${refusal.address}, a ${refusal.kind} address: not requested`);
  }
}

export interface AddressGuard {
  /** Pass to fetch as `dispatcher`: its connections are checked at connect time. */
  dispatcher: Dispatcher | undefined;
  /** Resolves `url`'s host and says why it must not be requested (for requests we do not make ourselves). */
  check(url: string): Promise<string | null>;
  /** Every refusal so far. */
  refusals: AddressRefusal[];
  close(): Promise<void>;
}

const defaultLookup: LookupFn = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/** A guard that refuses non-public addresses, unless `allowPrivate` (then it checks nothing and adds no dispatcher). */
export function createAddressGuard(opts: { allowPrivate: boolean; lookup?: LookupFn; forbidden?: (ip: string) => boolean }): AddressGuard {
  const refusals: AddressRefusal[] = [];
  if (opts.allowPrivate) return { dispatcher: undefined, check: async () => null, refusals, close: async () => undefined };
  const lookup = opts.lookup ?? defaultLookup;
  const kindOf = (ip: string): ForbiddenKind | null => (opts.forbidden ? (opts.forbidden(ip) ? 'private' : null) : forbiddenAddress(ip));
  /** The host's addresses that may be connected to, or the refusal when none may. */
  const resolve = (host: string, cb: (err: Error | null, allowed: dns.LookupAddress[]) => void): void => {
    const literal = isIP(host.replace(/^\[|\]$/g, ''));
    const done = (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]): void => {
      if (err) return cb(err, []);
      const allowed = addresses.filter((a) => kindOf(a.address) === null);
      if (allowed.length) return cb(null, allowed);
      const first = addresses[0];
      if (!first) return cb(Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' }), []);
      const refusal = { host, address: first.address, kind: kindOf(first.address)! };
      refusals.push(refusal);
      cb(new ForbiddenAddressError(refusal), []);
    };
    if (literal) done(null, [{ address: host.replace(/^\[|\]$/g, ''), family: literal }]);
    else lookup(host, { all: true }, done);
  };
  const { Agent } = loadUndici();
  const agent = new Agent({
    connect: {
      lookup: (
        hostname: string,
        options: dns.LookupOptions,
        callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
      ) => {
        resolve(hostname, (err, allowed) => {
          if (err) return callback(err as NodeJS.ErrnoException, '', 0);
          if ((options as dns.LookupAllOptions).all) return callback(null, allowed);
          callback(null, allowed[0]!.address, allowed[0]!.family);
        });
      },
    },
  });
  // The browser asks for every request it makes: one answer per host is enough for one crawl.
  const checked = new Map<string, Promise<string | null>>();
  return {
    dispatcher: agent,
    check: (url) => {
      let host: string;
      try {
        host = new URL(url).hostname;
      } catch {
        return Promise.resolve(null);
      }
      let answer = checked.get(host);
      if (!answer) {
        answer = new Promise((r) => resolve(host, (err) => r(err instanceof ForbiddenAddressError ? err.message : null)));
        checked.set(host, answer);
      }
      return answer;
    },
    refusals,
    close: () => agent.close(),
  };
}
