import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunFolder } from '../../../src/api/run-folder.js';
import { UserError } from '../../../src/util/errors.js';

const fresh = async () => path.join(await mkdtemp(path.join(tmpdir(), 'ca-run-')), 'acme');

/** A folder holding a complete earlier run. */
async function earlierRun(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'archive'), { recursive: true });
  for (const f of ['report.pdf', 'report.html', 'audit.json', 'summary.md']) await writeFile(path.join(dir, f), `old ${f}`);
  await writeFile(path.join(dir, 'archive', 'crawl.warc.gz'), 'old archive');
}

const listing = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).sort();

describe('RunFolder: the output folder as a transaction', () => {
  it('stages every file and moves them in only on commit', async () => {
    const dir = await fresh();
    const run = await RunFolder.open(dir, { force: false });
    await run.write('audit.json', '{"a":1}');
    await run.write('archive/crawl.warc.gz', 'warc');
    expect(await listing(dir)).toEqual(['.conductor-audit.lock']);
    const files = await run.commit();
    await run.close();
    expect(files.map((f) => path.relative(dir, f))).toEqual(['audit.json', path.join('archive', 'crawl.warc.gz')]);
    expect(await listing(dir)).toEqual(['archive', path.join('archive', 'crawl.warc.gz'), 'audit.json']);
    // No staging folder is left beside it.
    expect((await readdir(path.dirname(dir))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses a folder holding an earlier run before anything is crawled, and leaves it alone', async () => {
    const dir = await fresh();
    await earlierRun(dir);
    const err = await RunFolder.open(dir, { force: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/already holds results of an earlier run .*--force/);
    expect(await readFile(path.join(dir, 'audit.json'), 'utf8')).toBe('old audit.json');
    expect(existsSync(path.join(dir, '.conductor-audit.lock'))).toBe(false);
  });

  it('--force replaces the whole earlier run: a JSON-only run leaves no old PDF, HTML, Markdown or archive beside it', async () => {
    const dir = await fresh();
    await earlierRun(dir);
    await writeFile(path.join(dir, 'notes.txt'), 'the analyst’s own file');
    const run = await RunFolder.open(dir, { force: true });
    await run.write('audit.json', 'new');
    await run.commit();
    await run.close();
    expect(await listing(dir)).toEqual(['audit.json', 'notes.txt']);
    expect(await readFile(path.join(dir, 'audit.json'), 'utf8')).toBe('new');
  });

  it('a second run into the same folder is refused while the first holds it; a dead run’s lock is taken over', async () => {
    const dir = await fresh();
    const first = await RunFolder.open(dir, { force: false });
    const err = await RunFolder.open(dir, { force: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(new RegExp(`Another run \\(process ${process.pid}\\) is writing to`));
    await first.close();
    await writeFile(path.join(dir, '.conductor-audit.lock'), '2147483646\n');
    const third = await RunFolder.open(dir, { force: false });
    await third.close();
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk while writing leaves the earlier run intact and names the staging folder', async () => {
    const dir = await fresh();
    await earlierRun(dir);
    const run = await RunFolder.open(dir, { force: true });
    await run.write('report.html', 'new html');
    // Writing through a link to /dev/full fails the way a full disk does (ENOSPC).
    await symlink('/dev/full', run.stagingPath('report.pdf'));
    const err = await run.write('report.pdf', new Uint8Array(1024)).catch((e: unknown) => e);
    await run.close({ keepStaging: true });
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/no space left on the disk .* The earlier run in .* is untouched; what was written so far is in .*staging/);
    for (const f of ['report.pdf', 'report.html', 'audit.json', 'summary.md']) expect(await readFile(path.join(dir, f), 'utf8')).toBe(`old ${f}`);
    expect(existsSync(run.staging)).toBe(true);
  });

  it('an --out that is a file, or under a file, is refused with what to do', async () => {
    const parent = path.dirname(await fresh());
    const file = path.join(parent, 'report.txt');
    await writeFile(file, 'x');
    for (const dir of [file, path.join(file, 'sub')]) {
      const err = await RunFolder.open(dir, { force: true }).catch((e: unknown) => e);
      expect(err, dir).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(/is a file, not a folder|a part of .* is a file/);
    }
  });
});
