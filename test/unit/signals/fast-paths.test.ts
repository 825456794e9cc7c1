// The faster ways of reading a page answer exactly what the plain ones did: word counts without building the words,
// block text normalised in one pass, and selectors compiled once instead of by cheerio on every call.
import fc from 'fast-check';
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockLines } from '../../../src/signals/page-context.js';
import { AUTHOR_SELECTOR, BADGE_SELECTOR } from '../../../src/signals/structure.js';
import { normaliseSpace, wordCount } from '../../../src/signals/text.js';
import { closest, hasAncestor, matches, queryAll, withCompiledQueries } from '../../../src/util/selectors.js';
import { canonicalizeUrl, DROP_PARAMS } from '../../../src/crawl/url.js';

const regexWordCount = (text: string): number => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
const perLine = (raw: string): string =>
  raw
    .split('\n')
    .map((line) => normaliseSpace(line))
    .filter(Boolean)
    .join('\n');

/** Text made of the characters that matter here: letters of several scripts, digits, apostrophes, hyphens, spaces. */
const tricky = fc.string({
  unit: fc.constantFrom('a', 'Z', 'ß', 'é', '日', '𝒜', '٣', '7', "'", '’', '-', ' ', '\n', '\t', '\u00a0', '\r', '.', '\u2028', '\ufeff', '\ud800', '😀'),
  maxLength: 80,
});

describe('wordCount', () => {
  it('counts what the word regex matches', () => {
    fc.assert(
      fc.property(tricky, (s) => wordCount(s) === regexWordCount(s)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => wordCount(s) === regexWordCount(s)),
      { numRuns: 2000 },
    );
  });
});

describe('the crawler text fingerprint', () => {
  it('collapses whitespace as /\\s+/ to one space does', () => {
    fc.assert(
      fc.property(tricky, (s) => s.replace(/ ?[^\S ]\s*| {2,}\s*/g, ' ').trim() === s.replace(/\s+/g, ' ').trim()),
      { numRuns: 3000 },
    );
  });
});

describe('canonicalizeUrl', () => {
  /** The implementation before it set only what needs changing. */
  function setEverything(href: string, base?: string): string | null {
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
    u.hostname = u.hostname.toLowerCase().replace(/\.+$/, '');
    if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) u.port = '';
    u.pathname = u.pathname.replace(/;jsessionid=[^/?]*/gi, '');
    const params = [...u.searchParams.entries()].filter(([k]) => !DROP_PARAMS.test(k));
    const order = (a: string, b: string): number => a.localeCompare(b) || (a < b ? -1 : a > b ? 1 : 0);
    params.sort(([a, av], [b, bv]) => (a === b ? order(av, bv) : order(a, b)));
    u.search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
    return u.toString();
  }
  const part = fc.constantFrom(
    '',
    'a',
    'B',
    '.',
    '..',
    '%41',
    ';jsessionid=XYZ',
    '?',
    '#',
    '&',
    '=',
    'utm_source=x',
    'page=2',
    'sort=asc',
    ' ',
    '/',
    ':80',
    ':443',
    'user:pw@',
    'ä',
  );
  it('gives what setting every part gave', () => {
    const hosts = fc.constantFrom(
      'http://Example.COM',
      'https://example.com.',
      'https://x.example:443',
      'http://x.example:80',
      'https://user:pw@x.example',
      'http://127.0.0.1:8080',
      'https://xn--bcher-kva.example',
    );
    fc.assert(
      fc.property(hosts, fc.array(part, { maxLength: 8 }), (host, parts) => {
        const href = `${host}/${parts.join('')}`;
        return (
          canonicalizeUrl(href) === setEverything(href) && canonicalizeUrl(parts.join(''), `${host}/base/`) === setEverything(parts.join(''), `${host}/base/`)
        );
      }),
      { numRuns: 4000 },
    );
  });
});

describe('blockLines', () => {
  it('is normaliseSpace on every line, blank lines dropped', () => {
    fc.assert(
      fc.property(tricky, (s) => blockLines(s) === perLine(s)),
      { numRuns: 3000 },
    );
  });
});

/** HTML of the demo sites and the test fixtures: real enough markup to compare selector answers on. */
function pages(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.html')) out.push(readFileSync(file, 'utf8'));
    }
  };
  walk(path.resolve('audits/demo'));
  walk(path.resolve('test/fixtures/sites'));
  return out;
}

const SELECTORS = [
  AUTHOR_SELECTOR,
  BADGE_SELECTOR,
  'a[href]',
  'article, main',
  'header, nav, footer, [role="banner"]',
  '[class~="post" i], [data-post-id]',
  'h1 a[href], h2 a[href]', // combines elements: scoped to the element searched from, as cheerio does
  'li:first', // cheerio's own pseudo: handed to cheerio
];

describe('compiled selectors', () => {
  it('answer what cheerio answers on the demo and fixture pages', () => {
    let compared = 0;
    for (const html of pages()) {
      const $ = cheerio.load(html, { scriptingEnabled: false });
      const els = $('*').toArray() as Element[];
      const sample = els.filter((_, i) => i % 19 === 0);
      const fast = withCompiledQueries($);
      expect(fast.html()).toBe($.html());
      expect(fast('<p>made</p>').length).toBe(1);
      for (const sel of SELECTORS) {
        expect(queryAll($, $.root()[0]!, sel)).toEqual($(sel).toArray());
        expect(fast(sel).toArray()).toEqual($(sel).toArray());
        expect(fast(sel).first().text()).toBe($(sel).first().text());
        for (const el of sample) {
          expect(queryAll($, el, sel)).toEqual($(el).find(sel).toArray());
          expect(matches($, el, sel)).toBe($(el).is(sel));
          expect(closest($, el, sel)).toBe($(el).closest(sel)[0] ?? null);
          expect(hasAncestor($, el, sel)).toBe($(el).parents(sel).length > 0);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
