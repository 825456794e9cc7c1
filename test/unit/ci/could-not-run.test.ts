// An audit with no page fetched is the job breaking, and says why; one with pages is a verdict on the brand.
import { describe, expect, it } from 'vitest';
import { whyNoEvidence } from '../../../src/ci/could-not-run.js';
import type { AuditResult } from '../../../src/result/schema.js';
import { loadFixture } from '../report/helpers.js';

function empty(robots: Partial<AuditResult['crawl']['robots']>, start: Partial<AuditResult['crawl']['pages'][number]> | null): AuditResult {
  const r = structuredClone(loadFixture('sample'));
  r.crawl.pagesFetched = 0;
  r.crawl.robots = { ...r.crawl.robots, ...robots };
  r.crawl.pages = start ? [{ url: r.crawl.startUrl, depth: 0, outcome: 'failed', ...start }] : [];
  return r;
}

describe('whyNoEvidence', () => {
  it('is null for an audit that fetched pages', () => {
    expect(whyNoEvidence(loadFixture('sample'))).toBeNull();
  });

  it('tells unreachable, robots refusal, server errors and nothing fetchable apart', () => {
    expect(
      whyNoEvidence(
        empty({ policy: 'disallow-all', status: null, note: 'robots.txt unreachable (ECONNREFUSED): disallow all (RFC 9309)' }, { outcome: 'robots-blocked' }),
      ),
    ).toEqual({
      kind: 'unreachable',
      detail: 'robots.txt unreachable (ECONNREFUSED): disallow all (RFC 9309)',
    });
    expect(whyNoEvidence(empty({ policy: 'disallow-all', status: 503, note: 'robots.txt answered 503' }, { outcome: 'robots-blocked' }))?.kind).toBe(
      'site-error',
    );
    expect(whyNoEvidence(empty({ policy: 'parsed', status: 200 }, { outcome: 'robots-blocked' }))).toMatchObject({
      kind: 'robots-refused',
      detail: expect.stringMatching(/disallows the start page/),
    });
    expect(
      whyNoEvidence(empty({ policy: 'allow-all', status: 404 }, { outcome: 'failed', reason: 'timeout', detail: 'no complete response within 20000 ms' }))
        ?.kind,
    ).toBe('unreachable');
    expect(
      whyNoEvidence(empty({ policy: 'allow-all', status: 404 }, { outcome: 'failed', reason: 'http-error', status: 500, detail: 'HTTP 500' })),
    ).toMatchObject({ kind: 'site-error', detail: expect.stringMatching(/HTTP 500/) });
    expect(whyNoEvidence(empty({ policy: 'allow-all', status: 404 }, { outcome: 'skipped', reason: 'non-html' }))?.kind).toBe('no-pages');
  });
});
