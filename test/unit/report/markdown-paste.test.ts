// summary.md pasted into the renderers bloggers use: markdown-it (Ghost; HTML allowed, bare links linkified, as
// GitHub does) and showdown (WordPress's Markdown conversion). Crawled text must stay text: no tag, no link, no
// image, no entity shown as "&lt;", no stray backslash before a parenthesis.
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderSummaryMarkdown } from '../../../src/report/render-markdown.js';
import { markdownHostileFixture } from './helpers.js';
import { RENDERERS, rendered } from './markdown-renderers.js';

describe('summary.md pasted into Ghost and WordPress', () => {
  const md = renderSummaryMarkdown(markdownHostileFixture());
  for (const [name, render] of Object.entries(RENDERERS)) {
    it(`${name}: crawled markup stays text, and only the evidence links are links`, () => {
      const out = rendered(render(md));
      for (const tag of ['script', 'iframe', 'style', 'img', 'object']) expect(out.tags.has(tag), tag).toBe(false);
      expect(out.images).toBe(0);
      expect(out.hrefs.length).toBeGreaterThan(0);
      for (const href of out.hrefs) expect(href).toMatch(/^https:\/\/community\.northwindhome\.example\//);
      expect(out.text).toContain('< script>alert(1)< /script>');
      expect(out.text).not.toMatch(/&(lt|gt|amp);/);
      expect(out.text).not.toMatch(/\\[()[\]|]/);
      expect(out.text).toContain('[a](javascript:alert(1))');
    });
  }

  it('the question table keeps four columns, and a brand holding a pipe stays one paragraph of text', () => {
    const $ = cheerio.load(RENDERERS['markdown-it (Ghost)']!(md));
    const rows = $('table tbody tr');
    expect(rows).toHaveLength(5);
    rows.each((_, tr) => {
      expect($(tr).find('td')).toHaveLength(4);
    });
    // Only the question table is a table: the brand's pipe in the verdict did not start one.
    expect($('table')).toHaveLength(1);
    expect($('p').first().text()).toContain('| < b>x< /b> `code` [a](javascript:alert(1))');
    // A message value (a finding's figure) with the same syntax is text in its list item.
    expect($('li').first().text()).toContain('< b>x< /b> `code` [a](javascript:alert(1))');
  });
});
