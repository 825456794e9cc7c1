// audit.json: the one result every renderer reads. Defined once here; its JSON Schema is generated from it
// (`npm run schema` writes src/result/audit.schema.json, and a test keeps the file in step).
import { z } from 'zod';
import { TrafficResultSchema } from '../traffic/types.js';
import { MessageSchema } from '../i18n/message.js';

export { MessageSchema };

export const QUESTION_IDS = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'] as const;
export const QuestionIdSchema = z.enum(QUESTION_IDS);
export type QuestionId = z.infer<typeof QuestionIdSchema>;

export const DirectionSchema = z.enum(['conductor', 'producer']).describe('Which end of the scale a higher raw value points to.');

export const IndexLabelSchema = z.enum(['producer', 'leaning producer', 'balanced', 'leaning conductor', 'conductor']);
export type IndexLabel = z.infer<typeof IndexLabelSchema>;

export const PageTypeSchema = z.enum([
  'home',
  'thread',
  'review',
  'idea',
  'guide',
  'help',
  'deal',
  'product',
  'catalogue',
  'signup',
  'signin',
  'privacy',
  'terms',
  'contact',
  'about',
  'listing',
  'other',
]);

export const LeaningSchema = z.enum(['producer', 'neutral', 'conductor']).describe('Which end of the scale a score or an item of evidence points to.');

export const EvidenceSchema = z.object({
  url: z.string(),
  /** Words from the site, verbatim (the report shows them as a quotation). Absent when the item is a `note`. */
  snippet: z.string().optional(),
  /** The tool's own statement about the page (what it found or counted): a message, never a quotation. */
  note: MessageSchema.optional(),
  /** What the item shows, e.g. "sign-in wall" or "tracker: Google Analytics": a message. */
  label: MessageSchema.optional(),
  /** Which way this item points: the producer end, the conductor end, or neither (a count of what was checked). */
  points: LeaningSchema.optional(),
  /** The same snippet was seen on this many pages (url is the first of them). */
  seenOn: z.number().int().min(2).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const SignalResultSchema = z.object({
  /** The signal's id; its title, explanation and recommendation are in its catalogue, beside the signal's code. */
  id: z.string(),
  question: QuestionIdSchema,
  direction: DirectionSchema,
  /**
   * measured: it read what it needs; not-applicable: the site has nothing it reads (a thread signal where there are
   * no threads), so it is left out of coverage; not-measured: it could not read it, so coverage is lower.
   */
  status: z.enum(['measured', 'not-measured', 'not-applicable']),
  /** Raw measured value (share 0–1, count, rate…); null when not measured. */
  value: z.number().nullable(),
  /** The value in words, as a message; null when not measured or not applicable. */
  display: MessageSchema.nullable(),
  /** 0 = producer, 100 = conductor; null when not measured. */
  score: z.number().min(0).max(100).nullable(),
  leaning: LeaningSchema.nullable(),
  weight: z.number().nonnegative(),
  /**
   * Share of the weight the reading counted with (1 = in full). Below 1 when the reading is a floor (e.g. trackers
   * read from static HTML) that points the way unseen things could overturn.
   */
  strength: z.number().min(0).max(1),
  /** Pages the signal looked at. */
  pagesObserved: z.number().int().nonnegative(),
  /** Why the signal was not measured, or does not apply: a message. */
  reason: MessageSchema.optional(),
  evidence: z.array(EvidenceSchema),
});
export type SignalResult = z.infer<typeof SignalResultSchema>;

export const AnalystQuestionSchema = z.object({
  note: z.string().optional(),
  /** Analyst's own score, shown beside the machine score, never replacing it silently. */
  score: z.number().min(0).max(100).optional(),
  rationale: z.string().optional(),
});

export const QuestionResultSchema = z.object({
  /** Q1–Q5; the question's title and wording are in the report's catalogue. */
  id: QuestionIdSchema,
  key: z.string(),
  weight: z.number().nonnegative(),
  /**
   * scored: enough evidence for a band; insufficient-evidence: measured, below the coverage floor (no band, pulled
   * toward the midpoint in the index); not-measured: no signal could be read; not-applicable: the question does
   * not apply to the site (no community found) and is left out of the index.
   */
  status: z.enum(['scored', 'insufficient-evidence', 'not-measured', 'not-applicable']),
  /** Machine score 0–100 from the signals that had evidence; null when none had. */
  score: z.number().min(0).max(100).nullable(),
  /** Share (0–1) of the weight of the question's applicable signals that had evidence, each at its strength. */
  coverage: z.number().min(0).max(1),
  /** The band when scored; null otherwise. */
  band: IndexLabelSchema.nullable(),
  leaning: LeaningSchema.nullable(),
  /** What the question contributes to the index: its score pulled toward 50 when coverage is below the floor. */
  indexScore: z.number().min(0).max(100).nullable(),
  /** The signals that pull hardest each way (at most two each, strongest first): the report words the summary. */
  pulls: z.object({ producer: z.array(z.string()), conductor: z.array(z.string()) }),
  signals: z.array(SignalResultSchema),
  analyst: AnalystQuestionSchema.nullable(),
});
export type QuestionResult = z.infer<typeof QuestionResultSchema>;

export const PageRecordSchema = z.object({
  url: z.string(),
  depth: z.number().int().nonnegative(),
  outcome: z.enum(['fetched', 'failed', 'skipped', 'robots-blocked']),
  status: z.number().int().optional(),
  reason: z.string().optional(),
  detail: z.string().optional(),
  /** Fetched pages: how the HTML was obtained, and why (auto mode, or a browser render that fell back). */
  render: z.enum(['static', 'browser']).optional(),
  renderReason: z.string().optional(),
  /** Fetched pages: what the page is, read from the page (posts, thread lists, schema.org) before its URL. */
  pageType: PageTypeSchema.optional(),
  /** What decided the type. */
  pageTypeBasis: z.enum(['home', 'posts', 'listing', 'schema', 'path', 'heading', 'none']).optional(),
  /** The community platform or widget recognised on the page. */
  platform: z.string().nullable().optional(),
  /** The page was too deeply nested (depth) or too large (elements) to parse in full: its deepest tags were read as text, or its end cut. */
  parseLimited: z.array(z.enum(['depth', 'elements'])).optional(),
});

export const CrawlSummarySchema = z.object({
  startUrl: z.string(),
  userAgent: z.string(),
  render: z.enum(['static', 'browser', 'auto']),
  maxPages: z.number().int(),
  maxDepth: z.number().int(),
  pagesFetched: z.number().int().nonnegative(),
  pagesFailed: z.number().int().nonnegative(),
  pagesSkipped: z.number().int().nonnegative(),
  robotsBlocked: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  robots: z.object({
    url: z.string(),
    status: z.number().int().nullable(),
    policy: z.enum(['parsed', 'allow-all', 'disallow-all']),
    crawlDelaySec: z.number().nullable(),
    note: z.string(),
  }),
  failedByReason: z.record(z.string(), z.number().int()),
  skippedByReason: z.record(z.string(), z.number().int()),
  stoppedEarly: z.string().nullable(),
  /** Sitemap files read, and how many same-site URLs each gave. */
  sitemaps: z.array(z.object({ url: z.string(), status: z.number().int().nullable(), urls: z.number().int().nonnegative(), note: z.string() })),
  /**
   * The sample: URL templates, how many URLs of each were found, fetched, and left out by the group cap, and why a
   * group got no more of the budget (its first pages answered 404/410; null otherwise, and in audit.json files
   * written before this field existed).
   */
  groups: z.array(
    z.object({
      pattern: z.string(),
      discovered: z.number().int().nonnegative(),
      fetched: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
      stopped: z.string().nullable().default(null),
    }),
  ),
  /** Connections refused because the host resolved to a loopback, private, link-local or metadata address. */
  addressRefusals: z.array(z.object({ host: z.string(), address: z.string(), kind: z.string() })).default([]),
  /** Hosts the circuit breaker stopped after repeated failures. */
  hostsStopped: z.array(z.object({ host: z.string(), reason: z.string() })),
  /** Pages whose HTML came from the browser (browser mode: all; auto mode: those that needed it). */
  pagesRendered: z.number().int().nonnegative(),
  /** Auto mode: how each URL group was decided after its first page was rendered and compared. */
  renderGroups: z.array(z.object({ group: z.string(), mode: z.enum(['static', 'browser']), reason: z.string(), sampleUrl: z.string() })),
  /** One screenshot per page type (browser and auto modes); the images are in the archive and the report. */
  screenshots: z.array(z.object({ url: z.string(), group: z.string(), mimeType: z.string(), width: z.number().int(), height: z.number().int() })),
  pages: z.array(PageRecordSchema),
});
export type CrawlSummary = z.infer<typeof CrawlSummarySchema>;

export const CommunitySchema = z.object({
  /** Members' own content was seen (threads, reviews, ideas, member posts), or a community platform recognised. */
  found: z.boolean(),
  /** The community platform recognised on most pages, if any. */
  platform: z.string().nullable(),
  /** Fetched pages by type. */
  pageTypes: z.partialRecord(PageTypeSchema, z.number().int().nonnegative()),
  /** Posts and reviews by members (not by the brand) seen on the pages. */
  memberPosts: z.number().int().nonnegative(),
});

/** The audit.json format this version writes and reads (3: messages, not prose). */
export const AUDIT_SCHEMA_VERSION = 3;

export const AuditResultSchema = z.object({
  /**
   * 3: meaning, not prose — values, reasons, evidence notes and labels are messages (id + values), question summaries
   * are the signals that pull each way; 2: signals measured / not measured / not applicable, typed bands, community.
   */
  schemaVersion: z.literal(AUDIT_SCHEMA_VERSION),
  brand: z.string(),
  site: z.object({
    url: z.string(),
    /** Where the pages were actually fetched from when a saved snapshot was served locally. */
    servedFrom: z.string().nullable(),
  }),
  generatedAt: z.string(),
  tool: z.object({ name: z.literal('conductor-audit'), version: z.string() }),
  report: z.object({
    /** The audit file's own title; null for the report's default title, worded in the reader's language. */
    title: z.string().nullable(),
    analyst: z.object({ name: z.string().nullable(), organisation: z.string().nullable() }),
  }),
  crawl: CrawlSummarySchema,
  questions: z.array(QuestionResultSchema).length(5),
  community: CommunitySchema,
  index: z.object({
    /**
     * scored: a verdict; insufficient-evidence: too little of the evidence weight was measured for one;
     * no-community: the site shows no community, so there is no producer/conductor verdict to give;
     * not-measured: nothing could be read.
     */
    status: z.enum(['scored', 'insufficient-evidence', 'no-community', 'not-measured']),
    /** Weighted mean of the questions' index scores; null unless scored or insufficient. */
    score: z.number().min(0).max(100).nullable(),
    /** The band, only when scored. */
    label: IndexLabelSchema.nullable(),
    leaning: LeaningSchema.nullable(),
    /** Σ question weight × question coverage / Σ question weight, over the questions that apply. */
    coverage: z.number().min(0).max(1),
  }),
  /** The rubric actually used, so the report's method section (and any reader) sees every weight and mapping. */
  rubric: z.object({
    name: z.string(),
    version: z.string(),
    /** Below these coverages a question gets no band (and is pulled toward 50 in the index) and the index no verdict. */
    coverageFloor: z.object({ question: z.number().min(0).max(1), index: z.number().min(0).max(1) }),
    questions: z.array(
      z.object({
        id: QuestionIdSchema,
        weight: z.number().nonnegative(),
        signals: z.array(
          z.object({
            id: z.string(),
            weight: z.number().nonnegative(),
            /** [raw value, score] control points; scores between them are interpolated. */
            points: z.array(z.tuple([z.number(), z.number()])),
            why: z.string().nullable(),
          }),
        ),
      }),
    ),
  }),
  traffic: TrafficResultSchema.nullable(),
  warnings: z.array(z.string()),
});
export type AuditResult = z.infer<typeof AuditResultSchema>;
