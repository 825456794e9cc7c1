import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { canonicalizeUrl, pageIdentity } from '../../../src/crawl/url.js';
import { crawlOptions } from './helpers/crawl-options.js';
import { closedAfterEachTest, recordOf } from './helpers/per-test.js';
import { links, page } from './helpers/misbehaving-server.js';

const { server } = closedAfterEachTest();
const rec = recordOf;
const id = (u: string): string => pageIdentity(canonicalizeUrl(u)!);

describe('page identity (sort, paging and display variants)', () => {
  it('drops sort, paging and display parameters', () => {
    expect(id('https://f.example/forum/12?order=title&sort=asc')).toBe('https://f.example/forum/12');
    expect(id('https://f.example/forum/12?page=3')).toBe('https://f.example/forum/12');
    expect(id('https://f.example/viewforum.php?f=2&start=50')).toBe('https://f.example/viewforum.php?f=2');
    expect(id('https://f.example/viewtopic.php?t=123&start=15&hilit=gba')).toBe('https://f.example/viewtopic.php?t=123');
    expect(id('https://f.example/showthread.php?t=9&page=2&perpage=40')).toBe('https://f.example/showthread.php?t=9');
    expect(id('https://f.example/viewtopic.php?t=1&view=print')).toBe('https://f.example/viewtopic.php?t=1');
    expect(id('https://f.example/search?q=x&orderby=date&dir=desc&limit=20&offset=40')).toBe('https://f.example/search?q=x');
    // Session ids were dropped already by canonicalizeUrl.
    expect(id('https://f.example/viewtopic.php?t=1&sid=0123456789abcdef')).toBe('https://f.example/viewtopic.php?t=1');
  });

  it('keeps the parameters that name a page', () => {
    for (const [a, b] of [
      ['https://f.example/viewtopic.php?t=123', 'https://f.example/viewtopic.php?t=124'],
      ['https://f.example/viewforum.php?f=2', 'https://f.example/viewforum.php?f=3'],
      ['https://blog.example/?p=123', 'https://blog.example/?p=124'],
      ['https://site.example/index.php?page=about', 'https://site.example/index.php?page=contact'],
      ['https://site.example/index.php?option=com_content&view=article&id=5', 'https://site.example/index.php?option=com_content&view=category&id=5'],
    ])
      expect(id(a!), a).not.toBe(id(b!));
    expect(id('https://blog.example/?p=123&page=2')).toBe('https://blog.example/?p=123');
    expect(id('https://f.example/t/1')).toBe('https://f.example/t/1');
  });
});

describe('variants in a crawl', () => {
  it('folds sort/paging variants of a listing and a thread into one page without requesting them; ids stay apart', async () => {
    const listing = links([
      '/forum/12?order=title&sort=asc',
      '/forum/12?order=last_post',
      '/forum/12?page=1',
      '/forum/12?page=2',
      '/forum/12?page=2&sort=desc',
    ]);
    const s = await server({
      robots: 404,
      homeLinks: [
        '/forum/12',
        '/viewtopic.php?t=123',
        '/viewtopic.php?t=124',
        '/viewtopic.php?t=123&start=15',
        '/viewtopic.php?t=123&view=print',
        '/?p=7',
        '/?p=8',
        '/index.php?page=about',
        '/index.php?page=contact',
      ],
      route: (p, _req, res, u) => {
        const html = (body: string): boolean => (res.writeHead(200, { 'content-type': 'text/html' }).end(page(`${p}${u.search}`, body)), true);
        if (p === '/forum/12') return html(u.search ? '<p>another order of the same topics</p>' : listing);
        if (p === '/viewtopic.php' || p === '/index.php') return html(`<p>${u.search}</p>`);
        if (p === '/' && u.search) return html(`<p>post ${u.search}</p>`);
        return false;
      },
    });
    const r = await crawlSite(crawlOptions(s.url, { sitemaps: false }));
    const fetched = r.pages.map((p) => p.url.slice(s.url.length - 1)).sort();
    expect(fetched).toEqual([
      '/',
      '/?p=7',
      '/?p=8',
      '/forum/12',
      '/index.php?page=about',
      '/index.php?page=contact',
      '/viewtopic.php?t=123',
      '/viewtopic.php?t=124',
    ]);
    const variants = r.records.filter((x) => x.reason === 'variant');
    expect(variants.map((x) => x.url.slice(s.url.length - 1)).sort()).toEqual([
      '/forum/12?order=last_post',
      '/forum/12?order=title&sort=asc',
      '/forum/12?page=1',
      '/forum/12?page=2',
      '/forum/12?page=2&sort=desc',
      '/viewtopic.php?start=15&t=123',
      '/viewtopic.php?t=123&view=print',
    ]);
    expect(rec(r, `${s.url}forum/12?page=2`)).toMatchObject({ outcome: 'skipped', detail: `a sort/paging variant of ${s.url}forum/12` });
    expect(rec(r, `${s.url}viewtopic.php?start=15&t=123`)?.detail).toBe(`a sort/paging variant of ${s.url}viewtopic.php?t=123`);
    // None of them reached the server.
    expect(s.paths().filter((p) => /[?&](?:order|sort|page|start|view)=/.test(p) && !p.includes('page=about') && !p.includes('page=contact'))).toEqual([]);
  });

  it('keeps de-duplicating by canonical link', async () => {
    const s = await server({ robots: 404, homeLinks: ['/canon', '/canon-copy'] });
    const r = await crawlSite(crawlOptions(s.url, { sitemaps: false, concurrency: 1 }));
    expect(rec(r, `${s.url}canon-copy`)).toMatchObject({ outcome: 'skipped', reason: 'duplicate', detail: `same canonical as ${s.url}canon` });
  });
});
