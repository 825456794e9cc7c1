// `conductor-audit ci` end to end, on small sites served on 127.0.0.1: every exit code with its message, the
// baseline (a drop, and an unchanged re-audit that reports no regression), the outputs saved before the exit, the
// JUnit file parsed back, and what a GitHub Actions runner sees. One case per exit code runs the built binary in a
// child process, as a CI runner does; the rest call the same entry point in this process (it saves ~1.5 s a call).
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory } from '../../src/crawl/static-server.js';
import { CiRunSchema, type CiRun } from '../../src/result/ci-schema.js';
import { AuditResultSchema } from '../../src/result/schema.js';
import { cli, cliInProcess } from './helpers/cli.js';

const FIXERS = 'test/fixtures/ci/fixers.yaml';
const WORSE = 'test/fixtures/ci/fixers-worse.yaml';
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'conductor-ci-'));
});

/** The job folders under an output folder's ci/, oldest first. */
async function jobs(root: string): Promise<string[]> {
  const names = (await readdir(path.join(root, 'ci'))).sort();
  return names.map((n) => path.join(root, 'ci', n));
}

async function lastJob(root: string): Promise<{ dir: string; run: CiRun }> {
  const dir = (await jobs(root)).at(-1)!;
  return { dir, run: CiRunSchema.parse(JSON.parse(await readFile(path.join(dir, 'ci.json'), 'utf8'))) };
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe('exit code 0: every assertion holds', () => {
  it('audits, saves the outputs, and prints the summary', async () => {
    const out = path.join(tmp, 'pass');
    const r = await cli(['ci', FIXERS, '--out', out, '--formats', 'json', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('**All assertions hold (1 brand).**');
    expect(r.stdout).toMatch(/^\| Fixers Commons \| 94\.7 \| conductor \| no baseline yet \|/m);
    const { dir, run } = await lastJob(out);
    expect(run.exitCode).toBe(0);
    const brand = run.brands[0]!;
    expect(brand.assertions.map((a) => [a.target, a.option, a.outcome])).toEqual([
      ['crawl', 'minPagesFetched', 'pass'],
      ['index', 'minScore', 'pass'],
      ['q4-third-party-trackers', 'minScore', 'pass'],
    ]);
    // The run folder is recorded relative to ci.json, and holds the brand's audit.json.
    const audit = AuditResultSchema.parse(JSON.parse(await readFile(path.join(dir, brand.runDir!, 'audit.json'), 'utf8')));
    expect(audit.brand).toBe('Fixers Commons');
    const $ = cheerio.load(await readFile(path.join(dir, 'junit.xml'), 'utf8'), { xml: true });
    expect(
      $('testcase')
        .map((_, c) => $(c).attr('name'))
        .get(),
    ).toEqual(['audit', 'crawl minPagesFetched', 'index minScore', 'q4-third-party-trackers minScore']);
    expect($('failure, error')).toHaveLength(0);
  });
});

describe('exit code 1: an error assertion failed', () => {
  it('prints the failures first, one line each, with expected, found and evidence, after saving everything', async () => {
    const out = path.join(tmp, 'fail');
    const r = await cli(['ci', FIXERS, '--out', out, '--formats', 'json', '--min-index', '99', '--min-question', 'Q4=99', '-q']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^error Fixers Commons: index minScore — expected at least 99, found 94\.7 · evidence: https:\/\/community\.fixers\.example\/\S*$/,
    );
    expect(lines[1]).toMatch(/^error Fixers Commons: Q4 minScore — expected at least 99, found 94\.\d · evidence: https:\/\/community\.fixers\.example\//);
    expect(r.stdout).toContain('An error assertion failed (2 of 4 checks): a brand got worse or is below a threshold. Exit code 1.');
    const { dir, run } = await lastJob(out);
    expect(run.exitCode).toBe(1);
    expect(await exists(path.join(dir, run.brands[0]!.runDir!, 'audit.json'))).toBe(true);
    const $ = cheerio.load(await readFile(path.join(dir, 'junit.xml'), 'utf8'), { xml: true });
    expect($('testsuites').attr('failures')).toBe('2');
    expect($('testcase[name="index minScore"] > failure').attr('message')).toMatch(/^index minScore — expected at least 99, found 94\.7/);
    expect($('testcase[name="index minScore"] > failure').attr('message')).toBe(
      $('testcase[name="index minScore"] > failure')
        .text()
        .replace(/^error Fixers Commons: /, ''),
    );
  });

  it('fails an assertion on a target with no score, with its own message', async () => {
    const out = path.join(tmp, 'unscored');
    const assertFile = path.join(tmp, 'walled-assert.yaml');
    await writeFile(assertFile, 'assert:\n  Q1: [error, { minScore: 10 }]\n  q1-threads-answered: [warn, { minScore: 10 }]\n');
    const audit = path.join(tmp, 'walled.yaml');
    await writeFile(
      audit,
      `brand: Sync Cloud\nsite: { url: https://community.synccloud.example/, snapshot: ${path.resolve('test/fixtures/validation/walled')} }\ncrawl: { delayMs: 0 }\n`,
    );
    const r = await cliInProcess(['ci', audit, '--out', out, '--formats', 'json', '--assert', assertFile, '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error Sync Cloud: Q1 minScore — expected at least 10, found no score: not applicable, since no community was found');
    expect(r.stderr.split('\n')[1]).toMatch(/^warning Sync Cloud: q1-threads-answered minScore — expected at least 10, found no score: /);
  });
});

describe('baselines', () => {
  const out = () => path.join(tmp, 'history');

  it('skips maxDrop on a first run (no baseline yet)', async () => {
    const r = await cliInProcess(['ci', FIXERS, '--out', out(), '--formats', 'json', '--baseline', 'latest', '--max-drop', '0', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| no baseline yet \|/);
    const { run } = await lastJob(out());
    expect(run.brands[0]!.assertions.find((a) => a.option === 'maxDrop')).toMatchObject({ outcome: 'no-baseline' });
  });

  it('reports no regression for an unchanged re-audit, even at --max-drop 0', async () => {
    const r = await cliInProcess([
      'ci',
      FIXERS,
      '--out',
      out(),
      '--formats',
      'json,html',
      '--baseline',
      'latest',
      '--max-drop',
      '0',
      '--max-drop',
      'Q4=0',
      '-q',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- Conductor index: 94.7 → 94.7 (no change beyond the noise band of ±2).');
    expect(r.stdout).toContain('- No question moved beyond its noise band (±6).');
    expect(r.stdout).toContain('- The same pages were fetched as then.');
    const { dir, run } = await lastJob(out());
    const b = run.brands[0]!;
    expect(b.delta).toMatchObject({ comparable: true, index: { change: 0, movement: 'within-noise' }, signals: [], pages: { appeared: [], vanished: [] } });
    expect(b.assertions.filter((a) => a.option === 'maxDrop').map((a) => [a.target, a.outcome, a.actual])).toEqual([
      ['index', 'pass', 0],
      ['Q4', 'pass', 0],
    ]);
    // The report made with the baseline has the box.
    const html = await readFile(path.join(dir, b.runDir!, 'report.html'), 'utf8');
    expect(html).toContain('Since the last audit');
  });

  it('fails a drop beyond --max-drop against the latest run, naming the signal that fell', async () => {
    const r = await cliInProcess(['ci', WORSE, '--out', out(), '--formats', 'json', '--baseline', 'latest', '--max-drop', '5', '-q']);
    expect(r.code).toBe(1);
    const first = r.stderr.split('\n')[0]!;
    expect(first).toMatch(
      /^error Fixers Commons: index maxDrop — expected a drop of at most 5 \(noise band ±2\), found a drop of 3\d\.\d · evidence: https:\/\/community\.fixers\.example\//,
    );
    expect(r.stdout).toMatch(/\| Fixers Commons \| 5\d(\.\d)? \| balanced \| −3\d\.\d ▼ \|/);
    expect(r.stdout).toMatch(/- Questions that moved: Q1 Participation 100 → [\d.]+ \(down [\d.]+\); .*Q4 Capture/);
    expect(r.stdout).toMatch(/- Signals that moved: q1-threads-answered 100 → 0; .*; \d+ more\./);
    // The sign-in wall links to the sign-in page; the contact page is gone.
    expect(r.stdout).toContain('- Pages fetched: 1 new, 1 no longer found.');
    const { run } = await lastJob(out());
    const d = run.brands[0]!.delta!;
    expect(d.pages).toEqual({ appeared: ['https://community.fixers.example/signin.html'], vanished: ['https://community.fixers.example/contact.html'] });
    expect(d.signals.find((x) => x.id === 'q4-third-party-trackers')).toMatchObject({ from: 100, change: expect.any(Number) });
  });

  it('compares with a folder of earlier runs given as --baseline DIR (an artifact of last week)', async () => {
    const r = await cliInProcess(['ci', FIXERS, '--out', path.join(tmp, 'elsewhere'), '--formats', 'json', '--baseline', out(), '-q']);
    // The latest run in that folder is the worse one: against it, the brand got better.
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| Fixers Commons \| 94\.7 \| conductor \| \+3\d\.\d ▲ \|/);
  });
});

describe('run --baseline', () => {
  it('gives a single report the "Since the last audit" box', async () => {
    const out = path.join(tmp, 'run-baseline');
    const r = await cliInProcess([
      'run',
      FIXERS,
      '--out',
      out,
      '--formats',
      'md',
      '--no-archive',
      '--baseline',
      path.join(tmp, 'history', 'fixers-commons'),
      '-q',
    ]);
    expect(r.code).toBe(0);
    const md = await readFile(path.join(out, 'summary.md'), 'utf8');
    // The latest run there is the worse site's: from it, the brand rose.
    expect(md).toMatch(/### Since the last audit\n\nCompared with the audit of .*\n\n- Conductor index: 5\d(\.\d)? → 94\.7 \(up 3\d\.\d\)\./);
  });
});

describe('exit code 2: bad input', () => {
  it('names every problem, and nothing runs or is written', async () => {
    const bad = path.join(tmp, 'bad.yaml');
    await writeFile(bad, 'brand: Acme\nsite: { url: "not a url" }\nassert:\n  index: [fatal, { minScore: 40 }]\n  Q4: [warn, { minScor: 30 }]\n');
    const out = path.join(tmp, 'bad-out');
    const r = await cli(['ci', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a valid audit file (3 problems)');
    expect(r.stderr).toContain('site.url: must be an absolute http(s) URL');
    expect(r.stderr).toContain('assert.index[0]: must be one of "off", "warn", "error" (found "fatal")');
    expect(r.stderr).toContain('assert.Q4[1].minScor: unknown field — did you mean `minScore`?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await exists(out)).toBe(false);
  });

  it('refuses bad flags, baselines, shards, assertion files and duplicate brands before crawling', async () => {
    const out = path.join(tmp, 'bad-flags');
    const signal = path.join(tmp, 'signal-assert.yaml');
    await writeFile(signal, 'q4-third-party-tracker: [error, { minScore: 50 }]\n');
    for (const [args, message] of [
      [['--baseline', path.join(tmp, 'no-such-run')], /--baseline: .* does not exist/],
      [['--shard', '4/3'], /--shard gives shard 4 of 3/],
      [['--shard', 'auto'], /--shard auto found no shard in the environment/],
      [['--min-question', 'Q9=30'], /--min-question "Q9=30": give a question and a score/],
      [['--min-index', '140'], /must be a score from 0 to 100/],
      [['--assert', signal], /q4-third-party-tracker: unknown signal — did you mean `q4-third-party-trackers`\?/],
      [[FIXERS], /Two audits of the job would share a folder/],
    ] as const) {
      const r = await cliInProcess(['ci', FIXERS, '--out', out, '--formats', 'json', ...args]);
      expect(r.code, String(args)).toBe(2);
      expect(r.stderr, String(args)).toMatch(message);
    }
    expect(await exists(out)).toBe(false);
  });
});

describe('exit code 3: the audit could not run', () => {
  it('says the site was unreachable, and still saves the outputs', async () => {
    const server = await serveDirectory(path.resolve('test/fixtures/ci/fixers'));
    const url = server.url;
    await server.close(); // nothing answers on that port now
    const audit = path.join(tmp, 'gone.yaml');
    await writeFile(audit, `brand: Gone Away\nsite: { url: "${url}" }\ncrawl: { delayMs: 0, timeoutMs: 5000 }\n`);
    const out = path.join(tmp, 'gone');
    const r = await cli(['ci', audit, '--out', out, '--formats', 'json', '--min-index', '10', '-q']);
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd()).toMatch(
      /^could not run Gone Away: the site did not answer \(robots\.txt unreachable \(ECONNREFUSED\)[^\n]*\)\. The job broke; the brand was not judged\.$/,
    );
    expect(r.stdout).toContain('1 of 1 brand could not be audited: the job broke, and those brands were not judged. Exit code 3.');
    const { dir, run } = await lastJob(out);
    expect(run.brands[0]).toMatchObject({ status: 'could-not-run', couldNotRun: { kind: 'unreachable' }, pagesFetched: 0 });
    expect(run.brands[0]!.assertions.every((a) => a.outcome === 'not-run')).toBe(true);
    expect(await exists(path.join(dir, run.brands[0]!.runDir!, 'audit.json'))).toBe(true);
    const $ = cheerio.load(await readFile(path.join(dir, 'junit.xml'), 'utf8'), { xml: true });
    expect($('testcase[name="audit"] > error').attr('type')).toBe('could-not-run');
  });

  it('says robots.txt refused the crawler', async () => {
    const r = await cliInProcess(['ci', 'test/fixtures/ci/refusing.yaml', '--out', path.join(tmp, 'refused'), '--formats', 'json', '-q']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^could not run Closed Doors: robots\.txt refuses the crawler \(robots\.txt \(https:\/\/community\.closed\.example\/robots\.txt\) disallows the start page/,
    );
  });

  it('says Chromium was needed and missing, naming the fix, and audits nothing it cannot finish', async () => {
    const out = path.join(tmp, 'no-chrome');
    const r = await cliInProcess(['ci', FIXERS, '--out', out, '--formats', 'json,pdf', '-q'], { CHROME_PATH: path.join(tmp, 'no-such-chrome') });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^could not run Fixers Commons: Chromium was needed and not found \(CHROME_PATH is set to .*no-such-chrome/);
    const { run } = await lastJob(out);
    expect(run.brands[0]).toMatchObject({ status: 'could-not-run', couldNotRun: { kind: 'browser-missing' }, runDir: null });
  });
});

describe('runCi, the library call', () => {
  it('records the audits an interrupted job never started as could not run', async () => {
    const { runCi } = await import('../../src/index.js');
    const controller = new AbortController();
    controller.abort();
    const r = await runCi({ files: [FIXERS], outputRoot: path.join(tmp, 'interrupted'), formats: ['json'], signal: controller.signal });
    expect(r.run.exitCode).toBe(3);
    expect(r.run.brands[0]!.couldNotRun).toEqual({ kind: 'interrupted', detail: 'the job was interrupted before this audit started' });
    expect(r.view.broken[0]!.line).toBe(
      'could not run Fixers Commons: the job was interrupted before this audit started. The job broke; the brand was not judged.',
    );
    expect(await exists(path.join(r.ciDir, 'ci.json'))).toBe(true);
  });
});

describe('on a CI runner', () => {
  it('annotates on GitHub Actions and appends the summary to $GITHUB_STEP_SUMMARY', async () => {
    const summary = path.join(tmp, 'step-summary.md');
    await writeFile(summary, '# earlier step\n');
    const r = await cliInProcess(['ci', FIXERS, '--out', path.join(tmp, 'gha'), '--formats', 'json', '--min-index', '99', '-q'], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^::error title=conductor-audit%3A Fixers Commons index minScore::index minScore — expected at least 99, found 94\.7/,
    );
    const appended = await readFile(summary, 'utf8');
    expect(appended.startsWith('# earlier step\n## conductor-audit ci\n')).toBe(true);
    expect(appended).toContain('### Failed assertions');
  });

  it('writes the summary in German with --lang de', async () => {
    const r = await cliInProcess(['ci', FIXERS, '--out', path.join(tmp, 'de'), '--formats', 'json', '--min-index', '99', '--lang', 'de', '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^Fehler Fixers Commons: index minScore — erwartet mindestens 99, gefunden 94,7/);
    expect(r.stdout).toContain('### Verletzte Zusicherungen');
  });
});
