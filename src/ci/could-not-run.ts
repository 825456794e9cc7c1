// Telling "the brand got worse" from "the job broke". An audit that fetched no page at all has no evidence: that
// is the site being unreachable, robots.txt refusing the crawler, or the site answering only with errors — never
// a verdict on the brand. `run` still writes its report; `ci` reports it with exit code 3.
import type { AssertionResult, BrandCiResult, CouldNotRun } from '../result/ci-schema.js';
import type { AuditResult } from '../result/schema.js';

export function whyNoEvidence(result: AuditResult): CouldNotRun | null {
  const c = result.crawl;
  if (c.pagesFetched > 0) return null;
  const robots = c.robots;
  if (robots.policy === 'disallow-all') {
    // RFC 9309: an unreachable robots.txt, or one answering 5xx, means "do not crawl".
    if (robots.status === null) return { kind: 'unreachable', detail: robots.note };
    return { kind: robots.status >= 500 ? 'site-error' : 'robots-refused', detail: robots.note };
  }
  const start = c.pages.find((p) => p.url === c.startUrl) ?? c.pages[0];
  if (!start) return { kind: 'no-pages', detail: 'the crawl considered no page' };
  const what = [start.status ? `HTTP ${start.status}` : null, start.reason, start.detail].filter(Boolean).join(', ');
  if (start.outcome === 'robots-blocked')
    return { kind: 'robots-refused', detail: `robots.txt (${robots.url}) disallows the start page ${start.url} for conductor-audit` };
  if (start.outcome === 'failed') {
    const kind = start.reason === 'network' || start.reason === 'timeout' ? 'unreachable' : 'site-error';
    return { kind, detail: `${start.url}: ${what}` };
  }
  return { kind: 'no-pages', detail: `${start.url} was ${start.outcome}${what ? ` (${what})` : ''}` };
}

/** The result of a brand whose audit could not run (or whose shard never reported): no scores, the reason. */
export function couldNotRunResult(
  brand: Pick<BrandCiResult, 'slug' | 'brand' | 'label' | 'siteUrl'>,
  couldNotRun: CouldNotRun,
  assertions: AssertionResult[],
): BrandCiResult {
  return {
    ...brand,
    status: 'could-not-run',
    couldNotRun,
    runDir: null,
    generatedAt: null,
    index: null,
    questions: [],
    pagesFetched: null,
    coverageFloor: null,
    delta: null,
    assertions,
  };
}
