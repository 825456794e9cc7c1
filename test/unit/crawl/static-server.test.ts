import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory, type StaticServer } from '../../../src/crawl/static-server.js';

const SITE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sites/forum');
let site: StaticServer;
beforeAll(async () => {
  site = await serveDirectory(SITE);
});
afterAll(() => site.close());

/** Raw request, so `..` segments reach the server unnormalised. */
function raw(method: string, p: string): Promise<{ status: number; type: string; body: string }> {
  const { port } = new URL(site.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveDirectory', () => {
  it('binds 127.0.0.1 on a random port and serves index.html for directories', async () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await raw('GET', '/');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('Community forum');
    expect((await raw('GET', '/robots.txt')).type).toMatch(/^text\/plain/);
  });
  it('404 for missing files, 405 for other methods, HEAD without a body', async () => {
    expect((await raw('GET', '/nope.html')).status).toBe(404);
    expect((await raw('POST', '/')).status).toBe(405);
    const head = await raw('HEAD', '/t/1.html');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
  it('cannot escape the folder', async () => {
    for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2f..%2fpackage.json'])
      expect((await raw('GET', p)).status, p).toBe(404);
  });
});
