/** Zipped exports (Plausible dashboard, Search Console): list the entries, read only the one wanted. */
import path from 'node:path';
import { unzipSync } from 'fflate';
import { TrafficImportError } from './cells.js';

/** A traffic table is small; a larger entry is refused before it is inflated (zip-bomb guard). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

export interface ZipEntry {
  /** The entry's path inside the zip. */
  name: string;
  data: Uint8Array;
}

/**
 * Entries whose base name passes `want`, plus the names of all files (for messages). Folders and macOS
 * `__MACOSX/` shadow files are ignored.
 */
export function readZip(buf: Uint8Array, sourceName: string, want: (baseName: string) => boolean): { names: string[]; entries: ZipEntry[] } {
  const names: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(buf, {
      filter: (f) => {
        if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/')) return false;
        names.push(f.name);
        if (!want(path.posix.basename(f.name))) return false;
        if (f.originalSize > MAX_ENTRY_BYTES) {
          throw new TrafficImportError(`${sourceName}: ${f.name} unpacks to ${f.originalSize} bytes, more than a traffic table can be; not read.`);
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof TrafficImportError) throw err;
    throw new TrafficImportError(`${sourceName}: not a readable zip file (${(err as Error).message}).`);
  }
  const entries = Object.entries(files)
    .map(([name, data]) => ({ name, data }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { names, entries };
}
