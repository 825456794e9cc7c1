// Loopback servers for the render tests: fixture pages (with {{THIRD}} replaced by the other server's origin),
// redirects, a 404, a page that never answers, small numbered pages that count how many are in flight at once,
// and a request log (method + path) to prove what did and did not reach each server.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserPool } from '../../../../src/crawl/render/browser-pool.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/render');

export interface RenderServer {
  url: string;
  requests: Array<{ method: string; path: string }>;
  paths(): string[];
  /** Most /p/ requests in flight at the same time. */
  peakInFlight: number;
  /** Origin substituted for {{THIRD}} in fixtures. */
  third: string;
  close(): Promise<void>;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export async function startRenderServer(opts: { third?: string; pageDelayMs?: number } = {}): Promise<RenderServer> {
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const state: RenderServer = {
    url: '',
    third: opts.third ?? '',
    requests: [],
    paths: () => state.requests.map((r) => r.path),
    peakInFlight: 0,
    close: async () => undefined,
  };
  const server = http.createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const p = u.pathname;
    state.requests.push({ method: req.method ?? '', path: p + u.search });
    const html = (body: string, status = 200): void => void res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (req.method !== 'GET') return html('<p>posted</p>');
    if (p.startsWith('/page/')) {
      try {
        const text = await readFile(path.join(FIXTURES, path.basename(p)), 'utf8');
        return html(text.replaceAll('{{THIRD}}', state.third));
      } catch {
        return html('<h1>Not found</h1>', 404);
      }
    }
    if (p === '/redirect/1') return void res.writeHead(302, { location: '/redirect/2' }).end();
    if (p === '/redirect/2') return void res.writeHead(301, { location: '/page/server-rendered.html' }).end();
    if (p === '/redirect-off') return void res.writeHead(302, { location: `${state.third}offsite-target` }).end();
    if (p === '/missing') return html('<!doctype html><title>Not found</title><h1>Not found</h1><p>Sorry.</p>', 404);
    if (p === '/slow') return; // never answers; the socket is destroyed on close()
    if (p === '/download')
      return void res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="x.bin"' })
        .end(Buffer.alloc(1024));
    if (p === '/tracker.js') {
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(`new Image().src = ${JSON.stringify(`${state.url}pixel.gif?e=pageview`)};`);
    }
    if (p.endsWith('.gif')) return void res.writeHead(200, { 'content-type': 'image/gif' }).end(GIF);
    if (p.startsWith('/p/')) {
      inFlight++;
      state.peakInFlight = Math.max(state.peakInFlight, inFlight);
      await new Promise((r) => setTimeout(r, opts.pageDelayMs ?? 0));
      inFlight--;
      return html(
        `<!doctype html><html><head><title>Page ${p}</title></head><body><h1>Page ${p}</h1><p>Small page number ${p} with a little text.</p><script>document.body.insertAdjacentHTML('beforeend', '<p>added by script</p>')</script></body></html>`,
      );
    }
    // A page that stores something everywhere a page can (cookies from the server and from script, local and
    // session storage, IndexedDB, cache storage), and one that writes out what it finds of all that.
    if (p === '/store/set')
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'served=1; Path=/; Max-Age=3600' })
        .end(
          `<!doctype html><p id="o">STORING</p><script>document.cookie = 'scripted=1; max-age=3600'; window.name = 'kept'; history.pushState({}, '', '?pushed'); localStorage.setItem('kept', '1'); sessionStorage.setItem('kept', '1'); indexedDB.open('kept', 1).onupgradeneeded = (e) => e.target.result.createObjectStore('s'); caches.open('kept').then((c) => c.put('/x', new Response('x'))).then(() => { document.getElementById('o').textContent = 'STORED'; });</script>`,
        );
    if (p === '/store/get')
      return html(
        `<!doctype html><p id="o">READING</p><script>(async () => { const dbs = (await indexedDB.databases()).map((d) => d.name); const cs = await caches.keys(); document.getElementById('o').textContent = 'FOUND cookie=[' + document.cookie + '] local=[' + (localStorage.getItem('kept') ?? '') + '] session=[' + (sessionStorage.getItem('kept') ?? '') + '] idb=[' + dbs + '] caches=[' + cs + '] name=[' + window.name + '] history=' + history.length; })();</script>`,
      );
    if (p === '/late')
      return html(
        `<!doctype html><h1>Late request</h1><script>addEventListener('load', () => setTimeout(() => { new Image().src = '/late.gif'; }, 250));</script>`,
      );
    if (p === '/frame-of') return html(`<!doctype html><h1>With a frame</h1><iframe src="${u.searchParams.get('src') ?? ''}"></iframe>`);
    if (p === '/favicon.ico') return void res.writeHead(404).end();
    return html(`<h1>${p}</h1>`);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}

export interface SitesWithPool {
  site: RenderServer;
  third: RenderServer;
  pool: BrowserPool;
  /** Closes the pool, then both servers. */
  close(): Promise<void>;
}

/**
 * A "site" and a "third party" server (the site's fixtures point at it) and a browser pool of `size` slots. Both are
 * on loopback, so the pool may reach the local network (interception-served documents go there).
 */
export async function startSitesWithPool(size: number): Promise<SitesWithPool> {
  const third = await startRenderServer();
  const site = await startRenderServer({ third: third.url });
  const pool = new BrowserPool({ size, allowLocalNetwork: true });
  return {
    site,
    third,
    pool,
    async close() {
      await pool.close();
      await site.close();
      await third.close();
    },
  };
}
