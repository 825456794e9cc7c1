// Reading a saved audit.json: one place, one error a user can act on.
import { readFile } from 'node:fs/promises';
import { AUDIT_SCHEMA_VERSION, AuditResultSchema } from '../result/schema.js';
import type { AuditResult } from '../result/types.js';
import { UserError } from '../util/errors.js';

export async function readResult(file: string): Promise<AuditResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file} is not valid JSON (${(e as Error).message}). Give an audit.json written by conductor-audit run.`);
  }
  const parsed = AuditResultSchema.safeParse(data);
  if (!parsed.success) {
    const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new UserError(
      version !== undefined && version !== AUDIT_SCHEMA_VERSION
        ? `${file} was written by an older version (schemaVersion ${String(version)}; this version reads ${AUDIT_SCHEMA_VERSION}). Re-score its saved crawl with \`conductor-audit run --from-archive <its run folder>\`, or re-run the audit:`
        : `${file} is not an audit.json this version can read (schemaVersion ${AUDIT_SCHEMA_VERSION}). Re-run the audit with this version, or give its audit file instead:`,
      first,
    );
  }
  return parsed.data;
}
