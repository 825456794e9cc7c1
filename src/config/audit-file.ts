// The audit file (YAML): what to audit and how to present it. Validated with zod; every problem is reported as
// one line naming the field and the fix.
import { z } from 'zod';
import { DEFAULTS } from './defaults.js';
import { QUESTION_IDS } from '../result/schema.js';
import { TRAFFIC_FORMATS, TrafficColumnsSchema } from '../traffic/types.js';
import { AssertMapSchema } from './assertions.js';

const httpUrl = z
  .string({ error: 'must be a URL such as https://community.example.com/' })
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL such as https://community.example.com/')
  // A password in the URL would be printed in the report and audit.json: member areas use crawl.session instead.
  .refine((s) => {
    try {
      const u = new URL(s);
      return !u.username && !u.password;
    } catch {
      return true;
    }
  }, 'must not contain a user name or password (they would be printed in the report); remove them, and use `crawl.session` with a cookies file for a member area');

const hexColour = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour such as "#0b6e4f" (quote it in YAML)');

export const CrawlConfigSchema = z
  .object({
    maxPages: z.number().int().min(1).max(DEFAULTS.crawl.maxPagesCap).default(DEFAULTS.crawl.maxPages),
    maxDepth: z.number().int().min(0).max(50).default(DEFAULTS.crawl.maxDepth),
    render: z.enum(['static', 'browser', 'auto']).default(DEFAULTS.crawl.render),
    include: z.array(z.string()).default([]),
    exclude: z.array(z.string()).default([]),
    delayMs: z.number().int().min(0).max(60_000).default(DEFAULTS.crawl.delayMs),
    concurrency: z.number().int().min(1).max(8).default(DEFAULTS.crawl.concurrency),
    timeoutMs: z.number().int().min(1000).max(120_000).default(DEFAULTS.crawl.timeoutMs),
    /** Wall-clock budget for the whole crawl; when it runs out the audit is partial, not failed. */
    timeBudgetSec: z
      .number()
      .int()
      .min(10)
      .max(24 * 3600)
      .optional(),
    /** Largest share of the page budget one URL template (e.g. /forum/t/*) may take. */
    groupShare: z.number().min(0.01).max(1).default(DEFAULTS.crawl.groupShare),
    /** Read sitemap.xml (from robots.txt and the default location) to find pages. */
    sitemaps: z.boolean().default(true),
    userAgent: z
      .string()
      .min(1)
      // eslint-disable-next-line no-control-regex -- control characters are what the rule refuses
      .regex(/^[^\u0000-\u001f\u007f]+$/, 'must be one line of printable text (no line breaks or control characters): it is sent as an HTTP header')
      .optional(),
    /** Opt-in member-area crawl: a cookies.txt export or a Playwright storage state (JSON). Never stored. */
    session: z.string().min(1).optional(),
    /**
     * Let the crawler connect to loopback, private and link-local addresses (an intranet community). Off by default:
     * a name that resolves to such an address is refused, unless the site URL itself is one.
     */
    allowPrivateNetwork: z.boolean().default(false),
  })
  .strict();

const AnalystNoteSchema = z
  .object({
    note: z.string().optional(),
    score: z.number().min(0).max(100).optional(),
    rationale: z.string().optional(),
  })
  .strict()
  .refine((a) => a.score === undefined || (a.rationale ?? '').trim().length > 0, {
    message: 'an analyst score needs a written rationale (add `rationale: "..."` beside `score`)',
    path: ['rationale'],
  });

export const ReportConfigSchema = z
  .object({
    title: z.string().optional(),
    analyst: z
      .object({
        name: z.string().optional(),
        organisation: z.string().optional(),
        logo: z.string().optional(),
      })
      .strict()
      .default({}),
    theme: z
      .object({ accent: hexColour.default(DEFAULTS.report.accent) })
      .strict()
      .default({ accent: DEFAULTS.report.accent }),
    paper: z.enum(['A4', 'Letter']).default(DEFAULTS.report.paper),
    /** Language of the report's own words (crawled text and signal explanations stay as they are). */
    language: z.enum(['en', 'de']).default(DEFAULTS.report.language),
  })
  .strict();

export const AuditFileSchema = z
  .object({
    brand: z.string({ error: 'is required: the brand name shown on the report, e.g. `brand: MegaMart`' }).trim().min(1),
    site: z
      .object({
        url: httpUrl,
        snapshot: z.string().min(1).optional(),
      })
      .strict(),
    traffic: z
      .object({
        file: z.string().min(1),
        format: z
          .string()
          .refine((f) => (TRAFFIC_FORMATS as readonly string[]).includes(f), {
            message: `must be one of ${TRAFFIC_FORMATS.map((f) => `"${f}"`).join(', ')}; for another tool's export leave it out and name the columns with \`columns: { date: "...", visits: "..." }\``,
          })
          .optional(),
        /** Header names for exports the importers do not know (Umami, Similarweb variants, ...). */
        columns: TrafficColumnsSchema.optional(),
        /** The brand's search term in a Google Trends export that holds several (its header without ": (Geo)"). */
        column: z.string().trim().min(1).optional(),
      })
      .strict()
      .refine((t) => !t.column || t.format === undefined || ['auto', 'google-trends'].includes(t.format), {
        message: 'traffic.column names a search term of a Google Trends export: set `format` to "google-trends", or leave it out',
        path: ['column'],
      })
      .refine((t) => !t.columns || t.format === undefined || ['auto', 'csv', 'json'].includes(t.format), {
        message: 'traffic.columns is read by the generic importer: set `format` to "csv" or "json", or leave it out',
        path: ['columns'],
      })
      .optional(),
    crawl: CrawlConfigSchema.default(CrawlConfigSchema.parse({})),
    report: ReportConfigSchema.default({
      analyst: {},
      theme: { accent: DEFAULTS.report.accent },
      paper: DEFAULTS.report.paper,
      language: DEFAULTS.report.language,
    }),
    analyst: z.partialRecord(z.enum(QUESTION_IDS), AnalystNoteSchema).default({}),
    /** Assertions for `conductor-audit ci` (Lighthouse CI style); `run` ignores them. */
    assert: AssertMapSchema.optional(),
  })
  .strict();

export type AuditFile = z.infer<typeof AuditFileSchema>;
export type AuditFileInput = z.input<typeof AuditFileSchema>;
