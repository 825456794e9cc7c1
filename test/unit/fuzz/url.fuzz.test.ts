// Property tests of URL canonicalisation (src/crawl/url.ts). Cases per property are noted in CI; `npm run fuzz` runs
// about FUZZ_RUNS each (see runs.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, pageIdentity } from '../../../src/crawl/url.js';
import { anyString, base, urlish } from './arbitraries.js';
import { HANG_GUARD_MS, params } from './runs.js';

/** What a canonical URL looks like: absolute http(s), no fragment, no credentials, lower-case host, no default port. */
function expectCanonicalShape(out: string): void {
  const u = new URL(out);
  expect(['http:', 'https:']).toContain(u.protocol);
  expect(u.hash).toBe('');
  expect(out).not.toContain('#');
  expect(u.username).toBe('');
  expect(u.password).toBe('');
  expect(u.hostname).toBe(u.hostname.toLowerCase());
  expect(u.port).not.toBe(u.protocol === 'http:' ? '80' : '443');
  expect(u.toString()).toBe(out);
  for (const k of u.searchParams.keys()) expect(k).not.toMatch(/^(?:utm_[a-z_]+|gclid|fbclid|sid|sessionid|phpsessid|jsessionid)$/i);
}

describe('canonicalizeUrl (fuzz)', () => {
  it(
    'never throws on arbitrary strings and bases; gives null or a canonical absolute http(s) URL',
    () => {
      // CI: 3,000 cases.
      fc.assert(
        fc.property(fc.oneof(urlish, anyString(80)), base, (href, b) => {
          const out = canonicalizeUrl(href, b);
          if (out !== null) expectCanonicalShape(out);
        }),
        params(0x5eed01, 3000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'is idempotent: canonicalising a canonical URL gives it back (with or without a base)',
    () => {
      // CI: 3,000 cases. The second base is a valid one, as the crawler's always are (a page URL or its <base href>
      // canonicalised): new URL() refuses an invalid base even for an absolute href.
      const validBase = base.map((b) => (b === undefined ? undefined : (canonicalizeUrl(b) ?? undefined)));
      fc.assert(
        fc.property(urlish, base, validBase, (href, b, b2) => {
          const once = canonicalizeUrl(href, b);
          if (once === null) return;
          expect(canonicalizeUrl(once)).toBe(once);
          expect(canonicalizeUrl(once, b2)).toBe(once);
        }),
        params(0x5eed02, 3000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'one spelling per page: the order of query parameters does not matter',
    () => {
      // CI: 2,000 cases.
      fc.assert(
        fc.property(urlish, base, fc.integer(), (href, b, shuffleSeed) => {
          const once = canonicalizeUrl(href, b);
          if (once === null) return;
          const u = new URL(once);
          const entries = [...u.searchParams.entries()];
          // A deterministic shuffle of the entries.
          const shuffled = entries
            .map((e, i) => ({ e, k: Math.imul(i + 1, shuffleSeed | 1) ^ (shuffleSeed >>> 7) }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.e);
          u.search = new URLSearchParams(shuffled).toString();
          expect(canonicalizeUrl(u.toString())).toBe(once);
        }),
        params(0x5eed03, 2000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'huge and odd inputs: never throws (a 100,000-character path, thousands of parameters)',
    () => {
      // CI: 40 cases.
      fc.assert(
        fc.property(fc.integer({ min: 1000, max: 100_000 }), fc.integer({ min: 0, max: 5000 }), anyString(20), (len, nParams, junk) => {
          const href = `https://Example.COM./${'a/'.repeat(len >> 1)}${junk}?${Array.from({ length: nParams }, (_, i) => `k${i % 97}=${i}&utm_x=${i}`).join('&')}#${junk}`;
          const out = canonicalizeUrl(href);
          if (out !== null) expectCanonicalShape(out);
        }),
        params(0x5eed04, 40, 50),
      );
    },
    HANG_GUARD_MS,
  );
});

describe('pageIdentity (fuzz)', () => {
  const canonical = fc
    .tuple(urlish, base)
    .map(([h, b]) => canonicalizeUrl(h, b))
    .filter((u): u is string => u !== null);

  it(
    'never throws on a canonical URL, is itself canonical and idempotent',
    () => {
      // CI: 3,000 cases.
      fc.assert(
        fc.property(canonical, (c) => {
          const id = pageIdentity(c);
          expectCanonicalShape(id);
          expect(canonicalizeUrl(id)).toBe(id);
          expect(pageIdentity(id)).toBe(id);
          // Stable under canonicalisation: the identity of the canonical form of the canonical URL is the same.
          expect(pageIdentity(canonicalizeUrl(c)!)).toBe(id);
        }),
        params(0x5eed05, 3000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'a sort, paging or display parameter added to a URL does not change its identity',
    () => {
      // CI: 2,000 cases.
      const variant = fc.oneof(
        fc.tuple(fc.constantFrom('sort', 'ORDER', 'dir', 'sort_by', 'highlight'), fc.oneof(fc.constantFrom('new', 'asc', ''), anyString(6))),
        fc.tuple(fc.constantFrom('page', 'start', 'offset', 'per_page', 'Limit'), fc.nat(100_000).map(String)),
        fc.tuple(fc.constantFrom('view', 'display', 'layout'), fc.constantFrom('print', 'threaded', 'Flat', 'grid', 'mobile')),
      );
      fc.assert(
        fc.property(canonical, fc.array(variant, { minLength: 1, maxLength: 3 }), (c, added) => {
          const u = new URL(c);
          // Only where the URL has no parameter of that name already (?page=about names a page, ?page=2 does not).
          if (added.some(([k]) => [...u.searchParams.keys()].some((key) => key.toLowerCase() === k.toLowerCase()))) return;
          for (const [k, v] of added) u.searchParams.append(k, v);
          const withVariant = canonicalizeUrl(u.toString())!;
          expect(pageIdentity(withVariant)).toBe(pageIdentity(c));
        }),
        params(0x5eed06, 2000),
      );
    },
    HANG_GUARD_MS,
  );
});
