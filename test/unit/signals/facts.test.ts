// The extractions kept beside an archive (facts.ts) stand in for extracting again only when they would give the
// same measurements: same page, same extractor. Anything else is extracted again.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageSnapshot } from '../../../src/crawl/types.js';
import { extractorFingerprint, factsLine, FactsWriter, pageDigest, readFacts } from '../../../src/signals/facts.js';
import { extractPage, runSignalsOnSite, type SignalInput } from '../../../src/signals/run-signals.js';
import { snapshotFromHtml } from '../../helpers/page.js';
import { DEMO_SITES, demoSite } from '../../helpers/demo-sites.js';

/** The start of a gzip member (magic bytes and the deflate method). */
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

/** Every page of the three demo sites, as snapshots on one origin per site. */
const demoPages = (): SignalInput[] => DEMO_SITES.map(demoSite);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-facts-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function writeFacts(file: string, pages: PageSnapshot[]): Promise<void> {
  const w = new FactsWriter(file);
  for (const p of pages) w.add(factsLine(p, extractPage(p)));
  await w.close();
}

describe('kept extractions', () => {
  const sites = demoPages();

  it('give the same measurements as extracting again, on every demo site', async () => {
    for (const [i, input] of sites.entries()) {
      const file = path.join(dir, `site-${i}.jsonl.gz`);
      await writeFacts(file, input.pages);
      const kept = await readFacts(file);
      expect(kept.size).toBe(input.pages.length);
      const fresh = runSignalsOnSite(input);
      const extractedHere: string[] = [];
      const fromKept = runSignalsOnSite(input, undefined, kept, (p) => extractedHere.push(p.url));
      expect(extractedHere).toEqual([]); // every page came from the file
      expect(JSON.stringify(fromKept.runs.map((r) => r.measurement))).toBe(JSON.stringify(fresh.runs.map((r) => r.measurement)));
      expect(JSON.stringify(fromKept.site.community)).toBe(JSON.stringify(fresh.site.community));
    }
  });

  it('leave a page out when it changed: it is extracted again', async () => {
    const input = sites[0]!;
    const file = path.join(dir, 'changed.jsonl.gz');
    await writeFacts(file, input.pages);
    const kept = await readFacts(file);
    const changed = {
      ...input,
      pages: input.pages.map((p, i) => (i === 1 ? { ...p, html: p.html.replace('</body>', '<p>One more paragraph.</p></body>') } : p)),
    };
    const extractedHere: string[] = [];
    const run = runSignalsOnSite(changed, undefined, kept, (p) => extractedHere.push(p.url));
    expect(extractedHere).toEqual([changed.pages[1]!.url]);
    expect(JSON.stringify(run.runs.map((r) => r.measurement))).toBe(JSON.stringify(runSignalsOnSite(changed).runs.map((r) => r.measurement)));
  });

  it('digest what a page context reads, headers in any order', () => {
    const p = snapshotFromHtml('<p>x</p>', 'https://a.example/', { headers: { a: '1', b: '2' } });
    expect(pageDigest({ ...p, headers: { b: '2', a: '1' } })).toBe(pageDigest(p));
    expect(pageDigest({ ...p, depth: 2 })).not.toBe(pageDigest(p));
    expect(pageDigest({ ...p, html: '<p>y</p>' })).not.toBe(pageDigest(p));
    expect(pageDigest({ ...p, fetchMs: 99 })).toBe(pageDigest(p)); // not read by the signals
  });

  it('are written in bounded batches that read back as one file', async () => {
    const page = sites[0]!.pages[0]!;
    const extracted = extractPage(page);
    const copies = Array.from({ length: 300 }, (_, i) => ({ ...page, url: `${page.url}?copy=${i}` }));
    const file = path.join(dir, 'batches.jsonl.gz');
    const w = new FactsWriter(file);
    for (const p of copies) w.add(factsLine(p, extracted));
    await w.close();
    const bytes = await readFile(file);
    let members = 0;
    for (let i = bytes.indexOf(GZIP_MAGIC); i >= 0; i = bytes.indexOf(GZIP_MAGIC, i + 1)) members++;
    expect(members).toBeGreaterThan(1);
    const kept = await readFacts(file);
    expect(kept.size).toBe(copies.length);
    expect([...kept.keys()].sort()).toEqual(copies.map(pageDigest).sort());
  });

  it('report a file that cannot be written when closed, and never throw before', async () => {
    const w = new FactsWriter(path.join(dir, 'no-such-folder', 'facts.jsonl.gz'));
    w.add('{}');
    await expect(w.close()).rejects.toThrow(/ENOENT/);
  });

  it('are not used by another extractor', async () => {
    const input = sites[0]!;
    const file = path.join(dir, 'other.jsonl.gz');
    await writeFacts(file, input.pages);
    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ extractor: extractorFingerprint() });
    lines[0] = JSON.stringify({ extractor: 'an-older-build' });
    await writeFile(file, gzipSync(lines.join('\n')));
    expect((await readFacts(file)).size).toBe(0);
  });

  it('keep what a damaged or cut-short file holds before the damage, and never throw', async () => {
    const input = sites[0]!;
    const file = path.join(dir, 'cut.jsonl.gz');
    await writeFacts(file, input.pages.slice(0, 4));
    const whole = gunzipSync(await readFile(file));
    // Cut inside the third page's line: the first two pages survive whole.
    const cut = whole.subarray(0, whole.lastIndexOf('\n', whole.length - 2) - 10);
    await writeFile(file, gzipSync(cut).subarray(0, gzipSync(cut).length - 4));
    expect((await readFacts(file)).size).toBe(2);
    await writeFile(file, 'not gzip at all');
    expect((await readFacts(file)).size).toBe(0);
    expect((await readFacts(path.join(dir, 'missing.jsonl.gz'))).size).toBe(0);
  });

  it('leave out a page whose observation is not plain JSON', () => {
    const p = sites[0]!.pages[0]!;
    const extracted = extractPage(p);
    expect(factsLine(p, extracted)).not.toBeNull();
    expect(factsLine(p, { ...extracted, results: [...extracted.results, { obs: new Set([1]) }] })).toBeNull();
    expect(factsLine(p, { ...extracted, results: [...extracted.results, { obs: { at: new Date(0) } }] })).toBeNull();
    expect(factsLine(p, { ...extracted, results: [...extracted.results, { obs: { n: Number.NaN } }] })).toBeNull();
  });

  it('restore a retired page: extract-only parts still refuse to be read', async () => {
    const input = sites[0]!;
    const file = path.join(dir, 'retired.jsonl.gz');
    await writeFacts(file, input.pages.slice(0, 1));
    const [restored] = [...(await readFacts(file)).values()];
    expect(() => restored!.page.html).toThrow(/extract\(\) only/);
    expect(() => restored!.page.$('p')).toThrow(/extract\(\) only/);
    expect(restored!.page.$('a[href^="mailto:" i]').length).toBe(extractPage(input.pages[0]!).page.$('a[href^="mailto:" i]').length);
  });
});
