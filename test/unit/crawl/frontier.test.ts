import { describe, expect, it } from 'vitest';
import { Frontier, type FrontierItem } from '../../../src/crawl/frontier.js';
import { groupClass, isKeyPage } from '../../../src/crawl/priority.js';
import { urlTemplate } from '../../../src/crawl/sample.js';

const START = 'https://forum.example/';
const item = (url: string, over: Partial<FrontierItem> = {}): FrontierItem => ({
  url,
  depth: 1,
  group: urlTemplate(url),
  key: false,
  classRank: 0,
  referrer: START,
  fromSitemap: false,
  ...over,
});
const takeAll = (f: Frontier): string[] => f.drain().map((i) => new URL(i.url).pathname + new URL(i.url).search);

describe('priority words', () => {
  it('key pages: the start page, the root and shallow sign-up, sign-in, help, contact, about and policy pages', () => {
    for (const u of [
      '/',
      '/sign-up',
      '/register',
      '/login',
      '/help/',
      '/faq.php',
      '/contact-us',
      '/about',
      '/privacy-policy',
      '/terms-of-service',
      '/legal/terms',
      '/ucp.php?mode=register',
      '/index.php?page=contact',
      '/impressum',
      '/datenschutz',
    ])
      expect(isKeyPage(new URL(u, START).toString(), START), u).toBe(true);
    for (const u of ['/login?redirect=/t/1', '/search?q=help', '/t/123', '/how-to-get-help', '/a/b/c/help', '/forum?page=2'])
      expect(isKeyPage(new URL(u, START).toString(), START), u).toBe(false);
    expect(isKeyPage('https://forum.example/index.html', 'https://forum.example/index.html')).toBe(true);
    expect(isKeyPage('https://other.example/help', START)).toBe(false);
  });

  it('content groups (threads, topics, reviews, listings) and people/tag/search groups, by the URL template', () => {
    const cls = (u: string) => groupClass(urlTemplate(new URL(u, START).toString()));
    for (const u of [
      '/t/some-topic/123',
      '/forum/t/5',
      '/threads/title.991/',
      '/viewtopic.php?t=3',
      '/viewforum.php?f=2',
      '/index.php?topic=12.0',
      '/node/77',
      '/forum/12',
      '/category/8.html',
      '/thread/8/18005.html',
      '/reviews/acme-blender',
      '/ideas/42',
      '/c/support/5',
      '/?p=9',
      '/themen/99',
    ])
      expect(cls(u), u).toBe('content');
    for (const u of [
      '/user/12',
      '/u/bob',
      '/members/alice.7/',
      '/memberlist.php?mode=viewprofile&u=2',
      '/forum/members/5',
      '/tags/gba',
      '/search?q=x',
      '/calendar/2024',
      '/login?redirect=/t/1',
      '/profile/5',
      '/mitglieder/8',
      '/posting.php?mode=reply&t=5',
      '/newreply.php?p=9',
      '/t/5/print',
    ])
      expect(cls(u), u).toBe('peripheral');
    for (const u of ['/deals', '/products/blender-3000', '/blog/2024/hello', '/help/article/12', '/how-to-follow-up']) expect(cls(u), u).toBe('other');
  });
});

describe('frontier', () => {
  it('orders key pages, depth, links before sitemap entries, then content before other before people pages', () => {
    const f = new Frontier(() => false);
    f.add(item('https://forum.example/u/1', { classRank: 2 }));
    f.add(item('https://forum.example/deals', { classRank: 1 }));
    f.add(item('https://forum.example/t/9', { depth: 2 }));
    f.add(item('https://forum.example/t/1', { fromSitemap: true, referrer: 'sitemap' }));
    f.add(item('https://forum.example/t/2'));
    f.add(item('https://forum.example/privacy', { depth: 3, key: true, classRank: 1 }));
    expect(takeAll(f)).toEqual(['/privacy', '/t/2', '/deals', '/u/1', '/t/1', '/t/9']);
  });

  it('takes turns across the pages that linked to the URLs', () => {
    const f = new Frontier(() => false);
    for (const listing of ['a', 'b', 'c'])
      for (let i = 1; i <= 3; i++) f.add(item(`https://forum.example/t/${listing}${i}`, { depth: 2, referrer: `https://forum.example/f/${listing}` }));
    expect(takeAll(f)).toEqual(['/t/a1', '/t/b1', '/t/c1', '/t/a2', '/t/b2', '/t/c2', '/t/a3', '/t/b3', '/t/c3']);
  });

  it('a capped group sorts after every other group, and keeps its own order there', () => {
    const capped = new Set<string>();
    const f = new Frontier((g) => capped.has(g));
    f.add(item('https://forum.example/t/1'));
    f.add(item('https://forum.example/t/2'));
    f.add(item('https://forum.example/u/1', { classRank: 2 }));
    f.add(item('https://forum.example/u/2', { classRank: 2 }));
    expect(f.take(() => true)?.url).toBe('https://forum.example/t/1');
    capped.add('/t/*');
    expect(takeAll(f)).toEqual(['/u/1', '/u/2', '/t/2']);
    expect(f.size).toBe(0);
  });

  it('a URL found again nearer the start moves up; found again deeper it stays', () => {
    const f = new Frontier(() => false);
    f.add(item('https://forum.example/t/1', { depth: 3 }));
    f.add(item('https://forum.example/t/2', { depth: 2 }));
    expect(f.add(item('https://forum.example/t/1', { depth: 1 }))).toBe(true);
    expect(f.add(item('https://forum.example/t/2', { depth: 4 }))).toBe(false);
    expect(f.size).toBe(2);
    const taken = f.drain();
    expect(taken.map((i) => [new URL(i.url).pathname, i.depth])).toEqual([
      ['/t/1', 1],
      ['/t/2', 2],
    ]);
  });

  it('takes only from hosts with a free slot', () => {
    const f = new Frontier(() => false);
    f.add(item('https://forum.example/t/1'));
    f.add(item('https://help.example/t/2', { depth: 3 }));
    expect(f.take((host) => host !== 'forum.example')?.url).toBe('https://help.example/t/2');
    expect(f.take((host) => host !== 'forum.example')).toBeNull();
    expect(f.take(() => true)?.url).toBe('https://forum.example/t/1');
  });
});
