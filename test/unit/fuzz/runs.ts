// How many cases each property runs. In CI (`npx vitest run test/unit/fuzz`) every property has a fixed seed and a
// small fixed count, so a run is deterministic and the folder stays well under 30 s on two cores. `npm run fuzz`
// sets FUZZ_RUNS: every property then runs about that many cases (a heavy property, one whose case is a large page,
// runs FUZZ_RUNS divided by its weight, never fewer than its CI count) from a fresh seed, printed up front and in
// any failure, so a counterexample found there can be replayed with FUZZ_SEED=<seed>.
//
// Time is never asserted here (speed is measured in bench/): the only time limits are hang guards far above what a
// property needs, so that a case that runs away fails with its seed instead of stalling the suite.
import type { Parameters } from 'fast-check';

const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 0);
/** `npm run fuzz`: many more runs from a fresh seed. */
export const FUZZ_MODE = Number.isFinite(fuzzRuns) && fuzzRuns > 0;
const fuzzSeed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
if (FUZZ_MODE) console.log(`fuzz: FUZZ_RUNS=${fuzzRuns}, FUZZ_SEED=${fuzzSeed}`);

/** The vitest timeout of a property test: a hang guard, not a speed limit. */
export const HANG_GUARD_MS = FUZZ_MODE ? 6 * 3600_000 : 120_000;

/** Cases a property runs: `ci` in CI, about FUZZ_RUNS / `weight` under `npm run fuzz`. */
export function runs(ci: number, weight = 1): number {
  return FUZZ_MODE ? Math.max(ci, Math.round(fuzzRuns / weight)) : ci;
}

/**
 * fast-check parameters of one property: its own fixed `seed` and `ci` cases in CI; under `npm run fuzz` the run's
 * seed (offset by the property's, so properties do not share a stream) and `runs(ci, weight)` cases. A property
 * still generating cases after the hang guard fails (with its seed) instead of passing on fewer cases.
 */
export function params<T = unknown>(seed: number, ci: number, weight = 1): Parameters<T> {
  return {
    seed: FUZZ_MODE ? (fuzzSeed + seed) | 0 : seed,
    numRuns: runs(ci, weight),
    interruptAfterTimeLimit: HANG_GUARD_MS - 10_000,
    markInterruptAsFailure: true,
  };
}
