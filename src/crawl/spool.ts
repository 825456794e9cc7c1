// Pages' HTML kept on disk instead of in memory while an audit runs. A 2,000-page crawl is ~100 MB of HTML that the
// main thread held until the end for the archive and the report's crops, and that every message to the signals'
// workers copied again; with a spool each page's HTML is written once as it arrives and read back only when used.
//
// A spooled page keeps its `html` field as a getter that reads the page back, so every reader works unchanged; copies
// must keep the getter (`copyPage`), since a spread reads it and holds the text again. The signals' workers read a
// page from the same file by its reference (`spoolRefOf`, `readSpooled`) instead of receiving its text.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { PageSnapshot } from './types.js';

/** Where one page's HTML is in a spool file. */
export interface SpoolRef {
  file: string;
  offset: number;
  bytes: number;
  /** UTF-16 for text that is not well-formed Unicode (a lone surrogate), which UTF-8 cannot carry back exactly. */
  encoding: 'utf8' | 'utf16le';
}

/** String.prototype.isWellFormed: in Node 20, not yet in TypeScript's ES2023 library. */
type WellFormedCheck = string & { isWellFormed(): boolean };

/** The reference behind each spooled page's `html` getter (the getter is shared by every copy of the page). */
const REFS = new WeakMap<() => string, SpoolRef>();

export class HtmlSpool {
  private fd: number | null;
  private size = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'w+');
  }

  /** Write `html` to the spool; the reference reads it back. */
  put(html: string): SpoolRef {
    const encoding = (html as WellFormedCheck).isWellFormed() ? 'utf8' : 'utf16le';
    const buf = Buffer.from(html, encoding);
    let done = 0;
    while (done < buf.length) done += writeSync(this.open(), buf, done, buf.length - done, this.size + done);
    const ref: SpoolRef = { file: this.file, offset: this.size, bytes: buf.length, encoding };
    this.size += buf.length;
    return ref;
  }

  read(ref: SpoolRef): string {
    return readAt(this.open(), ref);
  }

  /** Move a page's HTML to the spool: its `html` becomes a getter that reads it back. Returns the same page. */
  spool<P extends PageSnapshot>(page: P): P {
    const ref = this.put(page.html);
    const get = (): string => this.read(ref);
    REFS.set(get, ref);
    Object.defineProperty(page, 'html', { get, enumerable: true, configurable: true });
    return page;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    if (this.fd === null) throw new Error(`the page spool ${this.file} was closed: its pages' HTML can no longer be read`);
    return this.fd;
  }
}

function readAt(fd: number, ref: SpoolRef): string {
  const buf = Buffer.allocUnsafe(ref.bytes);
  let done = 0;
  while (done < ref.bytes) {
    const n = readSync(fd, buf, done, ref.bytes - done, ref.offset + done);
    if (n === 0) throw new Error(`the page spool ${ref.file} ends before a page it holds`);
    done += n;
  }
  return buf.toString(ref.encoding);
}

/** Where a spooled page's HTML is, or null for a page that holds its HTML itself. */
export function spoolRefOf(page: PageSnapshot): SpoolRef | null {
  const get = Object.getOwnPropertyDescriptor(page, 'html')?.get;
  return (get && REFS.get(get as () => string)) || null;
}

const readers = new Map<string, number>();

/** A spooled page's HTML read from another thread (a signals worker): the file stays open for the thread's life. */
export function readSpooled(ref: SpoolRef): string {
  let fd = readers.get(ref.file);
  if (fd === undefined) readers.set(ref.file, (fd = openSync(ref.file, 'r')));
  return readAt(fd, ref);
}

/** A copy of a page with some fields changed, keeping a spooled page's `html` on disk (a spread would read it in). */
export function copyPage<P extends PageSnapshot>(page: P, changes: Partial<PageSnapshot>): P {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(page)) as P;
  for (const [key, value] of Object.entries(changes)) Object.defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}
