// `conductor-audit merge <folders>...`: the shards of one job, gathered into one portfolio summary — a table of
// every brand, every failed assertion, one JUnit file. Each folder is a shard's output folder (as uploaded by its
// job), a folder of such folders, or a job's own ci folder; the newest results of each shard are used. A shard with
// no results makes its brands "could not run" (exit 3): a merged summary never quietly leaves brands out.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Locale } from '../i18n/index.js';
import { CiRunSchema, type BrandCiResult, type CiRun } from '../result/ci-schema.js';
import { UserError } from '../util/errors.js';
import { VERSION } from '../version.js';
import { DEFAULTS } from '../config/defaults.js';
import { exitCodeOf } from './exit-code.js';
import { couldNotRunResult } from './could-not-run.js';
import { CI_FILES, writeCiFiles, type RunCiResult } from './run-ci.js';
import { shardOf } from './shard.js';

export interface MergeOptions {
  folders: string[];
  /** Exact folder for the merged ci.json, summary.md and junit.xml; default `output/ci/<timestamp>-merged`. */
  outDir?: string;
  force?: boolean;
  locale?: Locale;
  now?: Date;
}

interface FoundRun {
  file: string;
  run: CiRun;
}

/** ci.json files under a folder (a few levels down: artifact folder → output folder → ci → job). */
async function findCiFiles(dir: string, depth = 4): Promise<string[]> {
  const own = path.join(dir, CI_FILES.json);
  if (
    await stat(own).then(
      (s) => s.isFile(),
      () => false,
    )
  )
    return [own];
  if (depth === 0) return [];
  let entries: Array<{ name: string; isDirectory(): boolean }>;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // A brand's run folders hold audit.json and archives, never a job's ci.json: skip the big trees quickly.
    if (e.isDirectory() && e.name !== 'archive') out.push(...(await findCiFiles(path.join(dir, e.name), depth - 1)));
  }
  return out;
}

async function readCiRun(file: string): Promise<CiRun> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UserError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const parsed = CiRunSchema.safeParse(data);
  if (!parsed.success)
    throw new UserError(
      `${file} is not the ci.json of a conductor-audit ci job this version reads: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

const jobKey = (r: CiRun) => r.slugs.join('\n');

function newestOf(runs: readonly FoundRun[]): FoundRun {
  return runs.reduce((a, b) => (b.run.startedAt > a.run.startedAt ? b : a));
}

/** "2/3", or "2/3; the newest there started 2026-11-13T06:00:00.000Z" when only older results of it were found. */
function missingDetail(index: number, total: number, stale: ReadonlyMap<number, string>): string {
  const older = stale.get(index);
  return older ? `${index}/${total}; the newest there started ${older}` : `${index}/${total}`;
}

/** A brand's run folder, relative to the merged ci.json's folder, so its links keep working. */
function rebase(b: BrandCiResult, from: string, to: string): BrandCiResult {
  if (!b.runDir) return b;
  return { ...b, runDir: path.relative(to, path.resolve(from, b.runDir)).split(path.sep).join('/') };
}

export async function mergeShards(opts: MergeOptions): Promise<RunCiResult> {
  if (!opts.folders.length) throw new UserError('Nothing to merge: give the output folders of the shards, e.g. conductor-audit merge shard-1 shard-2 shard-3.');
  const found: FoundRun[] = [];
  for (const folder of opts.folders) {
    if (
      !(await stat(folder).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      throw new UserError(`merge: ${folder} is not a folder. Give the output folders the shards wrote (each holds ci/<job>/ci.json).`);
    const files = await findCiFiles(path.resolve(folder));
    if (!files.length)
      throw new UserError(`merge: ${folder} holds no ci.json. Give the output folder of a \`conductor-audit ci\` job (its results are in ci/<job>/ci.json).`);
    const runs: FoundRun[] = [];
    // An earlier merge's own ci.json is not a shard's result.
    for (const file of files) {
      const run = await readCiRun(file);
      if (!run.merged) runs.push({ file, run });
    }
    if (!runs.length) throw new UserError(`merge: ${folder} holds only merged results. Give the output folders of the shards' \`conductor-audit ci\` jobs.`);
    // A folder kept between runs (a cache, a volume) holds older jobs too, perhaps of an older portfolio: its
    // newest job decides which results in it belong to this merge.
    const newest = newestOf(runs);
    found.push(...runs.filter((f) => jobKey(f.run) === jobKey(newest.run)));
  }
  const latest = newestOf(found);
  const strangers = found.filter((f) => jobKey(f.run) !== jobKey(latest.run));
  if (strangers.length) {
    throw new UserError('merge: these results are of different jobs (another list of brands); merge the shards of one portfolio at a time:', [
      `${latest.file}: ${latest.run.slugs.length} brands`,
      ...strangers.map((f) => `${f.file}: ${f.run.slugs.length} brands`),
    ]);
  }
  const first = latest.run;
  const total = first.shard?.total ?? 1;
  // The newest results of each shard of this run; a shard whose newest results are from long before the others
  // did not run this time (its job broke before writing), and older results must not stand in for it.
  const byShard = new Map<number, FoundRun>();
  const stale = new Map<number, string>();
  const windowStart = new Date(Date.parse(first.startedAt) - DEFAULTS.ci.shardWindowHours * 3600_000).toISOString();
  for (const f of found) {
    if ((f.run.shard?.total ?? 1) !== total) continue;
    const k = f.run.shard?.index ?? 1;
    if (f.run.startedAt < windowStart) {
      if (!stale.has(k) || f.run.startedAt > stale.get(k)!) stale.set(k, f.run.startedAt);
      continue;
    }
    const had = byShard.get(k);
    if (!had || f.run.startedAt > had.run.startedAt) byShard.set(k, f);
  }
  const outDir = path.resolve(
    opts.outDir ??
      path.join(
        'output',
        'ci',
        `${(opts.now ?? new Date())
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z')
          .replace(/:/g, '-')}-merged`,
      ),
  );
  const bySlug = new Map<string, BrandCiResult>();
  for (const f of byShard.values()) for (const b of f.run.brands) bySlug.set(b.slug, rebase(b, path.dirname(f.file), outDir));
  const brands: BrandCiResult[] = first.slugs.map(
    (slug) =>
      bySlug.get(slug) ??
      couldNotRunResult(
        { slug, brand: slug, label: slug, siteUrl: '' },
        { kind: 'missing-shard', detail: missingDetail(shardOf(slug, total), total, stale) },
        [],
      ),
  );
  const runs = [...byShard.values()].map((f) => f.run);
  const merged: CiRun = {
    kind: 'conductor-audit-ci',
    schemaVersion: 1,
    tool: { name: 'conductor-audit', version: VERSION },
    startedAt: runs.map((r) => r.startedAt).sort()[0]!,
    slugs: first.slugs,
    portfolios: first.portfolios,
    shard: null,
    merged: true,
    baseline: first.baseline,
    noise: first.noise,
    brands,
    exitCode: exitCodeOf(brands),
  };
  return { run: merged, ...(await writeCiFiles(merged, outDir, opts.locale ?? 'en', { force: Boolean(opts.force) })) };
}
