// comparison.json: several audits side by side. Like audit.json it carries meaning, not prose: bands, leanings
// and statuses are copied from each audit as its scorer stamped them; the report words them. Its JSON Schema is
// generated from this definition (`npm run schema` writes src/compare/comparison.schema.json).
import { z } from 'zod';
import { EvidenceSchema, IndexLabelSchema, LeaningSchema, MessageSchema, QuestionIdSchema } from '../result/schema.js';
import { TrafficResultSchema } from '../traffic/types.js';

const IndexSchema = z.object({
  status: z.enum(['scored', 'insufficient-evidence', 'no-community', 'not-measured']),
  score: z.number().min(0).max(100).nullable(),
  label: IndexLabelSchema.nullable(),
  leaning: LeaningSchema.nullable(),
  coverage: z.number().min(0).max(1),
});

export const ComparedBrandSchema = z.object({
  brand: z.string(),
  site: z.string(),
  /** When the site was observed (the audit's date). */
  auditedAt: z.string(),
  toolVersion: z.string(),
  rubric: z.object({ name: z.string(), version: z.string() }),
  index: IndexSchema,
  /** How much the verdict rests on: thin when coverage is low or few pages were read. */
  evidence: z.object({
    pagesFetched: z.number().int().nonnegative(),
    coverage: z.number().min(0).max(1),
    thin: z.boolean(),
    reasons: z.array(z.enum(['low-coverage', 'few-pages'])),
  }),
  community: z.object({
    found: z.boolean(),
    platform: z.string().nullable(),
    memberPosts: z.number().int().nonnegative(),
    threadPages: z.number().int().nonnegative(),
  }),
  questions: z.array(
    z.object({
      id: QuestionIdSchema,
      status: z.enum(['scored', 'insufficient-evidence', 'not-measured', 'not-applicable']),
      score: z.number().min(0).max(100).nullable(),
      band: IndexLabelSchema.nullable(),
      leaning: LeaningSchema.nullable(),
      coverage: z.number().min(0).max(1),
      indexScore: z.number().min(0).max(100).nullable(),
    }),
  ),
});
export type ComparedBrand = z.infer<typeof ComparedBrandSchema>;

export const RankingEntrySchema = z.object({
  brand: z.string(),
  /** 1 = highest conductor index. Brands whose scores are within the ranking margin share a position. */
  position: z.number().int().positive(),
  /** Shares its position with another brand: the scores are too close to order. */
  level: z.boolean(),
  /** Ranked on thin evidence (see the brand's `evidence`): the position is provisional. */
  provisional: z.boolean(),
});

export const GapSchema = z.object({
  signal: z.string(),
  question: QuestionIdSchema,
  /** Highest minus lowest score among the brands that measured it. */
  spread: z.number().min(0).max(100),
  weight: z.number().nonnegative(),
  brands: z.array(
    z.object({
      brand: z.string(),
      status: z.enum(['measured', 'not-measured', 'not-applicable', 'absent']),
      score: z.number().min(0).max(100).nullable(),
      leaning: LeaningSchema.nullable(),
      value: z.number().nullable(),
      /** The value as a message (the report words it); null unless measured. */
      display: MessageSchema.nullable(),
      /** The item of evidence that shows the brand's reading: one pointing the way the score leans, else the first. */
      evidence: EvidenceSchema.nullable(),
    }),
  ),
});
export type Gap = z.infer<typeof GapSchema>;

export const PullBrandSchema = z.object({
  brand: z.string(),
  /** Where the series came from: the comparison's Google Trends export, or the brand's own audit. */
  from: z.enum(['trends', 'audit']),
  traffic: TrafficResultSchema,
  /** The series indexed to 100 over the base months (null where a month is partial or missing). */
  indexed: z.array(z.object({ month: z.string(), value: z.number().nullable() })),
});

export const PullComparisonSchema = z.object({
  /** Every series is a term of one Google Trends export: one scale, so their levels compare. */
  sharedScale: z.boolean(),
  /** Why levels do not compare: series from different sources, or Trends terms from different exports. */
  levelsDiffer: z.enum(['different-sources', 'different-trends-exports']).nullable(),
  /** The months averaged to make 100 on the indexed chart (the first 12 months all series have, or the first one). */
  base: z.object({ from: z.string(), to: z.string() }).nullable(),
  brands: z.array(PullBrandSchema),
  /** Brands without a pull series. */
  missing: z.array(z.string()),
});
export type PullComparison = z.infer<typeof PullComparisonSchema>;

export const ComparisonResultSchema = z.object({
  schemaVersion: z.literal(1),
  /** The newest of the audits' dates, so the same audits give the same comparison. */
  generatedAt: z.string(),
  tool: z.object({ name: z.literal('conductor-audit'), version: z.string() }),
  /** The rubric every audit was scored with; null when they differ (see `mixed`). */
  rubric: z.object({ name: z.string(), version: z.string() }).nullable(),
  /** Set when the comparison was allowed across rubrics or tool major versions (--allow-mixed). */
  mixed: z
    .object({
      rubrics: z.array(z.object({ name: z.string(), version: z.string(), brands: z.array(z.string()) })),
      toolMajors: z.array(z.object({ major: z.number().int().nonnegative(), brands: z.array(z.string()) })),
    })
    .nullable(),
  brands: z.array(ComparedBrandSchema).min(2),
  ranking: z.array(RankingEntrySchema),
  /** Brands with no verdict to rank: no community found, too little evidence, nothing measured. */
  unranked: z.array(z.object({ brand: z.string(), reason: z.enum(['no-community', 'insufficient-evidence', 'not-measured']) })),
  /** The signals where the brands differ most (5–8 where that many were measured by two brands or more). */
  gaps: z.array(GapSchema),
  pull: PullComparisonSchema,
});
export type ComparisonResult = z.infer<typeof ComparisonResultSchema>;

export function comparisonJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ComparisonResultSchema, { io: 'output' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://github.com/conductor-audit/conductor-audit/blob/main/src/compare/comparison.schema.json',
    title: 'conductor-audit comparison (comparison.json)',
  };
}
