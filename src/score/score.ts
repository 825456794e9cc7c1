// Rubric → signal scores → question scores with coverage → conductor index. Pure functions; a signal that was
// not measured lowers coverage and never counts as 0 (Lighthouse's "null is not zero").
import { QUESTION_IDS } from '../result/schema.js';
import type { QuestionId, QuestionResult, SignalResult } from '../result/types.js';
import type { SignalRun } from '../signals/run-signals.js';
import { isMeasured } from '../signals/types.js';
import type { AuditFile } from '../config/audit-file.js';
import { QUESTIONS, bandFor } from './questions.js';
import { scoreFromPoints, type Rubric } from './rubric.js';

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function scoreSignal(run: SignalRun, rubric: Rubric): SignalResult {
  const { signal, measurement } = run;
  const ref = rubric.questions[signal.meta.question]?.signals[signal.meta.id];
  const base = {
    id: signal.meta.id,
    title: signal.strings.title,
    question: signal.meta.question,
    direction: signal.meta.direction,
    explanation: signal.strings.explanation,
    weight: ref?.weight ?? 0,
  };
  if (!isMeasured(measurement)) {
    return { ...base, status: 'not-measured', value: null, displayValue: 'not measured', score: null, pagesObserved: measurement.pagesObserved ?? 0, reason: measurement.notMeasured, evidence: [] };
  }
  return {
    ...base,
    status: 'measured',
    value: measurement.value,
    displayValue: measurement.displayValue,
    score: ref ? round1(scoreFromPoints(measurement.value, ref.points)) : null,
    pagesObserved: measurement.pagesObserved,
    evidence: measurement.evidence,
  };
}

/** Weighted mean of measured signal scores, and the share of weight that had a score. */
export function combine(items: Array<{ score: number | null; weight: number }>): { score: number | null; coverage: number } {
  const total = items.reduce((n, i) => n + i.weight, 0);
  const measured = items.filter((i) => i.score !== null && i.weight > 0);
  const weight = measured.reduce((n, i) => n + i.weight, 0);
  if (weight === 0 || total === 0) return { score: null, coverage: 0 };
  return { score: round1(measured.reduce((n, i) => n + i.score! * i.weight, 0) / weight), coverage: Math.round((weight / total) * 1000) / 1000 };
}

/** The question's finding in a sentence or two, from the signals that pull hardest each way. */
export function summariseQuestion(id: QuestionId, score: number | null, coverage: number, signals: SignalResult[]): string {
  if (score === null) return `Not enough evidence to judge ${QUESTIONS[id].title.toLowerCase()}: none of its signals could be measured on the pages crawled.`;
  const measured = signals.filter((s) => s.score !== null && s.weight > 0);
  const pull = (s: SignalResult) => (s.score! - 50) * s.weight;
  const toProducer = measured.filter((s) => s.score! < 40).sort((a, b) => pull(a) - pull(b)).slice(0, 2);
  const toConductor = measured.filter((s) => s.score! > 60).sort((a, b) => pull(b) - pull(a)).slice(0, 2);
  const phrase = (s: SignalResult) => `${s.title.toLowerCase()} (${s.displayValue})`;
  const parts = [`${capitalise(bandFor(score))} at ${Math.round(score)}/100${coverage < 1 ? `, with ${Math.round(coverage * 100)}% of the evidence weight measured` : ''}.`];
  if (toProducer.length) parts.push(`Pulling toward the producer end: ${toProducer.map(phrase).join('; ')}.`);
  if (toConductor.length) parts.push(`Toward the conductor end: ${toConductor.map(phrase).join('; ')}.`);
  return parts.join(' ');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function scoreAudit(runs: SignalRun[], rubric: Rubric, analyst: AuditFile['analyst']) {
  const signalResults = runs.map((r) => scoreSignal(r, rubric));
  const questions: QuestionResult[] = QUESTION_IDS.map((id) => {
    // Rubric order first (the method section follows it), then any signal the rubric does not weigh.
    const order = Object.keys(rubric.questions[id]?.signals ?? {});
    const signals = signalResults
      .filter((s) => s.question === id)
      .sort((a, b) => (order.indexOf(a.id) + 1 || 999) - (order.indexOf(b.id) + 1 || 999) || a.id.localeCompare(b.id));
    const { score, coverage } = combine(signals);
    const note = analyst[id];
    return {
      id,
      key: QUESTIONS[id].key,
      title: QUESTIONS[id].title,
      question: QUESTIONS[id].question,
      weight: rubric.questions[id]?.weight ?? 0,
      score,
      coverage,
      band: score === null ? null : bandFor(score),
      summary: summariseQuestion(id, score, coverage, signals),
      signals,
      analyst: note ? { ...note } : null,
    };
  });
  const index = combine(questions.map((q) => ({ score: q.score, weight: q.weight })));
  return {
    questions,
    index: { score: index.score, label: index.score === null ? null : bandFor(index.score), coverage: index.coverage },
  };
}
