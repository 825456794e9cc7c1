// Assertions normalised once and judged by the one operator table: layers, off, flags, unscored targets, drops
// against a baseline inside and beyond the noise band, and not-comparable baselines.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ASSERTIONS,
  evaluateAssertions,
  normaliseAssertions,
  notRun,
  OPERATORS,
  validateAssertMap,
  type AssertionLayer,
} from '../../../src/ci/assertions.js';
import { exitCodeOf } from '../../../src/ci/exit-code.js';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { diffRuns } from '../../../src/result/deltas.js';
import type { BrandCiResult } from '../../../src/result/ci-schema.js';
import type { AuditResult } from '../../../src/result/schema.js';
import { SIGNALS } from '../../../src/signals/registry.js';
import { UserError } from '../../../src/util/errors.js';
import { loadFixture } from '../report/helpers.js';

const ids = new Set(SIGNALS.map((s) => s.meta.id));
const layer = (source: AssertionLayer['source'], map: AssertionLayer['map']): AssertionLayer => ({ source, label: source, map });
const sample = loadFixture('sample');

describe('normaliseAssertions', () => {
  it('turns every layer into one sorted list of checks, later layers replacing the same option of the same target', () => {
    const checks = normaliseAssertions(
      [
        layer('default', DEFAULT_ASSERTIONS),
        layer('portfolio', { index: ['error', { maxDrop: 5 }], Q4: ['warn', { minScore: 30 }] }),
        layer('audit', { index: ['warn', { minScore: 40 }], 'q4-third-party-trackers': ['error', { minScore: 50 }] }),
        layer('flag', { Q4: ['error', { minScore: 35 }] }),
      ],
      ids,
    );
    expect(checks.map((c) => [c.target, c.option, c.level, c.expected, c.source])).toEqual([
      ['crawl', 'minPagesFetched', 'error', 1, 'default'],
      ['index', 'minScore', 'warn', 40, 'audit'],
      ['index', 'maxDrop', 'error', 5, 'portfolio'],
      ['Q4', 'minScore', 'error', 35, 'flag'],
      ['q4-third-party-trackers', 'minScore', 'error', 50, 'audit'],
    ]);
  });

  it('drops every check of a target switched off, and reads a bare crawl level as at least one page', () => {
    const checks = normaliseAssertions(
      [
        layer('default', DEFAULT_ASSERTIONS),
        layer('portfolio', { index: ['error', { minScore: 40, maxDrop: 3 }] }),
        layer('audit', { index: ['off'], crawl: ['warn'] }),
      ],
      ids,
    );
    expect(checks.map((c) => [c.target, c.option, c.level, c.expected])).toEqual([['crawl', 'minPagesFetched', 'warn', 1]]);
  });

  it('names an unknown signal with its layer and the closest id', () => {
    try {
      normaliseAssertions([layer('audit', { 'q4-third-party-tracker': ['error', { minScore: 50 }] })], ids);
      throw new Error('expected a UserError');
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).details).toEqual(['audit.q4-third-party-tracker: unknown signal — did you mean `q4-third-party-trackers`?']);
    }
  });

  it('validates a map given as data the way an audit file is validated', () => {
    expect(() => validateAssertMap({ index: ['error', { minScore: 101 }] }, 'ci.yaml')).toThrow(/ci\.yaml holds invalid assertions/);
  });
});

describe('the operator table', () => {
  it('has one operator per option: minimums ≥, the drop ≤', () => {
    expect(Object.fromEntries(Object.entries(OPERATORS).map(([k, v]) => [k, v.operator]))).toEqual({
      minScore: '>=',
      minCoverage: '>=',
      maxDrop: '<=',
      minPagesFetched: '>=',
    });
  });
});

function judge(result: AuditResult, map: AssertionLayer['map'], baseline: AuditResult | null = null) {
  const checks = normaliseAssertions([layer('audit', map)], ids);
  return evaluateAssertions(checks, { result, delta: baseline ? diffRuns(baseline, result, DEFAULTS.ci.noise) : null });
}

describe('evaluateAssertions', () => {
  it('passes and fails minimums by the table, with the evidence of the signal pulling the target down', () => {
    const q4 = sample.questions.find((q) => q.id === 'Q4')!;
    const [pass, fail] = judge(sample, { index: ['error', { minScore: sample.index.score! - 1 }], Q4: ['error', { minScore: q4.score! + 1 }] });
    expect(pass).toMatchObject({ outcome: 'pass', actual: sample.index.score, evidenceUrl: null });
    expect(fail).toMatchObject({ outcome: 'fail', target: 'Q4', expected: q4.score! + 1, actual: q4.score });
    expect(fail!.evidenceUrl).toMatch(/^https?:\/\//);
    const pulling = q4.signals.filter((s) => s.status === 'measured' && s.score! < 50);
    expect(pulling.some((s) => s.evidence.some((e) => e.url === fail!.evidenceUrl))).toBe(true);
  });

  it('never passes a minimum on a target without a score: it is unscored, with the status that says why', () => {
    const thin = structuredClone(sample);
    thin.index = { ...thin.index, status: 'insufficient-evidence', label: null };
    thin.questions[0]!.status = 'not-applicable';
    thin.questions[1]!.status = 'insufficient-evidence';
    const results = judge(thin, { index: ['error', { minScore: 0 }], Q1: ['error', { minScore: 0 }], Q2: ['warn', { minScore: 0 }] });
    expect(results.map((r) => [r.target, r.outcome, r.targetStatus])).toEqual([
      ['index', 'unscored', 'insufficient-evidence'],
      ['Q1', 'unscored', 'not-applicable'],
      ['Q2', 'unscored', 'insufficient-evidence'],
    ]);
  });

  it('skips maxDrop without a baseline, and passes an unchanged re-audit even at maxDrop 0', () => {
    expect(judge(sample, { index: ['error', { maxDrop: 0 }] })[0]).toMatchObject({ outcome: 'no-baseline', actual: null });
    const unchanged = judge(sample, { index: ['error', { maxDrop: 0 }], Q4: ['error', { maxDrop: 0 }] }, sample);
    expect(unchanged.map((r) => [r.outcome, r.actual])).toEqual([
      ['pass', 0],
      ['pass', 0],
    ]);
  });

  it('fails a drop beyond maxDrop and the noise band, and passes one inside the band', () => {
    const small = structuredClone(sample);
    small.index.score = sample.index.score! - DEFAULTS.ci.noise.index; // exactly the band
    expect(judge(small, { index: ['error', { maxDrop: 0 }] }, sample)[0]).toMatchObject({ outcome: 'pass', noise: DEFAULTS.ci.noise.index });
    const big = structuredClone(sample);
    big.index.score = sample.index.score! - 7;
    const [r] = judge(big, { index: ['error', { maxDrop: 5 }] }, sample);
    expect(r).toMatchObject({ outcome: 'fail', expected: 5 });
    expect(r!.actual).toBeCloseTo(7, 5);
  });

  it('does not judge a drop against a baseline of another tool version', () => {
    const older = structuredClone(sample);
    older.tool.version = '0.0.1';
    expect(judge(sample, { index: ['error', { maxDrop: 1 }] }, older)[0]).toMatchObject({ outcome: 'not-comparable' });
  });

  it('reads coverage as a share and the crawl as pages fetched', () => {
    const [pages, cov] = judge(sample, { index: ['error', { minCoverage: 1.0 }], crawl: ['error', { minPagesFetched: sample.crawl.pagesFetched + 1 }] });
    expect(cov).toMatchObject({ outcome: sample.index.coverage >= 1 ? 'pass' : 'fail', actual: sample.index.coverage });
    expect(pages).toMatchObject({ outcome: 'fail', actual: sample.crawl.pagesFetched, evidenceUrl: sample.crawl.startUrl });
  });

  it('checks nothing when the audit could not run', () => {
    const checks = normaliseAssertions([layer('default', DEFAULT_ASSERTIONS)], ids);
    expect(notRun(checks)).toEqual([expect.objectContaining({ target: 'crawl', outcome: 'not-run', actual: null })]);
  });
});

describe('exitCodeOf', () => {
  const brand = (over: Partial<BrandCiResult>): BrandCiResult => ({
    slug: 'x',
    brand: 'X',
    label: 'x.yaml',
    siteUrl: 'https://x.example/',
    status: 'audited',
    couldNotRun: null,
    runDir: null,
    generatedAt: null,
    index: null,
    questions: [],
    pagesFetched: 1,
    coverageFloor: null,
    delta: null,
    assertions: [],
    ...over,
  });
  const failed = (level: 'warn' | 'error', outcome: 'fail' | 'unscored' | 'not-comparable' | 'no-baseline') => ({
    target: 'index',
    kind: 'index' as const,
    option: 'minScore' as const,
    level,
    source: 'flag' as const,
    expected: 40,
    actual: 10,
    outcome,
    targetStatus: null,
    noise: null,
    evidenceUrl: null,
  });
  it('tells a brand that got worse (1) from a job that broke (3) and bad input (2)', () => {
    expect(exitCodeOf([brand({})])).toBe(0);
    expect(exitCodeOf([brand({ assertions: [failed('warn', 'fail'), failed('error', 'not-comparable'), failed('error', 'no-baseline')] })])).toBe(0);
    expect(exitCodeOf([brand({ assertions: [failed('error', 'fail')] })])).toBe(1);
    expect(exitCodeOf([brand({ assertions: [failed('error', 'unscored')] })])).toBe(1);
    const broken = brand({ status: 'could-not-run', couldNotRun: { kind: 'unreachable', detail: 'ECONNREFUSED' } });
    expect(exitCodeOf([brand({ assertions: [failed('error', 'fail')] }), broken])).toBe(3);
    expect(exitCodeOf([broken, brand({ status: 'could-not-run', couldNotRun: { kind: 'bad-input', detail: 'session' } })])).toBe(2);
  });
});
