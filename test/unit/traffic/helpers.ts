import type { TrafficMonth, TrafficSeries } from '../../../src/traffic/types.js';

/** Deterministic noise in [-1, 1) (a small LCG) so statistical tests are reproducible. */
export function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 2 - 1;
  };
}

export function seriesFrom(start: string, values: Array<number | null>, partial: number[] = []): TrafficSeries {
  const [y0, m0] = start.split('-').map(Number) as [number, number];
  const months: TrafficMonth[] = values.map((v, i) => {
    const total = y0 * 12 + (m0 - 1) + i;
    const month = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
    return { month, visits: v, partial: partial.includes(i) };
  });
  return { source: 'test', format: 'generic-csv', metric: 'visits', months, warnings: [] };
}
