// The SSRF guard: names under the audited domain that resolve to private, loopback or metadata addresses are never
// connected to. Names are stubbed onto loopback addresses (nothing leaves the machine): 127.0.0.2 plays the part
// of a private address here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { forbiddenAddress, isPrivateHost, type LookupFn } from '../../../src/crawl/address-guard.js';
import { crawlOptions } from './helpers/crawl-options.js';

describe('forbiddenAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['fd12:3456::1', 'unique-local'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['240.0.0.1', 'reserved'],
  ])('%s is %s', (ip, kind) => expect(forbiddenAddress(ip)).toBe(kind));

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2a00:1450:4001::1', '93.184.216.34'])('%s is public', (ip) => expect(forbiddenAddress(ip)).toBeNull());

  it('a start URL on a literal private address (a snapshot, an intranet IP) opts the audit in; a name does not', () => {
    expect(isPrivateHost('http://127.0.0.1:8080/')).toBe(true);
    expect(isPrivateHost('http://[::1]/')).toBe(true);
    expect(isPrivateHost('http://localhost:3000/')).toBe(true);
    expect(isPrivateHost('https://community.example.com/')).toBe(false);
  });
});

const servers: http.Server[] = [];
afterEach(async () => {
  while (servers.length) await new Promise((r) => servers.pop()!.close(r));
});

async function serve(host: string, handler: http.RequestListener): Promise<{ port: number; paths: string[] }> {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, r));
  return { port: (server.address() as AddressInfo).port, paths };
}

describe('the SSRF guard in a crawl', () => {
  it('never connects to a name of the site that resolves to a private address: links, redirects, robots.txt and sitemaps', async () => {
    const internal = await serve('127.0.0.2', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>cloud metadata</p>'));
    const meta = `http://internal.site.test:${internal.port}`;
    const site = await serve('127.0.0.1', (req, res) => {
      const p = req.url ?? '/';
      if (p === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nAllow: /\nSitemap: ${meta}/sitemap.xml\n`);
      if (p === '/go') return void res.writeHead(302, { location: `${meta}/latest/meta-data/` }).end();
      if (p === '/')
        return void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(`<h1>Home</h1><a href="${meta}/latest/meta-data/">meta</a> <a href="/go">go</a> <a href="/p/1">p</a>`);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Page</h1><p>text</p>');
    });
    const lookup: LookupFn = (hostname, _opts, cb) => {
      if (hostname === 'site.test') return cb(null, [{ address: '127.0.0.1', family: 4 }]);
      if (hostname === 'internal.site.test') return cb(null, [{ address: '127.0.0.2', family: 4 }]);
      cb(Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' }), []);
    };
    const start = `http://site.test:${site.port}/`;
    const r = await crawlSite(crawlOptions(start, { maxPages: 10 }), { lookup, forbidden: (ip) => ip === '127.0.0.2' });
    expect(site.paths).toEqual(expect.arrayContaining(['/', '/go', '/p/1']));
    expect(internal.paths).toEqual([]);
    const rec = r.records.find((x) => x.url === `${meta}/latest/meta-data/`);
    // Its robots.txt is refused first (another origin), so the page is never asked for; either way the record says why.
    expect(['skipped', 'robots-blocked']).toContain(rec?.outcome);
    expect(rec?.detail).toMatch(/internal\.site\.test resolves to 127\.0\.0\.2, a private address: not requested/);
    expect(r.addressRefusals?.length).toBeGreaterThan(0);
    expect((r.sitemaps ?? []).map((m) => m.note).join(' ')).toMatch(/not requested: internal\.site\.test resolves to 127\.0\.0\.2/);
  });
});
