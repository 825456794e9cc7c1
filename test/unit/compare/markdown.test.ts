// comparison.md pasted into Ghost (markdown-it) and WordPress (showdown), with a hostile brand among the audits:
// crawled text stays text, tables keep their columns, charts are relative images.
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildComparison } from '../../../src/compare/build.js';
import { renderComparisonMarkdown } from '../../../src/compare/render-markdown.js';
import { buildComparisonViewModel } from '../../../src/compare/view-model.js';
import { loadFixture } from '../report/helpers.js';
import { RENDERERS, rendered } from '../report/markdown-renderers.js';

// The hostile audit with its scores turned round, so it differs from the sample and its quotes fill the gaps.
const raw = loadFixture('hostile');
const hostile = {
  ...raw,
  questions: raw.questions.map((q) => ({ ...q, signals: q.signals.map((s) => (s.score === null ? s : { ...s, score: 100 - s.score })) })),
};
const sample = loadFixture('sample');
const md = renderComparisonMarkdown(buildComparisonViewModel(buildComparison([sample, hostile])));

describe('comparison.md', () => {
  it('has no HTML entities, no escaped parentheses, and charts by relative path', () => {
    expect(md).not.toMatch(/&(lt|gt|amp|quot|#\d+);/);
    expect(md).not.toMatch(/\\[()]/);
    expect(md).not.toMatch(/<script/i);
    const images = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images).toEqual(['charts/index.png', 'charts/questions.png', 'charts/gaps.png', 'charts/pull.png']);
  });

  for (const [name, render] of Object.entries(RENDERERS)) {
    it(`${name}: crawled markup stays text, the only links are evidence pages, the only images our charts`, () => {
      const html = render(md);
      const out = rendered(html);
      for (const tag of ['script', 'iframe', 'style', 'object']) expect(out.tags.has(tag), tag).toBe(false);
      const $ = cheerio.load(html);
      expect(
        $('img')
          .map((_, i) => $(i).attr('src'))
          .get(),
      ).toEqual(['charts/index.png', 'charts/questions.png', 'charts/gaps.png', 'charts/pull.png']);
      for (const href of out.hrefs) expect(href).toMatch(/^https:\/\/community\.northwindhome\.example\//);
      expect(out.text).toContain('< script>alert(1)< /script>');
      expect(out.text).not.toMatch(/&(lt|gt|amp);/);
      expect(out.text).not.toMatch(/\\[()[\]|]/);
    });
  }

  it('tables keep their columns where a brand name holds a pipe', () => {
    const $ = cheerio.load(RENDERERS['markdown-it (Ghost)']!(md));
    const tables = $('table');
    expect(tables.length).toBe(4);
    tables.each((_, t) => {
      const width = $(t).find('thead th').length;
      $(t)
        .find('tbody tr')
        .each((__, tr) => {
          expect($(tr).find('td')).toHaveLength(width);
        });
    });
  });
});
