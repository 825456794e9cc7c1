// The `assert:` map of an audit file, a portfolio or an `--assert FILE`, in the Lighthouse CI shape:
//   index: ['error', { minScore: 40, maxDrop: 5 }]
//   Q4: ['warn', { minScore: 30 }]
//   q4-third-party-trackers: ['error', { minScore: 50 }]
//   crawl: ['error', { minPagesFetched: 10 }]
//   Q2: off
// Only the shape is checked here (config is the lowest stage); src/ci/assertions.ts checks signal ids against the
// registry and normalises every layer into one list of checks.
import { z } from 'zod';

export const ASSERTION_LEVELS = ['off', 'warn', 'error'] as const;
export type AssertionLevel = (typeof ASSERTION_LEVELS)[number];

/** What each option measures is in src/ci/assertions.ts (the operator table); here only its range. */
export const AssertionOptionsSchema = z
  .object({
    /** The target's score (0–100) is at least this. */
    minScore: z.number().min(0).max(100).optional(),
    /** The score fell by at most this many points since the baseline (beyond the noise band). */
    maxDrop: z.number().min(0).max(100).optional(),
    /** The question's or index's coverage is at least this share (0–1, e.g. 0.6 for 60 %). */
    minCoverage: z
      .number({ error: 'must be a share between 0 and 1, e.g. 0.6 for 60 %' })
      .min(0, 'must be a share between 0 and 1, e.g. 0.6 for 60 %')
      .max(1, 'must be a share between 0 and 1, e.g. 0.6 for 60 % (not 60)')
      .optional(),
    /** The crawl fetched at least this many pages. */
    minPagesFetched: z.number().int().min(0).optional(),
  })
  .strict();
export type AssertionOptions = z.infer<typeof AssertionOptionsSchema>;

const ENTRY_SHAPE = 'must be a level ("off", "warn" or "error") or [level, { option: value }], e.g. [error, { minScore: 40 }]';

/** A bare level (`warn`) is `['warn']`, with no options; anything else must be the [level, options] pair. */
export const AssertionEntrySchema = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.tuple([z.enum(ASSERTION_LEVELS), AssertionOptionsSchema.optional()], { error: ENTRY_SHAPE }),
);
export type AssertionEntry = z.infer<typeof AssertionEntrySchema>;

/** Targets: the index, a question, the crawl, or a signal id (`q4-third-party-trackers`). */
export const TARGET_PATTERN = /^(?:index|crawl|Q[1-5]|q[1-5]-[a-z0-9-]+)$/;
export type TargetKind = 'index' | 'question' | 'signal' | 'crawl';

export function targetKind(target: string): TargetKind {
  if (target === 'index') return 'index';
  if (target === 'crawl') return 'crawl';
  return /^Q[1-5]$/.test(target) ? 'question' : 'signal';
}

/** Which options make sense for which target: a signal has no coverage, only the crawl has pages. */
export const OPTIONS_FOR: Record<TargetKind, ReadonlyArray<keyof AssertionOptions>> = {
  index: ['minScore', 'maxDrop', 'minCoverage'],
  question: ['minScore', 'maxDrop', 'minCoverage'],
  signal: ['minScore', 'maxDrop'],
  crawl: ['minPagesFetched'],
};

export const AssertMapSchema = z.record(z.string(), AssertionEntrySchema).check(
  z.superRefine(
    (map: Record<string, unknown>, ctx) => {
      for (const [target, entry] of Object.entries(map)) {
        if (!TARGET_PATTERN.test(target)) {
          const upper = /^q[1-5]$/.test(target)
            ? ` — did you mean \`${target.toUpperCase()}\`?`
            : '; use index, Q1…Q5, crawl, or a signal id such as q4-third-party-trackers';
          ctx.addIssue({ code: 'custom', path: [target], message: `unknown assertion target${upper}` });
          continue;
        }
        // Entries that failed their own parse are reported by it; the checks below read well-formed ones.
        if (!Array.isArray(entry) || entry.length < 1 || entry.length > 2) continue;
        const [level, given] = entry as [string, Record<string, unknown> | undefined];
        if (given !== undefined && (given === null || typeof given !== 'object')) continue;
        const options = given ?? {};
        const kind = targetKind(target);
        const allowed: readonly string[] = OPTIONS_FOR[kind];
        for (const option of Object.keys(options)) {
          if (options[option] === undefined || allowed.includes(option) || !(option in AssertionOptionsSchema.shape)) continue;
          const where =
            option === 'minPagesFetched'
              ? 'put it under `crawl: [error, { minPagesFetched: N }]`'
              : `allowed for ${kind === 'crawl' ? 'crawl' : `a ${kind}`}: ${allowed.join(', ')}`;
          ctx.addIssue({ code: 'custom', path: [target, 1, option], message: `does not apply to ${target}; ${where}` });
        }
        if (level !== 'off' && kind !== 'crawl' && given === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [target],
            message: `say what must hold, e.g. [${level}, { minScore: 40 }] (a bare "${level}" checks nothing here)`,
          });
        }
      }
    },
    // Run even when an entry failed, so every problem of the map is reported at once.
    { when: () => true },
  ),
);
export type AssertMap = z.infer<typeof AssertMapSchema>;
