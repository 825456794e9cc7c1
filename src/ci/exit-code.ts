// The job's exit code, so a red job says why it is red (Lighthouse CI answers 1 for everything):
//   2  bad input: nothing about the brand was learnt (found before anything runs, or in an audit's own files)
//   3  an audit could not run: the site was unreachable, robots.txt refused, Chromium was missing — the job broke
//   1  an `error` assertion failed, or its target had no score: a brand got worse or is below a threshold
//   0  every assertion holds (warnings, and maxDrop checks without a fair baseline, never fail the job)
// A job with both broken audits and failed assertions answers 3: its results are incomplete, and the failures are
// printed first all the same.
import { CI_EXIT, type BrandCiResult } from '../result/ci-schema.js';

export function exitCodeOf(brands: readonly BrandCiResult[]): 0 | 1 | 2 | 3 {
  if (brands.some((b) => b.couldNotRun?.kind === 'bad-input')) return CI_EXIT.badInput;
  if (brands.some((b) => b.status === 'could-not-run')) return CI_EXIT.couldNotRun;
  const failed = brands.some((b) => b.assertions.some((a) => a.level === 'error' && (a.outcome === 'fail' || a.outcome === 'unscored')));
  return failed ? CI_EXIT.failed : CI_EXIT.pass;
}
