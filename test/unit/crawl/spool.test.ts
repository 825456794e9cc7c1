// The page spool (spool.ts) keeps a run's pages' HTML on disk: every reader must get back exactly what was crawled,
// copies must keep the page on disk, and a closed spool must say so rather than return something else.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asArchivedPage } from '../../../src/crawl/archive.js';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { copyPage, HtmlSpool, readSpooled, spoolRefOf } from '../../../src/crawl/spool.js';
import { serveDirectory } from '../../../src/crawl/static-server.js';
import { snapshotFromHtml } from '../../helpers/page.js';
import { crawlOptions } from './helpers/crawl-options.js';

const FORUM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sites/forum');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-spool-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the page spool', () => {
  it('gives back exactly what was put, in any script, and text that is not well-formed Unicode', () => {
    const spool = new HtmlSpool(path.join(dir, 'exact.spool'));
    const texts = ['<p>plain</p>', '<p>Grüße, 日本語, emoji 🎉</p>', '', `<p>lone \uD800 surrogate</p>`, 'x'.repeat(200_000)];
    const refs = texts.map((t) => spool.put(t));
    expect(refs.map((r) => spool.read(r))).toEqual(texts);
    expect(refs[3]!.encoding).toBe('utf16le');
    expect(refs[1]!.encoding).toBe('utf8');
    // Another thread reads the same file by the reference alone.
    expect(refs.map((r) => readSpooled(r))).toEqual(texts);
    spool.close();
  });

  it('keeps a page on disk through copies, and a spread or a new html holds the text instead', () => {
    const spool = new HtmlSpool(path.join(dir, 'pages.spool'));
    const html = '<html><body><p>Members answer members.</p></body></html>';
    const page = spool.spool(snapshotFromHtml(html, 'https://a.example/t/1'));
    const ref = spoolRefOf(page);
    expect(ref).not.toBeNull();
    expect(page.html).toBe(html);
    expect(JSON.parse(JSON.stringify(page)).html).toBe(html);

    const spread = { ...page };
    expect(spoolRefOf(spread)).toBeNull(); // a spread reads the text in: the same text, held in memory
    expect(spread.html).toBe(html);

    const copy = copyPage(page, { url: 'https://b.example/t/1' });
    expect(spoolRefOf(copy)).toBe(ref);
    expect(copy.url).toBe('https://b.example/t/1');
    expect(page.url).toBe('https://a.example/t/1');
    expect(spoolRefOf(asArchivedPage(page))).toBe(ref);

    const replaced = copyPage(page, { html: '<p>other</p>' });
    expect(spoolRefOf(replaced)).toBeNull();
    expect(replaced.html).toBe('<p>other</p>');
    expect(page.html).toBe(html);

    spool.close();
    expect(() => page.html).toThrow(/spool .* was closed/);
  });

  it('holds a crawl’s pages: each reads back as served, in the crawl’s order', async () => {
    const site = await serveDirectory(FORUM);
    try {
      const plain = await crawlSite(crawlOptions(site.url));
      const spool = new HtmlSpool(path.join(dir, 'crawl.spool'));
      const seen: string[] = [];
      const spooled = await crawlSite(crawlOptions(site.url, { spool, onPage: (p) => seen.push(p.html) }));
      expect(spooled.pages.length).toBeGreaterThan(3);
      expect(spooled.pages.every((p) => spoolRefOf(p) !== null)).toBe(true);
      expect(spooled.pages.map((p) => [p.url, p.html])).toEqual(plain.pages.map((p) => [p.url, p.html]));
      expect(seen.sort()).toEqual(plain.pages.map((p) => p.html).sort());
      spool.close();
    } finally {
      await site.close();
    }
  });
});
