// `--baseline FILE | DIR | latest`: the earlier audit of the same brand a run is compared with.
//   FILE    an audit.json
//   DIR     a run folder (holding audit.json), a brand's folder of runs, or an output folder of brands' folders
//           (for instance last week's artifact): the latest run of the brand there
//   latest  the latest run of the brand in this job's output folder, before this run
import path from 'node:path';
import type { AuditResult } from '../result/schema.js';
import { slugify } from '../util/slug.js';
import { UserError } from '../util/errors.js';
import { isDir, isFile, listRuns, readAuditJson } from './runs.js';

export type BaselineSpec = { kind: 'latest' } | { kind: 'file'; file: string } | { kind: 'dir'; dir: string };

export interface Baseline {
  result: AuditResult;
  /** Where it was read from, relative to the working folder. */
  source: string;
}

/** Checks the flag before anything runs: a path that does not exist is bad input, not a missing baseline. */
export async function parseBaselineSpec(value: string): Promise<BaselineSpec> {
  if (value === 'latest') return { kind: 'latest' };
  const abs = path.resolve(value);
  if (await isFile(abs)) return { kind: 'file', file: abs };
  if (await isDir(abs)) return { kind: 'dir', dir: abs };
  throw new UserError(
    `--baseline: ${value} does not exist. Give an audit.json, a folder of earlier runs (a run folder, a brand's folder, or an output folder), or \`latest\` for the latest run in the output folder.`,
  );
}

/** A path as the reader can use it: relative inside the working folder, absolute outside it. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(p) : rel;
}

const relative = displayPath;

function mustBeBrand(result: AuditResult, file: string, slug: string): void {
  if (slugify(result.brand) !== slug) {
    throw new UserError(
      `--baseline: ${relative(file)} is an audit of ${result.brand}, not of the brand "${slug}". Give that brand's own audit.json, or a folder holding every brand's runs.`,
    );
  }
}

async function latestIn(brandDir: string): Promise<Baseline | null> {
  const runs = await listRuns(brandDir);
  const last = runs[runs.length - 1];
  return last ? { result: last.result, source: relative(last.file) } : null;
}

/** The baseline for one brand, or null when there is none yet (a first run). */
export async function findBaseline(spec: BaselineSpec, slug: string, outputRoot: string): Promise<Baseline | null> {
  if (spec.kind === 'latest') return latestIn(path.join(outputRoot, slug));
  if (spec.kind === 'file') {
    const result = await readAuditJson(spec.file);
    mustBeBrand(result, spec.file, slug);
    return { result, source: relative(spec.file) };
  }
  const own = path.join(spec.dir, 'audit.json');
  if (await isFile(own)) {
    const result = await readAuditJson(own);
    mustBeBrand(result, own, slug);
    return { result, source: relative(own) };
  }
  if (await isDir(path.join(spec.dir, slug))) return latestIn(path.join(spec.dir, slug));
  // A brand's own folder of runs: only when the runs are of this brand.
  if (path.basename(spec.dir) === slug) return latestIn(spec.dir);
  return null;
}
