// Theme values from the audit file: validated, never passed through as raw CSS.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_ACCENT = '#0b6e4f';
export const LOGO_MAX_BYTES = 1024 * 1024;

/** `#rgb` or `#rrggbb`, normalised to lower-case `#rrggbb`; anything else → null. */
export function validateAccent(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (!/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(s)) return null;
  const hex =
    s.length === 4
      ? s
          .slice(1)
          .split('')
          .map((c) => c + c)
          .join('')
      : s.slice(1);
  return `#${hex.toLowerCase()}`;
}

/** Mixes a `#rrggbb` colour with white; `amount` 0 = colour, 1 = white. */
export function tint(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(c + (255 - c) * amount));
  return `#${ch.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance-based pick of a readable text colour on the given background. */
export function readableOn(hex: string): '#ffffff' | '#111111' {
  const n = parseInt(hex.slice(1), 16);
  const lin = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
  return l > 0.4 ? '#111111' : '#ffffff';
}

export class LogoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogoError';
  }
}

/** Detects the logo type from its bytes (not its name): png, jpeg or svg; else null. */
export function sniffImage(buf: Uint8Array): 'image/png' | 'image/jpeg' | 'image/svg+xml' | null {
  if (buf.length >= 8 && buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47) return 'image/png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  const head = Buffer.from(buf.subarray(0, 2048))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

/**
 * Reads a logo file (svg, png or jpg, at most 1 MiB) into a data: URI for an <img>. An SVG shown through <img>
 * runs no script and loads nothing, and the page's CSP allows images from data: only.
 */
export function loadLogo(file: string, maxBytes: number = LOGO_MAX_BYTES): string {
  const ext = path.extname(file).toLowerCase();
  if (!['.svg', '.png', '.jpg', '.jpeg'].includes(ext)) {
    throw new LogoError(`The logo ${file} must be an .svg, .png or .jpg file.`);
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new LogoError(`The logo file ${file} cannot be read: check report.analyst.logo in the audit file.`);
  }
  if (size > maxBytes)
    throw new LogoError(`The logo ${file} is ${Math.round(size / 1024)} KiB; the limit is ${Math.round(maxBytes / 1024)} KiB. Use a smaller image.`);
  const buf = readFileSync(file);
  const mime = sniffImage(buf);
  if (!mime) throw new LogoError(`The logo ${file} is not a valid SVG, PNG or JPEG image.`);
  return `data:${mime};base64,${buf.toString('base64')}`;
}
