// The stored runs of a brand: `<output>/<brand-slug>/<timestamp>/audit.json`, oldest first. Baselines and
// history both read them.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AUDIT_SCHEMA_VERSION, AuditResultSchema, type AuditResult } from '../result/schema.js';
import { UserError } from '../util/errors.js';

export interface StoredRun {
  dir: string;
  file: string;
  result: AuditResult;
}

export async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

export async function isDir(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Reads one audit.json; a file that is not one is the user's to fix (it names the file). */
export async function readAuditJson(file: string): Promise<AuditResult> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UserError(`Cannot read ${file} as audit.json: ${(e as Error).message}`);
  }
  const parsed = AuditResultSchema.safeParse(data);
  if (!parsed.success) {
    const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
    throw new UserError(
      `${file} is not an audit.json this version reads${version !== undefined && version !== AUDIT_SCHEMA_VERSION ? ` (schemaVersion ${String(version)}; this version reads ${AUDIT_SCHEMA_VERSION})` : ''}: ${parsed.error.issues[0]?.path.join('.') || '(top level)'}: ${parsed.error.issues[0]?.message}. Re-score its archive with \`conductor-audit run --from-archive\`, or leave it out.`,
    );
  }
  return parsed.data;
}

/** The runs of a brand's folder, and the audit.json files in it that this version cannot read. */
export interface BrandRuns {
  runs: StoredRun[];
  /** Files left out (an older schemaVersion, a damaged file), each with why. */
  unreadable: Array<{ file: string; why: string }>;
}

/**
 * The runs directly under a brand's folder, oldest first (by the date of the crawl, then by folder name). A run
 * this version cannot read is left out and listed, so one old or damaged file does not stop every later job.
 */
export async function readBrandRuns(brandDir: string): Promise<BrandRuns> {
  let names: string[];
  try {
    names = await readdir(brandDir);
  } catch {
    return { runs: [], unreadable: [] };
  }
  const runs: StoredRun[] = [];
  const unreadable: BrandRuns['unreadable'] = [];
  for (const name of names.sort()) {
    const dir = path.join(brandDir, name);
    const file = path.join(dir, 'audit.json');
    if (!(await isFile(file))) continue;
    try {
      runs.push({ dir, file, result: await readAuditJson(file) });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      unreadable.push({ file, why: e.message });
    }
  }
  runs.sort((a, b) => a.result.generatedAt.localeCompare(b.result.generatedAt) || a.dir.localeCompare(b.dir));
  return { runs, unreadable };
}

/** The readable runs of a brand's folder, oldest first. */
export async function listRuns(brandDir: string): Promise<StoredRun[]> {
  return (await readBrandRuns(brandDir)).runs;
}
