import { describe, expect, it } from 'vitest';
import { de } from '../../../src/i18n/de.js';
import { en } from '../../../src/i18n/en.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { AuditResultSchema } from '../../../src/result/schema.js';
import type { AuditResult } from '../../../src/result/types.js';
import { loadFixture } from './helpers.js';

const STOPPED = 'the first 3 pages of group /user/* answered 404';

function withStoppedGroup(sample: AuditResult): AuditResult {
  return {
    ...sample,
    crawl: {
      ...sample.crawl,
      groups: [...sample.crawl.groups.map((g) => ({ ...g, stopped: null })), { pattern: '/user/*', discovered: 120, fetched: 0, skipped: 0, stopped: STOPPED }],
    },
  };
}

/** The coverage section of a rendered report. */
const coverageSection = (html: string): string => html.slice(html.indexOf('id="coverage"'), html.indexOf('id="appendix"'));

describe('coverage: URL groups that stopped receiving budget', () => {
  const sample = loadFixture('sample');

  it('reads audit.json groups written before `stopped` existed as not stopped', () => {
    const raw = JSON.parse(JSON.stringify(sample)) as { crawl: { groups: Array<Record<string, unknown>> } };
    for (const g of raw.crawl.groups) delete g.stopped;
    expect(AuditResultSchema.parse(raw).crawl.groups.every((g) => g.stopped === null)).toBe(true);
  });

  it('says which group stopped and why, in English and in German', () => {
    const audit = withStoppedGroup(sample);
    const htmlEn = coverageSection(renderReportHtml(audit));
    // The reason is worded in the report's language; the crawler's own sentence (with its group pattern and page
    // count) stays in audit.json.
    expect(htmlEn).toContain(
      `<td class="mono">/user/*<div class="small group-stopped"><strong>${en['coverage.groupStopped']}:</strong> ${en['coverage.groupStoppedWhy']}</div></td>`,
    );
    expect(htmlEn).not.toContain(STOPPED);
    expect(htmlEn).toContain(en['coverage.groupsStoppedIntro']);
    const htmlDe = coverageSection(renderReportHtml(audit, { locale: 'de' }));
    expect(htmlDe).toContain(`<strong>${de['coverage.groupStopped']}:</strong> ${de['coverage.groupStoppedWhy']}`);
    expect(htmlDe).not.toContain(STOPPED);
    expect(htmlDe).toContain(de['coverage.groupsStoppedIntro']);
    expect(htmlDe).not.toContain(en['coverage.groupsStoppedIntro']);
  });

  it('says nothing of it when no group stopped', () => {
    const html = renderReportHtml({ ...sample, crawl: { ...sample.crawl, groups: sample.crawl.groups.map((g) => ({ ...g, stopped: null })) } });
    expect(html).not.toContain(en['coverage.groupsStoppedIntro']);
    expect(html).not.toContain('group-stopped"');
  });
});
