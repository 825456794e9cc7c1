// The crawl archive: every fetched page as a WARC `response` record (readable by any WARC tool), plus one
// `metadata` record with the rest of the crawl (every URL's outcome, robots, timings), so an audit can be
// re-scored and re-rendered later with no network (`--from-archive`).
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createGunzip, gzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { WARCParser, WARCRecord, WARCSerializer } from 'warcio';
import type { CrawlResult, PageScreenshot, PageSnapshot } from './types.js';
import { copyPage } from './spool.js';

const gzipAsync = promisify(gzip);

export const ARCHIVE_FILE = 'crawl.warc.gz';
const CRAWL_METADATA_URI = 'urn:conductor-audit:crawl';
const SCREENSHOT_URI_PREFIX = 'urn:conductor-audit:screenshot:';

/** What the archive keeps about a page beyond its response: how it was obtained, and what a rendered page loaded. */
type PageMetadata = Pick<PageSnapshot, 'renderReason' | 'served' | 'noindex' | 'thirdPartyRequests' | 'fetchMs'>;
const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 203: 'Non-Authoritative Information', 206: 'Partial Content' };

/** A record and its payload's bytes (hashed here, see `packed`). */
interface Built {
  record: WARCRecord | Promise<WARCRecord>;
  payload: Uint8Array;
}

const encoder = new TextEncoder();

function built(make: (content: AsyncGenerator<Uint8Array>) => WARCRecord | Promise<WARCRecord>, content: string | Uint8Array): Built {
  const payload = typeof content === 'string' ? encoder.encode(content) : content;
  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield payload;
  }
  return { record: make(bytes()), payload };
}

function pageMetadataRecord(page: PageSnapshot, date: string): Built | null {
  const meta: PageMetadata = {
    ...(page.renderReason ? { renderReason: page.renderReason } : {}),
    ...(page.thirdPartyRequests ? { thirdPartyRequests: page.thirdPartyRequests } : {}),
    ...(page.served ? { served: page.served } : {}),
    ...(page.fetchMs !== undefined ? { fetchMs: page.fetchMs } : {}),
    ...(page.noindex ? { noindex: true } : {}),
  };
  if (!Object.keys(meta).length) return null;
  return built(
    (content) =>
      WARCRecord.create(
        {
          url: page.finalUrl,
          date,
          type: 'metadata',
          warcVersion: 'WARC/1.1',
          warcHeaders: { 'Content-Type': 'application/json', 'WARC-X-Requested-URI': page.url },
        },
        content,
      ),
    JSON.stringify(meta),
  );
}

function screenshotRecord(shot: PageScreenshot, date: string): Built {
  return built(
    (content) =>
      WARCRecord.create(
        {
          url: SCREENSHOT_URI_PREFIX + shot.url,
          date,
          type: 'resource',
          warcVersion: 'WARC/1.1',
          warcHeaders: { 'Content-Type': shot.mimeType, 'WARC-X-Group': shot.group, 'WARC-X-Width': String(shot.width), 'WARC-X-Height': String(shot.height) },
        },
        content,
      ),
    new Uint8Array(shot.data),
  );
}

/** Headers as kept in the archive: framing headers describe the original bytes, and cookies are never kept. */
const NOT_ARCHIVED = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'set-cookie']);

export function archivedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !NOT_ARCHIVED.has(k)));
}

/** The crawl exactly as it will read back from its archive, so a live run and a re-run score the same input. */
export function asArchived(crawl: CrawlResult): CrawlResult {
  return { ...crawl, pages: crawl.pages.map(asArchivedPage) };
}

/** One page exactly as it will read back from the archive. */
export function asArchivedPage(page: PageSnapshot): PageSnapshot {
  return copyPage(page, { headers: archivedHeaders(page.headers) });
}

function pageRecord(page: PageSnapshot, date: string): Built {
  // Bodies are stored as the decoded text, re-encoded as UTF-8; the header says so, and the original
  // Content-Type is kept beside it.
  const httpHeaders = archivedHeaders(page.headers);
  httpHeaders['content-type'] = 'text/html; charset=utf-8';
  return built(
    (content) =>
      WARCRecord.create(
        {
          url: page.finalUrl,
          date,
          type: 'response',
          warcVersion: 'WARC/1.1',
          statusline: `HTTP/1.1 ${page.status} ${STATUS_TEXT[page.status] ?? 'OK'}`,
          httpHeaders,
          warcHeaders: {
            'WARC-X-Requested-URI': page.url,
            'WARC-X-Depth': String(page.depth),
            'WARC-X-Render-Mode': page.renderMode,
            'WARC-X-Redirect-Chain': JSON.stringify(page.redirectChain),
            ...(page.headers['content-type'] ? { 'WARC-X-Original-Content-Type': page.headers['content-type'] } : {}),
          },
        },
        content,
      ),
    page.html,
  );
}

/**
 * One record as a gzip member of its own (a .warc.gz is a series of them, so a reader can seek to any record).
 * warcio serialises the record; Node's zlib packs it in one synchronous call, which on a busy machine is many times
 * faster than warcio's own gzip (a compression stream fed in small chunks, each a round trip to the thread pool).
 */
async function packed(item: Built | WARCRecord): Promise<Uint8Array> {
  const record = item instanceof WARCRecord ? item : await item.record;
  if (!(item instanceof WARCRecord)) {
    // The digests warcio would compute (SHA-256 of the payload, and of the HTTP headers and payload: the block),
    // computed with Node's native hash: warcio skips its own, much slower one, when a record already has them.
    const http = record.httpHeaders ? encoder.encode(`${record.httpHeaders.toString()}\r\n`) : new Uint8Array();
    record.warcHeaders.headers.set('WARC-Payload-Digest', `sha256:${createHash('sha256').update(item.payload).digest('hex')}`);
    record.warcHeaders.headers.set('WARC-Block-Digest', `sha256:${createHash('sha256').update(http).update(item.payload).digest('hex')}`);
  }
  // On the thread pool: the archive is written while the report renders, and must not hold the main thread.
  return gzipAsync(await WARCSerializer.serialize(record));
}

/**
 * Writes the archive atomically (to a temporary file, renamed when complete); returns its path. Records go to the
 * file one by one as they are packed, so the archive is never held in memory whole. Cookies are never stored
 * (set-cookie is dropped).
 */
export async function writeArchive(dir: string, crawl: CrawlResult, software: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, ARCHIVE_FILE);
  const date = crawl.startedAt;
  const tmp = `${file}.${process.pid}.tmp`;
  const out = await open(tmp, 'w');
  try {
    const info = await WARCRecord.createWARCInfo(
      { filename: ARCHIVE_FILE, warcVersion: 'WARC/1.1' },
      { software, format: 'WARC File Format 1.1', 'conductor-audit-start-url': crawl.startUrl, 'http-header-user-agent': crawl.userAgent },
    );
    await out.write(await packed(info));
    for (const page of crawl.pages) {
      await out.write(await packed(pageRecord(page, date)));
      const meta = pageMetadataRecord(page, date);
      if (meta) await out.write(await packed(meta));
    }
    for (const shot of crawl.screenshots ?? []) await out.write(await packed(screenshotRecord(shot, date)));
    const { pages: _pages, screenshots: _shots, ...rest } = crawl;
    await out.write(
      await packed(
        built(
          (content) =>
            WARCRecord.create(
              { url: CRAWL_METADATA_URI, date, type: 'metadata', warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': 'application/json' } },
              content,
            ),
          JSON.stringify(rest),
        ),
      ),
    );
  } catch (e) {
    await out.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await out.close();
  await rename(tmp, file);
  return file;
}

/** Where the archive is: a run folder (…/archive/crawl.warc.gz inside it), an archive folder, or the file. */
export function resolveArchivePath(input: string): string[] {
  if (/\.warc(\.gz)?$/i.test(input)) return [input];
  return [path.join(input, 'archive', ARCHIVE_FILE), path.join(input, ARCHIVE_FILE)];
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${what} is not valid JSON: the archive is damaged`);
  }
}

/** The fields a re-score reads from the crawl record, checked: a damaged archive is said so, never a TypeError later. */
const CrawlRecordShape = z
  .object({
    startUrl: z.string(),
    userAgent: z.string(),
    render: z.enum(['static', 'browser', 'auto']),
    startedAt: z.string(),
    durationMs: z.number(),
    robots: z
      .object({
        url: z.string(),
        status: z.number().nullable(),
        policy: z.enum(['parsed', 'allow-all', 'disallow-all']),
        crawlDelaySec: z.number().nullable(),
        note: z.string(),
      })
      .loose(),
    records: z.array(z.object({ url: z.string(), depth: z.number(), outcome: z.enum(['fetched', 'failed', 'skipped', 'robots-blocked']) }).loose()),
    stoppedEarly: z.string().nullable(),
  })
  .loose();

function checkedCrawlRecord(value: unknown, file: string): Omit<CrawlResult, 'pages'> {
  const parsed = CrawlRecordShape.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'the record'}: ${i.message}`)
      .join('; ');
    throw new Error(`the crawl record in ${path.basename(file)} is incomplete (${where}): the archive is damaged or was edited`);
  }
  return parsed.data as unknown as Omit<CrawlResult, 'pages'>;
}

/** Does the file start with the gzip magic bytes (a .warc.gz, not a plain .warc)? */
async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Rebuilds the CrawlResult a run saw, page for page, from its archive. */
export async function readArchive(file: string): Promise<CrawlResult> {
  const pages: PageSnapshot[] = [];
  const pageMeta = new Map<string, PageMetadata>();
  const screenshots: PageScreenshot[] = [];
  let rest: Omit<CrawlResult, 'pages'> | null = null;
  // Node's zlib inflates the records (one gzip member each, read as one stream), not warcio's JavaScript inflater:
  // a 2,000-page archive reads in a fraction of the time.
  const parser = new WARCParser((await isGzip(file)) ? createReadStream(file).pipe(createGunzip()) : createReadStream(file));
  for await (const record of parser) {
    if (record.warcType === 'response') {
      const h = (name: string) => record.warcHeader(name) ?? '';
      const headers: Record<string, string> = {};
      record.httpHeaders?.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
      if (h('WARC-X-Original-Content-Type')) headers['content-type'] = h('WARC-X-Original-Content-Type');
      pages.push({
        url: h('WARC-X-Requested-URI') || record.warcTargetURI || '',
        finalUrl: record.warcTargetURI ?? '',
        status: Number(record.httpHeaders?.statusCode ?? 200),
        headers,
        html: await record.contentText(),
        depth: Number(h('WARC-X-Depth') || 0),
        redirectChain: JSON.parse(h('WARC-X-Redirect-Chain') || '[]') as string[],
        renderMode: h('WARC-X-Render-Mode') === 'browser' ? 'browser' : 'static',
      });
    } else if (record.warcType === 'metadata' && record.warcTargetURI === CRAWL_METADATA_URI) {
      rest = checkedCrawlRecord(parseJson(await record.contentText(), 'the crawl record'), file);
    } else if (record.warcType === 'metadata' && record.warcHeader('WARC-X-Requested-URI')) {
      const meta = parseJson(await record.contentText(), `the metadata of ${record.warcHeader('WARC-X-Requested-URI')}`);
      if (meta && typeof meta === 'object' && !Array.isArray(meta)) pageMeta.set(record.warcHeader('WARC-X-Requested-URI')!, meta as PageMetadata);
    } else if (record.warcType === 'resource' && record.warcTargetURI?.startsWith(SCREENSHOT_URI_PREFIX)) {
      const type = record.warcHeader('Content-Type');
      screenshots.push({
        url: record.warcTargetURI.slice(SCREENSHOT_URI_PREFIX.length),
        group: record.warcHeader('WARC-X-Group') ?? '',
        mimeType: type === 'image/png' ? 'image/png' : 'image/jpeg',
        width: Number(record.warcHeader('WARC-X-Width') ?? 0),
        height: Number(record.warcHeader('WARC-X-Height') ?? 0),
        data: Buffer.from(await record.readFully()),
      });
    }
  }
  if (!rest) throw new Error(`${file} has no conductor-audit crawl record: it was not written by this tool, or it is truncated.`);
  // Page metadata (PageMetadata: fields of PageSnapshot) goes back onto the page it was written for.
  const withMeta = pages.map((p) => {
    const m = pageMeta.get(p.url);
    return m ? { ...p, ...m } : p;
  });
  return { ...rest, pages: withMeta, ...(screenshots.length || rest.render !== 'static' ? { screenshots } : {}) };
}
