// The one table of bands and leanings. The scorer stamps every signal, question and the index with its band and
// leaning from here; renderers read those fields and never derive their own.
import type { IndexLabel } from './schema.js';

export type Leaning = 'producer' | 'neutral' | 'conductor';

export interface Band {
  label: IndexLabel;
  /** Lowest score in the band; a band runs up to the next band's minimum (39.6 is still "leaning producer"). */
  min: number;
  /** Highest whole score shown for the band (for the method section's "20–39"). */
  max: number;
  leaning: Leaning;
}

export const BANDS: ReadonlyArray<Band> = [
  { label: 'producer', min: 0, max: 19, leaning: 'producer' },
  { label: 'leaning producer', min: 20, max: 39, leaning: 'producer' },
  { label: 'balanced', min: 40, max: 59, leaning: 'neutral' },
  { label: 'leaning conductor', min: 60, max: 79, leaning: 'conductor' },
  { label: 'conductor', min: 80, max: 100, leaning: 'conductor' },
];

export function bandOf(score: number): Band {
  for (let i = BANDS.length - 1; i >= 0; i--) if (score >= BANDS[i]!.min) return BANDS[i]!;
  return BANDS[0]!;
}

/** Which way a score points: the band's leaning. */
export function leaningOf(score: number | null): Leaning | null {
  return score === null ? null : bandOf(score).leaning;
}
