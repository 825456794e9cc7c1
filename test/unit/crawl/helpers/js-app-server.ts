// The js-app fixture site on 127.0.0.1: /app/ is written by JavaScript (its only link, to /app/hidden, too), and
// its script asks for /private/data.json, which robots.txt disallows. Every request path is logged.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SITE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/sites/js-app');
const HTML = 'text/html; charset=utf-8';
const ROUTES: Record<string, [string, string]> = {
  '/': ['index.html', HTML],
  '/about': ['about.html', HTML],
  '/forum/t/1': ['t1.html', HTML],
  '/forum/t/2': ['t2.html', HTML],
  '/app/': ['app.html', HTML],
  '/app.js': ['app.js', 'text/javascript'],
  '/app/hidden': ['hidden.html', HTML],
  '/robots.txt': ['robots.txt', 'text/plain'],
  '/private/data.json': ['data.json', 'application/json'],
};

export interface JsAppServer {
  origin: string;
  requested: string[];
  /** Every request: its path, Cookie header (null when none was sent) and arrival time (Date.now()). */
  cookies: Array<{ path: string; cookie: string | null; at: number }>;
  close(): Promise<void>;
}

export async function startJsAppServer(): Promise<JsAppServer> {
  const requested: string[] = [];
  const cookies: JsAppServer['cookies'] = [];
  const server = http.createServer(async (req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    requested.push(p);
    cookies.push({ path: p, cookie: req.headers.cookie ?? null, at: Date.now() });
    const route = ROUTES[p];
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': route[1] }).end(await readFile(path.join(SITE, route[0])));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    cookies,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
