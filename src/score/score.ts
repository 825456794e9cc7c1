// Rubric → signal scores → question scores with coverage → conductor index. Pure functions.
//
// The rules, stated once (the report's method section prints them from audit.json):
// - A signal is measured, not applicable (the site has nothing it reads: left out of coverage) or not measured
//   (it could not read what it needs: coverage drops). Not measured never counts as 0 (Lighthouse's "null is not
//   zero"), and a value that is not a finite number is a signal error: not measured, with a warning.
// - A floor reading (the signal saw only part of what it counts) counts in full as far as it already points to the
//   end the unseen part would push it to, and at its strength for the rest: weight × (1 − (1 − floor) × u), where u
//   is how far the score sits from that end (0 trackers in static HTML counts at the floor's strength, 6 in full).
// - Question score: Σ w·s·score / Σ w·s over measured signals; coverage: Σ w·s / Σ w over applicable ones.
// - Below the question coverage floor a question has no band, and the index takes it pulled toward the midpoint:
//   50 + (score − 50) × coverage / floor. A question not measured at all counts as 50 there.
// - Index: Σ W·indexScore / Σ W over the questions that apply; coverage Σ W·coverage / Σ W. Below the index floor,
//   or when no community was found, there is no verdict.
import { QUESTION_IDS } from '../result/schema.js';
import { bandOf, leaningOf } from '../result/bands.js';
import type { AuditResult, Evidence, QuestionResult, SignalResult } from '../result/types.js';
import type { SignalRun } from '../signals/run-signals.js';
import { isMeasured, isNotApplicable, type Community } from '../signals/types.js';
import type { AuditFile } from '../config/audit-file.js';
import { QUESTIONS } from './questions.js';
import { common } from '../signals/common-strings.js';
import type { Message } from '../i18n/message.js';
import { DEFAULT_COVERAGE_FLOOR, scoreFromPoints, type Rubric } from './rubric.js';

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** The weight share a reading counts with: 1, or less for a floor reading that points where unseen things could overturn it. */
export function readingStrength(score: number, direction: SignalResult['direction'], floor: number | undefined): number {
  if (floor === undefined || floor >= 1) return 1;
  // The unseen part can only push the value the signal's direction way: toward 0 for producer signals, 100 for conductor ones.
  const open = direction === 'producer' ? score / 100 : (100 - score) / 100;
  return round3(1 - (1 - Math.max(0, floor)) * open);
}

/** Evidence pointing the way the score leans comes first; a card then shows what produced its score. */
function orderEvidence(evidence: Evidence[], leaning: SignalResult['leaning']): Evidence[] {
  if (!leaning || leaning === 'neutral') return evidence;
  const rank = (e: Evidence) => (e.points === leaning ? 0 : e.points === undefined || e.points === 'neutral' ? 1 : 2);
  return [...evidence].sort((a, b) => rank(a) - rank(b));
}

export interface ScoredSignal {
  result: SignalResult;
  /** A warning for the audit (a signal that errored). */
  warning?: string;
}

export function scoreSignal(run: SignalRun, rubric: Rubric): ScoredSignal {
  const { signal, measurement } = run;
  const ref = rubric.questions[signal.meta.question]?.signals[signal.meta.id];
  const base = {
    id: signal.meta.id,
    question: signal.meta.question,
    direction: signal.meta.direction,
    weight: ref?.weight ?? 0,
  };
  const unscored = (status: 'not-measured' | 'not-applicable', reason: Message, pages = 0): SignalResult => ({
    ...base,
    status,
    value: null,
    display: null,
    score: null,
    leaning: null,
    strength: 0,
    pagesObserved: pages,
    reason,
    evidence: [],
  });
  if (isNotApplicable(measurement)) return { result: unscored('not-applicable', measurement.notApplicable, measurement.pagesObserved) };
  if (!isMeasured(measurement)) return { result: unscored('not-measured', measurement.notMeasured, measurement.pagesObserved) };
  if (!Number.isFinite(measurement.value)) {
    const reason = common('failed', { error: `value ${String(measurement.value)}` });
    return {
      result: unscored('not-measured', reason, measurement.pagesObserved),
      warning: `Signal ${signal.meta.id} failed: it gave the value ${String(measurement.value)}, so it was not measured.`,
    };
  }
  const score = ref ? round1(scoreFromPoints(measurement.value, ref.points)) : null;
  const leaning = leaningOf(score);
  return {
    result: {
      ...base,
      status: 'measured',
      value: measurement.value,
      display: measurement.display,
      score,
      leaning,
      strength: score === null ? 1 : readingStrength(score, signal.meta.direction, measurement.floor),
      pagesObserved: measurement.pagesObserved,
      evidence: orderEvidence(measurement.evidence, leaning),
    },
  };
}

/** Weighted mean of measured signal scores (each at its strength), and the share of applicable weight that counted. */
export function combine(items: Array<{ score: number | null; weight: number; strength?: number; applicable?: boolean }>): {
  score: number | null;
  coverage: number;
} {
  const applicable = items.filter((i) => i.applicable !== false);
  const total = applicable.reduce((n, i) => n + i.weight, 0);
  const measured = applicable.filter((i) => i.score !== null && i.weight > 0);
  const weight = measured.reduce((n, i) => n + i.weight * (i.strength ?? 1), 0);
  if (weight === 0 || total === 0) return { score: null, coverage: 0 };
  return { score: round1(measured.reduce((n, i) => n + i.score! * i.weight * (i.strength ?? 1), 0) / weight), coverage: round3(weight / total) };
}

/** The score a question brings to the index: pulled toward 50 below the coverage floor, 50 when not measured. */
export function indexContribution(score: number | null, coverage: number, floor: number): number {
  if (score === null) return 50;
  return round1(50 + (score - 50) * Math.min(1, coverage / floor));
}

/** The signals that pull a question hardest toward each end (at most two each, strongest first); the report words them. */
export function questionPulls(signals: SignalResult[]): QuestionResult['pulls'] {
  const measured = signals.filter((s) => s.score !== null && s.weight > 0);
  const pull = (s: SignalResult) => (s.score! - 50) * s.weight * s.strength;
  return {
    producer: measured
      .filter((s) => s.leaning === 'producer')
      .sort((a, b) => pull(a) - pull(b))
      .slice(0, 2)
      .map((s) => s.id),
    conductor: measured
      .filter((s) => s.leaning === 'conductor')
      .sort((a, b) => pull(b) - pull(a))
      .slice(0, 2)
      .map((s) => s.id),
  };
}

export interface ScoredAudit {
  questions: QuestionResult[];
  index: AuditResult['index'];
  warnings: string[];
}

export function scoreAudit(
  runs: SignalRun[],
  rubric: Rubric,
  analyst: AuditFile['analyst'],
  community: Pick<Community, 'found'> = { found: true },
): ScoredAudit {
  const floor = rubric.coverageFloor ?? DEFAULT_COVERAGE_FLOOR;
  const warnings: string[] = [];
  const signalResults = runs.map((r) => {
    const scored = scoreSignal(r, rubric);
    if (scored.warning) warnings.push(scored.warning);
    // Without a community, participation, ownership and value have nothing to judge; capture and aims judge the site itself.
    if (!community.found && QUESTIONS[r.signal.meta.question].needsCommunity) {
      return {
        ...scored.result,
        status: 'not-applicable' as const,
        value: null,
        display: null,
        score: null,
        leaning: null,
        strength: 0,
        reason: common('noCommunity'),
        evidence: [],
      };
    }
    return scored.result;
  });
  const questions: QuestionResult[] = QUESTION_IDS.map((id) => {
    // Rubric order first (the method section follows it), then any signal the rubric does not weigh.
    const order = Object.keys(rubric.questions[id]?.signals ?? {});
    const signals = signalResults
      .filter((s) => s.question === id)
      .sort((a, b) => (order.indexOf(a.id) + 1 || 999) - (order.indexOf(b.id) + 1 || 999) || a.id.localeCompare(b.id));
    const applicable = signals.filter((s) => s.status !== 'not-applicable' && s.weight > 0);
    const { score, coverage } = combine(
      signals.map((s) => ({ score: s.score, weight: s.weight, strength: s.strength, applicable: s.status !== 'not-applicable' })),
    );
    const status: QuestionResult['status'] =
      applicable.length === 0 ? 'not-applicable' : score === null ? 'not-measured' : coverage < floor.question ? 'insufficient-evidence' : 'scored';
    const note = analyst[id];
    const q = {
      id,
      key: QUESTIONS[id].key,
      weight: rubric.questions[id]?.weight ?? 0,
      status,
      score,
      coverage,
      band: status === 'scored' && score !== null ? bandOf(score).label : null,
      leaning: status === 'scored' ? leaningOf(score) : null,
      indexScore: status === 'not-applicable' ? null : indexContribution(score, coverage, floor.question),
    };
    return { ...q, pulls: questionPulls(signals), signals, analyst: note ? { ...note } : null };
  });
  return { questions, index: scoreIndex(questions, floor.index, community.found), warnings };
}

export function scoreIndex(questions: QuestionResult[], floor: number, communityFound: boolean): AuditResult['index'] {
  const applying = questions.filter((q) => q.status !== 'not-applicable' && q.weight > 0);
  const total = applying.reduce((n, q) => n + q.weight, 0);
  const coverage = total ? round3(applying.reduce((n, q) => n + q.weight * q.coverage, 0) / total) : 0;
  const anyMeasured = applying.some((q) => q.score !== null);
  if (!communityFound) return { status: 'no-community', score: null, label: null, leaning: null, coverage };
  if (!anyMeasured || total === 0) return { status: 'not-measured', score: null, label: null, leaning: null, coverage };
  const score = round1(applying.reduce((n, q) => n + q.weight * q.indexScore!, 0) / total);
  if (coverage < floor) return { status: 'insufficient-evidence', score, label: null, leaning: null, coverage };
  return { status: 'scored', score, label: bandOf(score).label, leaning: bandOf(score).leaning, coverage };
}
