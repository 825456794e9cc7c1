import { z } from 'zod';

/** One calendar month of traffic. `visits` is null for a gap, never 0. */
export const TrafficMonthSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  visits: z.number().nonnegative().nullable(),
  /** True when the source data did not cover the whole month. */
  partial: z.boolean().default(false),
});
export type TrafficMonth = z.infer<typeof TrafficMonthSchema>;

/** A normalised monthly series, whatever the import format. */
export const TrafficSeriesSchema = z.object({
  source: z.string(),
  format: z.string(),
  months: z.array(TrafficMonthSchema),
  warnings: z.array(z.string()),
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
  months: z.array(TrafficMonthSchema),
  trend: TrafficTrendSchema,
  warnings: z.array(z.string()),
});
export type TrafficResult = z.infer<typeof TrafficResultSchema>;
