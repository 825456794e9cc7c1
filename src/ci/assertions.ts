// Assertions, normalised once (as Lighthouse CI's assertions.js does): every layer — defaults, the portfolio, the
// audit file, `--assert FILE`, flags — becomes one list of checks, one per target and option, and each check is
// judged by the one operator table below.
import { AssertMapSchema, OPTIONS_FOR, targetKind, type AssertMap, type AssertionOptions, type TargetKind } from '../config/assertions.js';
import { closest, formatZodIssues } from '../config/format-issues.js';
import { knownKeysIn } from '../config/load-audit.js';
import type { RunDelta } from '../result/deltas.js';
import { ASSERTION_OPTIONS, type AssertionOption, type AssertionResult } from '../result/ci-schema.js';
import { type AuditResult, type QuestionResult, type SignalResult } from '../result/schema.js';
import { UserError } from '../util/errors.js';

export type AssertionSource = AssertionResult['source'];

/** One layer of assertions and where it came from (the label names it in error messages). */
export interface AssertionLayer {
  source: AssertionSource;
  label: string;
  map: AssertMap;
}

export interface NormalisedAssertion {
  target: string;
  kind: TargetKind;
  option: AssertionOption;
  level: 'warn' | 'error';
  expected: number;
  source: AssertionSource;
}

/** The preset every job starts from: a crawl that fetched nothing is never a pass. Plain data under user layers. */
export const DEFAULT_ASSERTIONS: AssertMap = { crawl: ['error', { minPagesFetched: 1 }] };

/** What a check reads from a result: a value, or why there is none. */
export interface Reading {
  value: number | null;
  /** Why there is no value (the target's status), or the status worth naming beside a value. */
  status: string | null;
  /** For maxDrop: no-baseline / not-comparable, when there is nothing fair to compare. */
  skip?: 'no-baseline' | 'not-comparable';
  evidenceUrl: string | null;
}

export interface ReadContext {
  result: AuditResult;
  delta: RunDelta | null;
}

/**
 * The operator table: each option, how found and expected compare, and what it reads. A drop is the baseline's
 * score minus the current one (positive = worse). Targets without a score make `unscored`, never a silent pass.
 */
export const OPERATORS: Record<AssertionOption, { operator: '>=' | '<='; read: (target: string, kind: TargetKind, ctx: ReadContext) => Reading }> = {
  minScore: { operator: '>=', read: readScore },
  minCoverage: { operator: '>=', read: readCoverage },
  maxDrop: { operator: '<=', read: readDrop },
  minPagesFetched: { operator: '>=', read: (_t, _k, { result }) => ({ value: result.crawl.pagesFetched, status: null, evidenceUrl: result.crawl.startUrl }) },
};

const COMPARE: Record<'>=' | '<=', (found: number, expected: number) => boolean> = {
  '>=': (found, expected) => found >= expected,
  '<=': (found, expected) => found <= expected,
};

const TARGET_ORDER = (t: string): string => (t === 'crawl' ? '0' : t === 'index' ? '1' : /^Q\d$/.test(t) ? `2${t}` : `3${t}`);

/** Every layer merged into one list of checks. A later layer replaces the same option of the same target; `off` drops the target. */
export function normaliseAssertions(layers: readonly AssertionLayer[], signalIds: ReadonlySet<string>): NormalisedAssertion[] {
  const problems: string[] = [];
  for (const layer of layers) {
    for (const target of Object.keys(layer.map)) {
      if (targetKind(target) !== 'signal' || signalIds.has(target)) continue;
      const guess = closest(target, [...signalIds]);
      problems.push(
        `${layer.label}.${target}: unknown signal — ${guess ? `did you mean \`${guess}\`?` : 'use a signal id from audit.json (questions[].signals[].id), e.g. q4-third-party-trackers'}`,
      );
    }
  }
  if (problems.length)
    throw new UserError(`Assertions name ${problems.length === 1 ? 'a signal that does not exist' : 'signals that do not exist'}:`, problems);

  const checks = new Map<string, NormalisedAssertion>();
  for (const layer of layers) {
    for (const [target, [level, options]] of Object.entries(layer.map)) {
      if (level === 'off') {
        for (const key of [...checks.keys()]) if (key.startsWith(`${target}\0`)) checks.delete(key);
        continue;
      }
      const kind = targetKind(target);
      // A bare level on the crawl is the default check (at least one page) at that level.
      const given: AssertionOptions = kind === 'crawl' && Object.values(options ?? {}).every((v) => v === undefined) ? { minPagesFetched: 1 } : (options ?? {});
      for (const option of OPTIONS_FOR[kind]) {
        const expected = given[option];
        if (expected !== undefined) checks.set(`${target}\0${option}`, { target, kind, option, level, expected, source: layer.source });
      }
    }
  }
  return [...checks.values()].sort(
    (a, b) => TARGET_ORDER(a.target).localeCompare(TARGET_ORDER(b.target)) || ASSERTION_OPTIONS.indexOf(a.option) - ASSERTION_OPTIONS.indexOf(b.option),
  );
}

/** Validates an assertion map given as data (an `--assert` file, flags) the way an audit file is validated. */
export function validateAssertMap(input: unknown, label: string): AssertMap {
  const parsed = AssertMapSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = formatZodIssues(parsed.error, input, (p) => knownKeysIn(AssertMapSchema, p));
  throw new UserError(`${label} holds invalid assertions (${lines.length} problem${lines.length === 1 ? '' : 's'}):`, lines);
}

/** What an assertion's result repeats of the assertion itself. */
function asserted(c: NormalisedAssertion): Pick<AssertionResult, 'target' | 'kind' | 'option' | 'level' | 'source' | 'expected'> {
  return { target: c.target, kind: c.kind, option: c.option, level: c.level, source: c.source, expected: c.expected };
}

export function evaluateAssertions(checks: readonly NormalisedAssertion[], ctx: ReadContext): AssertionResult[] {
  return checks.map((c) => {
    const { operator, read } = OPERATORS[c.option];
    const r = read(c.target, c.kind, ctx);
    const base = {
      ...asserted(c),
      actual: r.value,
      targetStatus: r.status,
      evidenceUrl: r.evidenceUrl,
    };
    const noise = c.option === 'maxDrop' ? noiseFor(c.target, c.kind, ctx.delta) : null;
    if (r.skip) return { ...base, outcome: r.skip, noise };
    if (r.value === null) return { ...base, outcome: 'unscored' as const, noise };
    // A drop inside the noise band is not a drop: an unchanged site re-audited never fails maxDrop.
    const holds = COMPARE[operator](r.value, c.expected) || (noise !== null && r.value <= noise);
    return { ...base, outcome: holds ? ('pass' as const) : ('fail' as const), noise, evidenceUrl: holds ? null : r.evidenceUrl };
  });
}

/** The assertions of an audit that could not run: listed, none checked. */
export function notRun(checks: readonly NormalisedAssertion[]): AssertionResult[] {
  return checks.map((c) => ({
    ...asserted(c),
    actual: null,
    outcome: 'not-run' as const,
    targetStatus: null,
    noise: null,
    evidenceUrl: null,
  }));
}

// ---------- what each option reads ----------

function findSignal(result: AuditResult, id: string): SignalResult | undefined {
  for (const q of result.questions) for (const s of q.signals) if (s.id === id) return s;
  return undefined;
}

function question(result: AuditResult, id: string): QuestionResult | undefined {
  return result.questions.find((q) => q.id === id);
}

/** The page that best shows why a signal scores low: its first producer-pointing evidence, else its first. */
function evidenceOf(s: SignalResult | undefined): string | null {
  if (!s) return null;
  return (s.evidence.find((e) => e.points === 'producer') ?? s.evidence[0])?.url ?? null;
}

/**
 * The measured signal that holds these questions furthest from the conductor end: weight × strength × (100 −
 * score), so a low score with weight behind it is the page to look at first.
 */
function mostPullingDown(questions: readonly QuestionResult[]): SignalResult | undefined {
  let best: SignalResult | undefined;
  let bestPull = 0;
  for (const q of questions) {
    for (const s of q.signals) {
      if (s.status !== 'measured' || s.score === null || !s.evidence.length) continue;
      const pull = s.weight * s.strength * (100 - s.score);
      if (pull > bestPull) [best, bestPull] = [s, pull];
    }
  }
  return best;
}

function readScore(target: string, kind: TargetKind, { result }: ReadContext): Reading {
  if (kind === 'index') {
    const idx = result.index;
    return idx.status === 'scored'
      ? { value: idx.score, status: null, evidenceUrl: evidenceOf(mostPullingDown(result.questions)) }
      : { value: null, status: idx.status, evidenceUrl: null };
  }
  if (kind === 'question') {
    const q = question(result, target);
    if (!q || q.status !== 'scored' || q.score === null) return { value: null, status: q?.status ?? 'not-measured', evidenceUrl: null };
    return { value: q.score, status: null, evidenceUrl: evidenceOf(mostPullingDown([q])) };
  }
  const s = findSignal(result, target);
  if (!s || s.status !== 'measured' || s.score === null) return { value: null, status: s?.status ?? 'not-in-rubric', evidenceUrl: null };
  return { value: s.score, status: null, evidenceUrl: evidenceOf(s) };
}

function readCoverage(target: string, kind: TargetKind, { result }: ReadContext): Reading {
  if (kind === 'index') return { value: result.index.coverage, status: null, evidenceUrl: null };
  const q = question(result, target);
  if (!q || q.status === 'not-applicable') return { value: null, status: q?.status ?? 'not-measured', evidenceUrl: null };
  return { value: q.coverage, status: null, evidenceUrl: null };
}

/** Scored now and scored in the baseline, or no fair drop to read. */
function readDrop(target: string, kind: TargetKind, ctx: ReadContext): Reading {
  const now = readScore(target, kind, ctx);
  const { delta, result } = ctx;
  if (now.value === null) return now;
  if (!delta) return { value: null, status: null, skip: 'no-baseline', evidenceUrl: null };
  if (!delta.comparable) return { value: null, status: null, skip: 'not-comparable', evidenceUrl: null };
  let from: number | null;
  let statusFrom: string;
  let questionId: string | null = null;
  if (kind === 'index') [from, statusFrom] = [delta.index.from, delta.index.statusFrom];
  else if (kind === 'question') {
    const d = delta.questions.find((q) => q.id === target);
    [from, statusFrom, questionId] = [d?.from ?? null, d?.statusFrom ?? 'not-measured', target];
  } else {
    const moved = delta.signals.find((s) => s.id === target);
    // A signal not among the moves kept its score (within its noise band): the drop is read against its own value.
    [from, statusFrom] = moved ? [moved.from, moved.statusFrom] : [now.value, 'measured'];
  }
  const scoredBefore = kind === 'signal' ? statusFrom === 'measured' : statusFrom === 'scored';
  if (from === null || !scoredBefore) return { value: null, status: null, skip: 'no-baseline', evidenceUrl: null };
  const drop = Math.round((from - now.value) * 10) / 10;
  // The evidence: the signal (of this question, for a question) that fell furthest.
  const fell = delta.signals.filter((s) => (s.change ?? 0) < 0 && (questionId === null || s.question === questionId) && (kind !== 'signal' || s.id === target));
  const url = fell[0] ? evidenceOf(findSignal(result, fell[0].id)) : now.evidenceUrl;
  return { value: drop, status: null, evidenceUrl: url };
}

function noiseFor(target: string, kind: TargetKind, delta: RunDelta | null): number | null {
  if (!delta) return null;
  if (kind === 'index') return delta.index.noise;
  if (kind === 'question') return delta.questions.find((q) => q.id === target)?.noise ?? null;
  return delta.noise.signal;
}
