// A ci job's result built the way runCi builds it (the real assertions judged on real audit.json fixtures), for
// the tests of the words, the summary, the annotations and the JUnit file.
import { DEFAULT_ASSERTIONS, evaluateAssertions, normaliseAssertions, notRun } from '../../src/ci/assertions.js';
import { exitCodeOf } from '../../src/ci/exit-code.js';
import type { AssertMap } from '../../src/config/assertions.js';
import { DEFAULTS } from '../../src/config/defaults.js';
import type { BrandCiResult, CiRun, CouldNotRun } from '../../src/result/ci-schema.js';
import { diffRuns } from '../../src/result/deltas.js';
import type { AuditResult } from '../../src/result/schema.js';
import { SIGNALS } from '../../src/signals/registry.js';
import { slugify } from '../../src/util/slug.js';

const ids = new Set(SIGNALS.map((s) => s.meta.id));

export function brandResult(result: AuditResult, map: AssertMap, opts: { baseline?: AuditResult; couldNotRun?: CouldNotRun } = {}): BrandCiResult {
  const checks = normaliseAssertions(
    [
      { source: 'default', label: 'defaults', map: DEFAULT_ASSERTIONS },
      { source: 'audit', label: 'audit', map },
    ],
    ids,
  );
  const delta = opts.baseline ? diffRuns(opts.baseline, result, DEFAULTS.ci.noise, 'output/earlier/audit.json') : null;
  return {
    slug: slugify(result.brand),
    brand: result.brand,
    label: `${slugify(result.brand)}.yaml`,
    siteUrl: result.site.url,
    status: opts.couldNotRun ? 'could-not-run' : 'audited',
    couldNotRun: opts.couldNotRun ?? null,
    runDir: `../../${slugify(result.brand)}/run`,
    generatedAt: result.generatedAt,
    index: result.index,
    questions: result.questions.map((q) => ({ id: q.id, status: q.status, score: q.score, coverage: q.coverage, band: q.band })),
    pagesFetched: result.crawl.pagesFetched,
    coverageFloor: result.rubric.coverageFloor,
    delta,
    assertions: opts.couldNotRun ? notRun(checks) : evaluateAssertions(checks, { result, delta }),
  };
}

export function ciRun(brands: BrandCiResult[], over: Partial<CiRun> = {}): CiRun {
  return {
    kind: 'conductor-audit-ci',
    schemaVersion: 1,
    tool: { name: 'conductor-audit', version: '0.1.0' },
    startedAt: '2026-11-20T06:00:00.000Z',
    slugs: brands.map((b) => b.slug),
    portfolios: [],
    shard: null,
    merged: false,
    baseline: null,
    noise: DEFAULTS.ci.noise,
    brands,
    exitCode: exitCodeOf(brands),
    ...over,
  };
}
