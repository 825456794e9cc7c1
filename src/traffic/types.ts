import { z } from 'zod';

/** Values of `traffic.format` in the audit file ('auto' detects from the file). */
export const TRAFFIC_FORMATS = ['auto', 'csv', 'json', 'ga4', 'ua', 'plausible', 'gsc', 'matomo', 'similarweb', 'google-trends'] as const;
export type TrafficFormat = (typeof TRAFFIC_FORMATS)[number];

/**
 * Extra monthly metrics beside the main series. All are totals, so they add up across days; rates and averages
 * (bounce rate, visit duration) are rebuilt from them (bounces / visits, durationSec / visits). `visitors` is
 * only kept from monthly rows: daily unique visitors do not add up to monthly ones.
 */
export const EXTRA_METRICS = ['visitors', 'pageviews', 'bounces', 'durationSec', 'impressions'] as const;
export type ExtraMetric = (typeof EXTRA_METRICS)[number];
export type MonthMetrics = Partial<Record<ExtraMetric, number>>;

/**
 * What the main series counts: visits (sessions), clicks from Google Search (Search Console), or relative search
 * interest (Google Trends: 0–100 on a scale shared only by the terms of one export; never visits).
 */
export const TRAFFIC_METRICS = ['visits', 'clicks', 'interest'] as const;
export type TrafficMetric = (typeof TRAFFIC_METRICS)[number];

/** One calendar month of traffic. `visits` is null for a gap, never 0. */
export const TrafficMonthSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  /** The main series (see the series' `metric`: visits, or search clicks). */
  visits: z.number().nonnegative().nullable(),
  /** True when the source data did not cover the whole month. */
  partial: z.boolean().default(false),
  /** Only metrics every row of the month had; absent when the file has none. */
  metrics: z.partialRecord(z.enum(EXTRA_METRICS), z.number().nonnegative()).optional(),
});
export type TrafficMonth = z.infer<typeof TrafficMonthSchema>;

/**
 * A Google Trends search term. `scale` fingerprints the export it came from: terms with the same scale were
 * exported together and share one 0–100 scale, so their levels compare; terms from different exports do not.
 */
export const TrendsTermSchema = z.object({ term: z.string(), geo: z.string(), scale: z.string() });

/** A normalised monthly series, whatever the import format. */
export const TrafficSeriesSchema = z.object({
  source: z.string(),
  format: z.string(),
  metric: z.enum(TRAFFIC_METRICS).default('visits'),
  months: z.array(TrafficMonthSchema),
  warnings: z.array(z.string()),
  trends: TrendsTermSchema.optional(),
});
export type TrafficSeries = z.infer<typeof TrafficSeriesSchema>;

const MonthIdSchema = z.string().regex(/^\d{4}-\d{2}$/);
export const TREND_DIRECTIONS = ['rising', 'falling', 'flat'] as const;

/**
 * The headline change, like with like: the last 12 full months against the 12 before (twelve-months), or, where
 * those 24 months are not all full, the last full month against the same month a year earlier (same-month).
 * Never the first month against the last: seasons would decide it.
 */
export const TrafficHeadlineSchema = z.object({
  basis: z.enum(['twelve-months', 'same-month']),
  /** Percent change; null when the earlier window had nothing to compare with (0). */
  pct: z.number().nullable(),
  recent: z.object({ from: MonthIdSchema, to: MonthIdSchema }),
  earlier: z.object({ from: MonthIdSchema, to: MonthIdSchema }),
});
export type TrafficHeadline = z.infer<typeof TrafficHeadlineSchema>;

/** The trend over a stretch of months: Theil–Sen slope on log values, (seasonal) Mann–Kendall significance. */
export const TrendSegmentSchema = z.object({
  from: MonthIdSchema,
  to: MonthIdSchema,
  /** Full months in the stretch. */
  months: z.number().int().nonnegative(),
  direction: z.enum(TREND_DIRECTIONS),
  slopePctPerMonth: z.number().nullable(),
  pValue: z.number(),
  significant: z.boolean(),
});
export type TrendSegment = z.infer<typeof TrendSegmentSchema>;

/** Something about the data the reader should know before trusting the numbers; the report words it. */
export const TrafficDataWarningSchema = z.discriminatedUnion('code', [
  /** The longest run of months with a value of 0; `atEnd` when the run reaches the last month with data. */
  z.object({ code: z.literal('zero-run'), months: z.number().int().positive(), from: MonthIdSchema, to: MonthIdSchema, atEnd: z.boolean() }),
  /** Months inside the series (not its first or last) that the data does not fully cover: left out of every comparison. */
  z.object({ code: z.literal('partial-months'), count: z.number().int().positive(), of: z.number().int().positive() }),
  /** Months with no data at all (shown as gaps, never as zeros). */
  z.object({ code: z.literal('gaps'), count: z.number().int().positive(), months: z.array(MonthIdSchema) }),
]);
export type TrafficDataWarning = z.infer<typeof TrafficDataWarningSchema>;

export const TrafficTrendSchema = z.object({
  /** Over the whole period: the (seasonal) Mann–Kendall direction, 'flat' when not significant. */
  direction: z.enum([...TREND_DIRECTIONS, 'insufficient-data']),
  headline: TrafficHeadlineSchema.nullable().default(null),
  /** Why there is no headline change: too few months, partial months or gaps where the windows would be. */
  headlineMissing: z.enum(['too-short', 'partial-months', 'gaps']).nullable().default(null),
  /** Theil–Sen slope on log values (seasonal Sen slope from 24 months), as percent per month. */
  slopePctPerMonth: z.number().nullable(),
  /** Mann–Kendall two-sided p-value (its seasonal variant from 24 full months). */
  pValue: z.number().nullable(),
  significant: z.boolean(),
  /**
   * A trend that reverses inside the period: two stretches split where one Theil–Sen line each fits best, each
   * with its own significant trend, opposite ways. Empty when the trend does not reverse.
   */
  segments: z.array(TrendSegmentSchema).default([]),
  /** The last 24 full months on their own (from 36 full months on); null otherwise. */
  recent: TrendSegmentSchema.nullable().default(null),
  /** Peak calendar month (1–12) of the seasonal index, when there are ≥ 24 months. */
  peakMonth: z.number().int().min(1).max(12).nullable(),
  /** Lowest calendar month of the seasonal index. */
  troughMonth: z.number().int().min(1).max(12).nullable().default(null),
  /** The peak month's seasonal index over the trough month's: the size of the seasonal swing. */
  peakToTrough: z.number().positive().nullable().default(null),
  /** F test for stable seasonality (one-way ANOVA of the detrended log values by calendar month): is the swing more than noise? */
  seasonalPValue: z.number().nullable().default(null),
  seasonal: z.boolean().default(false),
  /** December's seasonal index minus 1, percent above/below trend; null when not enough Decembers. */
  decemberAboveTrendPct: z.number().nullable(),
  /** December is the peak, at least 20 % above trend, and the seasonal swing is significant. */
  holidaySurge: z.boolean(),
  dataWarnings: z.array(TrafficDataWarningSchema).default([]),
});
export type TrafficTrend = z.infer<typeof TrafficTrendSchema>;

export const TrafficResultSchema = z.object({
  source: z.string(),
  format: z.string(),
  metric: z.enum(TRAFFIC_METRICS).default('visits'),
  /** Google Trends only: the term and the scale it shares with the other terms of its export. */
  trends: TrendsTermSchema.optional(),
  months: z.array(TrafficMonthSchema),
  trend: TrafficTrendSchema,
  warnings: z.array(z.string()),
});
export type TrafficResult = z.infer<typeof TrafficResultSchema>;

/**
 * `traffic.columns`: which headers hold the date and the visits when the export is not a known format. The date is
 * one column (`date`), or two (`year` and `month`, as spreadsheets often keep them).
 */
export const TrafficColumnsSchema = z
  .object({
    date: z.string().trim().min(1).optional(),
    year: z.string().trim().min(1).optional(),
    month: z.string().trim().min(1).optional(),
    visits: z.string({ error: 'is required: the header of the visits column, e.g. `visits: "Sessions"`' }).trim().min(1),
    visitors: z.string().trim().min(1).optional(),
    pageviews: z.string().trim().min(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const split = c.year !== undefined || c.month !== undefined;
    if (c.date !== undefined && split) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'give either `date` or `year` and `month`, not both' });
    } else if (!split && c.date === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'is required: the header of the date column, e.g. `date: "Day"` (or `year: "Year"` and `month: "Month"`)',
      });
    } else if (split && (c.year === undefined || c.month === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.year === undefined ? 'year' : 'month'],
        message: 'is required beside the other: name both the year and the month column, e.g. `year: "Year", month: "Month"`',
      });
    }
  });
export type TrafficColumns = z.infer<typeof TrafficColumnsSchema>;
