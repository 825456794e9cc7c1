// A run's output folder as a transaction. A lock taken before the crawl refuses a second run into the same
// folder; every file of the run (report, audit.json, summary, archive) is written into a staging folder beside it;
// only when all are written does the run replace the folder's earlier run, whole: the earlier run's files are moved
// aside, the new ones moved in, and the old ones deleted. A failure at any step leaves the earlier run as it was
// and names the staging folder. The folder itself is checked (exists as a folder, writable, not full) up front, so
// a bad --out never costs a crawl.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/errors.js';

/** Every name a run writes at the top of its folder: an earlier run is these, whatever formats it had. */
export const RUN_ENTRIES = ['report.pdf', 'report.html', 'audit.json', 'summary.md', 'archive'] as const;
const LOCK = '.conductor-audit.lock';

/** A filesystem failure in words a user can act on. */
export function fsProblem(e: unknown, where: string): UserError | null {
  const code = (e as NodeJS.ErrnoException)?.code;
  const say: Record<string, string> = {
    ENOSPC: `there is no space left on the disk holding ${where}`,
    EDQUOT: `the disk quota for ${where} is used up`,
    EACCES: `${where} is not writable (permission denied)`,
    EPERM: `${where} is not writable (operation not permitted)`,
    EROFS: `${where} is on a read-only filesystem`,
    ENOTDIR: `a part of ${where} is a file, not a folder`,
    EEXIST: `${where} exists and is a file, not a folder`,
    ENAMETOOLONG: `the path ${where} is too long`,
  };
  return code && say[code] ? new UserError(`Cannot write the results: ${say[code]}. Choose another --out folder, or free the space.`) : null;
}

async function isDir(p: string): Promise<boolean | null> {
  try {
    return (await lstat(p)).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class RunFolder {
  private committed = false;
  private constructor(
    readonly dir: string,
    readonly staging: string,
    private readonly lock: string,
  ) {}

  /**
   * Checks the folder, takes its lock and makes the staging folder. Without `force`, a folder holding an earlier
   * run is refused before anything is crawled.
   */
  static async open(dir: string, opts: { force: boolean }): Promise<RunFolder> {
    const where = dir;
    try {
      if ((await isDir(dir)) === false) throw new UserError(`--out ${where} is a file, not a folder. Choose a folder (it is created when missing).`);
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw fsProblem(e, where) ?? e;
    }
    const lock = path.join(dir, LOCK);
    await takeLock(lock, where);
    try {
      if (!opts.force) {
        const earlier = await earlierRun(dir);
        if (earlier.length) {
          throw new UserError(
            `${where} already holds results of an earlier run (${earlier.join(', ')}). Nothing was overwritten: pass --force to replace that run, or choose another --out folder (without --out, each run gets its own folder).`,
          );
        }
      }
      const staging = path.join(path.dirname(dir), `.${path.basename(dir)}.staging-${process.pid}-${randomBytes(3).toString('hex')}`);
      try {
        await mkdir(staging);
      } catch (e) {
        throw fsProblem(e, path.dirname(dir)) ?? e;
      }
      return new RunFolder(dir, staging, lock);
    } catch (e) {
      await rm(lock, { force: true });
      throw e;
    }
  }

  /** Writes one file into the staging folder (a `/` in the name makes sub-folders). */
  async write(name: string, data: string | Uint8Array): Promise<void> {
    const file = path.join(this.staging, name);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    } catch (e) {
      throw this.failed(e);
    }
  }

  /** Where a writer that makes its own files (the archive) writes, inside the staging folder. */
  stagingPath(name: string): string {
    return path.join(this.staging, name);
  }

  /**
   * Replaces the folder's earlier run with the staged one, whole: earlier run entries are moved aside first and put
   * back if anything fails. Returns the paths of the new files.
   */
  async commit(): Promise<string[]> {
    const aside = `${this.staging}-previous`;
    const moved: string[] = [];
    const placed: string[] = [];
    try {
      await mkdir(aside);
      for (const name of await earlierRun(this.dir)) {
        await rename(path.join(this.dir, name), path.join(aside, name));
        moved.push(name);
      }
      for (const name of await readdir(this.staging)) {
        await rename(path.join(this.staging, name), path.join(this.dir, name));
        placed.push(name);
      }
    } catch (e) {
      // Put the earlier run back as it was; the new files stay in staging, which the error names.
      for (const name of placed) await rename(path.join(this.dir, name), path.join(this.staging, name)).catch(() => undefined);
      for (const name of moved) await rename(path.join(aside, name), path.join(this.dir, name)).catch(() => undefined);
      await rm(aside, { recursive: true, force: true });
      throw this.failed(e);
    }
    this.committed = true;
    await rm(aside, { recursive: true, force: true });
    await rm(this.staging, { recursive: true, force: true });
    return (await listFiles(this.dir, placed)).sort(byOutputOrder);
  }

  /** Ends the run: releases the lock, and drops the staging folder unless a failure asked to keep it. */
  async close(opts: { keepStaging?: boolean } = {}): Promise<void> {
    if (!this.committed && !opts.keepStaging) await rm(this.staging, { recursive: true, force: true });
    await rm(this.lock, { force: true });
  }

  private failed(e: unknown): Error {
    const problem = fsProblem(e, this.dir);
    const where = ` The earlier run in ${this.dir}, if any, is untouched; what was written so far is in ${this.staging}.`;
    return problem ? new UserError(problem.message + where) : new Error(`${(e as Error).message}.${where}`);
  }
}

/** The entries of an earlier run in `dir`. */
async function earlierRun(dir: string): Promise<string[]> {
  const present = new Set(await readdir(dir).catch(() => [] as string[]));
  return RUN_ENTRIES.filter((n) => present.has(n));
}

async function takeLock(lock: string, where: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw fsProblem(e, where) ?? e;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      // A lock left by a run that no longer exists (killed) is taken over.
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new UserError(`Another run (process ${pid}) is writing to ${where}. Wait for it to finish, or choose another --out folder.`);
      }
      await rm(lock, { force: true });
    }
  }
  throw new UserError(`Could not lock ${where}: another run keeps taking it. Choose another --out folder.`);
}

async function listFiles(dir: string, names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    const p = path.join(dir, name);
    if (await isDir(p)) for (const sub of await readdir(p)) out.push(path.join(p, sub));
    else out.push(p);
  }
  return out;
}

const ORDER = ['report.pdf', 'report.html', 'audit.json', 'summary.md'];
function byOutputOrder(a: string, b: string): number {
  const ia = ORDER.indexOf(path.basename(a));
  const ib = ORDER.indexOf(path.basename(b));
  return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || a.localeCompare(b);
}
