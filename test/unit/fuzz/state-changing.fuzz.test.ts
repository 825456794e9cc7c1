// Property tests of the state-changing-link rule (isStateChanging, src/crawl/scope.ts): the crawler must never follow
// a link that signs out, deletes or deactivates, whatever the path around it, its case or its percent-encoding; and
// ordinary content links stay crawlable. Cases per property are noted in CI; `npm run fuzz` runs about FUZZ_RUNS each.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStateChanging } from '../../../src/crawl/scope.js';
import { canonicalizeUrl } from '../../../src/crawl/url.js';
import { anyString, base, urlish } from './arbitraries.js';
import { HANG_GUARD_MS, params } from './runs.js';

const ORIGIN = 'https://community.example.com';

/**
 * Words of ordinary content URLs. Chosen to hold none of the rule's action words as a whole segment or a leading
 * word (like, follow, report, reply, quote, vote, subscribe, remove, delete, checkout, end, close…), but with near
 * misses on purpose: words that end in "log"/"sign" or start with "out"/"off", so slugs such as blog-outdoor or
 * design-office are tried.
 */
const SAFE_WORDS = [
  'tomato',
  'blight',
  'lawn',
  'garden',
  'forum',
  't',
  'topic',
  'thread',
  'threads',
  'board',
  'category',
  'c',
  'u',
  'members',
  'profile',
  'help',
  'guide',
  'how-to',
  'faq',
  'news',
  'page',
  'index',
  'latest',
  'top',
  'new',
  'unread',
  'search',
  'tags',
  'tag',
  'events',
  'blog',
  'catalog',
  'dialog',
  'backlog',
  'design',
  'ensign',
  'outdoor',
  'outlet',
  'outreach',
  'office',
  'offers',
  'offline',
  'outback',
  'login',
  'signin',
  'sign-up',
  'register',
  'account',
  'settings',
  'privacy',
  'terms',
  'deals',
  'shop',
  'product',
  'reviews',
  'ideas',
  'water',
  'roses',
  'soil',
  'pests',
  'winter',
  'seeds',
  'compost',
  'mower',
  'repair',
  'review',
  'answers',
  'my',
  'first',
  'question',
  'deleted',
  'logo',
  'logic',
  'signal',
  'significant',
  'outlook',
  'offset',
  'ai',
  'über',
  'jardín',
  '日本',
];
const word = fc.constantFrom(...SAFE_WORDS);
const number = fc.nat(999_999).map(String);
/** A slug: safe words joined by hyphens or underscores (words run together are not slugs: "blog"+"outdoor"). */
const slug = fc.tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom('-', '_')).map(([ws, sep]) => ws.join(sep));
const segment = fc.oneof(
  { weight: 4, arbitrary: slug },
  { weight: 2, arbitrary: number },
  { weight: 1, arbitrary: fc.tuple(slug, fc.constantFrom('.html', '.php', '.aspx', '.htm')).map(([s, e]) => s + e) },
);
const randomCase = (s: string, flips: number[]): string => [...s].map((ch, i) => (flips[i % flips.length]! & 1 ? ch.toUpperCase() : ch)).join('');
const cased = <T extends string>(a: fc.Arbitrary<T>): fc.Arbitrary<string> =>
  fc.tuple(a, fc.array(fc.nat(), { minLength: 1, maxLength: 8 })).map(([s, f]) => randomCase(s, f));

/** A path in front of the action: safe segments, sometimes with odd but valid bits (a stray %, a Latin-1 %E9). */
const prefix = fc
  .array(fc.oneof({ weight: 8, arbitrary: segment }, { weight: 1, arbitrary: fc.constantFrom('100%', 'caf%E9', '%ZZ', '%', 'a%2', 'x%C3') }), { maxLength: 4 })
  .map((segs) => segs.map((s) => `/${s}`).join(''));
const query = fc.array(fc.tuple(fc.constantFrom('page', 'sort', 'q', 'f', 't', 'start', 'lang', 'tag', 'p', 'id'), fc.oneof(slug, number)), { maxLength: 3 });
const queryString = (ps: Array<[string, string]>): string => (ps.length ? `?${ps.map(([k, v]) => `${k}=${v}`).join('&')}` : '');

/** Ending a session or an account, spelled as sites do. */
const ACTION_WORDS = [
  'logout',
  'log-out',
  'log_out',
  'logoff',
  'log-off',
  'log_off',
  'signout',
  'sign-out',
  'sign_out',
  'signoff',
  'sign-off',
  'sign_off',
  'deactivate',
  'unsubscribe',
  'delete-account',
  'delete_account',
  'delete-profile',
  'delete_me',
  'delete-user',
  'delete_cookies',
];
/** Percent-encodes some of the characters (once or twice), in upper or lower case hex. */
const encodeSome = (s: string, picks: number[]): string =>
  [...s]
    .map((ch, i) => {
      const p = picks[i % picks.length]!;
      if (p % 4 !== 0) return ch;
      const hex = ch.charCodeAt(0).toString(16).padStart(2, '0');
      const once = `%${p & 8 ? hex.toUpperCase() : hex}`;
      return p & 16 ? once.replace('%', '%25') : once;
    })
    .join('');
const actionWord = fc
  .tuple(cased(fc.constantFrom(...ACTION_WORDS)), fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), fc.boolean())
  .map(([w, picks, enc]) => (enc ? encodeSome(w, picks) : w));

/** Where the action sits: a whole segment, a segment with an extension, joined to other words, or a query value. */
const placed = fc.oneof(
  actionWord.map((w) => `/${w}`),
  fc.tuple(actionWord, fc.constantFrom('.php', '.html', '.json', '.do')).map(([w, e]) => `/${w}${e}`),
  fc.tuple(actionWord, segment).map(([w, s]) => `/${w}/${s}`),
  // Joined to other words: one-word spellings anywhere (userlogoutpage); two-word ones (log-out) as words of their
  // own (user-log-out-page), since blog-outdoor and design-office are content.
  fc
    .tuple(actionWord, fc.constantFrom('user', 'page', 'now', '1'), fc.constantFrom('-', '_', '.'))
    .map(([w, s, sep]) => (/[-_]|%(?:25)?(?:2d|5f)/i.test(w) ? `/${s}${sep}${w}${sep}${s}` : `/${s}${w}${s}`)),
  fc.tuple(actionWord, fc.constantFrom('mode', 'do', 'op', 'a', 'task', 'next')).map(([w, k]) => `/ucp.php?${k}=${w}`),
);

describe('isStateChanging (fuzz)', () => {
  it(
    'never throws on any URL the crawler can hold (canonical http(s) URLs from arbitrary links)',
    () => {
      // CI: 3,000 cases.
      fc.assert(
        fc.property(fc.oneof(urlish, anyString(60)), base, (href, b) => {
          const url = canonicalizeUrl(href, b);
          if (url !== null) expect(typeof isStateChanging(url)).toBe('boolean');
        }),
        params(0x57a701, 3000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'flags a sign-out, delete-account or deactivate link under any path, in any case and percent-encoding',
    () => {
      // CI: 3,000 cases.
      fc.assert(
        fc.property(prefix, placed, query, (pre, action, q) => {
          const raw = `${ORIGIN}${pre}${action}${action.includes('?') ? queryString(q).replace('?', '&') : queryString(q)}`;
          const url = canonicalizeUrl(raw) ?? raw;
          expect(isStateChanging(url), url).toBe(true);
        }),
        params(0x57a702, 3000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'does not flag ordinary content URLs built from safe words',
    () => {
      // CI: 3,000 cases.
      fc.assert(
        fc.property(fc.array(segment, { maxLength: 5 }), query, fc.boolean(), (segs, q, slash) => {
          const url = canonicalizeUrl(`${ORIGIN}/${segs.join('/')}${slash && segs.length ? '/' : ''}${queryString(q)}`)!;
          expect(isStateChanging(url), url).toBe(false);
        }),
        params(0x57a703, 3000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'agrees with itself on the URL as linked and as canonicalised',
    () => {
      // CI: 2,000 cases. Canonicalisation (sorting the query, dropping session ids) must not hide an action.
      fc.assert(
        fc.property(
          prefix,
          fc.oneof(
            placed,
            segment.map((s) => `/${s}`),
          ),
          query,
          (pre, tail, q) => {
            const raw = `${ORIGIN}${pre}${tail}${tail.includes('?') ? queryString(q).replace('?', '&') : queryString(q)}`;
            const url = canonicalizeUrl(raw);
            if (url !== null) expect(isStateChanging(url), url).toBe(isStateChanging(new URL(raw).toString()));
          },
        ),
        params(0x57a704, 2000),
      );
    },
    HANG_GUARD_MS,
  );
});
