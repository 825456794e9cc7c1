// One GET, done by hand: manual redirects (every hop recorded), a timeout, a byte cap read from the stream,
// and charset decoding. Returns a tagged result; the crawler turns it into a UrlRecord.
import iconv from 'iconv-lite';
import type { FailReason, SkipReason } from './types.js';

export interface FetchPageOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  /** Whether a redirect target may be followed (scope, robots). Return a reason to stop there. */
  allowRedirect?: (url: string) => string | null;
  /** The fetch dispatcher (the SSRF guard's, which checks each connection's address). */
  dispatcher?: import('undici').Dispatcher;
  /** Cookie header for a URL (the opt-in member session); asked again for every redirect hop. */
  cookieFor?: (url: string) => string | null;
  signal?: AbortSignal;
}

export type FetchPageResult =
  | {
      kind: 'page';
      url: string;
      finalUrl: string;
      status: number;
      headers: Record<string, string>;
      html: string;
      redirectChain: string[];
      /** Charset actually used to decode (utf-8 when the declared one was unknown). */
      charset: string;
      charsetNote?: string;
    }
  | {
      kind: 'failed';
      url: string;
      reason: FailReason;
      status?: number;
      detail: string;
      redirectChain: string[];
      /** Response headers when there was a response (e.g. Retry-After on 429/503). */
      headers?: Record<string, string>;
    }
  | {
      kind: 'skipped';
      url: string;
      reason: SkipReason;
      status?: number;
      detail: string;
      redirectChain: string[];
      /** Set when a redirect led somewhere we will not follow. */
      redirectTarget?: string;
    };

const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';

export function headersToRecord(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => {
    out[k.toLowerCase()] = v;
  });
  return out;
}

export class TooLargeError extends Error {}

/** Reads at most `maxBytes` of the body; throws TooLargeError (and cancels the stream) past that. */
export async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new TooLargeError(`content-length ${declared} > ${maxBytes}`);
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError(`body exceeded ${maxBytes} bytes`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** The first `maxBytes` bytes of a body, and whether there was more (the rest is not read). */
export async function readPrefix(res: Response, maxBytes: number): Promise<{ bytes: Buffer; cut: boolean }> {
  if (!res.body) return { bytes: Buffer.alloc(0), cut: false };
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks), cut: false };
    chunks.push(Buffer.from(value));
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { bytes: Buffer.concat(chunks).subarray(0, maxBytes), cut: true };
    }
  }
}

function charsetFromContentType(ct: string | null): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(ct ?? '');
  return m?.[1]?.toLowerCase() ?? null;
}

function sniffBom(buf: Buffer): { charset: string; skip: number } | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

/** <meta charset> or <meta http-equiv=content-type content="…charset=…"> in the first 1024 bytes (HTML prescan). */
function charsetFromMeta(buf: Buffer): string | null {
  const head = buf.subarray(0, 1024).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return direct?.[1]?.toLowerCase() ?? null;
}

/** Decodes HTML bytes: BOM, then Content-Type, then <meta>. Unknown charsets fall back to utf-8 (with a note). */
export function decodeHtml(buf: Buffer, contentType: string | null): { html: string; charset: string; note?: string } {
  const bom = sniffBom(buf);
  if (bom) return { html: iconv.decode(buf.subarray(bom.skip), bom.charset), charset: bom.charset };
  const declared = charsetFromContentType(contentType) ?? charsetFromMeta(buf);
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    // WHATWG maps iso-8859-1/latin1/ascii labels to windows-1252; do the same so € in 0x80 decodes.
    const label = /^(?:iso-?8859-1|latin-?1|l1|us-ascii|ascii)$/.test(declared) ? 'windows-1252' : declared;
    if (iconv.encodingExists(label)) return { html: iconv.decode(buf, label), charset: label };
    return { html: buf.toString('utf8'), charset: 'utf-8', note: `unknown charset "${declared}", decoded as utf-8` };
  }
  return { html: buf.toString('utf8'), charset: 'utf-8' };
}

function isHtml(ct: string | null): boolean {
  if (!ct) return true; // no type: sniffing is out of scope, treat as HTML and let the size cap protect us
  const mime = ct.split(';')[0]?.trim().toLowerCase() ?? '';
  return mime === 'text/html' || mime === 'application/xhtml+xml';
}

/** GET `url` (already canonical). Never throws for network problems; aborts via `signal` throw AbortError. */
function requestHeaders(url: string, opts: FetchPageOptions): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept: ACCEPT, 'accept-language': 'en;q=0.9,*;q=0.5' };
  const cookie = opts.cookieFor?.(url);
  if (cookie) headers.cookie = cookie;
  return headers;
}

export async function fetchPage(url: string, opts: FetchPageOptions): Promise<FetchPageResult> {
  const maxRedirects = opts.maxRedirects ?? 10;
  const chain: string[] = [];
  const seen = new Set<string>([url]);
  let current = url;
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    for (let hop = 0; ; hop++) {
      const res = await fetch(current, {
        method: 'GET',
        redirect: 'manual',
        signal,
        headers: requestHeaders(current, opts),
        ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
      } as RequestInit);
      const headers = headersToRecord(res.headers);
      if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
        await res.body?.cancel().catch(() => undefined);
        let next: string;
        try {
          next = new URL(res.headers.get('location') ?? '', current).toString();
        } catch {
          return { kind: 'failed', url, reason: 'http-error', status: res.status, detail: 'bad Location header', redirectChain: chain };
        }
        next = next.replace(/#.*$/, '');
        chain.push(current);
        if (seen.has(next)) {
          return { kind: 'failed', url, reason: 'redirect-loop', status: res.status, detail: `loop back to ${next}`, redirectChain: chain };
        }
        if (hop + 1 > maxRedirects) {
          return { kind: 'failed', url, reason: 'redirect-loop', status: res.status, detail: `more than ${maxRedirects} redirects`, redirectChain: chain };
        }
        const stop = opts.allowRedirect?.(next);
        if (stop) {
          return {
            kind: 'skipped',
            url,
            reason: 'out-of-scope',
            status: res.status,
            detail: `redirect to ${next} not followed: ${stop}`,
            redirectChain: chain,
            redirectTarget: next,
          };
        }
        seen.add(next);
        current = next;
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => undefined);
        return { kind: 'failed', url, reason: 'http-error', status: res.status, detail: `HTTP ${res.status}`, redirectChain: chain, headers };
      }
      const ct = res.headers.get('content-type');
      if (!isHtml(ct)) {
        // Do not download the body of PDFs, images…
        await res.body?.cancel().catch(() => undefined);
        return { kind: 'skipped', url, reason: 'non-html', status: res.status, detail: ct ?? 'no content-type', redirectChain: chain };
      }
      const buf = await readCapped(res, opts.maxBytes);
      const { html, charset, note } = decodeHtml(buf, ct);
      return { kind: 'page', url, finalUrl: current, status: res.status, headers, html, redirectChain: chain, charset, ...(note ? { charsetNote: note } : {}) };
    }
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    if (err instanceof TooLargeError) return { kind: 'failed', url, reason: 'too-large', detail: err.message, redirectChain: chain };
    if (timeout.aborted) return { kind: 'failed', url, reason: 'timeout', detail: `no complete response within ${opts.timeoutMs} ms`, redirectChain: chain };
    const e = err as Error & { cause?: { code?: string; message?: string } };
    // The SSRF guard refused the connection: not requested, so not a failure of the site.
    if (e.cause?.code === 'EFORBIDDENADDRESS')
      return { kind: 'skipped', url, reason: 'private-address', detail: e.cause.message ?? 'non-public address', redirectChain: chain };
    return { kind: 'failed', url, reason: 'network', detail: e.cause?.code ?? e.message, redirectChain: chain };
  }
}
