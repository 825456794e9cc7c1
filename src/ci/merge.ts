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
import { exitCodeOf } from './exit-code.js';
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
  if (await stat(own).then((s) => s.isFile(), () => false)) return [own];
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
  if (!parsed.success) throw new UserError(`${file} is not the ci.json of a conductor-audit ci job this version reads: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
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
    if (!(await stat(folder).then((s) => s.isDirectory(), () => false))) throw new UserError(`merge: ${folder} is not a folder. Give the output folders the shards wrote (each holds ci/<job>/ci.json).`);
    const files = await findCiFiles(path.resolve(folder));
    if (!files.length) throw new UserError(`merge: ${folder} holds no ci.json. Give the output folder of a \`conductor-audit ci\` job (its results are in ci/<job>/ci.json).`);
    for (const file of files) found.push({ file, run: await readCiRun(file) });
  }
  const jobKey = (r: CiRun) => r.slugs.join('\n');
  const first = found[0]!.run;
  const strangers = found.filter((f) => jobKey(f.run) !== jobKey(first));
  if (strangers.length) {
    throw new UserError('merge: these results are of different jobs (another list of brands); merge the shards of one portfolio at a time:', [
      `${found[0]!.file}: ${first.slugs.length} brands`,
      ...strangers.map((f) => `${f.file}: ${f.run.slugs.length} brands`),
    ]);
  }
  const totals = new Set(found.map((f) => f.run.shard?.total ?? 1));
  if (totals.size > 1) throw new UserError(`merge: the results were split into different numbers of shards (${[...totals].sort().join(', ')}); merge the shards of one run.`);
  const total = [...totals][0]!;
  // The newest results of each shard (an output folder kept between runs holds older jobs too).
  const byShard = new Map<number, FoundRun>();
  for (const f of found) {
    const k = f.run.shard?.index ?? 1;
    const had = byShard.get(k);
    if (!had || f.run.startedAt > had.run.startedAt) byShard.set(k, f);
  }
  const outDir = path.resolve(opts.outDir ?? path.join('output', 'ci', `${(opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}-merged`));
  const bySlug = new Map<string, BrandCiResult>();
  for (const f of byShard.values()) for (const b of f.run.brands) bySlug.set(b.slug, rebase(b, path.dirname(f.file), outDir));
  const brands: BrandCiResult[] = first.slugs.map(
    (slug) =>
      bySlug.get(slug) ?? {
        slug,
        brand: slug,
        label: slug,
        siteUrl: '',
        status: 'could-not-run',
        couldNotRun: { kind: 'missing-shard', detail: `${shardOf(slug, total)}/${total}` },
        runDir: null,
        generatedAt: null,
        index: null,
        questions: [],
        pagesFetched: null,
        coverageFloor: null,
        delta: null,
        assertions: [],
      },
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
    baseline: first.baseline,
    noise: first.noise,
    brands,
    exitCode: exitCodeOf(brands),
  };
  return { run: merged, ...(await writeCiFiles(merged, outDir, opts.locale ?? 'en', { force: Boolean(opts.force) })) };
}
