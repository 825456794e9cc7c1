// The secondary measures an export may carry beside visits (unique visitors, pageviews, bounces, visit time,
// search impressions), as a consultant reads them: the last 12 full months, and the same 12 months a year
// before when the file reaches that far. Rates and averages are rebuilt from totals (bounces / visits,
// seconds / visits), never averaged across months.
import type { ExtraMetric, TrafficMonth } from './types.js';

export type MeasureKey = 'visitorsPerMonth' | 'pageviews' | 'pagesPerVisit' | 'bounceRate' | 'visitSeconds' | 'impressions';

export interface Measure {
  key: MeasureKey;
  /** Over the recent window: a monthly average, a total, or a ratio (see `kind`). */
  recent: number;
  /** The same over the 12 months before, or null when the file does not reach that far. */
  earlier: number | null;
  /** 'rate' values are shares (0–1) and change in percentage points; the others change in per cent. */
  kind: 'count' | 'ratio' | 'rate' | 'seconds';
  /** Full months in the recent window. */
  months: number;
}

type Window = TrafficMonth[];

const sum = (w: Window, m: ExtraMetric): number => w.reduce((n, x) => n + (x.metrics?.[m] ?? 0), 0);
const visits = (w: Window): number => w.reduce((n, x) => n + (x.visits ?? 0), 0);

/** Each measure's definition: which totals it needs, and how a window's value is made from them. */
const DEFINITIONS: Array<{ key: MeasureKey; kind: Measure['kind']; needs: ExtraMetric[]; value: (w: Window) => number | null }> = [
  // Monthly unique visitors do not add up: the average month is what can be said.
  { key: 'visitorsPerMonth', kind: 'count', needs: ['visitors'], value: (w) => sum(w, 'visitors') / w.length },
  { key: 'pageviews', kind: 'count', needs: ['pageviews'], value: (w) => sum(w, 'pageviews') },
  { key: 'pagesPerVisit', kind: 'ratio', needs: ['pageviews'], value: (w) => (visits(w) > 0 ? sum(w, 'pageviews') / visits(w) : null) },
  { key: 'bounceRate', kind: 'rate', needs: ['bounces'], value: (w) => (visits(w) > 0 ? sum(w, 'bounces') / visits(w) : null) },
  { key: 'visitSeconds', kind: 'seconds', needs: ['durationSec'], value: (w) => (visits(w) > 0 ? sum(w, 'durationSec') / visits(w) : null) },
  { key: 'impressions', kind: 'count', needs: ['impressions'], value: (w) => sum(w, 'impressions') },
];

/**
 * The measures the series can support. A measure needs every month of its window to be full (not partial), to
 * have visits, and to carry the totals it is made from; otherwise it is left out rather than estimated.
 */
export function secondaryMeasures(months: readonly TrafficMonth[], window = 12): Measure[] {
  const out: Measure[] = [];
  for (const d of DEFINITIONS) {
    const usable = (m: TrafficMonth): boolean => !m.partial && m.visits !== null && d.needs.every((k) => m.metrics?.[k] !== undefined);
    // The most recent run of usable months, newest last; a gap or partial month ends it. A partial last month
    // is skipped, not a reason to show nothing.
    const run: TrafficMonth[] = [];
    const end = months.at(-1)?.partial ? months.length - 2 : months.length - 1;
    for (let i = end; i >= 0 && usable(months[i]!); i--) run.unshift(months[i]!);
    if (run.length < Math.min(3, window)) continue;
    const recent = run.slice(-window);
    const before = run.length >= 2 * window ? run.slice(-2 * window, -window) : null;
    const r = d.value(recent);
    if (r === null || !Number.isFinite(r)) continue;
    const e = before ? d.value(before) : null;
    out.push({ key: d.key, recent: r, earlier: e !== null && Number.isFinite(e) ? e : null, kind: d.kind, months: recent.length });
  }
  return out;
}
