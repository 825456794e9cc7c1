// What changed between two audits of one brand: index and question deltas against noise bands, the signals that
// moved, the pages that appeared or vanished, and whether the two are comparable at all (same rubric and tool).
// Pure: two AuditResults in, one RunDelta out. The ci summary and the report's "Since the last audit" box read it.
import { z } from 'zod';
import { QuestionIdSchema, type AuditResult } from './schema.js';

export const NoiseBandsSchema = z.object({
  index: z.number().nonnegative(),
  question: z.number().nonnegative(),
  signal: z.number().nonnegative(),
});
export type NoiseBands = z.infer<typeof NoiseBandsSchema>;

export const ScoreDeltaSchema = z.object({
  from: z.number().nullable(),
  to: z.number().nullable(),
  statusFrom: z.string(),
  statusTo: z.string(),
  /** to − from when both have a score; null otherwise. */
  change: z.number().nullable(),
  /** The noise band the change was read against. */
  noise: z.number().nonnegative(),
  /** up/down: moved beyond the band; within-noise: did not move; no-score: one side has no score to compare. */
  movement: z.enum(['up', 'down', 'within-noise', 'no-score']),
});
export type ScoreDelta = z.infer<typeof ScoreDeltaSchema>;

export const SignalMoveSchema = z.object({
  id: z.string(),
  question: QuestionIdSchema,
  from: z.number().nullable(),
  to: z.number().nullable(),
  statusFrom: z.string(),
  statusTo: z.string(),
  change: z.number().nullable(),
});
export type SignalMove = z.infer<typeof SignalMoveSchema>;

export const RunDeltaSchema = z.object({
  baseline: z.object({
    generatedAt: z.string(),
    toolVersion: z.string(),
    rubric: z.object({ name: z.string(), version: z.string() }),
    /** Where the baseline was read from (relative to the working folder), for the reader. */
    source: z.string().nullable(),
  }),
  /** The bands the deltas were read against. */
  noise: NoiseBandsSchema,
  /** False when the rubric or the tool changed: the numbers are shown, but they do not measure the brand. */
  comparable: z.boolean(),
  notComparable: z.array(z.object({ what: z.enum(['rubric', 'tool']), from: z.string(), to: z.string() })),
  index: ScoreDeltaSchema,
  questions: z.array(ScoreDeltaSchema.extend({ id: QuestionIdSchema })),
  /** Signals whose score moved beyond the signal noise band, or whose status changed; biggest moves first. */
  signals: z.array(SignalMoveSchema),
  /** Fetched pages only in the current crawl, and only in the baseline's. */
  pages: z.object({ appeared: z.array(z.string()), vanished: z.array(z.string()) }),
});
export type RunDelta = z.infer<typeof RunDeltaSchema>;

export function scoreDelta(from: number | null, to: number | null, statusFrom: string, statusTo: string, noise: number): ScoreDelta {
  if (from === null || to === null) return { from, to, statusFrom, statusTo, change: null, noise, movement: 'no-score' };
  // Rounded to a tenth so the same two files always give the same delta, whatever the float noise.
  const change = Math.round((to - from) * 10) / 10;
  const movement = Math.abs(change) <= noise ? 'within-noise' : change > 0 ? 'up' : 'down';
  return { from, to, statusFrom, statusTo, change, noise, movement };
}

function fetchedPages(r: AuditResult): Set<string> {
  return new Set(r.crawl.pages.filter((p) => p.outcome === 'fetched').map((p) => p.url));
}

export function diffRuns(baseline: AuditResult, current: AuditResult, noise: NoiseBands, source: string | null = null): RunDelta {
  const notComparable: RunDelta['notComparable'] = [];
  const rubricOf = (r: AuditResult) => `${r.rubric.name} ${r.rubric.version}`;
  if (rubricOf(baseline) !== rubricOf(current)) notComparable.push({ what: 'rubric', from: rubricOf(baseline), to: rubricOf(current) });
  if (baseline.tool.version !== current.tool.version) notComparable.push({ what: 'tool', from: baseline.tool.version, to: current.tool.version });

  const questions = current.questions.map((q) => {
    const b = baseline.questions.find((x) => x.id === q.id);
    return { id: q.id, ...scoreDelta(b?.score ?? null, q.score, b?.status ?? 'not-measured', q.status, noise.question) };
  });

  const before = new Map(baseline.questions.flatMap((q) => q.signals.map((s) => [s.id, s] as const)));
  const signals: SignalMove[] = [];
  for (const q of current.questions) {
    for (const s of q.signals) {
      const b = before.get(s.id);
      const from = b?.score ?? null;
      const change = from !== null && s.score !== null ? Math.round((s.score - from) * 10) / 10 : null;
      const statusFrom = b?.status ?? 'not-measured';
      if (statusFrom === s.status && (change === null || Math.abs(change) <= noise.signal)) continue;
      signals.push({ id: s.id, question: q.id, from, to: s.score, statusFrom, statusTo: s.status, change });
    }
  }
  signals.sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) || a.id.localeCompare(b.id));

  const was = fetchedPages(baseline);
  const now = fetchedPages(current);
  return {
    baseline: {
      generatedAt: baseline.generatedAt,
      toolVersion: baseline.tool.version,
      rubric: { name: baseline.rubric.name, version: baseline.rubric.version },
      source,
    },
    noise,
    comparable: notComparable.length === 0,
    notComparable,
    index: scoreDelta(baseline.index.score, current.index.score, baseline.index.status, current.index.status, noise.index),
    questions,
    signals,
    pages: { appeared: [...now].filter((u) => !was.has(u)).sort(), vanished: [...was].filter((u) => !now.has(u)).sort() },
  };
}
