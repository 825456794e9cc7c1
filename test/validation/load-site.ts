// Loads a folder of static HTML as the PageSnapshots a crawl would have produced, without a crawler: each file maps
// to a URL on https://<name>.example/ and its depth is the number of folders in its path (index.html at the root is 0).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { PageSnapshot, UrlRecord } from '../../src/crawl/types.js';

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p));
    else if (/\.html?$/i.test(name)) out.push(p);
  }
  return out;
}

export interface LoadedSite {
  siteUrl: string;
  startUrl: string;
  pages: PageSnapshot[];
  records: UrlRecord[];
}

export function loadSite(dir: string, name: string): LoadedSite {
  const origin = `https://${name}.example`;
  const pages: PageSnapshot[] = htmlFiles(dir).map((file) => {
    const rel = relative(dir, file).split(sep).join('/');
    const path = rel === 'index.html' ? '/' : `/${rel}`;
    const depth = rel === 'index.html' ? 0 : rel.split('/').length;
    const url = `${origin}${path}`;
    return {
      url,
      finalUrl: url,
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      html: readFileSync(file, 'utf8'),
      depth,
      redirectChain: [],
      renderMode: 'static',
    };
  });
  const records: UrlRecord[] = pages.map((p) => ({ url: p.url, depth: p.depth, outcome: 'fetched', status: 200 }));
  return { siteUrl: `${origin}/`, startUrl: `${origin}/`, pages, records };
}
