// Two audits of one brand → what moved: deltas against noise bands, signals, pages, and comparability.
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { diffRuns, scoreDelta } from '../../../src/result/deltas.js';
import type { AuditResult } from '../../../src/result/schema.js';
import { loadFixture } from '../report/helpers.js';

const noise = DEFAULTS.ci.noise;

/** A copy of the sample audit with some scores moved, a page gone and one added. */
function worse(base: AuditResult): AuditResult {
  const r = structuredClone(base);
  r.index.score = base.index.score! - 9;
  r.questions[3]!.score = base.questions[3]!.score! - 15;
  r.questions[0]!.score = base.questions[0]!.score! + 1; // inside the band
  const tracker = r.questions[3]!.signals.find((s) => s.status === 'measured')!;
  tracker.score = Math.max(0, tracker.score! - 40);
  const fetched = r.crawl.pages.filter((p) => p.outcome === 'fetched');
  fetched[0]!.outcome = 'failed';
  r.crawl.pages.push({ url: 'https://community.example.com/new-page', depth: 1, outcome: 'fetched' });
  return r;
}

describe('diffRuns', () => {
  const sample = loadFixture('sample');

  it('finds nothing moved between an audit and itself', () => {
    const d = diffRuns(sample, sample, noise, 'output/x/audit.json');
    expect(d.comparable).toBe(true);
    expect(d.index).toMatchObject({ change: 0, movement: 'within-noise', noise: noise.index });
    expect(d.questions.every((q) => q.movement === 'within-noise' || q.movement === 'no-score')).toBe(true);
    expect(d.signals).toEqual([]);
    expect(d.pages).toEqual({ appeared: [], vanished: [] });
    expect(d.baseline).toMatchObject({ generatedAt: sample.generatedAt, source: 'output/x/audit.json' });
  });

  it('reads moves beyond the bands as up or down, and lists signals and pages that changed', () => {
    const now = worse(sample);
    const d = diffRuns(sample, now, noise);
    expect(d.index.movement).toBe('down');
    expect(d.index.change).toBeCloseTo(-9, 5);
    expect(d.questions.find((q) => q.id === 'Q4')!.movement).toBe('down');
    expect(d.questions.find((q) => q.id === 'Q1')!.movement).toBe('within-noise');
    expect(d.signals.length).toBeGreaterThanOrEqual(1);
    expect(d.signals[0]!.change).toBeLessThan(-noise.signal);
    expect(d.pages.appeared).toEqual(['https://community.example.com/new-page']);
    expect(d.pages.vanished).toHaveLength(1);
    // And the other way round.
    expect(diffRuns(now, sample, noise).index.movement).toBe('up');
  });

  it('marks deltas across a rubric or tool change as not comparable, naming both versions', () => {
    const other = structuredClone(sample);
    other.tool.version = '9.9.9';
    other.rubric.version = 'next';
    const d = diffRuns(sample, other, noise);
    expect(d.comparable).toBe(false);
    expect(d.notComparable).toEqual([
      { what: 'rubric', from: `${sample.rubric.name} ${sample.rubric.version}`, to: `${sample.rubric.name} next` },
      { what: 'tool', from: sample.tool.version, to: '9.9.9' },
    ]);
  });

  it('says there is nothing to compare when either side has no score', () => {
    expect(scoreDelta(null, 40, 'no-community', 'scored', 2)).toMatchObject({ change: null, movement: 'no-score' });
    expect(scoreDelta(40, 42, 'scored', 'scored', 2).movement).toBe('within-noise');
    expect(scoreDelta(40, 42.5, 'scored', 'scored', 2).movement).toBe('up');
  });
});
