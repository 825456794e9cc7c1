import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChrome } from '../../../src/util/chrome.js';
import { BrowserPool, foldDisabledFeatures, isInertHtml, type RenderResult, type RenderedPage } from '../../../src/crawl/render/browser-pool.js';
import { analyzeStaticHtml, compareRendered, visibleText } from '../../../src/crawl/render/needs-browser.js';
import { fetchPage } from '../../../src/crawl/fetch-page.js';
import { startRenderServer, startSitesWithPool, type RenderServer } from './helpers/render-server.js';

const CHROME = hasChrome();
if (!CHROME) console.warn('[render tests] skipped: no Chromium/Chrome found (install chromium or set CHROME_PATH)');

const UA = 'conductor-audit/0.1.0 (+https://example.com/conductor-audit) render-test';

const pgrep = (pattern: string): string[] => {
  try {
    return execFileSync('pgrep', ['-f', '--', pattern], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

function page(r: RenderResult): RenderedPage {
  if (r.kind !== 'page') throw new Error(`expected a page, got ${r.reason}: ${r.detail}`);
  return r;
}

describe.skipIf(!CHROME)('BrowserPool (system Chromium)', () => {
  let site: RenderServer;
  let third: RenderServer;
  let pool: BrowserPool;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ site, third, pool, close } = await startSitesWithPool(2));
  });
  afterAll(() => close?.());

  it('does not start Chromium until the first render', () => {
    expect(pool.stats().launched).toBe(false);
    expect(pgrep(pool.marker)).toEqual([]);
  });

  it('renders a JS-only page: the content is in the rendered HTML, not the static one', async () => {
    const url = `${site.url}page/js-only.html`;
    const stat = await fetchPage(url, { userAgent: UA, timeoutMs: 5000, maxBytes: 1e6 });
    if (stat.kind !== 'page') throw new Error('static fetch failed');
    expect(visibleText(stat.html)).not.toContain('CLIENT_RENDERED_MARKER');
    const analysis = analyzeStaticHtml(stat.html);
    expect(analysis.needsBrowser).toBe(true);
    expect(analysis.reason).toMatch(/empty #root app shell/);

    const r = page(await pool.renderPage(url, { userAgent: UA }));
    expect(r.status).toBe(200);
    expect(r.finalUrl).toBe(url);
    expect(visibleText(r.html)).toContain('CLIENT_RENDERED_MARKER');
    expect(r.html).toContain('<a href="/t/3">');
    expect(r.html.startsWith('<html')).toBe(true);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const cmp = compareRendered(stat.html, r.html);
    expect(cmp.browserWorthIt).toBe(true);
    expect(cmp.staticChars).toBe(0);
    console.log(`[render] js-only: ${cmp.reason}; timings ${JSON.stringify(r.timings)}`);
  });

  it('leaves a server-rendered page alone (needsBrowser no, little gain)', async () => {
    const url = `${site.url}page/server-rendered.html`;
    const stat = await fetchPage(url, { userAgent: UA, timeoutMs: 5000, maxBytes: 1e6 });
    if (stat.kind !== 'page') throw new Error('static fetch failed');
    expect(analyzeStaticHtml(stat.html).needsBrowser).toBe(false);
    const r = page(await pool.renderPage(url, { userAgent: UA }));
    expect(compareRendered(stat.html, r.html).browserWorthIt).toBe(false);
  });

  it('records third-party requests (script and the pixel it sends) in the network log', async () => {
    const url = `${site.url}page/third-party.html`;
    const r = page(await pool.renderPage(url, { userAgent: UA }));
    const tp = r.requests.filter((q) => q.thirdParty).map((q) => [q.url, q.resourceType]);
    expect(tp).toEqual(
      expect.arrayContaining([
        [`${third.url}tracker.js?id=UA-1`, 'script'],
        [`${third.url}pixel.gif?e=pageview`, 'image'],
      ]),
    );
    expect(r.requests.find((q) => q.url === url)).toMatchObject({ resourceType: 'document', thirdParty: false });
    expect(r.requests.find((q) => q.url === `${site.url}local.gif`)).toMatchObject({ thirdParty: false });
    expect(third.paths()).toEqual(expect.arrayContaining(['/tracker.js?id=UA-1', '/pixel.gif?e=pageview']));
  });

  it("waits for a script's request after load (the quiet period), and logs it", async () => {
    const r = page(await pool.renderPage(`${site.url}late`, { userAgent: UA }));
    expect(r.requests.map((q) => q.url)).toContain(`${site.url}late.gif`);
  });

  it('blocks script navigation off-site and popups: nothing reaches the other server', async () => {
    const before = third.requests.length;
    const url = `${site.url}page/escape.html`;
    const r = page(await pool.renderPage(url, { userAgent: UA, settleMs: 1500 }));
    // Give a late navigation attempt time to (not) happen.
    await new Promise((res) => setTimeout(res, 300));
    expect(r.html).toContain('ESCAPE_PAGE_MARKER');
    expect(r.finalUrl).toBe(url);
    expect(third.requests.slice(before)).toEqual([]);
    expect(r.blockedNavigations.join('\n')).toMatch(/popup/);
    expect(r.blockedNavigations.join('\n')).toContain(`${third.url}stolen`);
    expect(r.requests.find((q) => q.url.startsWith(`${third.url}stolen`))).toMatchObject({ blocked: 'not on the same site', thirdParty: true });
  });

  it('never submits a form: a script cannot submit one, nothing is sent, and the page stays', async () => {
    const url = `${site.url}page/form.html`;
    const r = page(await pool.renderPage(url, { userAgent: UA, settleMs: 1500 }));
    expect(r.html).toContain('FORM_PAGE_MARKER');
    expect(r.finalUrl).toBe(url);
    expect(site.requests.filter((q) => q.method === 'POST')).toEqual([]);
    expect(site.paths()).not.toContain('/submit');
  });

  it('records a redirect chain, and refuses an off-site redirect before requesting it', async () => {
    const r = page(await pool.renderPage(`${site.url}redirect/1`, { userAgent: UA }));
    expect(r.redirectChain).toEqual([`${site.url}redirect/1`, `${site.url}redirect/2`]);
    expect(r.finalUrl).toBe(`${site.url}page/server-rendered.html`);
    expect(r.status).toBe(200);

    const before = third.requests.length;
    const off = await pool.renderPage(`${site.url}redirect-off`, { userAgent: UA });
    expect(off).toMatchObject({
      kind: 'failed',
      reason: 'out-of-scope',
      status: 302,
      redirectTarget: `${third.url}offsite-target`,
      redirectChain: [`${site.url}redirect-off`],
    });
    expect(third.requests.slice(before)).toEqual([]);
  });

  it('reports a 404, a download and a timeout as failures with reasons', async () => {
    expect(await pool.renderPage(`${site.url}missing`, { userAgent: UA })).toMatchObject({
      kind: 'failed',
      reason: 'http-error',
      status: 404,
      detail: 'HTTP 404',
    });
    expect(await pool.renderPage(`${site.url}download`, { userAgent: UA })).toMatchObject({
      kind: 'failed',
      reason: 'non-html',
      detail: 'application/octet-stream',
    });
    const slow = await pool.renderPage(`${site.url}slow`, { userAgent: UA, timeoutMs: 1500 });
    expect(slow).toMatchObject({ kind: 'failed', reason: 'timeout' });
    expect(slow.kind === 'failed' && slow.detail).toMatch(/1500 ms/);
  });

  it('respects an AbortSignal, during navigation and while waiting for a free page', async () => {
    const ac = new AbortController();
    const p = pool.renderPage(`${site.url}slow`, { userAgent: UA, signal: ac.signal });
    setTimeout(() => ac.abort(), 800);
    // /slow never answers: only the abort can end this render before its 30 s navigation timeout.
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });

    // Both pages busy on /slow: a third caller waits for a slot and gives up when aborted.
    const busy = new AbortController();
    const blockers = [1, 2].map(() => pool.renderPage(`${site.url}slow`, { userAgent: UA, signal: busy.signal }).catch((e: Error) => e.name));
    const waiting = new AbortController();
    const queued = pool.renderPage(`${site.url}page/server-rendered.html`, { userAgent: UA, signal: waiting.signal });
    await new Promise((r) => setTimeout(r, 200));
    expect(pool.stats().active).toBe(2);
    waiting.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    busy.abort();
    expect(await Promise.all(blockers)).toEqual(['AbortError', 'AbortError']);
    expect(pool.stats().active).toBe(0);
  });

  it('takes a capped JPEG screenshot when asked', async () => {
    const r = page(await pool.renderPage(`${site.url}page/server-rendered.html`, { userAgent: UA, screenshot: { maxHeight: 600 } }));
    expect(r.screenshotType).toBe('image/jpeg');
    expect(r.screenshot?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(r.screenshot!.byteLength).toBeLessThan(200_000);
    console.log(`[render] screenshot 1280×≤600 JPEG q60: ${r.screenshot!.byteLength} bytes`);
  });
});

describe.skipIf(!CHROME)('BrowserPool: one context for many pages, nothing carried between them', () => {
  let site: RenderServer;
  let third: RenderServer;
  let pool: BrowserPool;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ site, third, pool, close } = await startSitesWithPool(1));
  });
  afterAll(() => close?.());
  const found = (r: RenderResult): string => /FOUND[^<]*/.exec(page(r).html)?.[0] ?? 'nothing read';

  it("clears cookies, every kind of storage and the tab's name and history after a page, and keeps the context", async () => {
    const fresh = found(await pool.renderPage(`${site.url}store/get`, { userAgent: UA }));
    expect(fresh).toMatch(/^FOUND cookie=\[\] local=\[\] session=\[\] idb=\[\] caches=\[\] name=\[\] history=\d+$/);
    expect(page(await pool.renderPage(`${site.url}store/set`, { userAgent: UA })).html).toContain('STORED');
    expect(found(await pool.renderPage(`${site.url}store/get`, { userAgent: UA }))).toBe(fresh);
    expect(pool.stats().contexts).toBe(1);
  });

  it('logs a third-party script on every page that loads it, not only the first (no HTTP cache between pages)', async () => {
    for (let i = 0; i < 2; i++) {
      const r = page(await pool.renderPage(`${site.url}page/third-party.html`, { userAgent: UA }));
      expect(r.requests.filter((q) => q.thirdParty).map((q) => q.url)).toEqual(expect.arrayContaining([`${third.url}tracker.js?id=UA-1`]));
    }
    expect(third.paths().filter((x) => x === '/tracker.js?id=UA-1')).toHaveLength(2);
  });

  it("closes the context after a page with another site's frame (its storage is not ours to clear), and after a failure", async () => {
    const before = pool.stats().contexts;
    page(await pool.renderPage(`${site.url}frame-of?src=${encodeURIComponent(`${third.url}widget-frame.html`)}`, { userAgent: UA }));
    expect(third.paths()).toContain('/widget-frame.html');
    page(await pool.renderPage(`${site.url}p/1`, { userAgent: UA }));
    expect(pool.stats().contexts).toBe(before + 1);
    expect(await pool.renderPage(`${site.url}missing`, { userAgent: UA })).toMatchObject({ kind: 'failed', status: 404 });
    page(await pool.renderPage(`${site.url}p/2`, { userAgent: UA }));
    expect(pool.stats().contexts).toBe(before + 2);
  });
});

describe('isInertHtml', () => {
  it('is true only for a document that can run nothing', () => {
    expect(isInertHtml(Buffer.from('<!doctype html><title>t</title><p>Plain text, <a href="/x">a link</a>, <img src="/i.png"></p>'))).toBe(true);
    for (const active of [
      '<p>x</p><script src="/a.js"></script>',
      '<svg><SCRIPT>x()</SCRIPT></svg>',
      '<img src="/i.png" onerror="x()">',
      '<body onload=x()>',
      '<svg/onload=x()>',
      '<iframe src="/w"></iframe>',
      '<object data="/o"></object>',
      '<meta http-equiv="Refresh" content="1; url=/next">',
      '<svg><set attributeName="href" to="/late.png" begin="1s"/></svg>',
      '<style>@keyframes k { to { background-image: url(/late.png) } }</style>',
    ])
      expect(isInertHtml(Buffer.from(active)), active).toBe(false);
    expect(isInertHtml(Buffer.from('<p>plain</p>', 'utf16le'))).toBe(false);
  });
});

describe('foldDisabledFeatures', () => {
  it('folds every --disable-features switch into one at the end (Chromium keeps only the last)', () => {
    expect(foldDisabledFeatures(['--a', '--disable-features=X,Y', '--b', '--disable-features=Y,Z'], ['W'])).toEqual([
      '--a',
      '--b',
      '--disable-features=X,Y,Z,W',
    ]);
    expect(foldDisabledFeatures(['--a'])).toEqual(['--a']);
  });
});

describe.skipIf(!CHROME)('BrowserPool limits, throughput and shutdown', () => {
  it('never opens more pages than its limit and leaves no Chromium behind', async () => {
    const site = await startRenderServer({ pageDelayMs: 400 }); // long enough that two pages are always in flight together, even on a loaded machine;
    const pool = new BrowserPool({ size: 2, allowLocalNetwork: true });
    try {
      // Warm-up (launch) is not part of the rate.
      page(await pool.renderPage(`${site.url}p/0`, { userAgent: UA }));
      expect(pgrep(pool.marker).length).toBe(1);
      // Throughput is measured in `npm run bench`, not here.
      const n = 8;
      const results = await Promise.all(Array.from({ length: n }, (_, i) => pool.renderPage(`${site.url}p/${i + 1}`, { userAgent: UA })));
      expect(results.every((r) => r.kind === 'page' && r.html.includes('added by script'))).toBe(true);
      expect(site.peakInFlight).toBeLessThanOrEqual(2);
      expect(site.peakInFlight).toBe(2);
      expect(pool.stats().peak).toBe(2);
    } finally {
      await pool.close();
      await site.close();
    }
    expect(pgrep(pool.marker)).toEqual([]);
    await expect(pool.renderPage('http://127.0.0.1:9/', { userAgent: UA })).rejects.toThrow(/closed/);
  });
});
