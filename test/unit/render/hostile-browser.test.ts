// Pages that try to hang the browser or make it change things. Every request a page makes passes the same checks
// as a link; a page that keeps Chromium busy is given up at the render's cap, and the pool goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChrome } from '../../../src/util/chrome.js';
import type { BrowserPool } from '../../../src/crawl/render/browser-pool.js';
import { isStateChanging } from '../../../src/crawl/scope.js';
import { startSitesWithPool, type RenderServer } from './helpers/render-server.js';

const UA = 'conductor-audit/0.1.0 (+https://example.com/conductor-audit) render-test';

describe.skipIf(!hasChrome())('hostile pages in the browser', () => {
  let site: RenderServer;
  let third: RenderServer;
  let pool: BrowserPool;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ site, third, pool, close } = await startSitesWithPool(1));
  });
  afterAll(() => close?.());

  it('a script that spins after load is given up as a timeout at the cap, and the next page still renders', async () => {
    const r = await pool.renderPage(`${site.url}page/spin.html`, { userAgent: UA, timeoutMs: 2000, settleMs: 300 });
    expect(r.kind).toBe('failed');
    if (r.kind === 'failed') {
      expect(r.reason).toBe('timeout');
      expect(r.detail).toMatch(/did not finish/);
    }
    const next = await pool.renderPage(`${site.url}page/server-rendered.html`, { userAgent: UA, timeoutMs: 5000 });
    expect(next.kind).toBe('page');
  });

  it('a history.pushState flood ends within the render cap', async () => {
    const r = await pool.renderPage(`${site.url}page/pushstate.html`, { userAgent: UA, timeoutMs: 2000, settleMs: 300 });
    // Either it was read, or given up at the cap; it never runs on.
    expect(['page', 'failed']).toContain(r.kind);
    if (r.kind === 'failed') expect(r.reason).toBe('timeout');
  });

  it('what a page requests by itself passes what a link would: no state change, no robots-disallowed path, no POST, no script-submitted form', async () => {
    const allowNavigation = (u: string) =>
      isStateChanging(u) ? 'state-changing' : new URL(u).pathname.startsWith('/private/') ? 'disallowed by robots.txt' : null;
    const before = site.requests.length;
    const r = await pool.renderPage(`${site.url}page/side-effects.html`, { userAgent: UA, timeoutMs: 5000, allowNavigation });
    expect(r.kind).toBe('page');
    const seen = site.requests.slice(before);
    const paths = seen.map((x) => x.path);
    for (const refused of ['/logout', '/account/delete', '/users/sign_out', '/private/frame.html', '/api/vote', '/beacon'])
      expect(paths).not.toContain(refused);
    expect(paths.some((p) => p.startsWith('/search'))).toBe(false);
    expect(seen.filter((x) => x.method !== 'GET')).toEqual([]);
    // Another site's frame (a widget) loads, as a visitor's would.
    expect(third.paths()).toContain('/widget-frame.html');
    if (r.kind === 'page') {
      const blocked = r.requests.filter((q) => q.blocked).map((q) => `${q.method} ${new URL(q.url).pathname}`);
      expect(blocked).toEqual(expect.arrayContaining(['GET /logout', 'POST /api/vote']));
    }
  });

  it('asks the address guard about every request, on any host, before it is let through', async () => {
    const asked: string[] = [];
    const checkAddress = async (u: string) => {
      asked.push(new URL(u).host);
      return new URL(u).host === new URL(third.url).host ? 'third.example resolves to 10.0.0.5, a private address: not requested' : null;
    };
    const before = third.requests.length;
    const r = await pool.renderPage(`${site.url}page/side-effects.html`, { userAgent: UA, timeoutMs: 5000, checkAddress });
    expect(r.kind).toBe('page');
    expect(asked).toEqual(expect.arrayContaining([new URL(site.url).host, new URL(third.url).host]));
    expect(third.requests.length).toBe(before);
  });
});
