// What every signal extracted from each page, kept beside the crawl archive (archive/extracted.jsonl.gz), so a
// re-score from the archive does not parse and read 2,000 pages again (Lighthouse's saved artifacts, for the same
// reason). Extraction is a pure function of the page as archived and of the code that reads it, so a kept page is
// used only when both match: its digest (the exact input buildPageContext reads) and the extractor's fingerprint
// (this build's signal code and the versions of the libraries it parses with). Anything else, a page changed, a
// signal edited, a line unreadable, is extracted again, exactly as without the file. Only JSON-safe observations are
// kept; a page with any other is left out and extracted again.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { constants as zlibConstants, gunzip, gzipSync } from 'node:zlib';
import type { PageSnapshot } from '../crawl/types.js';
import { residueOf, retireFields, type PageContext } from './page-context.js';
import type { ExtractedPage } from './run-signals.js';

const gunzipAsync = promisify(gunzip);

export const FACTS_FILE = 'extracted.jsonl.gz';

/** A key-sorted JSON text, so the same value always digests the same (headers read back in another order). */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Digest of everything buildPageContext reads of a page. */
export function pageDigest(p: PageSnapshot): string {
  return createHash('sha256')
    .update(stable([p.url, p.finalUrl, p.depth, p.status, p.headers, p.redirectChain, p.renderMode, p.thirdPartyRequests ?? null, p.served ?? null]))
    .update('\0')
    .update(p.html)
    .digest('base64url');
}

let fingerprint: string | null = null;

/**
 * This build's extractor: the source of every module under signals/ and util/ (the code that parses and reads a page)
 * and the installed version of each runtime dependency. Any edit to them, or any upgrade, changes it.
 */
export function extractorFingerprint(): string {
  if (fingerprint) return fingerprint;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(?:js|ts|json)$/.test(name) && !name.endsWith('.d.ts'))
        hash
          .update(`${path.relative(here, file)}\0`)
          .update(readFileSync(file))
          .update('\0');
    }
  };
  walk(here);
  walk(path.join(here, '..', 'util'));
  const pkgFile = path.join(here, '..', '..', 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string; dependencies?: Record<string, string> };
  hash.update(`conductor-audit ${pkg.version}\0`);
  const require = createRequire(pkgFile);
  for (const dep of Object.keys(pkg.dependencies ?? {}).sort()) {
    let version = 'missing';
    try {
      // A package's own package.json is not always exported: find it above its resolved entry point.
      for (let dir = path.dirname(require.resolve(dep)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const candidate = path.join(dir, 'package.json');
        try {
          const meta = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
          if (meta.name === dep) {
            version = meta.version ?? 'unknown';
            break;
          }
        } catch {
          // not here: one folder up
        }
      }
    } catch {
      // not resolvable from here (an ESM-only export map): named without a version
    }
    hash.update(`${dep}@${version}\0`);
  }
  fingerprint = hash.digest('base64url');
  return fingerprint;
}

/** Plain JSON all the way down (no Map, Set, Date, class instance, undefined in an array, or non-finite number). */
function jsonSafe(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (depth > 64 || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.every((x) => x !== undefined && jsonSafe(x, depth + 1));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v as Record<string, unknown>).every((x) => x === undefined || jsonSafe(x, depth + 1));
}

interface FactsLine {
  digest: string;
  /** The retired page's fields (what aggregates read) and the HTML of the elements it keeps. */
  page: Record<string, unknown>;
  kept: string;
  results: Array<{ obs?: unknown } | { thrown: string }>;
}

/** One extracted page as a line of the facts file; null when an observation is not plain JSON. */
export function factsLine(snapshot: PageSnapshot, extracted: ExtractedPage): string | null {
  const results = extracted.results.map((r) =>
    'thrown' in r ? { thrown: String((r.thrown as Error)?.message ?? r.thrown) } : r.obs === undefined ? {} : { obs: r.obs },
  );
  const { $: _$, ...page } = extracted.page as unknown as Record<string, unknown>;
  if (!results.every((r) => !('obs' in r) || jsonSafe(r.obs)) || !jsonSafe(page)) return null;
  try {
    return JSON.stringify({ digest: pageDigest(snapshot), page, kept: extracted.kept, results } satisfies FactsLine);
  } catch {
    return null; // only a cache: the page is extracted again on a re-score
  }
}

/** The extracted page a facts line holds, as extractPage would have returned it. */
function restore(line: FactsLine): ExtractedPage {
  const page = line.page as unknown as PageContext;
  Object.defineProperty(page, '$', { value: residueOf(line.kept), enumerable: true, configurable: true });
  retireFields(page);
  return { page, kept: line.kept, results: line.results.map((r) => ('thrown' in r ? { thrown: new Error(r.thrown) } : { obs: r.obs })) };
}

/** The extracted page one line from factsLine holds (how a helper worker hands its extraction over: score-worker.ts). */
export function restoreLine(text: string): ExtractedPage {
  return restore(JSON.parse(text) as FactsLine);
}

/** Lines gathered before they are compressed and written: a bounded buffer, whatever the file's size. */
const FACTS_BATCH = 256 * 1024;

/**
 * Writes facts lines as pages are extracted: a first line naming the extractor, then one line per page. Lines are
 * compressed and written in batches, each a gzip member of its own (readers inflate the members as one text), on the
 * calling thread: a gzip stream fed from a busy worker kept every line queued (49 MB at 2,000 pages) until the
 * worker's messages ran out and its event loop let the compressor run.
 */
export class FactsWriter {
  private fd: number | null = null;
  private batch: string[] = [];
  private batched = 0;
  private failure: Error | null = null;

  constructor(readonly file: string) {
    try {
      this.fd = openSync(file, 'w');
    } catch (e) {
      this.failure = e as Error;
    }
    this.add(JSON.stringify({ extractor: extractorFingerprint() }));
  }

  add(line: string | null): void {
    if (!line || this.failure) return;
    this.batch.push(line, '\n');
    this.batched += line.length + 1;
    if (this.batched >= FACTS_BATCH) this.flush();
  }

  /** Writes what is gathered and closes the file; rejects with the first error met (the file is only a cache). */
  async close(): Promise<void> {
    this.flush();
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch (e) {
        this.failure ??= e as Error;
      }
      this.fd = null;
    }
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    const text = this.batch.join('');
    this.batch = [];
    this.batched = 0;
    if (!text || this.failure || this.fd === null) return;
    try {
      const member = gzipSync(text, { level: 4 });
      let done = 0;
      while (done < member.length) done += writeSync(this.fd, member, done, member.length - done);
    } catch (e) {
      this.failure = e as Error;
    }
  }
}

/**
 * The extracted pages kept beside an archive, by digest: empty when there is no facts file, when it was written by
 * another extractor (other signal code or library versions), or when it cannot be read.
 */
export async function readFacts(file: string): Promise<Map<string, ExtractedPage>> {
  const out = new Map<string, ExtractedPage>();
  let text: string;
  try {
    // Inflated whole, on the thread pool: a line reader over the stream spent longer splitting than parsing.
    text = (await gunzipAsync(await readFile(file), { finishFlush: zlibConstants.Z_SYNC_FLUSH })).toString('utf8');
  } catch {
    return out; // no file, or not gzip: nothing kept
  }
  let start = text.indexOf('\n');
  try {
    if (start < 0 || (JSON.parse(text.slice(0, start)) as { extractor?: string }).extractor !== extractorFingerprint()) return out;
    while (start < text.length) {
      const end = text.indexOf('\n', start + 1);
      if (end < 0) break; // a line cut short (a run that stopped while writing): left out
      const line = JSON.parse(text.slice(start + 1, end)) as FactsLine;
      out.set(line.digest, restore(line));
      start = end;
    }
  } catch {
    // A damaged line ends the reading: what was read before it is kept, the rest is extracted again.
  }
  return out;
}
