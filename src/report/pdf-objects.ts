import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

// The few objects of a PDF that the renderer reads after printing (trailer, catalog, page tree, named destinations,
// document information), looked up through a classic cross-reference table without parsing the rest of the file.
// Chromium (Skia) writes one revision with one such table; a tagged report holds ~15,000 objects, and loading them
// all (pdf-lib) took most of the post-processing time. Anything else — an xref stream, an incremental update, an
// object that does not parse — makes `openPdf` return null, and the caller falls back to pdf-lib.

export interface PdfName {
  kind: 'name';
  /** The name without its slash, #xx escapes decoded. */
  name: string;
}
export interface PdfString {
  kind: 'string';
  /** The string's bytes (literal or hex). */
  bytes: Buffer;
}
export interface PdfRef {
  kind: 'ref';
  num: number;
  gen: number;
}
export interface PdfDict {
  kind: 'dict';
  entries: Map<string, PdfValue>;
}
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfDict | PdfValue[];

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

class Lexer {
  constructor(
    private readonly s: string,
    public pos: number,
  ) {}

  private skip(): void {
    const s = this.s;
    for (;;) {
      while (this.pos < s.length && WS.has(s.charCodeAt(this.pos))) this.pos++;
      if (s[this.pos] !== '%') return;
      while (this.pos < s.length && s[this.pos] !== '\n' && s[this.pos] !== '\r') this.pos++;
    }
  }

  private fail(what: string): never {
    throw new Error(`PDF: ${what} at byte ${this.pos}`);
  }

  /** A bare word: a number or a keyword. */
  word(): string {
    this.skip();
    const start = this.pos;
    while (this.pos < this.s.length && !WS.has(this.s.charCodeAt(this.pos)) && !DELIM.has(this.s.charCodeAt(this.pos))) this.pos++;
    return this.s.slice(start, this.pos);
  }

  keyword(expected: string): void {
    if (this.word() !== expected) this.fail(`expected "${expected}"`);
  }

  integer(): number {
    const w = this.word();
    if (!/^\d+$/.test(w)) this.fail('expected an integer');
    return Number(w);
  }

  value(depth = 0): PdfValue {
    if (depth > 64) this.fail('nesting too deep');
    this.skip();
    const s = this.s;
    const c = s[this.pos];
    if (c === '<' && s[this.pos + 1] === '<') {
      this.pos += 2;
      const entries = new Map<string, PdfValue>();
      for (;;) {
        this.skip();
        if (s[this.pos] === '>' && s[this.pos + 1] === '>') {
          this.pos += 2;
          return { kind: 'dict', entries };
        }
        const key = this.value(depth + 1);
        if (typeof key !== 'object' || key === null || Array.isArray(key) || key.kind !== 'name') this.fail('expected a name as dictionary key');
        entries.set(key.name, this.value(depth + 1));
      }
    }
    if (c === '<') {
      const end = s.indexOf('>', this.pos);
      if (end < 0) this.fail('unterminated hex string');
      let hex = s.slice(this.pos + 1, end).replace(/[\s\0]/g, '');
      if (!/^[0-9a-fA-F]*$/.test(hex)) this.fail('bad hex string');
      if (hex.length % 2) hex += '0';
      this.pos = end + 1;
      return { kind: 'string', bytes: Buffer.from(hex, 'hex') };
    }
    if (c === '[') {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (s[this.pos] === ']') {
          this.pos++;
          return items;
        }
        if (this.pos >= s.length) this.fail('unterminated array');
        items.push(this.value(depth + 1));
      }
    }
    if (c === '(') return this.literal();
    if (c === '/') {
      this.pos++;
      const start = this.pos;
      while (this.pos < s.length && !WS.has(s.charCodeAt(this.pos)) && !DELIM.has(s.charCodeAt(this.pos))) this.pos++;
      const raw = s.slice(start, this.pos).replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return { kind: 'name', name: Buffer.from(raw, 'latin1').toString('utf8') };
    }
    const w = this.word();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) {
      // "12 0 R" is a reference: look ahead for the generation and the R, and step back if they are not there.
      if (/^\d+$/.test(w)) {
        const back = this.pos;
        const gen = this.word();
        if (/^\d+$/.test(gen) && this.word() === 'R') return { kind: 'ref', num: Number(w), gen: Number(gen) };
        this.pos = back;
      }
      return Number(w);
    }
    return this.fail(`unexpected "${w.slice(0, 20)}"`);
  }

  private literal(): PdfString {
    const s = this.s;
    const out: number[] = [];
    let nest = 0;
    this.pos++;
    for (;;) {
      if (this.pos >= s.length) this.fail('unterminated string');
      const c = s[this.pos++]!;
      if (c === '\\') {
        const e = s[this.pos++]!;
        const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
        if (e in simple) out.push(simple[e]!);
        else if (/[0-7]/.test(e)) {
          let oct = e;
          while (oct.length < 3 && /[0-7]/.test(s[this.pos] ?? '')) oct += s[this.pos++];
          out.push(parseInt(oct, 8) & 0xff);
        } else if (e === '\r') {
          if (s[this.pos] === '\n') this.pos++;
        } else if (e !== '\n') out.push(e.charCodeAt(0));
        continue;
      }
      if (c === '(') nest++;
      if (c === ')' && nest-- === 0) return { kind: 'string', bytes: Buffer.from(out) };
      out.push(c.charCodeAt(0));
    }
  }
}

/** One revision's objects, found through its cross-reference table. */
export interface PdfFile {
  /** The file as latin1 text: one character per byte. */
  text: string;
  trailer: PdfDict;
  /** Where the `xref` keyword starts. */
  xrefAt: number;
  /** Every in-use object: number → generation and byte offset. */
  objects: Map<number, { gen: number; offset: number }>;
  /** The table as written: subsections of entries, in order (for rewriting it). */
  sections: Array<{ first: number; entries: Array<{ offset: number; gen: number; used: boolean }> }>;
  /** Parses the object (cached); a reference that is not in the table is an error. */
  get(ref: PdfRef): PdfValue;
  /** The value, with a reference looked up. */
  resolve(v: PdfValue | undefined): PdfValue | undefined;
}

export function isDict(v: PdfValue | undefined): v is PdfDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'dict';
}
export function isRef(v: PdfValue | undefined): v is PdfRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'ref';
}
export function nameOf(v: PdfValue | undefined): string | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'name' ? v.name : null;
}

/** A string's text: UTF-16BE with a byte-order mark, UTF-8 with one, else one character per byte. */
export function textOf(v: PdfValue | undefined): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  if (v.kind === 'name') return v.name;
  if (v.kind !== 'string') return null;
  const b = v.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('latin1');
}

/**
 * The file's last cross-reference table and trailer, or null when the file is not a single revision with a classic
 * table (an xref stream, a /Prev, a hybrid file) or does not parse.
 */
export function openPdf(pdf: Uint8Array): PdfFile | null {
  try {
    const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
    const tail = text.lastIndexOf('startxref');
    if (tail < 0 || text.length - tail > 1024) return null;
    const xrefAt = new Lexer(text, tail + 'startxref'.length).integer();
    const lx = new Lexer(text, xrefAt);
    lx.keyword('xref');
    const objects = new Map<number, { gen: number; offset: number }>();
    const sections: PdfFile['sections'] = [];
    for (;;) {
      const back = lx.pos;
      const head = new Lexer(text, back);
      let first: number;
      try {
        first = head.integer();
      } catch {
        lx.pos = back;
        break;
      }
      const count = head.integer();
      lx.pos = head.pos;
      const entries: PdfFile['sections'][number]['entries'] = [];
      // Entries are fixed-width ("0000012345 00000 n" and a two-byte end of line); read them by pattern all the same.
      const re = /\s*(\d{10}) (\d{5}) ([nf])[ \r\n]{1,2}/y;
      for (let i = 0; i < count; i++) {
        re.lastIndex = lx.pos;
        const m = re.exec(text);
        if (!m) return null;
        lx.pos = re.lastIndex;
        const entry = { offset: Number(m[1]), gen: Number(m[2]), used: m[3] === 'n' };
        entries.push(entry);
        if (entry.used) objects.set(first + i, { gen: entry.gen, offset: entry.offset });
      }
      sections.push({ first, entries });
    }
    lx.keyword('trailer');
    const trailer = lx.value();
    if (!isDict(trailer) || trailer.entries.has('Prev') || trailer.entries.has('XRefStm')) return null;
    const cache = new Map<number, PdfValue>();
    const get = (ref: PdfRef): PdfValue => {
      const hit = cache.get(ref.num);
      if (hit !== undefined) return hit;
      const at = objects.get(ref.num);
      if (!at || at.gen !== ref.gen) throw new Error(`PDF: object ${ref.num} ${ref.gen} is not in the table`);
      const o = new Lexer(text, at.offset);
      if (o.integer() !== ref.num || o.integer() !== ref.gen) throw new Error(`PDF: object ${ref.num} is not at its offset`);
      o.keyword('obj');
      const v = o.value();
      cache.set(ref.num, v);
      return v;
    };
    return { text, trailer, xrefAt, objects, sections, get, resolve: (v) => (isRef(v) ? get(v) : v) };
  } catch {
    return null;
  }
}

/** Page object number → 1-based page number, walking the page tree from the catalog. */
export function pageNumbers(file: PdfFile): Map<number, number> {
  const catalog = file.resolve(file.trailer.entries.get('Root'));
  if (!isDict(catalog)) throw new Error('PDF: no catalog');
  const out = new Map<number, number>();
  const seen = new Set<number>();
  const walk = (v: PdfValue | undefined, depth: number): void => {
    if (!isRef(v) || depth > 64 || seen.has(v.num)) throw new Error('PDF: bad page tree');
    seen.add(v.num);
    const node = file.get(v);
    if (!isDict(node)) throw new Error('PDF: bad page tree node');
    const type = nameOf(node.entries.get('Type'));
    if (type === 'Page') {
      out.set(v.num, out.size + 1);
      return;
    }
    const kids = file.resolve(node.entries.get('Kids'));
    if (type !== 'Pages' || !Array.isArray(kids)) throw new Error('PDF: bad page tree node');
    for (const k of kids) walk(k, depth + 1);
  };
  walk(catalog.entries.get('Pages'), 0);
  return out;
}

/** Named destination → 1-based page number (the catalog's /Dests and the /Names /Dests tree; the first wins). */
export function destinationPages(file: PdfFile): Map<string, number> {
  const pages = pageNumbers(file);
  const catalog = file.resolve(file.trailer.entries.get('Root')) as PdfDict;
  const out = new Map<string, number>();
  const add = (name: string | null, value: PdfValue | undefined): void => {
    if (name === null || out.has(name)) return;
    let v = file.resolve(value);
    if (isDict(v)) v = file.resolve(v.entries.get('D'));
    if (!Array.isArray(v) || !isRef(v[0])) return;
    const page = pages.get(v[0].num);
    if (page !== undefined) out.set(name, page);
  };
  const dests = file.resolve(catalog.entries.get('Dests'));
  if (isDict(dests)) for (const [k, v] of dests.entries) add(k, v);
  const names = file.resolve(catalog.entries.get('Names'));
  const tree = isDict(names) ? file.resolve(names.entries.get('Dests')) : undefined;
  const walk = (node: PdfValue | undefined, depth: number): void => {
    if (!isDict(node) || depth > 32) return;
    const arr = file.resolve(node.entries.get('Names'));
    if (Array.isArray(arr)) for (let i = 0; i + 1 < arr.length; i += 2) add(textOf(arr[i]), arr[i + 1]);
    const kids = file.resolve(node.entries.get('Kids'));
    if (Array.isArray(kids)) for (const k of kids) walk(file.resolve(k), depth + 1);
  };
  walk(tree, 0);
  return out;
}

/** A value written back as PDF syntax (strings as hex, so no escaping can go wrong). */
export function serialise(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6)));
  if (Array.isArray(v)) return `[${v.map(serialise).join(' ')}]`;
  switch (v.kind) {
    case 'name':
      return `/${[...Buffer.from(v.name, 'utf8')].map((b) => (b > 0x20 && b < 0x7f && !DELIM.has(b) && b !== 0x23 ? String.fromCharCode(b) : `#${b.toString(16).padStart(2, '0')}`)).join('')}`;
    case 'string':
      return `<${v.bytes.toString('hex').toUpperCase()}>`;
    case 'ref':
      return `${v.num} ${v.gen} R`;
    case 'dict':
      return `<<${[...v.entries].map(([k, x]) => `${serialise({ kind: 'name', name: k })} ${serialise(x)}`).join('\n')}>>`;
  }
}

/** A text string as PDF writes one for any language: UTF-16BE with a byte-order mark. */
export function textString(text: string): PdfString {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return { kind: 'string', bytes: le.swap16() };
}

/**
 * The file with one object's body replaced, rewritten as a single revision: the objects after it move, and the
 * cross-reference table is written again with their new offsets (no trace of the old body is left).
 */
export function replaceObject(file: PdfFile, pdf: Uint8Array, num: number, value: PdfValue): Buffer {
  const at = file.objects.get(num);
  if (!at) throw new Error(`PDF: object ${num} is not in the table`);
  const end = file.text.indexOf('endobj', at.offset);
  if (end < 0 || end > file.xrefAt) throw new Error(`PDF: object ${num} has no end`);
  const stop = end + 'endobj'.length;
  const body = Buffer.from(`${num} ${at.gen} obj\n${serialise(value)}\nendobj`, 'latin1');
  const delta = body.length - (stop - at.offset);
  const moved = (offset: number): number => (offset > at.offset ? offset + delta : offset);
  const table = ['xref\n'];
  for (const s of file.sections) {
    table.push(`${s.first} ${s.entries.length}\n`);
    for (const e of s.entries)
      table.push(`${String(e.used ? moved(e.offset) : e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} ${e.used ? 'n' : 'f'} \n`);
  }
  const trailerAt = file.text.indexOf('trailer', file.xrefAt);
  const tailText = file.text.slice(trailerAt, file.text.lastIndexOf('startxref'));
  const src = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  return Buffer.concat([
    src.subarray(0, at.offset),
    body,
    src.subarray(stop, file.xrefAt),
    Buffer.from(`${table.join('')}${tailText}startxref\n${file.xrefAt + delta}\n%%EOF\n`, 'latin1'),
  ]);
}

/** Objects per object stream (qpdf's default). */
const OBJECTS_PER_STREAM = 100;

/**
 * The file packed as `qpdf --object-streams=generate` packs it: every object that is not a stream (in a tagged
 * report, the ~15,000 small dictionaries of the structure tree, links and outline) goes into compressed object
 * streams, found through a compressed cross-reference stream; streams (pages, fonts, images) are copied as they are.
 * Object numbers, the trailer's /Root and /Info stay; /ID is the MD5 of the packed objects, so the same input gives
 * the same bytes. Null when an object does not parse, is of a generation other than 0, or the file is encrypted.
 */
export function packObjectStreams(file: PdfFile, pdf: Uint8Array): Buffer | null {
  try {
    if (file.trailer.entries.has('Encrypt')) return null;
    const src = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    const byOffset = [...file.objects].sort((a, b) => a[1].offset - b[1].offset);
    const streams: Array<{ num: number; start: number; end: number }> = [];
    const packed: Array<{ num: number; body: string }> = [];
    const head = /(\d+)\s+(\d+)\s+obj\b/y;
    const tail = /\bendobj\s*$/;
    const streamTail = /\bendstream\s*endobj\s*$/;
    for (let i = 0; i < byOffset.length; i++) {
      const [num, at] = byOffset[i]!;
      if (at.gen !== 0) return null;
      head.lastIndex = at.offset;
      const m = head.exec(file.text);
      if (!m || Number(m[1]) !== num || m[2] !== '0') return null;
      // An object runs to the next one (or the table): its text ends in "endobj", a stream's in "endstream endobj".
      const limit = i + 1 < byOffset.length ? byOffset[i + 1]![1].offset : file.xrefAt;
      const text = file.text.slice(head.lastIndex, limit);
      if (streamTail.test(text)) streams.push({ num, start: at.offset, end: head.lastIndex + text.trimEnd().length });
      else if (tail.test(text)) packed.push({ num, body: text.replace(tail, '').trim() });
      else return null;
    }
    const size = Math.max(0, ...file.objects.keys()) + 1;
    const chunks: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let length = chunks[0]!.length;
    const write = (b: Buffer): void => {
      chunks.push(b);
      length += b.length;
    };
    // Per object number: [type, field 2, field 3] of its cross-reference stream entry.
    const xref = new Map<number, [number, number, number]>();
    for (const st of streams) {
      xref.set(st.num, [1, length, 0]);
      write(src.subarray(st.start, st.end));
      write(Buffer.from('\n', 'latin1'));
    }
    let nextNum = size;
    for (let i = 0; i < packed.length; i += OBJECTS_PER_STREAM) {
      const group = packed.slice(i, i + OBJECTS_PER_STREAM);
      const num = nextNum++;
      const offsets: string[] = [];
      const bodies: string[] = [];
      let at = 0;
      group.forEach((o, k) => {
        offsets.push(`${o.num} ${at}`);
        bodies.push(o.body);
        at += Buffer.byteLength(o.body, 'latin1') + 1;
        xref.set(o.num, [2, num, k]);
      });
      const first = `${offsets.join(' ')}\n`;
      const data = deflateSync(Buffer.from(first + bodies.join('\n') + '\n', 'latin1'));
      xref.set(num, [1, length, 0]);
      write(
        Buffer.from(
          `${num} 0 obj\n<</Type /ObjStm /N ${group.length} /First ${first.length} /Filter /FlateDecode /Length ${data.length}>>\nstream\n`,
          'latin1',
        ),
      );
      write(data);
      write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
    const xrefNum = nextNum++;
    const id = createHash('md5').update(Buffer.concat(chunks)).digest('hex').toUpperCase();
    xref.set(xrefNum, [1, length, 0]);
    const rows = Buffer.alloc(nextNum * 7);
    for (let n = 0; n < nextNum; n++) {
      const [type, f2, f3] = xref.get(n) ?? [0, 0, n === 0 ? 0xffff : 0];
      rows.writeUInt8(type, n * 7);
      rows.writeUInt32BE(f2, n * 7 + 1);
      rows.writeUInt16BE(f3, n * 7 + 5);
    }
    const data = deflateSync(rows);
    const keep = ['Root', 'Info'].flatMap((k) => {
      const v = file.trailer.entries.get(k);
      return v === undefined ? [] : [`/${k} ${serialise(v)}`];
    });
    write(
      Buffer.from(
        `${xrefNum} 0 obj\n<</Type /XRef /Size ${nextNum} /W [1 4 2] ${keep.join(' ')} /ID [<${id}> <${id}>] /Filter /FlateDecode /Length ${data.length}>>\nstream\n`,
        'latin1',
      ),
    );
    const xrefAt = length - chunks[chunks.length - 1]!.length;
    write(data);
    write(Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(chunks, length);
  } catch {
    return null;
  }
}
