// The action plan: what to change first. From audit.json's typed fields only (scores, weights, strengths,
// coverage, evidence URLs) and each signal's meta (effort, risk). Words are made by the view model.
import type { AuditResult, QuestionResult, SignalResult } from '../result/types.js';
import { signalById } from '../signals/registry.js';
// The evidence a signal keeps is capped: at that many items the page count is a floor.
import { MAX_EVIDENCE } from '../signals/evidence.js';

export type Priority = 'high' | 'medium' | 'low';
export type Effort = 'low' | 'medium' | 'high';
export type Risk = 'consent' | 'data-protection' | 'accessibility';

export interface ActionItem {
  question: QuestionResult;
  signal: SignalResult;
  /** Index points the site would gain if this signal reached 100 (its share of the index weight × its distance from 100). */
  points: number;
  priority: Priority;
  effort: Effort;
  risk: Risk | null;
  /** Pages the evidence shows the problem on (items pointing the producer way, each counting the pages it was seen on). */
  affected: number;
  /** The evidence is capped per signal, so more pages may be affected than it lists. */
  affectedAtLeast: boolean;
  /** Up to three example URLs. */
  examples: string[];
}

/** A signal scoring below this gets an action; at or above it, it is listed as passed. */
export const ACTION_BELOW = 60;
/** Index points from which an action is high priority (or medium); a legal risk below 40 is always high. */
export const PRIORITY_POINTS = { high: 2, medium: 0.75 } as const;
/** At most this many actions are "do first" and "do next"; the rest wait (a plan must choose). */
export const MAX_PER_PRIORITY = { high: 5, medium: 6 } as const;

/**
 * Index points recoverable: the question's share of the index weight × the signal's share of the question's
 * measured weight (at its strength) × (100 − score), damped like the question's contribution below its coverage floor.
 */
export function pointsRecoverable(result: AuditResult, question: QuestionResult, signal: SignalResult): number {
  if (signal.status !== 'measured' || signal.score === null || signal.weight <= 0) return 0;
  const applying = result.questions.filter((q) => q.status !== 'not-applicable' && q.weight > 0);
  const indexWeight = applying.reduce((n, q) => n + q.weight, 0);
  const measured = question.signals.filter((s) => s.status === 'measured' && s.score !== null && s.weight > 0);
  const questionWeight = measured.reduce((n, s) => n + s.weight * s.strength, 0);
  if (!indexWeight || !questionWeight || !applying.includes(question)) return 0;
  const floor = result.rubric.coverageFloor.question;
  const damp = floor > 0 ? Math.min(1, question.coverage / floor) : 1;
  return (question.weight / indexWeight) * ((signal.weight * signal.strength) / questionWeight) * (100 - signal.score) * damp;
}

export function priorityOf(points: number, risk: Risk | null, score: number): Priority {
  if (points >= PRIORITY_POINTS.high || (risk !== null && score < 40)) return 'high';
  return points >= PRIORITY_POINTS.medium ? 'medium' : 'low';
}

function affectedPages(signal: SignalResult): { affected: number; atLeast: boolean; examples: string[] } {
  const toward = signal.evidence.filter((e) => e.points === 'producer' || (e.points === undefined && signal.leaning === 'producer'));
  const urls = [...new Set(toward.map((e) => e.url))];
  const affected = toward.reduce((n, e) => n + (e.seenOn ?? 1), 0);
  return { affected, atLeast: signal.evidence.length >= MAX_EVIDENCE, examples: urls.slice(0, 3) };
}

export interface ActionPlan {
  actions: ActionItem[];
  /** Measured signals at or above ACTION_BELOW: nothing to do. */
  passed: Array<{ question: QuestionResult; signal: SignalResult }>;
  /** Signals that could not be read (with their reason), and those that do not apply. */
  notMeasured: Array<{ question: QuestionResult; signal: SignalResult }>;
}

/** Actions by priority, then points recoverable; ties keep question/signal order (deterministic). */
export function buildActionPlan(result: AuditResult): ActionPlan {
  const actions: Array<ActionItem & { order: number }> = [];
  const passed: ActionPlan['passed'] = [];
  const notMeasured: ActionPlan['notMeasured'] = [];
  let order = 0;
  for (const question of result.questions) {
    for (const signal of question.signals) {
      order++;
      if (signal.status !== 'measured' || signal.score === null) {
        if (signal.weight > 0) notMeasured.push({ question, signal });
        continue;
      }
      if (signal.weight <= 0) continue;
      if (signal.score >= ACTION_BELOW) {
        passed.push({ question, signal });
        continue;
      }
      const meta = signalById(signal.id)?.meta;
      const risk = meta?.risk ?? null;
      const points = pointsRecoverable(result, question, signal);
      const { affected, atLeast, examples } = affectedPages(signal);
      actions.push({
        question,
        signal,
        points,
        priority: priorityOf(points, risk, signal.score),
        effort: meta?.effort ?? 'medium',
        risk,
        affected,
        affectedAtLeast: atLeast,
        examples,
        order,
      });
    }
  }
  const rank: Record<Priority, number> = { high: 0, medium: 1, low: 2 };
  const legal = (a: { risk: Risk | null; signal: SignalResult }) => (a.risk !== null && a.signal.score! < 40 ? 0 : 1);
  actions.sort((a, b) => rank[a.priority] - rank[b.priority] || legal(a) - legal(b) || b.points - a.points || a.order - b.order);
  // A plan with twelve first priorities has none: past the cap, an action moves down a level (order kept). Legal
  // risks sort first among the first priorities, so the cap demotes point-driven actions before them.
  let high = 0;
  let medium = 0;
  for (const a of actions) {
    if (a.priority === 'high' && ++high > MAX_PER_PRIORITY.high) a.priority = 'medium';
    if (a.priority === 'medium' && ++medium > MAX_PER_PRIORITY.medium) a.priority = 'low';
  }
  return { actions: actions.map(({ order: _order, ...a }) => a), passed, notMeasured };
}
