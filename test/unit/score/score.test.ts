import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRubric, scoreFromPoints, type Rubric } from '../../../src/score/rubric.js';
import { combine, indexContribution, questionPulls, readingStrength, scoreAudit, scoreSignal } from '../../../src/score/score.js';
import { BANDS, bandOf, leaningOf } from '../../../src/result/bands.js';
import { bandFor } from '../../../src/score/questions.js';
import { SIGNALS } from '../../../src/signals/registry.js';
import type { SignalRun } from '../../../src/signals/run-signals.js';
import type { Measurement } from '../../../src/signals/types.js';
import { UserError } from '../../../src/util/errors.js';
import { common } from '../../../src/signals/common-strings.js';
import { message, type Message } from '../../../src/i18n/message.js';
import { questionSummary } from '../../../src/report/view-model.js';
import type { QuestionResult, SignalResult } from '../../../src/result/types.js';

describe('scoreFromPoints', () => {
  const up: Array<[number, number]> = [
    [0, 0],
    [0.5, 35],
    [0.9, 90],
    [1, 100],
  ];
  const down: Array<[number, number]> = [
    [0, 100],
    [1, 75],
    [3, 35],
    [5, 10],
    [6, 0],
  ];

  it('interpolates linearly between control points', () => {
    expect(scoreFromPoints(0.25, up)).toBeCloseTo(17.5);
    expect(scoreFromPoints(0.7, up)).toBeCloseTo(62.5);
    expect(scoreFromPoints(0.5, up)).toBe(35);
    expect(scoreFromPoints(2, down)).toBeCloseTo(55);
    expect(scoreFromPoints(4, down)).toBeCloseTo(22.5);
  });

  it('clamps outside the points', () => {
    expect(scoreFromPoints(-1, up)).toBe(0);
    expect(scoreFromPoints(7, up)).toBe(100);
    expect(scoreFromPoints(-3, down)).toBe(100);
    expect(scoreFromPoints(99, down)).toBe(0);
  });
});

const signal = SIGNALS.find((s) => s.meta.id === 'q1-open-content')!;
const run = (id: string, m: Measurement): SignalRun => ({ signal: SIGNALS.find((s) => s.meta.id === id)!, measurement: m });
/** A display message no catalogue knows: the scorer carries it through untouched, the report words it as ''. */
const testDisplay = (value: number): Message => message('test.value', { value });
const ok = (value: number, display: Message = testDisplay(value)): Measurement => ({
  value,
  display,
  evidence: [{ url: 'https://x.example/', snippet: 's' }],
  pagesObserved: 3,
});

describe('scoreSignal', () => {
  it('maps a measured value through the rubric and keeps evidence', async () => {
    const rubric = await loadRubric();
    const r = scoreSignal({ signal, measurement: ok(0.7) }, rubric).result;
    // Default rubric: q1-open-content weight 4, points [0.5 → 25, 0.9 → 90], so 0.7 → 57.5.
    expect(r).toMatchObject({ id: 'q1-open-content', status: 'measured', score: 57.5, weight: 4, pagesObserved: 3, leaning: 'neutral', strength: 1 });
    expect(r.evidence).toHaveLength(1);
    // audit.json carries the value as a message (id + values), never as words.
    expect(r.display).toEqual({ id: 'test.value', values: { value: 0.7 } });
    expect(r).not.toHaveProperty('title');
    expect(r).not.toHaveProperty('displayValue');
  });

  it('keeps a not-measured signal as null with its reason, and a not-applicable one apart', async () => {
    const rubric = await loadRubric();
    const r = scoreSignal({ signal, measurement: { notMeasured: common('noPages'), pagesObserved: 2 } }, rubric).result;
    expect(r).toMatchObject({
      status: 'not-measured',
      value: null,
      score: null,
      leaning: null,
      reason: { id: 'common.noPages' },
      pagesObserved: 2,
      evidence: [],
    });
    const reason = message('q1-open-content.noContentPages');
    const na = scoreSignal({ signal, measurement: { notApplicable: reason } }, rubric).result;
    // Not applicable carries its reason as a message and no value in words (the report says "not applicable").
    expect(na).toMatchObject({ status: 'not-applicable', score: null, reason, display: null });
  });

  it('a value that is not a finite number is a signal error: not measured, with a warning, never a crash', async () => {
    const rubric = await loadRubric();
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const { result, warning } = scoreSignal({ signal, measurement: ok(value) }, rubric);
      expect(result).toMatchObject({ status: 'not-measured', score: null });
      expect(warning).toMatch(/q1-open-content/);
      expect(result.reason).toMatchObject({ id: 'common.failed' });
    }
  });

  it('orders evidence so that items pointing the way the score leans come first', async () => {
    const rubric = await loadRubric();
    const m: Measurement = {
      value: 1,
      display: testDisplay(1),
      pagesObserved: 2,
      evidence: [
        { url: 'https://x.example/a', snippet: 'walled', points: 'producer' },
        { url: 'https://x.example/b', snippet: 'open', points: 'conductor' },
      ],
    };
    expect(scoreSignal({ signal, measurement: m }, rubric).result.evidence.map((e) => e.snippet)).toEqual(['open', 'walled']);
  });
});

describe('floor readings', () => {
  it('count in full where they already point the way unseen things would push them, at their strength elsewhere', () => {
    // Trackers (producer direction) from static HTML at strength 0.25: 0 found → score 100 → 0.25 of the weight.
    expect(readingStrength(100, 'producer', 0.25)).toBe(0.25);
    expect(readingStrength(0, 'producer', 0.25)).toBe(1);
    expect(readingStrength(50, 'producer', 0.25)).toBe(0.625);
    // A conductor-direction floor (a consent banner not seen in static HTML): "none" scores 0 and counts weakly.
    expect(readingStrength(0, 'conductor', 0.25)).toBe(0.25);
    expect(readingStrength(100, 'conductor', 0.25)).toBe(1);
    expect(readingStrength(100, 'producer', undefined)).toBe(1);
  });

  it('lower the question coverage', async () => {
    const rubric = await loadRubric();
    const trackers = run('q4-third-party-trackers', { ...ok(0), floor: 0.25 });
    const others = SIGNALS.filter((x) => x.meta.question === 'Q4' && x.meta.id !== 'q4-third-party-trackers').map((x) =>
      run(x.meta.id, { notMeasured: common('noPages') }),
    );
    const q4 = scoreAudit([trackers, ...others], rubric, {}).questions.find((q) => q.id === 'Q4')!;
    const r = q4.signals.find((x) => x.id === 'q4-third-party-trackers')!;
    expect(r).toMatchObject({ score: 100, strength: 0.25 });
    // Trackers weigh 4 of Q4's 10: at strength 0.25 they bring 1 of 10.
    expect(q4.coverage).toBe(0.1);
    expect(q4.status).toBe('insufficient-evidence');
  });
});

describe('combine', () => {
  it('leaves not-applicable items out of the coverage, and weighs readings by their strength', () => {
    expect(
      combine([
        { score: 80, weight: 1 },
        { score: null, weight: 3, applicable: false },
      ]),
    ).toEqual({ score: 80, coverage: 1 });
    expect(
      combine([
        { score: 100, weight: 2, strength: 0.5 },
        { score: 0, weight: 1 },
      ]),
    ).toEqual({ score: 50, coverage: 0.667 });
  });

  it('is a weighted mean of the measured scores', () => {
    expect(
      combine([
        { score: 100, weight: 3 },
        { score: 0, weight: 1 },
      ]),
    ).toEqual({ score: 75, coverage: 1 });
  });

  it('treats null as missing, not zero, and reports coverage', () => {
    expect(
      combine([
        { score: 80, weight: 1 },
        { score: null, weight: 3 },
      ]),
    ).toEqual({ score: 80, coverage: 0.25 });
  });

  it('gives null and coverage 0 when nothing is measured or there is no weight', () => {
    expect(combine([{ score: null, weight: 2 }])).toEqual({ score: null, coverage: 0 });
    expect(combine([])).toEqual({ score: null, coverage: 0 });
    expect(combine([{ score: 50, weight: 0 }])).toEqual({ score: null, coverage: 0 });
  });
});

/** A rubric with one signal per question, so a question score equals that signal's score. */
function oneSignalRubric(): Rubric {
  const pick: Record<string, string> = { Q1: 'q1-open-content', Q2: 'q2-outbound-links', Q3: 'q3-help-vs-sell', Q4: 'q4-site-search', Q5: 'q5-staff-labelled' };
  const questions = Object.fromEntries(
    Object.entries(pick).map(([q, id]) => [
      q,
      {
        weight: 1,
        signals: {
          [id]: {
            weight: 1,
            points: [
              [0, 0],
              [100, 100],
            ] as Array<[number, number]>,
          },
        },
      },
    ]),
  );
  return { name: 't', version: '1', coverageFloor: { question: 0.5, index: 0.5 }, questions } as Rubric;
}

describe('bands', () => {
  it('come from one table: bands, their ranges and leanings', () => {
    expect(BANDS.map((b) => `${b.min}–${b.max} ${b.label} (${b.leaning})`)).toEqual([
      '0–19 producer (producer)',
      '20–39 leaning producer (producer)',
      '40–59 balanced (neutral)',
      '60–79 leaning conductor (conductor)',
      '80–100 conductor (conductor)',
    ]);
    expect(bandOf(39.6).label).toBe('leaning producer');
    expect(leaningOf(null)).toBeNull();
  });
});

describe('scoreAudit', () => {
  it.each([
    [19.9, 'producer'],
    [20, 'leaning producer'],
    [39.9, 'leaning producer'],
    [40, 'balanced'],
    [59.9, 'balanced'],
    [60, 'leaning conductor'],
    [79.9, 'leaning conductor'],
    [80, 'conductor'],
    [0, 'producer'],
    [100, 'conductor'],
  ])('index %s is labelled %s', (v, label) => {
    expect(bandFor(v)).toBe(label);
    const runs = ['q1-open-content', 'q2-outbound-links', 'q3-help-vs-sell', 'q4-site-search', 'q5-staff-labelled'].map((id) => run(id, ok(v)));
    const res = scoreAudit(runs, oneSignalRubric(), {});
    expect(res.index).toEqual({ status: 'scored', score: v, label, leaning: bandOf(v).leaning, coverage: 1 });
    for (const q of res.questions) expect([q.band, q.leaning, q.status]).toEqual([label, bandOf(v).leaning, 'scored']);
  });

  it('carries analyst notes beside the machine score', () => {
    const runs = [run('q1-open-content', ok(30)), run('q2-outbound-links', ok(70))];
    const res = scoreAudit(runs, oneSignalRubric(), { Q1: { note: 'Walls everywhere.', score: 10, rationale: 'The login wall covers all answers.' } });
    const q1 = res.questions.find((q) => q.id === 'Q1')!;
    expect(q1.score).toBe(30);
    expect(q1.analyst).toEqual({ note: 'Walls everywhere.', score: 10, rationale: 'The login wall covers all answers.' });
    expect(res.questions.find((q) => q.id === 'Q2')!.analyst).toBeNull();
  });

  it('a question with nothing measured counts at the midpoint with coverage 0; one that does not apply is left out', () => {
    const runs = [
      run('q1-open-content', ok(30)),
      run('q2-outbound-links', ok(90)),
      run('q3-help-vs-sell', { notMeasured: common('noPages') }),
      run('q4-site-search', { notApplicable: common('noCommunity') }),
      // Q5 has no run at all: nothing applies.
    ];
    const res = scoreAudit(runs, oneSignalRubric(), {});
    const q3 = res.questions.find((q) => q.id === 'Q3')!;
    expect(q3).toMatchObject({ status: 'not-measured', score: null, coverage: 0, band: null, indexScore: 50 });
    expect(q3.pulls).toEqual({ producer: [], conductor: [] });
    expect(questionSummary(q3)).toMatch(/^Not scored: none of this question’s signals could be measured/);
    expect(res.questions.find((q) => q.id === 'Q4')!).toMatchObject({ status: 'not-applicable', score: null, indexScore: null });
    // (30 + 90 + 50) / 3 over the three questions that apply; coverage (1 + 1 + 0) / 3.
    expect(res.index).toEqual({ status: 'scored', score: 56.7, label: 'balanced', leaning: 'neutral', coverage: 0.667 });
  });

  it('pulls a question below the coverage floor toward the midpoint, and gives no verdict below the index floor', () => {
    expect(indexContribution(10, 0.25, 0.5)).toBe(30);
    expect(indexContribution(10, 0.5, 0.5)).toBe(10);
    expect(indexContribution(null, 0, 0.5)).toBe(50);
    const thin = ['q1-open-content', 'q2-outbound-links'].map((id) => run(id, ok(0)));
    const rest = ['q3-help-vs-sell', 'q4-site-search', 'q5-staff-labelled'].map((id) => run(id, { notMeasured: common('noPages') }));
    const res = scoreAudit([...thin, ...rest], oneSignalRubric(), {});
    expect(res.index).toMatchObject({ status: 'insufficient-evidence', label: null, coverage: 0.4 });
  });

  it('without a community there is no verdict, and participation, ownership and value do not apply', () => {
    const runs = ['q1-open-content', 'q2-outbound-links', 'q3-help-vs-sell', 'q4-site-search', 'q5-staff-labelled'].map((id) => run(id, ok(20)));
    const res = scoreAudit(runs, oneSignalRubric(), {}, { found: false });
    expect(res.questions.map((q) => q.status)).toEqual(['not-applicable', 'not-applicable', 'not-applicable', 'scored', 'scored']);
    expect(res.questions[0]!.signals[0]).toMatchObject({ status: 'not-applicable', reason: { id: 'common.noCommunity' }, display: null });
    expect(questionSummary(res.questions[0]!)).toMatch(/no community was found/);
    expect(questionSummary(res.questions[0]!, 'de')).toMatch(/keine Community gefunden/);
    expect(res.index).toMatchObject({ status: 'no-community', score: null, label: null });
  });

  it('with nothing measured at all, the index is null with no label', () => {
    const res = scoreAudit([], oneSignalRubric(), {});
    expect(res.index).toEqual({ status: 'not-measured', score: null, label: null, leaning: null, coverage: 0 });
  });

  it('orders signals by the rubric and names the signals that pull hardest each way', async () => {
    const rubric = await loadRubric();
    const open = message('q1-open-content.value', { share: 0, total: 5, walled: 5 });
    const runs = SIGNALS.filter((s) => s.meta.question === 'Q1')
      .reverse()
      .map((s) => ({ signal: s, measurement: ok(0, s.meta.id === 'q1-open-content' ? open : testDisplay(0)) }));
    const q1 = scoreAudit(runs, rubric, {}).questions[0]!;
    expect(q1.signals.map((s) => s.id)).toEqual(Object.keys(rubric.questions.Q1!.signals));
    // audit.json carries the pulls as signal ids, at most two each way, strongest first; the report words them.
    expect(q1).not.toHaveProperty('summary');
    expect(q1.pulls).toEqual(questionPulls(q1.signals));
    const pull = (s: SignalResult) => Math.abs(s.score! - 50) * s.weight * s.strength;
    for (const side of ['producer', 'conductor'] as const) {
      const ids = q1.pulls[side];
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThanOrEqual(2);
      const sigs = ids.map((id) => q1.signals.find((s) => s.id === id)!);
      for (const s of sigs) expect(s.leaning).toBe(side);
      expect(sigs.map(pull)).toEqual([...sigs.map(pull)].sort((a, b) => b - a));
      const strongest = Math.max(...q1.signals.filter((s) => s.leaning === side && s.weight > 0).map(pull));
      expect(pull(sigs[0]!)).toBe(strongest);
    }
    expect(q1.pulls.producer).toContain('q1-open-content');
    const summary = questionSummary(q1);
    expect(summary).toMatch(/Pulling toward the producer end: .*community content readable without an account \(0% of 5 content pages open \(5 walled\)\)/);
    expect(summary).toMatch(/Toward the conductor end/);
    expect(questionSummary(q1, 'de')).toMatch(/Zum Produzenten-Ende ziehen: .*Community-Inhalte ohne Konto lesbar/);
  });

  it('the report words a question’s summary with its coverage, and says when the evidence is insufficient', () => {
    const q = (status: QuestionResult['status'], score: number, coverage: number): QuestionResult => ({
      id: 'Q2',
      key: 'ownership',
      weight: 1,
      status,
      score,
      coverage,
      band: status === 'scored' ? bandOf(score).label : null,
      leaning: status === 'scored' ? bandOf(score).leaning : null,
      indexScore: score,
      pulls: { producer: [], conductor: [] },
      signals: [],
      analyst: null,
    });
    expect(questionSummary(q('scored', 55, 0.5))).toBe('Balanced at 55/100, with 50% of the evidence weight measured.');
    expect(questionSummary(q('scored', 55, 1))).toBe('Balanced at 55/100.');
    expect(questionSummary(q('insufficient-evidence', 90, 0.2))).toMatch(/^Insufficient evidence: only 20% /);
  });
});

describe('loadRubric', () => {
  async function rubricFile(mutate: (text: string) => string): Promise<string> {
    const { readFile } = await import('node:fs/promises');
    const { DEFAULT_RUBRIC_PATH } = await import('../../../src/score/rubric.js');
    const text = mutate(await readFile(DEFAULT_RUBRIC_PATH, 'utf8'));
    const dir = await mkdtemp(path.join(tmpdir(), 'rubric-'));
    const file = path.join(dir, 'r.yaml');
    await writeFile(file, text);
    return file;
  }
  async function problems(file: string): Promise<string[]> {
    try {
      await loadRubric(file);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return [(e as UserError).message, ...(e as UserError).details];
    }
    throw new Error('loadRubric accepted a bad rubric');
  }

  it('loads the default rubric', async () => {
    const r = await loadRubric();
    expect(Object.keys(r.questions).sort()).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
  });

  it('names an unknown signal id', async () => {
    const lines = await problems(await rubricFile((t) => t.replace('q1-social-login:', 'q1-social-logins:')));
    expect(lines.join('\n')).toContain('questions.Q1.signals.q1-social-logins: no such signal');
  });

  it('names a signal filed under the wrong question', async () => {
    const lines = await problems(
      await rubricFile((t) =>
        t.replace(
          '  Q2:\n    weight: 1\n    signals:\n',
          '  Q2:\n    weight: 1\n    signals:\n      q1-content-rewards:\n        weight: 1\n        points: [[0, 100], [1, 0]]\n',
        ),
      ),
    );
    expect(lines.join('\n')).toContain('questions.Q2.signals.q1-content-rewards: this signal belongs to Q1');
  });

  it('names non-increasing control points', async () => {
    const lines = await problems(await rubricFile((t) => t.replace('points: [[0, 20], [1, 80], [2, 100]]', 'points: [[0, 20], [2, 80], [1, 100]]')));
    expect(lines.join('\n')).toMatch(/questions\.Q1\.signals\.q1-social-login\.points: control point values must increase strictly/);
  });

  it('names a missing question and a missing file', async () => {
    const lines = await problems(await rubricFile((t) => t.slice(0, t.indexOf('  Q5:'))));
    expect(lines.join('\n')).toMatch(/questions\.Q5: (is required|missing)/);
    await expect(loadRubric('/nonexistent/rubric.yaml')).rejects.toThrow(/Rubric file not found/);
  });
});

describe('default rubric', () => {
  it('gives every signal a reason beside its weight, and at least six signals per question', async () => {
    const rubric = await loadRubric();
    for (const [qid, q] of Object.entries(rubric.questions)) {
      expect(Object.keys(q.signals).length, qid).toBeGreaterThanOrEqual(6);
      for (const [id, ref] of Object.entries(q.signals)) expect(ref.why?.trim().length, id).toBeGreaterThan(20);
    }
  });
});
