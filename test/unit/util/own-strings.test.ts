import { describe, expect, it } from 'vitest';
import { ownStrings } from '../../../src/util/own-strings.js';
import { extractPage } from '../../../src/signals/run-signals.js';
import { buildPageContext, keptHtml, retirePage } from '../../../src/signals/page-context.js';
import { SIGNALS } from '../../../src/signals/registry.js';
import type { PageSnapshot } from '../../../src/crawl/types.js';

describe('ownStrings', () => {
  it('keeps every value and every object identity, in place', () => {
    const parent = 'x'.repeat(10_000) + ' the sentence kept for later ' + 'y'.repeat(10_000);
    const shared = { text: parent.slice(10_000, 10_030) };
    const value = { a: parent.slice(5, 40), list: [parent.slice(1, 2), shared, shared, 7, null], nested: { shared }, n: 3 };
    const before = JSON.stringify(value);
    const out = ownStrings(value);
    expect(out).toBe(value);
    expect(JSON.stringify(out)).toBe(before);
    expect(out.list[1]).toBe(out.list[2]);
    expect(out.nested.shared).toBe(shared);
  });

  it('follows cycles once and leaves accessors, frozen objects, class instances and functions alone', () => {
    let reads = 0;
    const page: Record<string, unknown> = { url: 'https://example.test/a/long/enough/path' };
    Object.defineProperty(page, 'html', { get: () => (reads++, 'never copied'), enumerable: true });
    page.self = page;
    const frozen = Object.freeze({ s: 'a frozen string of some length' });
    const frozenList = Object.freeze(['a frozen list of strings, as a lexicon keeps them']);
    const set = new Set(['a string inside a set, not copied']);
    const fn = (): string => 'function';
    const value = { page, frozen, frozenList, set, fn };
    ownStrings(value);
    expect(reads).toBe(0);
    expect(value.page.self).toBe(page);
    expect(value.frozen).toBe(frozen);
    expect(value.frozenList).toBe(frozenList);
    expect(value.set).toBe(set);
    expect(value.fn).toBe(fn);
  });

  it('leaves a page extraction exactly as it was (what the signals keep for aggregation)', () => {
    const html = `<html lang="en"><head><title>Thread</title></head><body><main>${Array.from({ length: 30 }, (_, i) => `<p>Member ${i} wrote a reply about the trail in spring, with photos. <a href="/t/${i}">Reply ${i}</a> <a href="mailto:help${i}@example.test">Mail</a></p>`).join('')}</main></body></html>`;
    const snapshot: PageSnapshot = {
      url: 'https://example.test/t/1',
      finalUrl: 'https://example.test/t/1',
      depth: 1,
      status: 200,
      headers: { 'content-type': 'text/html' },
      html,
      redirectChain: [],
      renderMode: 'static',
    };
    // What extractPage keeps, built the same way without the copy, then copied: the same JSON before and after.
    const page = buildPageContext(snapshot);
    const results = SIGNALS.map((signal) => ({ obs: signal.extract(page) as unknown }));
    const kept = keptHtml(page);
    const extraction = { page: retirePage(page, kept), results, kept };
    const before = JSON.stringify(extraction);
    expect(before).toContain('Member 29 wrote a reply');
    ownStrings(extraction);
    expect(JSON.stringify(extraction)).toBe(before);
    // And extractPage, copied as a run keeps it, gives that same extraction.
    const a = ownStrings(extractPage(structuredClone(snapshot)));
    expect(JSON.stringify({ page: a.page, results: a.results, kept: a.kept })).toBe(before);
    expect(a.kept).toContain('mailto:help0@example.test');
    // A retired page still refuses what it let go.
    expect(() => (a.page as unknown as { html: string }).html).toThrow(/read in extract\(\) only/);
  });
});
