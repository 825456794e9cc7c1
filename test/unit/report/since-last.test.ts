// "Since the last audit": a report made with a baseline gains the box, in English and German, in HTML and Markdown.
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { de } from '../../../src/i18n/de.js';
import { en } from '../../../src/i18n/en.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { renderSummaryMarkdown } from '../../../src/report/render-markdown.js';
import { buildViewModel } from '../../../src/report/view-model.js';
import { diffRuns } from '../../../src/result/deltas.js';
import { loadFixture } from './helpers.js';

const sample = loadFixture('sample');
const earlier = structuredClone(sample);
earlier.generatedAt = '2026-11-13T09:00:00.000Z';
earlier.index.score = sample.index.score! + 8;
earlier.questions[3]!.score = sample.questions[3]!.score! + 20;
const delta = diffRuns(earlier, sample, DEFAULTS.ci.noise);

describe('the "Since the last audit" box', () => {
  it('is absent without a baseline', () => {
    expect(buildViewModel(sample).sinceLast).toBeNull();
    expect(renderReportHtml(sample)).not.toContain(en['since.title']);
    expect(renderSummaryMarkdown(sample)).not.toContain(en['since.title']);
  });

  it('says what moved, beyond which band, since which date', () => {
    const box = buildViewModel(sample, { delta }).sinceLast!;
    expect(box.title).toBe('Since the last audit');
    expect(box.intro).toBe('Compared with the audit of 13 November 2026.');
    expect(box.lines[0]).toMatch(/^Conductor index: [\d.]+ → [\d.]+ \(down 8\)\.$/);
    expect(box.lines[1]).toMatch(/^Questions that moved: Q4 Capture [\d.]+ → [\d.]+ \(down 20\)\.$/);
    expect(box.lines.at(-1)).toBe('The same pages were fetched as then.');
    expect(box.notComparable).toBeNull();
  });

  it('says an unchanged re-audit moved nothing', () => {
    const box = buildViewModel(sample, { delta: diffRuns(sample, sample, DEFAULTS.ci.noise) }).sinceLast!;
    expect(box.lines[0]).toMatch(/no change beyond the noise band of ±2/);
    expect(box.lines[1]).toBe('No question moved beyond its noise band (±6).');
  });

  it('warns when the rubric or tool changed', () => {
    const old = structuredClone(earlier);
    old.tool.version = '0.0.9';
    const box = buildViewModel(sample, { delta: diffRuns(old, sample, DEFAULTS.ci.noise) }).sinceLast!;
    expect(box.notComparable).toMatch(/^Not comparable: the earlier audit was made with conductor-audit 0\.0\.9, this one with conductor-audit /);
  });

  it('is in the HTML report and summary.md, in German too', () => {
    const html = renderReportHtml(sample, { delta });
    expect(html).toContain('<div class="callout since keep">');
    expect(html).toContain('Since the last audit');
    expect(renderSummaryMarkdown(sample, { delta })).toMatch(
      /### Since the last audit\n\nCompared with the audit of 13 November 2026\.\n\n- Conductor index: /,
    );
    const htmlDe = renderReportHtml(sample, { delta, locale: 'de' });
    expect(htmlDe).toContain(de['since.title']);
    expect(htmlDe).toContain('Verglichen mit dem Audit vom 13. November 2026.');
    expect(htmlDe).toMatch(/Dirigenten-Index: [\d,]+ → [\d,]+ \(minus 8\)/);
    expect(htmlDe).not.toContain('Since the last audit');
    expect(renderSummaryMarkdown(sample, { delta, locale: 'de' })).toContain('### Seit dem letzten Audit');
  });
});
