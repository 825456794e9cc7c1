import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRunDir, slugify, writeOutputs } from '../../../src/api/outputs.js';
import { UserError } from '../../../src/util/errors.js';

describe('output folder naming', () => {
  it('slugifies brand names to safe folder names', () => {
    expect(slugify('MegaMart')).toBe('megamart');
    expect(slugify('Café & Co. / Bröd')).toBe('cafe-co-brod');
    expect(slugify('../../etc')).toBe('etc');
    expect(slugify('???')).toBe('audit');
  });

  it('gives each run its own timestamped folder, never reusing one', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ca-out-'));
    const now = new Date('2026-11-23T10:20:30.456Z');
    const first = await defaultRunDir(root, 'Mega Mart', now);
    expect(first).toBe(path.join(root, 'mega-mart', '2026-11-23T10-20-30Z'));
    await writeOutputs(first, [{ name: 'audit.json', data: '{}' }], { force: false });
    const second = await defaultRunDir(root, 'Mega Mart', now);
    expect(second).toBe(`${first}-2`);
  });
});

describe('writeOutputs', () => {
  it('writes every file completely and leaves no temporary files', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'ca-out-')), 'run');
    const files = await writeOutputs(
      dir,
      [
        { name: 'audit.json', data: '{"a":1}' },
        { name: 'summary.md', data: '# x' },
      ],
      { force: false },
    );
    expect(files.map((f) => path.basename(f))).toEqual(['audit.json', 'summary.md']);
    expect(await readdir(dir)).toEqual(['audit.json', 'summary.md']);
    expect(await readFile(path.join(dir, 'audit.json'), 'utf8')).toBe('{"a":1}');
  });

  it('refuses to overwrite an earlier run, naming the files and the fix, and writes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ca-out-'));
    await writeFile(path.join(dir, 'summary.md'), 'earlier');
    const attempt = writeOutputs(
      dir,
      [
        { name: 'audit.json', data: 'new' },
        { name: 'summary.md', data: 'new' },
      ],
      { force: false },
    );
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(/summary\.md.*--force/);
    expect(await readdir(dir)).toEqual(['summary.md']);
    expect(await readFile(path.join(dir, 'summary.md'), 'utf8')).toBe('earlier');
  });

  it('overwrites when asked', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ca-out-'));
    await writeFile(path.join(dir, 'summary.md'), 'earlier');
    await writeOutputs(dir, [{ name: 'summary.md', data: 'new' }], { force: true });
    expect(await readFile(path.join(dir, 'summary.md'), 'utf8')).toBe('new');
  });
});
