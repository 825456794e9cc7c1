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

export const TrafficTrendSchema = z.object({
  direction: z.enum(['rising', 'falling', 'flat', 'insufficient-data']),
  /** Change from the first to the last full month, percent. */
  changePct: z.number().nullable(),
  /** Last 12 full months vs the 12 before, percent (needs ≥ 24 months). */
  yoyPct: z.number().nullable(),
  /** Theil–Sen slope on log visits, expressed as percent per month. */
  slopePctPerMonth: z.number().nullable(),
  /** Mann–Kendall two-sided p-value. */
  pValue: z.number().nullable(),
  significant: z.boolean(),
  /** Peak calendar month (1–12) of the seasonal index, when there are ≥ 24 months. */
  peakMonth: z.number().int().min(1).max(12).nullable(),
  /** December's seasonal index minus 1, percent above/below trend; null when not enough Decembers. */
  decemberAboveTrendPct: z.number().nullable(),
  holidaySurge: z.boolean(),
  /** The finding in words, built from the numbers above. */
  summary: z.string(),
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
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'is required: the header of the date column, e.g. `date: "Day"` (or `year: "Year"` and `month: "Month"`)' });
    } else if (split && (c.year === undefined || c.month === undefined)) {
      ctx.addIssue({ code: 'custom', path: [c.year === undefined ? 'year' : 'month'], message: 'is required beside the other: name both the year and the month column, e.g. `year: "Year", month: "Month"`' });
    }
  });
export type TrafficColumns = z.infer<typeof TrafficColumnsSchema>;
