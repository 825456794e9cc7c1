// The comparison built from audit results: who is ranked and how, the refusal of mixed rubrics, the signal gaps,
// and pull from a Google Trends export or from each audit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildComparison } from '../../../src/compare/build.js';
import { RANK_MARGIN } from '../../../src/compare/brands.js';
import { termForBrand } from '../../../src/compare/pull.js';
import { ComparisonResultSchema } from '../../../src/compare/schema.js';
import { buildComparisonViewModel } from '../../../src/compare/view-model.js';
import type { AuditResult } from '../../../src/result/types.js';
import { readTrendsTable } from '../../../src/traffic/google-trends.js';
import { UserError } from '../../../src/util/errors.js';
import { say } from '../../../src/report/messages.js';
import { loadFixture } from '../report/helpers.js';

/** The sample audit as another brand, with its index (and, optionally, anything else) replaced. */
function brand(name: string, index: Partial<AuditResult['index']>, more: Partial<AuditResult> = {}): AuditResult {
  const r = loadFixture('sample');
  return { ...r, brand: name, index: { ...r.index, ...index }, ...more };
}

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a UserError');
}

const trendsText = readFileSync(new URL('../../fixtures/traffic/multiTimeline-monthly-it.csv', import.meta.url), 'utf8');

describe('ranking', () => {
  it('ranks scored brands by index, highest first, and lists brands with no verdict apart, never ranked', () => {
    const c = buildComparison([
      brand('Low', { score: 20, label: 'leaning producer', coverage: 0.9 }),
      brand('High', { score: 80, label: 'conductor', coverage: 0.9 }),
      brand('Empty', { status: 'no-community', score: null, label: null, leaning: null }),
      brand('Thin', { status: 'insufficient-evidence', score: 55, label: null, coverage: 0.3 }),
    ]);
    expect(ComparisonResultSchema.parse(c)).toBeTruthy();
    expect(c.ranking.map((e) => [e.brand, e.position])).toEqual([
      ['High', 1],
      ['Low', 2],
    ]);
    expect(c.unranked).toEqual([
      { brand: 'Empty', reason: 'no-community' },
      { brand: 'Thin', reason: 'insufficient-evidence' },
    ]);
    const vm = buildComparisonViewModel(c);
    expect(vm.lead.join(' ')).toContain('Highest on the conductor index: High, at 80 (conductor). Lowest: Low, at 20 (leaning producer).');
    expect(vm.lead.join(' ')).toContain('Empty is not ranked: no community was found on its site.');
    expect(vm.lead.join(' ')).toContain('Thin is not ranked: only 30% of its evidence weight could be measured, too little for a verdict.');
    expect(vm.ranking.rows.map((r) => [r.position, r.brand, r.score])).toEqual([
      ['1', 'High', '80'],
      ['2', 'Low', '20'],
      ['—', 'Empty', '—'],
      ['—', 'Thin', '—'],
    ]);
    // No bar for a brand without a verdict: words instead.
    expect(vm.charts.index.svg).toContain('no verdict: insufficient evidence');
  });

  it(`scores less than ${RANK_MARGIN} points apart share a position; thin evidence makes a position provisional`, () => {
    const c = buildComparison([
      brand('A', { score: 62, label: 'leaning conductor', coverage: 0.95 }),
      brand('B', { score: 59, label: 'balanced', coverage: 0.55 }),
      brand('C', { score: 30, label: 'leaning producer', coverage: 0.95 }),
    ]);
    expect(c.ranking).toEqual([
      { brand: 'A', position: 1, level: true, provisional: false },
      { brand: 'B', position: 1, level: true, provisional: true },
      { brand: 'C', position: 3, level: false, provisional: false },
    ]);
    expect(c.brands.find((b) => b.brand === 'B')!.evidence).toMatchObject({ thin: true, reasons: ['low-coverage'] });
    const vm = buildComparisonViewModel(c);
    expect(vm.ranking.rows.map((r) => r.position)).toEqual(['=1', '=1', '3']);
    expect(vm.lead.join(' ')).toMatch(/^Highest on the conductor index: A and B, at 62 \(leaning conductor\)\. Lowest: C, at 30/);
    expect(vm.lead.join(' ')).toContain('The position of B is provisional: only 55% of its question weight was measured.');
    expect(buildComparisonViewModel(c, { locale: 'de' }).lead.join(' ')).toContain(
      'Der Platz von B ist vorläufig: nur 55\u00a0% des Fragengewichts wurden gemessen.',
    );
  });

  it('needs two brands, each once', () => {
    expect(userError(() => buildComparison([brand('A', {})])).message).toMatch(/at least two audits/);
    expect(userError(() => buildComparison([brand('A', {}), brand('A', {})])).message).toMatch(/A appears twice/);
  });
});

describe('mixed rubrics and tool versions', () => {
  const other = (r: AuditResult, rubric: Partial<AuditResult['rubric']>, tool?: string): AuditResult => ({
    ...r,
    rubric: { ...r.rubric, ...rubric },
    ...(tool ? { tool: { ...r.tool, version: tool } } : {}),
  });

  it('refuses results scored with different rubrics, naming who used which', () => {
    const e = userError(() => buildComparison([brand('A', {}), other(brand('B', {}), { version: '2.0.0' })]));
    expect(e.message).toMatch(/scored with different rubrics, so their scores do not measure the same thing/);
    expect(e.message).toMatch(/--allow-mixed/);
    expect(e.details).toEqual(['rubric default 1.0.0: A', 'rubric default 2.0.0: B']);
  });

  it('refuses different tool major versions, not minor ones', () => {
    expect(userError(() => buildComparison([brand('A', {}), other(brand('B', {}), {}, '1.0.0')])).details).toEqual([
      'conductor-audit 0.x: A',
      'conductor-audit 1.x: B',
    ]);
    expect(buildComparison([brand('A', {}), other(brand('B', {}), {}, '0.9.0')]).mixed).toBeNull();
  });

  it('with --allow-mixed compares anyway, records the difference, and the report says so', () => {
    const c = buildComparison([brand('A', {}), other(brand('B', {}), { name: 'strict', version: '3' })], { allowMixed: true });
    expect(c.rubric).toBeNull();
    expect(c.mixed!.rubrics.map((r) => [r.name, r.brands])).toEqual([
      ['default', ['A']],
      ['strict', ['B']],
    ]);
    expect(buildComparisonViewModel(c).method.mixed).toMatch(
      /^These audits were scored with different rubrics or tool versions \(rubric default 1\.0\.0 for A; rubric strict 3 for B\) and compared anyway/,
    );
  });
});

describe('signal gaps', () => {
  it('the signals that differ most, 5 to 8, each with every brand’s figure and a quote pointing its way', () => {
    const a = loadFixture('sample');
    // B: the same site with every measured signal turned round (score 100 − s).
    const b: AuditResult = {
      ...a,
      brand: 'Mirror',
      questions: a.questions.map((q) => ({
        ...q,
        signals: q.signals.map((s) => (s.score === null ? s : { ...s, score: 100 - s.score, leaning: s.score > 50 ? 'producer' : 'conductor' })),
      })),
    };
    const c = buildComparison([a, b]);
    expect(c.gaps.length).toBeGreaterThanOrEqual(5);
    expect(c.gaps.length).toBeLessThanOrEqual(8);
    const spreads = c.gaps.map((g) => g.spread * g.weight);
    expect([...spreads].sort((x, y) => y - x)).toEqual(spreads);
    for (const g of c.gaps) {
      expect(g.brands.map((x) => x.brand)).toEqual(['Northwind Home', 'Mirror']);
      for (const x of g.brands) {
        expect(x.status).toBe('measured');
        // The figure is a message (meaning, not prose) that the comparison report words in its language.
        expect(x.display).toMatchObject({ id: expect.stringMatching(new RegExp(`^${g.signal}\\.`)) });
        expect(say(x.display)).toBeTruthy();
        expect(say(x.display, 'de')).toBeTruthy();
        // A quotation from the site, or the tool's own note about the page (worded from its message).
        expect(x.evidence).toBeTruthy();
        expect(x.evidence!.snippet || say(x.evidence!.note)).toBeTruthy();
      }
      // The quote shown for the original brand points the way its score leans, where such an item exists.
      const sig = a.questions.flatMap((q) => q.signals).find((s) => s.id === g.signal)!;
      if (sig.evidence.some((e) => e.points === sig.leaning)) expect(g.brands[0]!.evidence!.points).toBe(sig.leaning);
    }
  });
});

describe('pull', () => {
  it('matches brands to Google Trends terms by name, longest first', () => {
    const { terms } = readTrendsTable('Category: All\n\nMonth,fernhill: (UK),fernhill garden: (UK),megamart: (UK)\n2024-01,1,2,3\n', 't.csv');
    expect(termForBrand('Fernhill Garden Supply', terms)?.term).toBe('fernhill garden');
    expect(termForBrand('MegaMart', terms)?.term).toBe('megamart');
    expect(termForBrand('Brightside Cycles', terms)).toBeUndefined();
  });

  it('terms of one export share one scale: levels compare, and each series is indexed to 100 over the same base', () => {
    const c = buildComparison([brand('Sears', {}), brand('Walmart', {})], { trends: { text: trendsText, fileName: 'multiTimeline.csv' } });
    expect(c.pull.sharedScale).toBe(true);
    expect(c.pull.levelsDiffer).toBeNull();
    expect(c.pull.brands.map((b) => [b.brand, b.from, b.traffic.metric])).toEqual([
      ['Sears', 'trends', 'interest'],
      ['Walmart', 'trends', 'interest'],
    ]);
    // 30 common months: the base is the first 12, and they average 100.
    expect(c.pull.base).toEqual({ from: '2019-01', to: '2019-12' });
    for (const b of c.pull.brands) {
      const base = b.indexed.slice(0, 12).map((p) => p.value!);
      expect(base.reduce((x, y) => x + y, 0) / 12).toBeCloseTo(100, 0);
    }
    expect(buildComparisonViewModel(c).pull.scaleNote).toMatch(
      /^All series are search terms from one Google Trends export, so they share one scale and their levels compare\. Average interest over the last 12 full months: Sears \d/,
    );
  });

  it('series from different sources compare in shape only, and the report says why', () => {
    const c = buildComparison([brand('A', {}), brand('B', {})], { trends: { text: trendsText, fileName: 'multiTimeline.csv', terms: { A: 'sears' } } });
    expect(c.pull.brands.map((b) => b.from)).toEqual(['trends', 'audit']);
    expect(c.pull.sharedScale).toBe(false);
    expect(c.pull.levelsDiffer).toBe('different-sources');
    expect(buildComparisonViewModel(c).pull.scaleNote).toMatch(/different sources, each on its own scale: their levels do not compare, only their shapes/);
  });

  it('names a missing term and an unknown brand in the mapping', () => {
    expect(
      userError(() => buildComparison([brand('A', {}), brand('B', {})], { trends: { text: trendsText, fileName: 'm.csv', terms: { A: 'kmart' } } })).message,
    ).toMatch(/--trends-term: m\.csv has no search term "kmart" for A; its terms are "sears", "walmart"/);
    expect(
      userError(() => buildComparison([brand('A', {}), brand('B', {})], { trends: { text: trendsText, fileName: 'm.csv', terms: { Z: 'sears' } } })).message,
    ).toMatch(/"Z" is not one of the brands compared/);
    expect(
      userError(() => buildComparison([brand('A', {}), brand('B', {})], { trends: { text: 'month,visits\n2024-01,4\n', fileName: 'm.csv' } })).message,
    ).toMatch(/^--trends: m\.csv: not a Google Trends export/);
  });
});
