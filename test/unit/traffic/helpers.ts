import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { TrafficImportError } from '../../../src/traffic/import.js';
import type { TrafficMonth, TrafficSeries } from '../../../src/traffic/types.js';

/** Absolute path of a file in test/fixtures/traffic/. */
export const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/traffic/${name}`, import.meta.url));

/** Runs `fn`, expecting a TrafficImportError, and returns it for the caller to check its message. */
export function fails(fn: () => unknown): TrafficImportError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TrafficImportError);
    return err as TrafficImportError;
  }
  throw new Error('expected a TrafficImportError');
}

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
