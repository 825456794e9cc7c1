// Property tests of robots.txt handling (src/crawl/robots.ts, RFC 9309): fetched through loadRobots with fetch
// stubbed in-process, so the whole path (reading at most 500 KiB, decoding, parsing, our token's group) is the one
// the crawler takes. Cases per property are noted in CI; `npm run fuzz` runs about FUZZ_RUNS each (see runs.ts).
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadRobots, MAX_CRAWL_DELAY_SEC, type RobotsRules } from '../../../src/crawl/robots.js';
import { anyString, codeUnit } from './arbitraries.js';
import { HANG_GUARD_MS, params } from './runs.js';

const ORIGIN = 'https://community.example.com';
const TOKEN = 'conductor-audit';
const MAX_ROBOTS_BYTES = 500 * 1024;

afterEach(() => {
  vi.unstubAllGlobals();
});

/** robots.txt for ORIGIN answering 200 with `body`. */
async function robotsOf(body: string | Uint8Array): Promise<RobotsRules> {
  vi.stubGlobal(
    'fetch',
    async () => new Response(typeof body === 'string' ? body : new Uint8Array(body), { status: 200, headers: { 'content-type': 'text/plain' } }),
  );
  return loadRobots(`${ORIGIN}/`, { userAgent: `Mozilla/5.0 (compatible; ${TOKEN}/0.1)`, token: TOKEN, timeoutMs: 10_000 });
}

function expectWellTyped(r: RobotsRules): void {
  expect(r.outcome.policy).toBe('parsed');
  expect(r.outcome.status).toBe(200);
  expect(typeof r.outcome.note).toBe('string');
  const d = r.outcome.crawlDelaySec;
  if (d !== null) {
    expect(Number.isFinite(d)).toBe(true);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual(MAX_CRAWL_DELAY_SEC);
  }
  for (const s of r.sitemaps) expect(typeof s).toBe('string');
}

// ---- generators ----------------------------------------------------------------------------------------------

/**
 * Path characters: unreserved ones, sub-delimiters and [ ] | ^ (which the URL parser leaves raw and robots-parser
 * encodes), letters outside ASCII and their encodings. Not * and $ (wildcards), # (a comment), ' (see below) or
 * space (trimmed at a line's end).
 */
const pathChar = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ü', '日', '%C3%A9', '%c3%bc') },
  { weight: 2, arbitrary: fc.constantFrom('[', ']', '|', '^', '!', ',', ';', ':', '@', '=', '+', '(', ')', '.') },
);
const pathSegment = fc.array(pathChar, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
/** A literal robots.txt path: /seg/seg…, sometimes with a query (a segment is never "." or ".."; the URL parser folds those). */
const literalPath = fc
  .tuple(
    fc.array(
      pathSegment.filter((s) => s !== '.' && s !== '..'),
      { minLength: 1, maxLength: 4 },
    ),
    fc.option(pathSegment, { freq: 4 }),
  )
  .map(([s, q]) => `/${s.join('/')}${q === null ? '' : `?${q}`}`);
const suffix = fc.oneof(
  fc.constant(''),
  pathSegment,
  literalPath,
  fc.tuple(pathSegment, pathSegment).map(([k, v]) => `?${k}=${v}`),
);

const directive = fc.constantFrom(
  'User-agent',
  'user-agent',
  'USER-AGENT',
  'Disallow',
  'disallow',
  'Allow',
  'ALLOW',
  'Crawl-delay',
  'crawl-delay',
  'Sitemap',
  'Host',
  'Noindex',
  'Request-rate',
  '',
);
const agent = fc.constantFrom('*', TOKEN, 'Conductor-Audit', `${TOKEN}/1.0`, 'Googlebot', 'bingbot', '', '* ', 'conductor');
const value = fc.oneof(
  literalPath,
  fc.constantFrom(
    '/',
    '',
    '*',
    '$',
    '/*',
    '/*$',
    '/a*b$',
    '/%',
    '/%zz',
    '/?',
    '1',
    '0.5',
    '-3',
    '1e400',
    'NaN',
    'Infinity',
    '30',
    '31',
    'https://community.example.com/sitemap.xml',
  ),
  anyString(30),
);
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(directive, fc.constantFrom(':', ': ', ' : ', ':\t', ''), value).map(([d, c, v]) => `${d}${c}${v}`) },
  { weight: 2, arbitrary: agent.map((a) => `User-agent: ${a}`) },
  { weight: 1, arbitrary: anyString(30).map((s) => `# ${s}`) },
  { weight: 1, arbitrary: anyString(60) },
);
const newline = fc.constantFrom('\n', '\r\n', '\r');
/** A robots.txt-ish text: directive lines with any case, spacing and line ending, comments and junk. */
const robotsText = fc
  .tuple(fc.array(fc.tuple(line, newline), { maxLength: 40 }), fc.boolean())
  .map(([ls, bom]) => `${bom ? '\ufeff' : ''}${ls.map(([l, n]) => l + n).join('')}`);

/** Lines the parser ignores (comments, blank lines, text without a colon), to pad a file. */
const filler = fc.oneof(
  anyString(40).map((s) => `#${s.replace(/[\r\n]/g, ' ')}`),
  fc.constant(''),
  fc.array(codeUnit, { maxLength: 60 }).map((a) => a.join('').replace(/[:\r\n]/g, ' ')),
);

describe('robots.txt (fuzz)', () => {
  it(
    'never throws on arbitrary text; outcome well-typed; isAllowed a boolean for any path',
    async () => {
      // CI: 1,000 cases.
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(robotsText, anyString(400)),
          fc.array(fc.oneof(literalPath, fc.constantFrom('/', '/robots.txt', '/?a=1', '/%zz', '/a*b', '/日本')), { maxLength: 5 }),
          async (text, paths) => {
            const r = await robotsOf(text);
            expectWellTyped(r);
            for (const p of paths) expect(typeof r.isAllowed(new URL(p, ORIGIN).toString())).toBe('boolean');
          },
        ),
        params(0x20b001, 1000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'never throws on arbitrary bytes (invalid UTF-8, NUL, a BOM or UTF-16)',
    async () => {
      // CI: 1,000 cases.
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 2000 }),
          fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
          literalPath,
          async (bytes, bom, p) => {
            const r = await robotsOf(new Uint8Array([...bom, ...bytes]));
            expectWellTyped(r);
            expect(typeof r.isAllowed(`${ORIGIN}${p}`)).toBe('boolean');
          },
        ),
        params(0x20b002, 1000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'huge lines and bodies over 500 KiB: parsed up to the last whole line within 500 KiB, never a throw',
    async () => {
      // CI: 12 cases (each builds a body of up to ~1.5 MiB).
      await fc.assert(
        fc.asyncProperty(
          literalPath,
          literalPath,
          fc.integer({ min: 1, max: 3 * MAX_ROBOTS_BYTES }),
          filler,
          fc.boolean(),
          async (early, late, padLength, pad, oneLine) => {
            // A rule early, padding (one huge line, or many lines), a rule late. A rule past 500 KiB is not read.
            const padding = oneLine ? `#${'x'.repeat(padLength)}\n` : `${pad}\n`.repeat(Math.ceil(padLength / (pad.length + 1)));
            const head = `User-agent: *\nDisallow: ${early}\n`;
            const body = `${head}${padding}Disallow: ${late}\n`;
            const r = await robotsOf(body);
            expectWellTyped(r);
            const bytes = Buffer.byteLength(body);
            expect(r.isAllowed(`${ORIGIN}${early}`)).toBe(false);
            if (bytes > MAX_ROBOTS_BYTES) {
              expect(r.outcome.note).toMatch(/500 KiB/);
              if (!late.startsWith(early)) expect(r.isAllowed(`${ORIGIN}${late}`)).toBe(true);
            } else expect(r.isAllowed(`${ORIGIN}${late}`)).toBe(false);
          },
        ),
        params(0x20b003, 12, 1000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    '/robots.txt itself is always allowed (RFC 9309 §2.2.2)',
    async () => {
      // CI: 1,000 cases.
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            robotsText,
            fc.constantFrom('User-agent: *\nDisallow: /', `User-agent: ${TOKEN}\nDisallow: /robots.txt`, 'User-agent: *\nDisallow: /*.txt$'),
          ),
          async (text) => {
            expect((await robotsOf(text)).isAllowed(`${ORIGIN}/robots.txt`)).toBe(true);
          },
        ),
        params(0x20b004, 1000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'a Disallow path P for * blocks P and everything under it, and no path that does not start with P',
    async () => {
      // CI: 1,000 cases.
      await fc.assert(
        fc.asyncProperty(
          literalPath,
          suffix,
          literalPath,
          fc.array(
            fc.tuple(
              agent.filter((a) => !/^\*|^conductor-audit/i.test(a.trim()) || a === 'conductor'),
              literalPath,
            ),
            { maxLength: 3 },
          ),
          async (p, s, other, groups) => {
            // Groups for other crawlers around ours do not change what * says to us.
            const others = groups.map(([a, q]) => `User-agent: ${a}\nDisallow: ${q}\nAllow: ${p}\n`).join('\n');
            const r = await robotsOf(`${others}\nUser-agent: *\nDisallow: ${p}\n`);
            expect(r.isAllowed(`${ORIGIN}${p}${s}`)).toBe(false);
            const unrelated = encodeURI(decodeURI(other));
            if (!unrelated.startsWith(encodeURI(decodeURI(p)))) expect(r.isAllowed(`${ORIGIN}${other}`)).toBe(true);
          },
        ),
        params(0x20b005, 1000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'the longest matching rule wins, whatever the order of the lines; Allow wins a tie',
    async () => {
      // CI: 1,000 cases.
      await fc.assert(
        fc.asyncProperty(
          literalPath,
          pathSegment,
          suffix,
          fc.boolean(),
          fc.boolean(),
          fc.boolean(),
          fc.constantFrom('*', TOKEN),
          async (p, ext, s, longerAllows, tie, swap, ua) => {
            const longer = `${p}${ext}`;
            const lines = tie
              ? [`Allow: ${p}`, `Disallow: ${p}`]
              : longerAllows
                ? [`Disallow: ${p}`, `Allow: ${longer}`]
                : [`Allow: ${p}`, `Disallow: ${longer}`];
            if (swap) lines.reverse();
            const r = await robotsOf(`User-agent: ${ua}\n${lines.join('\n')}\n`);
            if (tie) {
              expect(r.isAllowed(`${ORIGIN}${p}${s}`)).toBe(true);
              return;
            }
            // Under the longer rule, it decides; under only the shorter, that one does.
            expect(r.isAllowed(`${ORIGIN}${longer}${s}`)).toBe(longerAllows);
            const sideways = `${p}${ext[0] === '~' ? '-' : '~'}${s}`;
            expect(r.isAllowed(`${ORIGIN}${sideways}`)).toBe(!longerAllows);
          },
        ),
        params(0x20b006, 1000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'our own group wins over *, and an empty group for us allows everything',
    async () => {
      // CI: 500 cases.
      await fc.assert(
        fc.asyncProperty(literalPath, fc.constantFrom(TOKEN, 'CONDUCTOR-AUDIT', `${TOKEN}/2`, ` ${TOKEN} `), fc.boolean(), async (p, name, empty) => {
          const ours = empty ? `User-agent: ${name}\nCrawl-delay: 1\n` : `User-agent: ${name}\nDisallow: ${p}\n`;
          const r = await robotsOf(`User-agent: *\nDisallow: /\n\n${ours}`);
          expect(r.isAllowed(`${ORIGIN}${p}`)).toBe(empty);
          expect(r.isAllowed(`${ORIGIN}/${p[1] === 'q' ? 'r' : 'q'}-not-under-p`)).toBe(true);
        }),
        params(0x20b007, 500),
      );
    },
    HANG_GUARD_MS,
  );
});
