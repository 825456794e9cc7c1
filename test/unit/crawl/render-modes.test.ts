// The crawler's render modes on a loopback site whose /app/ page is written by JavaScript (its only link to
// /app/hidden too), and whose script asks for a URL robots.txt disallows.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchive, writeArchive } from '../../../src/crawl/archive.js';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { BrowserPool } from '../../../src/crawl/render/browser-pool.js';
import type { CrawlOptions, CrawlResult } from '../../../src/crawl/types.js';
import { hasChrome } from '../../../src/util/chrome.js';
import { crawlOptions } from './helpers/crawl-options.js';
import { startJsAppServer, type JsAppServer } from './helpers/js-app-server.js';

let site: JsAppServer;
let origin = '';
let requested: string[] = [];
let pool: BrowserPool;

beforeAll(async () => {
  site = await startJsAppServer();
  origin = site.origin;
  requested = site.requested;
  pool = new BrowserPool({ size: 2, allowLocalNetwork: true });
});

afterAll(async () => {
  await pool?.close();
  await site?.close();
});

const crawl = (render: 'static' | 'browser' | 'auto', over: Partial<CrawlOptions> = {}): Promise<CrawlResult> => {
  requested.length = 0;
  site.cookies.length = 0;
  return crawlSite(crawlOptions(`${origin}/`, { render, timeoutMs: 10_000, ...over }), { browserPool: pool });
};
const page = (c: CrawlResult, p: string) => c.pages.find((x) => x.url === `${origin}${p}`);

describe('render: static', () => {
  it('keeps the HTML as served: the JS-only page is empty and its link is never found', async () => {
    const c = await crawl('static');
    expect(page(c, '/app/')?.renderMode).toBe('static');
    expect(page(c, '/app/')?.html).not.toContain('CLIENT_RENDERED_MARKER');
    expect(c.records.some((r) => r.url.endsWith('/app/hidden'))).toBe(false);
    expect(c.screenshots).toBeUndefined();
    expect(pool.stats().rendered).toBe(0);
  });
});

describe.skipIf(!hasChrome())('render: auto and browser (system Chromium)', () => {
  it('auto renders the JS-only page (and says why), follows its script-written link, and keeps server-rendered pages static', async () => {
    const c = await crawl('auto');
    const app = page(c, '/app/')!;
    expect(app.renderMode).toBe('browser');
    expect(app.html).toContain('CLIENT_RENDERED_MARKER');
    expect(app.renderReason).toMatch(/#root app shell|<noscript> asking for JavaScript/);
    expect(page(c, '/app/hidden')?.html).toContain('HIDDEN_PAGE_MARKER');
    expect(app.served).toMatchObject({ needsScripts: true });
    // One thread is the group's sample (rendered once, nothing gained, kept as served); the other is decided without the browser.
    const threads = [page(c, '/forum/t/1')!, page(c, '/forum/t/2')!];
    expect(threads.map((t) => t.renderMode)).toEqual(['static', 'static']);
    const reasons = threads.map((t) => t.renderReason ?? '').sort();
    expect(reasons.some((r) => /^rendered once to compare .*kept as served/.test(r))).toBe(true);
    expect(reasons.some((r) => /group \S+ (is static|is being sampled)/.test(r))).toBe(true);
    expect(page(c, '/')!.renderMode).toBe('static');
    const appGroup = c.renderGroups!.find((g) => g.sampleUrl === `${origin}/app/`)!;
    expect(appGroup.mode).toBe('browser');
    expect(c.renderGroups!.find((g) => g.sampleUrl.includes('/forum/t/'))?.mode).toBe('static');
    expect(requested).not.toContain('/private/data.json');
  });

  it('browser renders every page, never requests what robots.txt disallows, and keeps one screenshot per page type', async () => {
    const c = await crawl('browser');
    expect(c.pages.length).toBeGreaterThanOrEqual(6);
    expect(c.pages.every((p) => p.renderMode === 'browser')).toBe(true);
    expect(page(c, '/app/hidden')).toBeDefined();
    expect(requested).toContain('/app.js');
    expect(requested).not.toContain('/private/data.json');
    const shots = c.screenshots!;
    expect(shots.length).toBeGreaterThan(0);
    expect(new Set(shots.map((s) => s.group)).size).toBe(shots.length);
    expect(shots.length).toBeLessThan(c.pages.length); // per page type, not per page
    for (const s of shots) expect(s.data.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    // The archive keeps the render record and the screenshots, and gives them back unchanged.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ca-render-'));
    try {
      const back = await readArchive(await writeArchive(dir, c, 'test'));
      expect(back.pages.map((p) => [p.url, p.renderMode, p.renderReason, p.thirdPartyRequests])).toEqual(
        c.pages.map((p) => [p.url, p.renderMode, p.renderReason, p.thirdPartyRequests]),
      );
      expect(back.screenshots!.map((s) => [s.url, s.group, s.width, s.height, s.data.equals(shots.find((x) => x.url === s.url)!.data)])).toEqual(
        shots.map((s) => [s.url, s.group, s.width, s.height, true]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("auto mode paces the browser's second request for a page like any other request to the host", async () => {
    await crawl('auto', { delayMs: 400 });
    const app = site.cookies.filter((x) => x.path === '/app/').map((x) => x.at);
    expect(app).toHaveLength(2); // as served, then in the browser
    expect(app[1]! - app[0]!).toBeGreaterThanOrEqual(390);
  });

  it("sends a member session in the browser too, to the site's pages and its own scripts, and keeps it out of the archive", async () => {
    const session = [{ name: 'sid', value: 'member-s3cret', domain: '127.0.0.1', path: '/', secure: false, expires: -1 }];
    const c = await crawl('browser', { session });
    const sent = site.cookies.filter((x) => x.path !== '/robots.txt' && x.path !== '/sitemap.xml');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((x) => x.cookie !== 'sid=member-s3cret')).toEqual([]);
    expect(sent.map((x) => x.path)).toEqual(expect.arrayContaining(['/', '/app/', '/app.js']));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ca-render-'));
    try {
      const file = await writeArchive(dir, c, 'test');
      const { gunzipSync } = await import('node:zlib');
      const { readFile } = await import('node:fs/promises');
      expect(gunzipSync(await readFile(file)).toString('latin1')).not.toContain('member-s3cret');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
