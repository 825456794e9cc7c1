// Ctrl-C during a crawl: the run stops starting requests, still scores what it has, and leaves a usable
// archive and a partial report (not a stack trace, not an empty folder).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditResultSchema } from '../../src/result/schema.js';
import { hasChrome } from '../../src/util/chrome.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/conductor-audit');

function runUntil(
  args: string[],
  interruptWhen: (stderr: string) => boolean,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && interruptWhen(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

async function slowAudit(tmp: string, render = 'static'): Promise<string> {
  const audit = path.join(tmp, 'slow.yaml');
  // A polite delay makes the crawl slow enough to interrupt after its first progress line.
  await writeFile(
    audit,
    [
      'brand: Brightside Cycles',
      'site:',
      '  url: https://community.brightside.example/',
      `  snapshot: ${JSON.stringify(path.join(ROOT, 'audits/demo/brightside/site'))}`,
      `crawl: { delayMs: 150, concurrency: 1, render: ${render} }`,
    ].join('\n'),
  );
  return audit;
}

describe('an interrupted run', () => {
  it.each([['SIGTERM'], ['SIGHUP']] as Array<[NodeJS.Signals]>)('ends with a partial report and archive on %s too', async (sig) => {
    const tmp = await mkdtemp(path.join(tmpdir(), 'conductor-int-'));
    const out = path.join(tmp, 'run');
    const r = await runUntil(['run', await slowAudit(tmp), '--out', out, '--formats', 'json'], (err) => /crawling: \d+ fetched/.test(err), sig);
    expect(r.stderr).toContain(`Interrupted (${sig})`);
    expect(r.code).toBe(0);
    const result = AuditResultSchema.parse(JSON.parse(await readFile(path.join(out, 'audit.json'), 'utf8')));
    expect(result.crawl.stoppedEarly).toMatch(/interrupted/);
    await readFile(path.join(out, 'archive', 'crawl.warc.gz'));
  });

  it.skipIf(!hasChrome())(
    'in browser mode, the first Ctrl-C still ends with a report and an archive (Playwright does not take the signal)',
    async () => {
      const tmp = await mkdtemp(path.join(tmpdir(), 'conductor-int-'));
      const out = path.join(tmp, 'run');
      const r = await runUntil(['run', await slowAudit(tmp, 'browser'), '--out', out, '--formats', 'json,md'], (err) => /crawling: \d+ fetched/.test(err));
      expect(r.stderr).toContain('Interrupted (SIGINT)');
      expect(r.code).toBe(0);
      const result = AuditResultSchema.parse(JSON.parse(await readFile(path.join(out, 'audit.json'), 'utf8')));
      expect(result.crawl.stoppedEarly).toMatch(/interrupted/);
      expect(result.crawl.pagesRendered).toBeGreaterThan(0);
      await readFile(path.join(out, 'archive', 'crawl.warc.gz'));
      // A hang guard, not a speed limit: rendering pages up to the first progress line takes ~35 s on two idle cores
      // and passed the default 60 s on a loaded machine.
    },
    180_000,
  );

  it('ends with a partial report and an archive that re-scores to the same audit', async () => {
    const tmp = await mkdtemp(path.join(tmpdir(), 'conductor-int-'));
    const audit = path.join(tmp, 'slow.yaml');
    // A polite delay makes the crawl slow enough to interrupt after its first progress line.
    await writeFile(
      audit,
      [
        'brand: Brightside Cycles',
        'site:',
        '  url: https://community.brightside.example/',
        `  snapshot: ${JSON.stringify(path.join(ROOT, 'audits/demo/brightside/site'))}`,
        'crawl: { delayMs: 150, concurrency: 1 }',
      ].join('\n'),
    );
    const out = path.join(tmp, 'run');
    // Plain progress lines (non-TTY) come every 25 pages; interrupt at the first one.
    const r = await runUntil(['run', audit, '--out', out, '--formats', 'json,md'], (err) => /crawling: \d+ fetched/.test(err));
    expect(r.stderr).toContain('Interrupted');
    expect(r.code).toBe(0);
    const result = AuditResultSchema.parse(JSON.parse(await readFile(path.join(out, 'audit.json'), 'utf8')));
    expect(result.crawl.stoppedEarly).toMatch(/interrupted/);
    expect(result.crawl.pagesFetched).toBeGreaterThan(0);
    expect(result.crawl.pagesFetched).toBeLessThan(38);
    expect(result.warnings.join(' ')).toMatch(/stopped early/);

    const again = path.join(tmp, 'again');
    const { code } = await runUntil(['run', audit, '--from-archive', out, '--out', again, '--formats', 'json', '--quiet'], () => false);
    expect(code).toBe(0);
    expect(await readFile(path.join(again, 'audit.json'), 'utf8')).toBe(await readFile(path.join(out, 'audit.json'), 'utf8'));
  });
});
