import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { UserError } from '../util/errors.js';
import { AuditFileSchema, type AuditFile, type AuditFileInput } from './audit-file.js';
import { formatZodIssues } from './format-issues.js';

/** An audit definition with every relative path resolved against the audit file's folder. */
export interface ResolvedAudit extends AuditFile {
  /** Folder relative paths were resolved against. */
  baseDir: string;
  /** The audit file, or null when built from CLI flags. */
  sourceFile: string | null;
}

/** Allowed keys at a path, read from the zod schema, so typos get a "did you mean". */
function knownKeysAt(pathKeys: ReadonlyArray<PropertyKey>): string[] {
  let schema: z.ZodType = AuditFileSchema;
  for (const key of pathKeys) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[String(key)];
      if (!next) return [];
      schema = next;
    } else return [];
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  // A record keyed by an enum (e.g. `analyst: { Q1: ... }`): its allowed keys are the enum's values.
  const keyType = (schema as unknown as { def: { keyType?: z.ZodType } }).def?.keyType;
  return keyType instanceof z.ZodEnum ? (keyType.options as string[]).map(String) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  // Defaults, optionals and refinements wrap the object; peel them to reach its shape.
  for (let i = 0; i < 10; i++) {
    const def = (s as unknown as { def: { innerType?: z.ZodType; in?: z.ZodType } }).def;
    if (def?.innerType) s = def.innerType;
    else if (def?.in) s = def.in;
    else break;
  }
  return s;
}

/** The file's text, refusing bytes that are not UTF-8 (a Latin-1 file would silently read as "Caf� M�ller"). */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UserError(`${file} is not UTF-8 text (it looks like Latin-1 or Windows-1252). Save it as UTF-8 and run again.`);
  }
}

/** A YAML document as plain data; an alias bomb (aliases expanding to millions of nodes) is refused, not expanded. */
export function yamlToJs(doc: ReturnType<typeof parseDocument>, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    if (e instanceof ReferenceError || /alias/i.test((e as Error).message)) {
      throw new UserError(`${file} uses YAML aliases (*name) that expand too far: ${(e as Error).message}. Write the values out instead of aliasing them.`);
    }
    throw e;
  }
}

export function validateAudit(input: unknown, label: string): AuditFile {
  const parsed = AuditFileSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = formatZodIssues(parsed.error, input, knownKeysAt);
  throw new UserError(`${label} is not a valid audit file (${lines.length} problem${lines.length === 1 ? '' : 's'}):`, lines);
}

export async function loadAuditFile(file: string): Promise<ResolvedAudit> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = decodeUtf8(await readFile(abs), file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? `Audit file not found: ${file}. Check the path, or start from audits/demo/megamart.yaml.`
        : `Cannot read audit file ${file}: ${(e as Error).message}`,
    );
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new UserError(
      `${file} is not valid YAML:`,
      doc.errors.map((err) => `line ${err.linePos?.[0]?.line ?? '?'}: ${err.message.split('\n')[0]}`),
    );
  }
  const input = yamlToJs(doc, file);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new UserError(`${file} must be a YAML mapping with at least \`brand:\` and \`site: { url: ... }\`.`);
  }
  const audit = validateAudit(input, file);
  return resolvePaths(audit, path.dirname(abs), abs);
}

/** Builds an audit from CLI flags (`run --brand X --url U`), validated by the same schema. */
export function auditFromFlags(input: AuditFileInput): ResolvedAudit {
  const audit = validateAudit(input, 'The command-line options');
  return { ...audit, baseDir: process.cwd(), sourceFile: null };
}

async function resolvePaths(audit: AuditFile, baseDir: string, sourceFile: string): Promise<ResolvedAudit> {
  const problems: string[] = [];
  const resolve = async (value: string | undefined, field: string, kind: 'file' | 'dir'): Promise<string | undefined> => {
    if (!value) return value;
    const abs = path.resolve(baseDir, value);
    try {
      const s = await stat(abs);
      if (kind === 'dir' ? !s.isDirectory() : !s.isFile()) {
        problems.push(`${field}: ${value} is not a ${kind === 'dir' ? 'folder' : 'file'} (resolved to ${abs})`);
      }
    } catch {
      problems.push(`${field}: ${value} does not exist (relative paths resolve against the audit file's folder: ${baseDir})`);
    }
    return abs;
  };
  const snapshot = await resolve(audit.site.snapshot, 'site.snapshot', 'dir');
  const trafficFile = await resolve(audit.traffic?.file, 'traffic.file', 'file');
  const logo = await resolve(audit.report.analyst.logo, 'report.analyst.logo', 'file');
  const session = await resolve(audit.crawl.session, 'crawl.session', 'file');
  if (problems.length) throw new UserError(`${sourceFile} refers to missing files:`, problems);
  return {
    ...audit,
    site: { ...audit.site, snapshot },
    traffic: audit.traffic && trafficFile ? { ...audit.traffic, file: trafficFile } : audit.traffic,
    report: { ...audit.report, analyst: { ...audit.report.analyst, logo } },
    crawl: { ...audit.crawl, session },
    baseDir,
    sourceFile,
  };
}
