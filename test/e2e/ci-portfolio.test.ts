// A portfolio of eight small brands run as three shards in separate processes, then merged. A crawl's date is when
// it started, so two live crawls never give the same bytes; the shards re-score the single-process run's archives
// (--from-archive), and every brand's audit.json comes out byte-identical to that run's. The merged summary lists
// every brand once, with every failed assertion and one JUnit file.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/ci/shard.js';
import { CiRunSchema, type CiRun } from '../../src/result/ci-schema.js';
import { cli, cliInProcess, type CliOutcome } from './helpers/cli.js';

const PORTFOLIO = 'test/fixtures/ci/portfolio.yaml';
const SLUGS = ['fixers-commons', 'megabargain', 'outdoor-mart', 'hearth-bakers', 'radwerk', 'ask-circuit', 'sync-cloud', 'plain-page'];
let tmp: string;
let single: CliOutcome;
const shards: CliOutcome[] = [];

async function ciJson(root: string): Promise<{ dir: string; run: CiRun }> {
  const job = (await readdir(path.join(root, 'ci'))).sort().at(-1)!;
  const dir = path.join(root, 'ci', job);
  return { dir, run: CiRunSchema.parse(JSON.parse(await readFile(path.join(dir, 'ci.json'), 'utf8'))) };
}

/** slug → the bytes of its one audit.json under an output folder. */
async function audits(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const slug of (await readdir(root)).filter((n) => n !== 'ci')) {
    const runs = await readdir(path.join(root, slug));
    expect(runs, slug).toHaveLength(1);
    out.set(slug, await readFile(path.join(root, slug, runs[0]!, 'audit.json'), 'utf8'));
  }
  return out;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'conductor-portfolio-'));
  single = await cli(['ci', PORTFOLIO, '--out', path.join(tmp, 'single'), '--formats', 'json', '-q']);
  // Three machines, three ways of saying which shard they are: a GitHub matrix value, GitLab parallel:, a Kubernetes Indexed Job.
  const common = ['ci', PORTFOLIO, '--from-archive', path.join(tmp, 'single'), '--formats', 'json', '-q'];
  shards.push(
    ...(await Promise.all([
      cli([...common, '--out', path.join(tmp, 'shard-1'), '--shard', '1/3']),
      cli([...common, '--out', path.join(tmp, 'shard-2'), '--shard', 'auto'], { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' }),
      cli([...common, '--out', path.join(tmp, 'shard-3'), '--shard', 'auto'], { JOB_COMPLETION_INDEX: '2', CONDUCTOR_AUDIT_SHARD_TOTAL: '3' }),
    ])),
  );
}, 120_000);

describe('a portfolio in three shards', () => {
  it("runs in one process first, with the portfolio's assertions", async () => {
    expect(single.code).toBe(1); // MegaBargain's own assertion: index at least 30
    const { run } = await ciJson(path.join(tmp, 'single'));
    expect(run.brands.map((b) => b.slug)).toEqual(SLUGS);
    expect(run.slugs).toEqual(SLUGS);
    expect(run.brands.every((b) => b.status === 'audited')).toBe(true);
  });

  it('gives each shard its brands by the hash of their slugs, every brand to exactly one shard', async () => {
    const seen: string[] = [];
    for (const [i, r] of shards.entries()) {
      const { run } = await ciJson(path.join(tmp, `shard-${i + 1}`));
      expect(run.shard).toEqual({ index: i + 1, total: 3 });
      expect(run.slugs).toEqual(SLUGS);
      const mine = run.brands.map((b) => b.slug);
      expect(mine).toEqual(SLUGS.filter((s) => shardOf(s, 3) === i + 1));
      seen.push(...mine);
      expect(r.code).toBe(mine.includes('megabargain') ? 1 : 0);
    }
    expect(seen.sort()).toEqual([...SLUGS].sort());
  });

  it("writes every brand's audit.json byte for byte as the single-process run did", async () => {
    const reference = await audits(path.join(tmp, 'single'));
    expect([...reference.keys()].sort()).toEqual([...SLUGS].sort());
    const sharded = new Map<string, string>();
    for (let i = 1; i <= 3; i++) for (const [slug, bytes] of await audits(path.join(tmp, `shard-${i}`))) sharded.set(slug, bytes);
    expect([...sharded.keys()].sort()).toEqual([...SLUGS].sort());
    for (const slug of SLUGS) expect(sharded.get(slug) === reference.get(slug), slug).toBe(true);
  });

  it('merges into one summary that lists every brand once, every failed assertion, and one JUnit file', async () => {
    const out = path.join(tmp, 'merged');
    const r = await cli(['merge', path.join(tmp, 'shard-1'), path.join(tmp, 'shard-2'), path.join(tmp, 'shard-3'), '--out', out, '-q']);
    expect(r.code).toBe(single.code);
    expect(r.stderr.split('\n')[0]).toMatch(
      /^error MegaBargain: index minScore — expected at least 30, found \d+(\.\d)? · evidence: https:\/\/community\.megabargain\.example\//,
    );
    const merged = CiRunSchema.parse(JSON.parse(await readFile(path.join(out, 'ci.json'), 'utf8')));
    const { run: reference } = await ciJson(path.join(tmp, 'single'));
    expect(merged.brands.map((b) => b.slug)).toEqual(SLUGS);
    expect(merged.brands.map((b) => b.assertions)).toEqual(reference.brands.map((b) => b.assertions));
    // The run folders still resolve from the merged ci.json.
    for (const b of merged.brands) expect(JSON.parse(await readFile(path.join(out, b.runDir!, 'audit.json'), 'utf8')).brand).toBe(b.brand);
    const summary = await readFile(path.join(out, 'summary.md'), 'utf8');
    expect(summary).toBe(r.stdout);
    for (const b of merged.brands) expect(summary.match(new RegExp(`^\\| ${b.brand} \\|`, 'gm')), b.brand).toHaveLength(1);
    const $ = cheerio.load(await readFile(path.join(out, 'junit.xml'), 'utf8'), { xml: true });
    expect($('testsuite')).toHaveLength(SLUGS.length);
    expect(Number($('testsuites').attr('tests'))).toBe(reference.brands.reduce((n, b) => n + 1 + b.assertions.length, 0));
    expect($('testsuites').attr('failures')).toBe('1');
  });

  it('says which brands are missing when a shard left no results (the job broke)', async () => {
    const r = await cliInProcess(['merge', path.join(tmp, 'shard-1'), path.join(tmp, 'shard-3'), '--out', path.join(tmp, 'merged-partial'), '-q']);
    expect(r.code).toBe(3);
    const missing = SLUGS.filter((s) => shardOf(s, 3) === 2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('could not run'))).toEqual(
      missing.map(
        (s) =>
          `could not run ${s}: its shard (2/3) left no results of this run in the folders given; that job may have failed before writing them. The job broke; the brand was not judged.`,
      ),
    );
  });

  it('never lets an older run of a shard stand in for one that did not run this time', async () => {
    const old = path.join(tmp, 'shard-2-last-week');
    await cp(path.join(tmp, 'shard-2'), old, { recursive: true });
    const { dir, run } = await ciJson(old);
    const weekBefore = new Date(Date.parse(run.startedAt) - 7 * 86_400_000).toISOString();
    await writeFile(path.join(dir, 'ci.json'), JSON.stringify({ ...run, startedAt: weekBefore }));
    const r = await cliInProcess(['merge', path.join(tmp, 'shard-1'), old, path.join(tmp, 'shard-3'), '--out', path.join(tmp, 'merged-stale'), '-q']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`its shard (2/3; the newest there started ${weekBefore}) left no results of this run`);
  });

  it('finds the shards inside a downloaded artifacts folder, and refuses results of another job', async () => {
    const artifacts = path.join(tmp, 'artifacts');
    for (let i = 1; i <= 3; i++) await cp(path.join(tmp, `shard-${i}`), path.join(artifacts, `audit-shard-${i}`), { recursive: true });
    const r = await cliInProcess(['merge', artifacts, '--out', path.join(tmp, 'merged-artifacts'), '-q']);
    expect(r.code).toBe(single.code);
    // Another job: one brand of the portfolio audited on its own.
    expect(
      (
        await cliInProcess([
          'ci',
          'test/fixtures/ci/fixers.yaml',
          '--from-archive',
          path.join(tmp, 'single'),
          '--out',
          path.join(tmp, 'other-job'),
          '--formats',
          'json',
          '-q',
        ])
      ).code,
    ).toBe(0);
    const other = await cliInProcess(['merge', path.join(tmp, 'shard-1'), path.join(tmp, 'other-job'), '--out', path.join(tmp, 'merged-mixed')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/these results are of different jobs/);
    await rm(artifacts, { recursive: true, force: true });
  });
});
