// Property tests of the extractors on random, deep and malformed HTML: the parse budget (src/util/html-budget.ts),
// visible text (page-context.ts visibleText, text.ts), structure (structure.ts), page types (page-type.ts) and every
// signal over a synthetic site. Properties: no throw, output well-typed, bounded work. "Bounded" is structural (the
// budget records a cut for over-deep input and the parsed tree stays shallow), never a wall-clock assertion; the
// vitest timeout and fast-check's interrupt are hang guards only. Cases per property are noted in CI; `npm run fuzz`
// runs about FUZZ_RUNS each (a heavy property a fraction of that, see runs.ts).
import fc from 'fast-check';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARSE_LIMITS, loadHtml, withinParseBudget } from '../../../src/util/html-budget.js';
import { buildPageContext, visibleText, type PageContext } from '../../../src/signals/page-context.js';
import { classifyPage, schemaTypes } from '../../../src/signals/page-type.js';
import { readStructure } from '../../../src/signals/structure.js';
import { normaliseSpace, snippetAround, truncate, wordCount } from '../../../src/signals/text.js';
import { runSignalsOnSite } from '../../../src/signals/run-signals.js';
import { SIGNALS } from '../../../src/signals/registry.js';
import { isMeasured, isNotApplicable } from '../../../src/signals/types.js';
import { EvidenceSchema, PageTypeSchema, SignalResultSchema } from '../../../src/result/schema.js';
import { loadRubric, type Rubric } from '../../../src/score/rubric.js';
import { scoreSignal } from '../../../src/score/score.js';
import { knows, say } from '../../../src/report/messages.js';
import { LOCALES } from '../../../src/i18n/index.js';
import type { Message } from '../../../src/i18n/message.js';
import { filler, snapshotFromHtml } from '../../helpers/page.js';
import { deepPage, hugePage, mayHideWhatFollows, soupPage, tagSoup } from './html-arbitraries.js';
import { HANG_GUARD_MS, params } from './runs.js';

/**
 * The deepest the parsed tree may be. The budget counts the elements written in the page; the parser adds at most a
 * few implied ones around each (tbody and tr around a td, html/head/body once), so a tree a few times the budget
 * deep is still bounded. What must not happen is a tree as deep as the page (100,000): tree walkers recurse.
 */
const MAX_TREE_DEPTH = 3 * PARSE_LIMITS.depth + 16;

/** A message every catalogue words: its id is known and it says something in every locale. */
function expectWorded(m: Message | undefined, where: string): void {
  if (m === undefined) return;
  expect(knows(m), `${where}: unknown message ${m.id}`).toBe(true);
  for (const locale of LOCALES) expect(say(m, locale).trim().length, `${where}: ${m.id} is empty in ${locale}`).toBeGreaterThan(0);
}

/** Depth of the deepest node under the root (iterative: the tree may be deep). */
function treeDepth($: CheerioAPI): number {
  let max = 0;
  const stack: Array<[AnyNode, number]> = $.root()
    .toArray()
    .map((n) => [n, 0]);
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of (n as Element).children ?? []) stack.push([c, d + 1]);
  }
  return max;
}

function expectCleanLines(text: string): void {
  expect(typeof text).toBe('string');
  if (text === '') return;
  for (const line of text.split('\n')) {
    expect(line.length).toBeGreaterThan(0);
    expect(line).toBe(normaliseSpace(line));
  }
}

const PLAIN = new Set(['div', 'span', 'section', 'font', 'x-y', 'article', 'blockquote']);
const count = (n: number) => Number.isInteger(n) && n >= 0;
const PAGE_URLS = [
  'https://community.example.com/',
  'https://community.example.com/forum/t/tomato-blight/123',
  'https://community.example.com/viewtopic.php?t=9',
  'https://community.example.com/forum/',
  'https://community.example.com/privacy',
  'https://community.example.com/products/mower-x',
  'https://community.example.com/reviews/mower-x',
  'https://community.example.com/help/article/5',
  'https://forum.example.de/themen/rasen',
  'http://127.0.0.1:8080/index.html',
];
const pageUrl = fc.constantFrom(...PAGE_URLS);

function expectWellTypedPage(p: PageContext): void {
  expect(PageTypeSchema.options).toContain(p.type);
  expect(['home', 'posts', 'listing', 'schema', 'path', 'heading', 'none']).toContain(p.typeBasis);
  for (const t of [p.text, p.mainText, p.brandText, p.memberText, p.title]) expect(typeof t).toBe('string');
  expectCleanLines(p.text);
  expect(count(p.words) && count(p.brandWords)).toBe(true);
  expect(p.lang === null || (typeof p.lang === 'string' && p.lang.length > 0)).toBe(true);
  for (const l of p.links) {
    expect(['http:', 'https:']).toContain(new URL(l.href).protocol);
    expect(typeof l.text).toBe('string');
  }
  const s = p.structure;
  for (const n of [s.cards, s.productTiles, s.listItems, s.threadLinks]) expect(count(n)).toBe(true);
  for (const post of s.posts) {
    expect(['post', 'review']).toContain(post.kind);
    expect(count(post.words) && post.words > 0).toBe(true);
    expect(post.author === null || (typeof post.author === 'string' && post.author.length <= 80)).toBe(true);
  }
  for (const lim of p.parseLimited) expect(['depth', 'elements']).toContain(lim);
}

describe('parse budget (fuzz)', () => {
  it(
    'tag soup: never throws, the budgeted HTML fits the budget, the parsed tree stays shallow',
    () => {
      // CI: 1,500 cases.
      fc.assert(
        fc.property(soupPage, (html) => {
          const budgeted = withinParseBudget(html);
          expect(withinParseBudget(budgeted.html).limited).toEqual([]);
          const { $, limited } = loadHtml(html, { scriptingEnabled: false });
          expect(limited).toEqual(budgeted.limited);
          expect(treeDepth($)).toBeLessThanOrEqual(MAX_TREE_DEPTH);
        }),
        params(0xb0d601, 1500),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'deep nesting (300–100,000 levels of one pattern, soup around it): a cut is recorded, the tree stays shallow, the deepest words and link are kept',
    () => {
      // CI: 16 cases (each page is up to a few MB).
      fc.assert(
        fc.property(deepPage(300, 100_000), fc.boolean(), ({ html, tags, markerVisible }, scripting) => {
          const { $, limited } = loadHtml(html, { scriptingEnabled: scripting });
          expect(treeDepth($)).toBeLessThanOrEqual(MAX_TREE_DEPTH);
          const text = visibleText($.root().toArray(), { noscript: true });
          if (markerVisible) expect(text).toContain('deepestmarker');
          // Plain containers nested that deep are always cut (a parser closes an open <li>, <p>, <a>, <button> by itself),
          // unless the soup before them opened raw text (an unclosed <xmp> or <script>): then they are text.
          if (markerVisible && tags.every((t) => PLAIN.has(t))) expect(limited).toContain('depth');
        }),
        params(0xb0d602, 16, 500),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    '2,000–100,000 unclosed <div>s under soup: the depth cut is recorded and the page still parses',
    () => {
      // CI: 12 cases.
      fc.assert(
        fc.property(fc.integer({ min: 2000, max: 100_000 }), tagSoup(20), tagSoup(20), (n, before, after) => {
          const html = `${before}${'<div>'.repeat(n)}<p>deepestmarker</p>${after}`;
          const { $, limited } = loadHtml(html, { scriptingEnabled: false });
          // An unclosed <script> (or the like) in the soup makes the divs text: nothing to cut then.
          if (!mayHideWhatFollows(before)) expect(limited).toContain('depth');
          expect(treeDepth($)).toBeLessThanOrEqual(MAX_TREE_DEPTH);
        }),
        params(0xb0d603, 12, 500),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'huge attribute values, text runs, unterminated comments and scripts: never throws, tree shallow',
    () => {
      // CI: 12 cases (up to 2 MB each).
      fc.assert(
        fc.property(hugePage, (html) => {
          const { $, limited } = loadHtml(html, { scriptingEnabled: false });
          expect(treeDepth($)).toBeLessThanOrEqual(MAX_TREE_DEPTH);
          for (const l of limited) expect(['depth', 'elements']).toContain(l);
        }),
        params(0xb0d604, 12, 500),
      );
    },
    HANG_GUARD_MS,
  );
});

describe('text helpers (fuzz)', () => {
  it(
    'visibleText: clean lines (non-empty, single-spaced) with any options; skipping everything leaves nothing',
    () => {
      // CI: 1,000 cases.
      fc.assert(
        fc.property(soupPage, fc.boolean(), fc.boolean(), fc.constantFrom('div', 'p', 'a', 'header', 'li', 'span'), (html, scripting, noscript, skipTag) => {
          const { $ } = loadHtml(html, { scriptingEnabled: scripting });
          const roots = $.root().toArray();
          const all = visibleText(roots, { noscript });
          expectCleanLines(all);
          expectCleanLines(visibleText(roots, { noscript, skip: (el) => el.name === skipTag }));
          expect(visibleText($('body').toArray(), { skip: () => true })).toBe('');
          expect(count(wordCount(all))).toBe(true);
        }),
        params(0xb0d605, 1000),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'snippetAround and truncate: never throw, stay within their bounds',
    () => {
      // CI: 2,000 cases.
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.nat(500), fc.nat(50), fc.integer({ min: 2, max: 300 }), (text, index, length, max) => {
          const i = Math.min(index, text.length);
          const snip = snippetAround(text, i, Math.min(length, text.length - i));
          expect(typeof snip).toBe('string');
          expect(snip.length).toBeLessThanOrEqual(Math.min(length, text.length - i) + 2 * 90 + 2);
          expect(truncate(text, max).length).toBeLessThanOrEqual(max);
        }),
        params(0xb0d606, 2000),
      );
    },
    HANG_GUARD_MS,
  );
});

describe('structure and page type (fuzz)', () => {
  it(
    'readStructure, schemaTypes and classifyPage on tag soup: never throw, well-typed',
    () => {
      // CI: 800 cases.
      fc.assert(
        fc.property(soupPage, pageUrl, fc.boolean(), fc.constantFrom(null, 'en', 'de'), (html, url, forum, lang) => {
          const { $ } = loadHtml(html, { scriptingEnabled: false });
          const types = schemaTypes($);
          for (const t of types) expect(typeof t).toBe('string');
          const structure = readStructure({ $, platforms: [], lang, brandToken: 'example', url });
          const decision = classifyPage({ url, $, schemaTypes: types, structure, forumPlatform: forum });
          expect(PageTypeSchema.options).toContain(decision.type);
          for (const n of [structure.cards, structure.productTiles, structure.listItems, structure.threadLinks]) expect(count(n)).toBe(true);
        }),
        params(0xb0d607, 800),
      );
    },
    HANG_GUARD_MS,
  );

  it(
    'buildPageContext on soup, deep and huge pages: never throws, every field well-typed',
    () => {
      // CI: 400 cases.
      const page = fc.oneof(
        { weight: 20, arbitrary: soupPage },
        { weight: 1, arbitrary: deepPage(300, 20_000).map((d) => d.html) },
        { weight: 1, arbitrary: hugePage },
      );
      fc.assert(
        fc.property(page, pageUrl, fc.option(pageUrl, { nil: undefined }), (html, url, finalUrl) => {
          const p = buildPageContext(snapshotFromHtml(html, url, finalUrl ? { finalUrl } : {}));
          expectWellTypedPage(p);
        }),
        params(0xb0d608, 400, 5),
      );
    },
    HANG_GUARD_MS,
  );
});

describe('all signals over a synthetic site (fuzz)', () => {
  let rubric: Rubric;
  beforeAll(async () => {
    rubric = await loadRubric();
  });

  it(
    'no signal throws, every measurement is well-typed, every score in range',
    () => {
      // CI: 120 cases (sites of 1–4 pages; every signal runs on each).
      const sitePage = fc.tuple(soupPage, pageUrl, fc.nat(3)).map(([html, url, depth]) => ({ html: `${html}<p>${filler(70)}</p>`, url, depth }));
      fc.assert(
        fc.property(fc.array(sitePage, { minLength: 1, maxLength: 4 }), (pages) => {
          const snapshots = pages.map((p) => snapshotFromHtml(p.html, p.url, { depth: p.depth }));
          const { runs, site } = runSignalsOnSite({
            siteUrl: 'https://community.example.com/',
            startUrl: 'https://community.example.com/',
            pages: snapshots,
            records: [],
          });
          expect(runs.length).toBe(SIGNALS.length);
          // A page's texts are let go once every signal has read them: they are checked on the page as extract() sees it.
          expect(site.pages.length).toBe(snapshots.length);
          for (const p of snapshots) expectWellTypedPage(buildPageContext(p));
          for (const { signal, measurement: m } of runs) {
            const where = `${signal.meta.id}: ${JSON.stringify(m).slice(0, 300)}`;
            if (isMeasured(m)) {
              expect(Number.isFinite(m.value), where).toBe(true);
              expectWorded(m.display, where);
              expect(count(m.pagesObserved), where).toBe(true);
              if (m.floor !== undefined) expect(m.floor >= 0 && m.floor <= 1, where).toBe(true);
              for (const e of m.evidence) {
                expect(EvidenceSchema.safeParse(e).success, `${where} ${JSON.stringify(e)}`).toBe(true);
                expectWorded(e.note, where);
                expectWorded(e.label, where);
              }
            } else {
              const reason = isNotApplicable(m) ? m.notApplicable : m.notMeasured;
              expectWorded(reason, where);
              // runSignals turns a thrown error into "not measured": that is a crash, not a reading.
              expect(reason.id, where).not.toBe('common.failed');
            }
            const scored = scoreSignal({ signal, measurement: m }, rubric);
            expect(scored.warning, where).toBeUndefined();
            expect(SignalResultSchema.safeParse(scored.result).success, where).toBe(true);
            const score = scored.result.score;
            if (score !== null) expect(score >= 0 && score <= 100, where).toBe(true);
          }
        }),
        params(0xb0d609, 120, 20),
      );
    },
    HANG_GUARD_MS,
  );
});
