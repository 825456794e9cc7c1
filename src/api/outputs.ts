// Writing a run's results: atomically (temp file + rename in the same folder), and never over an earlier run's
// results unless the caller asked (`force`).
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/errors.js';
import { slugify } from '../util/slug.js';

export { slugify };

export type OutputFormat = 'pdf' | 'html' | 'json' | 'md';

export const OUTPUT_FILES: Record<OutputFormat, string> = {
  pdf: 'report.pdf',
  html: 'report.html',
  json: 'audit.json',
  md: 'summary.md',
};

/** `output/<brand-slug>/<timestamp>/`, with a suffix if a run in the same second got there first. */
export async function defaultRunDir(root: string, brand: string, now: Date): Promise<string> {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  const base = path.join(root, slugify(brand), stamp);
  for (let i = 1; i < 100; i++) {
    const dir = i === 1 ? base : `${base}-${i}`;
    if (!(await exists(dir))) return dir;
  }
  throw new Error(`Could not find a free run folder under ${base}`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes every file or none of the ones that would overwrite: the check for earlier results happens before the
 * first write, and each file appears complete or not at all.
 */
export async function assertNoEarlierResults(dir: string, names: string[]): Promise<void> {
  const clashes: string[] = [];
  for (const name of names) if (await exists(path.join(dir, name))) clashes.push(name);
  if (clashes.length) {
    throw new UserError(
      `${dir} already holds results of an earlier run (${clashes.join(', ')}). Nothing was overwritten: pass --force to replace them, or choose another --out folder (without --out, each run gets its own folder).`,
    );
  }
}

export async function writeOutputs(dir: string, files: Array<{ name: string; data: string | Uint8Array }>, opts: { force: boolean }): Promise<string[]> {
  if (!opts.force)
    await assertNoEarlierResults(
      dir,
      files.map((f) => f.name),
    );
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    // A name may hold a sub-folder (charts/index.svg): the temporary file sits beside its target.
    const target = path.join(dir, f.name);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(path.dirname(target), `.${path.basename(f.name)}.${process.pid}.tmp`);
    try {
      await writeFile(tmp, f.data);
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    written.push(target);
  }
  return written;
}
