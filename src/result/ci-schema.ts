// ci.json: what a `conductor-audit ci` job (or one shard of it) found, per brand: whether the audit ran, each
// assertion's outcome with expected and found values, and the comparison with the baseline. Meaning only, like
// audit.json: the summary, the stderr lines, the annotations and the JUnit file are made from it by the report
// model (src/report/ci-model.ts), and `conductor-audit merge` gathers shards' files into one.
import { z } from 'zod';
import { IndexLabelSchema, QuestionIdSchema, QuestionResultSchema, AuditResultSchema } from './schema.js';
import { NoiseBandsSchema, RunDeltaSchema } from './deltas.js';

export const ASSERTION_OPTIONS = ['minScore', 'maxDrop', 'minCoverage', 'minPagesFetched'] as const;
export const AssertionOptionSchema = z.enum(ASSERTION_OPTIONS);
export type AssertionOption = z.infer<typeof AssertionOptionSchema>;

export const AssertionResultSchema = z.object({
  /** `index`, `Q1`…`Q5`, `crawl` or a signal id. */
  target: z.string(),
  kind: z.enum(['index', 'question', 'signal', 'crawl']),
  option: AssertionOptionSchema,
  level: z.enum(['warn', 'error']),
  /** Where the assertion came from; later layers replace earlier ones target by target and option by option. */
  source: z.enum(['default', 'portfolio', 'audit', 'assert-file', 'flag']),
  expected: z.number(),
  /** What was found: the score, the coverage share, the drop in points, the pages fetched; null when there is none. */
  actual: z.number().nullable(),
  /**
   * pass; fail; unscored: the target has no score to hold (insufficient evidence, not applicable, no community,
   * not measured), a failure of its own kind; no-baseline: maxDrop with nothing to compare against (skipped);
   * not-comparable: maxDrop against a baseline of another rubric or tool version (a warning at most);
   * not-run: the audit could not run, so nothing was checked.
   */
  outcome: z.enum(['pass', 'fail', 'unscored', 'no-baseline', 'not-comparable', 'not-run']),
  /** The target's status when it matters to the outcome (e.g. insufficient-evidence); null otherwise. */
  targetStatus: z.string().nullable(),
  /** maxDrop: the noise band the drop was read against (a drop inside it never fails). */
  noise: z.number().nullable(),
  /** A page that shows why, where one exists (the evidence of the signal that pulls the target down most). */
  evidenceUrl: z.string().nullable(),
});
export type AssertionResult = z.infer<typeof AssertionResultSchema>;

export const COULD_NOT_RUN_KINDS = [
  'unreachable',
  'robots-refused',
  'site-error',
  'no-pages',
  'browser-missing',
  'bad-input',
  'failed',
  'missing-shard',
  'interrupted',
] as const;
export const CouldNotRunSchema = z.object({
  /**
   * unreachable: no answer from the site; robots-refused: robots.txt disallows the crawler; site-error: the site
   * answered with errors only; no-pages: nothing fetchable; browser-missing: Chromium was needed and not found;
   * bad-input: a problem with the audit found while running it; failed: an unexpected failure (a bug);
   * missing-shard: `merge` found no results of the brand's shard (detail: "K/N"); interrupted: the job was stopped
   * (Ctrl-C, SIGINT) before this audit started.
   */
  kind: z.enum(COULD_NOT_RUN_KINDS),
  detail: z.string(),
});
export type CouldNotRun = z.infer<typeof CouldNotRunSchema>;

export const BrandCiResultSchema = z.object({
  slug: z.string(),
  brand: z.string(),
  /** The audit file, or the portfolio entry, it came from. */
  label: z.string(),
  siteUrl: z.string(),
  status: z.enum(['audited', 'could-not-run']),
  couldNotRun: CouldNotRunSchema.nullable(),
  /** The run folder, relative to the folder holding this ci.json (forward slashes); null when nothing was written. */
  runDir: z.string().nullable(),
  generatedAt: z.string().nullable(),
  index: AuditResultSchema.shape.index.nullable(),
  questions: z.array(
    z.object({
      id: QuestionIdSchema,
      status: QuestionResultSchema.shape.status,
      score: z.number().nullable(),
      coverage: z.number(),
      band: IndexLabelSchema.nullable(),
    }),
  ),
  pagesFetched: z.number().int().nullable(),
  /** The rubric's coverage floors, to say why a target below them has no score. */
  coverageFloor: z.object({ question: z.number(), index: z.number() }).nullable(),
  /** The comparison with the baseline; null without one. */
  delta: RunDeltaSchema.nullable(),
  assertions: z.array(AssertionResultSchema),
});
export type BrandCiResult = z.infer<typeof BrandCiResultSchema>;

export const CI_EXIT = { pass: 0, failed: 1, badInput: 2, couldNotRun: 3 } as const;

export const CiRunSchema = z.object({
  kind: z.literal('conductor-audit-ci'),
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('conductor-audit'), version: z.string() }),
  /** When the job started (wall clock; the audits themselves are dated by their crawls). */
  startedAt: z.string(),
  /** Every brand of the job before sharding, by slug, so `merge` can tell a missing shard from a small one. */
  slugs: z.array(z.string()),
  portfolios: z.array(z.object({ name: z.string().nullable(), file: z.string() })),
  shard: z.object({ index: z.number().int().min(1), total: z.number().int().min(1) }).nullable(),
  /** True for the result of `conductor-audit merge` (which a later merge leaves out). */
  merged: z.boolean(),
  /** `latest`, a path, or null without a baseline. */
  baseline: z.string().nullable(),
  noise: NoiseBandsSchema,
  brands: z.array(BrandCiResultSchema),
  /** 0 all assertions hold; 1 an error assertion failed; 2 bad input; 3 an audit could not run. */
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
});
export type CiRun = z.infer<typeof CiRunSchema>;
