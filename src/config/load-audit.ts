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

/**
 * Allowed keys at a path, read from a zod schema, so typos get a "did you mean". Walks objects, records (their
 * values), tuples (their items) and the wrappers around them (defaults, optionals, refinements, preprocessing).
 */
export function knownKeysIn(root: z.ZodType, pathKeys: ReadonlyArray<PropertyKey>): string[] {
  let schema: z.ZodType = root;
  for (const key of pathKeys) {
    schema = unwrap(schema);
    const def = (schema as unknown as { def: { type?: string; valueType?: z.ZodType; items?: z.ZodType[]; element?: z.ZodType } }).def;
    if (schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[String(key)];
      if (!next) return [];
      schema = next;
    } else if (def?.type === 'record' && def.valueType) schema = def.valueType;
    else if (def?.type === 'tuple' && def.items && typeof key === 'number' && def.items[key]) schema = def.items[key]!;
    else if (def?.type === 'array' && def.element && typeof key === 'number') schema = def.element;
    else return [];
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  // A record keyed by an enum (e.g. `analyst: { Q1: ... }`): its allowed keys are the enum's values.
  const keyType = (schema as unknown as { def: { keyType?: z.ZodType } }).def?.keyType;
  return keyType instanceof z.ZodEnum ? (keyType.options as string[]).map(String) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  // Defaults, optionals, refinements and preprocessing wrap the object; peel them to reach its shape.
  for (let i = 0; i < 10; i++) {
    const def = (s as unknown as { def: { type?: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType } }).def;
    if (def?.innerType) s = def.innerType;
    else if (def?.type === 'pipe' && def.out && (def.in as unknown as { def?: { type?: string } })?.def?.type === 'transform') s = def.out;
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
  const lines = formatZodIssues(parsed.error, input, (p) => knownKeysIn(AuditFileSchema, p));
  throw new UserError(`${label} is not a valid audit file (${lines.length} problem${lines.length === 1 ? '' : 's'}):`, lines);
}

/** Reads a YAML file that must hold a mapping; a missing file, bad YAML or another shape is a UserError. */
export async function readYamlMapping(file: string, what: string, hint: string): Promise<Record<string, unknown>> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = decodeUtf8(await readFile(abs), file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `${capital(what)} not found: ${file}. Check the path; ${hint}` : `Cannot read ${what} ${file}: ${(e as Error).message}`,
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
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new UserError(`${file} must be a YAML mapping: ${hint}`);
  return input as Record<string, unknown>;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export async function loadAuditFile(file: string): Promise<ResolvedAudit> {
  const input = await readYamlMapping(file, 'audit file', 'start from audits/demo/megamart.yaml (at least `brand:` and `site: { url: ... }`).');
  return resolveAuditInput(input, file, path.dirname(path.resolve(file)), path.resolve(file));
}

/** Validates an audit given as data (a file's mapping, or an inline audit of a portfolio) and resolves its paths. */
export async function resolveAuditInput(input: unknown, label: string, baseDir: string, sourceFile: string): Promise<ResolvedAudit> {
  return resolvePaths(validateAudit(input, label), baseDir, sourceFile, label);
}

/** Builds an audit from CLI flags (`run --brand X --url U`), validated by the same schema. */
export function auditFromFlags(input: AuditFileInput): ResolvedAudit {
  const audit = validateAudit(input, 'The command-line options');
  return { ...audit, baseDir: process.cwd(), sourceFile: null };
}

async function resolvePaths(audit: AuditFile, baseDir: string, sourceFile: string, label: string): Promise<ResolvedAudit> {
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
  if (problems.length) throw new UserError(`${label} refers to missing files:`, problems);
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
