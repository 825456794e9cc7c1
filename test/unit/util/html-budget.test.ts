import { describe, expect, it } from 'vitest';
import { PARSE_LIMITS, loadHtml, withinParseBudget } from '../../../src/util/html-budget.js';
import { extractLinks } from '../../../src/crawl/crawler.js';
import { runSignalsOnSite } from '../../../src/signals/run-signals.js';
import { decodeHtml } from '../../../src/crawl/fetch-page.js';
import { buildPageContext } from '../../../src/signals/page-context.js';
import { snapshotFromHtml } from '../../helpers/page.js';

const deep = (n: number) => `<html><body>${'<div>'.repeat(n)}<p>The deepest words on the page.</p><a href="/next">next</a></body></html>`;

describe('parse budget', () => {
  it('leaves a page that fits untouched (the same string)', () => {
    const html = `<html><body><ul>${'<li>item'.repeat(3000)}</ul><script>document.write("${'<div>'.repeat(2000)}")</script><!-- ${'<div>'.repeat(2000)} --></body></html>`;
    const out = withinParseBudget(html);
    expect(out.limited).toEqual([]);
    expect(out.html).toBe(html);
  });

  it('drops containers nested past the depth limit but keeps their text and links, in order', () => {
    const out = withinParseBudget(deep(100_000));
    expect(out.limited).toEqual(['depth']);
    const { $ } = loadHtml(deep(100_000));
    expect($('body').text()).toContain('The deepest words on the page.');
    expect($('a[href="/next"]').length).toBe(1);
  });

  it('cuts a page with more elements than the budget after the last one allowed', () => {
    const html = `<html><body>${'<span>x</span>'.repeat(PARSE_LIMITS.elements + 10)}<p>tail</p></body></html>`;
    const out = withinParseBudget(html);
    expect(out.limited).toEqual(['elements']);
    expect(out.html).not.toContain('tail');
  });

  it('2,000 unclosed <div>s no longer kill the audit: links, signals and page context all read the page', () => {
    for (const n of [2000, 100_000]) {
      const html = deep(n);
      expect(extractLinks(html, 'https://forum.example/').links.map((l) => l.url)).toEqual(['https://forum.example/next']);
      const { site, runs } = runSignalsOnSite({
        siteUrl: 'https://forum.example/',
        startUrl: 'https://forum.example/',
        pages: [snapshotFromHtml(html, 'https://forum.example/')],
        records: [],
      });
      expect(runs.length).toBeGreaterThan(20);
      expect(site.pages[0]!.parseLimited).toEqual(n > PARSE_LIMITS.depth ? ['depth'] : []);
      // The page's text is let go once the signals have read it: read here as extract() sees it.
      expect(site.pages[0]!.words).toBeGreaterThan(0);
      expect(buildPageContext(snapshotFromHtml(html, 'https://forum.example/')).text).toContain('The deepest words on the page.');
    }
  });

  // Counterexamples found by test/unit/fuzz/extractors.fuzz.test.ts: each nested past the budget unseen, because the
  // scan read an end tag the parser ignores, or saw no tags after an opening the parser reads otherwise.
  it('sees the nesting the parser builds: end tags it ignores, empty comments, <title> and <style> inside <svg>', () => {
    const treeDepth = (html: string): number => {
      const { $ } = loadHtml(html, { scriptingEnabled: false });
      let max = 0;
      const stack: Array<[ReturnType<typeof $.root>[number], number]> = [[$.root()[0]!, 0]];
      while (stack.length) {
        const [node, d] = stack.pop()!;
        max = Math.max(max, d);
        for (const child of ('children' in node ? node.children : []) as Array<typeof node>) stack.push([child, d + 1]);
      }
      return max;
    };
    for (const [lead, unit] of [
      ['', '<div><table><tr><td></div>'], // </div> cannot leave a table cell
      ['', '<span><div></span>'], // </span> cannot pass an open <div>
      ['<ul>', '<li><ul><div></li>'], // </li> cannot leave its list
      ['<!-->', '<div>'], // an empty comment, closed at once
      ['<!--->', '<div>'],
      ['<svg><title>', '<div>'], // markup, not raw text, inside <svg>
      ['<math><style>', '<div>'],
      ['<script></script/>', '<div>'], // a raw-text element closed the parser's way, not ours
      ['<style></style x>', '<div>'],
      ['', '<table><td>'], // the parser adds tbody and tr
    ]) {
      const html = `${lead}${unit!.repeat(5000)}<p>The deepest words.</p>`;
      expect(withinParseBudget(html).limited, unit).toEqual(['depth']);
      expect(treeDepth(html), unit).toBeLessThanOrEqual(3 * PARSE_LIMITS.depth + 16);
      expect(loadHtml(html).$.root().text(), unit).toContain('The deepest words.');
    }
  });

  // Counterexamples found by test/unit/fuzz/extractors.fuzz.test.ts: parse5 threw "RangeError: Invalid code point".
  it('two low surrogates in a row (a page decoded from broken UTF-16) parse, as U+FFFD', () => {
    for (const html of ['\udfff\udfff', '<div "="\udfff\udc00">x</div>', '<script type="application/ld+json">\udfff\udfff</script>']) {
      expect(() => loadHtml(html)).not.toThrow();
    }
    expect(loadHtml('<p>a\udc00\udc00b \ud83d\ude00</p>').$('p').text()).toBe('a\ufffd\ufffdb \ud83d\ude00');
    // As the crawler gets it: UTF-16LE with a BOM, two unpaired low surrogates after "<p>".
    const { html } = decodeHtml(Buffer.from([0xff, 0xfe, 0x3c, 0, 0x70, 0, 0x3e, 0, 0x00, 0xdc, 0x00, 0xdc]), 'text/html');
    expect(() => extractLinks(html, 'https://forum.example/')).not.toThrow();
    expect(buildPageContext(snapshotFromHtml(html, 'https://forum.example/t/1')).text).toBe('\ufffd\ufffd');
  });
});
