// A tiny reader for the 8-bit PNGs that `pdftoppm -png` writes (grey, grey+alpha, RGB, RGBA; read as grey),
// and a tolerant pixel diff.
// (pngjs/pixelmatch are not dependencies; PNG decoding for this one case is a few lines on top of zlib.)
import { inflateSync } from 'node:zlib';

export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, row by row. */
  data: Uint8Array;
}

export function decodeGreyPng(buf: Uint8Array): GreyImage {
  const b = Buffer.from(buf);
  if (b.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  let bpp = 1;
  const idat: Buffer[] = [];
  while (off < b.length) {
    const len = b.readUInt32BE(off);
    const type = b.toString('latin1', off + 4, off + 8);
    const body = b.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      const channels: Record<number, number> = { 0: 1, 4: 2, 2: 3, 6: 4 };
      if (depth !== 8 || interlace !== 0 || channels[colour!] === undefined)
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
      bpp = channels[colour!]!;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const data = new Uint8Array(width * height);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp]! : 0;
      const up = prev[x]!;
      const c = x >= bpp ? prev[x - bpp]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += up;
      else if (filter === 3) v += (a + up) >> 1;
      else if (filter === 4) {
        const p = a + up - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? up : c;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter}`);
      cur[x] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const p = x * bpp;
      // Grey, or RGB(A) → luma; alpha is ignored (pdftoppm writes opaque pages).
      data[y * width + x] = bpp >= 3 ? Math.round(0.299 * cur[p]! + 0.587 * cur[p + 1]! + 0.114 * cur[p + 2]!) : cur[p]!;
    }
    prev = cur;
  }
  return { width, height, data };
}

/** Share (0–1) of pixels whose grey levels differ by more than `threshold`; 1 when the sizes differ. */
export function diffShare(a: GreyImage, b: GreyImage, threshold = 32): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (Math.abs(a.data[i]! - b.data[i]!) > threshold) n++;
  return n / a.data.length;
}
