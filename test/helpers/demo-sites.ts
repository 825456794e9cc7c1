// The bundled demo sites as the signals' input: every page as a snapshot on one origin per site, no crawl.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PageSnapshot } from '../../src/crawl/types.js';
import type { SignalInput } from '../../src/signals/run-signals.js';
import { snapshotFromHtml } from './page.js';

export const DEMO_SITES = ['megamart', 'brightside', 'fernhill'] as const;

/** Every page of one demo site (audits/demo/<site>), the first as the start page. */
export function demoSite(site: (typeof DEMO_SITES)[number]): SignalInput {
  const root = path.resolve('audits/demo', site);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.html')) files.push(file);
    }
  };
  walk(root);
  const origin = `https://${site}.example.com`;
  const pages: PageSnapshot[] = files.map((f, i) =>
    snapshotFromHtml(readFileSync(f, 'utf8'), `${origin}/${path.relative(root, f)}`, { depth: i === 0 ? 0 : 1 }),
  );
  return { siteUrl: `${origin}/`, startUrl: `${origin}/`, pages, records: pages.map((p) => ({ url: p.url, depth: p.depth, outcome: 'fetched' as const })) };
}
