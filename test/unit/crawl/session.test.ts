// The opt-in member session: parsed from the formats people export, matched like a browser would, sent only
// in scope, and never written to the archive.
import { mkdtemp, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeArchive } from '../../../src/crawl/archive.js';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { cookieHeaderFor, parseCookiesTxt, parseStorageState, SessionFileError } from '../../../src/crawl/session.js';

describe('session files', () => {
  it('reads a cookies.txt export, including curl’s #HttpOnly_ lines and comments', () => {
    const text = [
      '# Netscape HTTP Cookie File',
      'community.example.com\tFALSE\t/\tTRUE\t0\tsid\tabc123',
      '#HttpOnly_.example.com\tTRUE\t/members\tFALSE\t4102444800\ttoken\tx=y',
      '',
    ].join('\n');
    expect(parseCookiesTxt(text)).toEqual([
      { name: 'sid', value: 'abc123', domain: 'community.example.com', path: '/', secure: true, expires: 0 },
      { name: 'token', value: 'x=y', domain: '.example.com', path: '/members', secure: false, expires: 4102444800 },
    ]);
  });

  it('names the line of a malformed cookies.txt', () => {
    expect(() => parseCookiesTxt('example.com\tFALSE\t/\n')).toThrow(/line 1: expected 7 tab-separated fields/);
  });

  it('reads a Playwright storage state and rejects one without cookies', () => {
    const state = JSON.stringify({
      cookies: [{ name: 'sid', value: 'v', domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }],
      origins: [],
    });
    expect(parseStorageState(state)).toEqual([{ name: 'sid', value: 'v', domain: '127.0.0.1', path: '/', secure: false, expires: -1 }]);
    expect(() => parseStorageState('{"origins":[]}')).toThrow(SessionFileError);
  });

  it('matches domain, path, secure and expiry as a browser does', () => {
    const cookies = parseCookiesTxt(
      [
        '.example.com\tTRUE\t/\tFALSE\t0\ta\t1',
        'example.com\tFALSE\t/members\tFALSE\t0\tb\t2',
        'example.com\tFALSE\t/\tTRUE\t0\tc\t3',
        'example.com\tFALSE\t/\tFALSE\t1000\told\t4',
      ].join('\n'),
    );
    expect(cookieHeaderFor('http://example.com/members/x', cookies)).toBe('b=2; a=1');
    expect(cookieHeaderFor('https://example.com/', cookies)).toBe('a=1; c=3');
    expect(cookieHeaderFor('http://forum.example.com/membersonly', cookies)).toBe('a=1');
    expect(cookieHeaderFor('http://other.org/', cookies)).toBeNull();
  });
});

describe('an authenticated crawl', () => {
  const seen: Array<{ path: string; cookie: string | undefined }> = [];
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ path: req.url ?? '', cookie: req.headers.cookie });
      const member = req.headers.cookie?.includes('sid=secret-session');
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      if (req.url === '/')
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="/members/thread.html">Members</a> <a href="/logout">Log out</a>');
      if (req.url === '/members/thread.html') {
        if (!member) return void res.writeHead(401, { 'content-type': 'text/html' }).end('Sign in');
        return void res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'sid=rotated-secret; Path=/' }).end('<main>Members talk here.</main>');
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const crawl = (session?: ReturnType<typeof parseCookiesTxt>) =>
    crawlSite({
      startUrl: base,
      maxPages: 10,
      maxDepth: 3,
      render: 'static',
      include: [],
      exclude: [],
      delayMs: 0,
      concurrency: 1,
      userAgent: 'conductor-audit-test',
      robotsToken: 'conductor-audit',
      timeoutMs: 5000,
      maxBytes: 1 << 20,
      sitemaps: false,
      ...(session ? { session } : {}),
    });

  it('reaches member pages only with the session, never follows logout, and keeps the session out of the archive', async () => {
    const anonymous = await crawl();
    expect(anonymous.records.find((r) => r.url.endsWith('/members/thread.html'))).toMatchObject({ outcome: 'failed', status: 401 });

    const session = parseCookiesTxt(`127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tsecret-session`);
    const member = await crawl(session);
    expect(member.pages.map((p) => new URL(p.url).pathname)).toContain('/members/thread.html');
    expect(seen.some((r) => r.path === '/logout')).toBe(false);
    expect(seen.filter((r) => r.path === '/members/thread.html').some((r) => r.cookie === 'sid=secret-session')).toBe(true);

    const dir = await mkdtemp(path.join(tmpdir(), 'ca-session-'));
    const file = await writeArchive(dir, member, 'test');
    const archived = gunzipSync(await readFile(file)).toString('utf8');
    expect(archived).toContain('Members talk here.');
    expect(archived).not.toContain('secret-session');
    expect(archived).not.toContain('rotated-secret');
  });
});
