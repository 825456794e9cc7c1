import { describe, expect, it } from 'vitest';
import { isStateChanging, makeScope, sameSite, trapReason } from '../../../src/crawl/scope.js';
import { canonicalizeUrl } from '../../../src/crawl/url.js';

describe('canonicalizeUrl', () => {
  it('resolves relative links, lower-cases the host, drops fragments and default ports', () => {
    expect(canonicalizeUrl('../b/c?x=1#frag', 'HTTP://Example.COM:80/a/z/')).toBe('http://example.com/a/b/c?x=1');
    expect(canonicalizeUrl('https://Shop.Example.com:443/')).toBe('https://shop.example.com/');
    expect(canonicalizeUrl('http://example.com:8080/x')).toBe('http://example.com:8080/x');
  });
  it('accepts http(s) only', () => {
    expect(canonicalizeUrl('mailto:a@b.c', 'https://example.com/')).toBeNull();
    expect(canonicalizeUrl('javascript:void(0)', 'https://example.com/')).toBeNull();
    expect(canonicalizeUrl('ftp://example.com/f', 'https://example.com/')).toBeNull();
    expect(canonicalizeUrl('http://[bad', 'https://example.com/')).toBeNull();
  });
  it('removes tracking and session parameters and sorts query keys', () => {
    expect(
      canonicalizeUrl(
        '/t?z=1&utm_source=n&utm_medium=e&gclid=g&fbclid=f&mc_cid=1&mc_eid=2&a=2&sid=9&sessionid=8&PHPSESSID=7&jsessionid=6',
        'https://example.com/',
      ),
    ).toBe('https://example.com/t?a=2&z=1');
    expect(canonicalizeUrl('https://example.com/t;jsessionid=ABC123?b=2&a=1')).toBe('https://example.com/t?a=1&b=2');
    expect(canonicalizeUrl('https://example.com/t?utm_campaign=x')).toBe('https://example.com/t');
  });
  // Counterexamples found by test/unit/fuzz/url.fuzz.test.ts.
  it('is idempotent on a host with several trailing dots', () => {
    expect(canonicalizeUrl('http://a.b.c.example.org..')).toBe('http://a.b.c.example.org/');
    expect(canonicalizeUrl(canonicalizeUrl('http://a.b.c.example.org..')!)).toBe('http://a.b.c.example.org/');
  });
  it('gives one order to keys the locale calls equal (é precomposed and e + combining accent)', () => {
    const a = canonicalizeUrl('https://example.com/?\u00e9&b&e\u0301');
    expect(a).toBe('https://example.com/?b=&e%CC%81=&%C3%A9=');
    expect(canonicalizeUrl('https://example.com/?e\u0301&b&\u00e9')).toBe(a);
  });
});

describe('scope', () => {
  it('same site = same registrable domain; IP/localhost = exact host:port', () => {
    expect(sameSite('https://forum.example.co.uk/x', 'https://www.example.co.uk/')).toBe(true);
    expect(sameSite('https://example.com.evil.org/', 'https://example.com/')).toBe(false);
    expect(sameSite('http://127.0.0.1:8001/', 'http://127.0.0.1:8000/')).toBe(false);
    expect(sameSite('http://127.0.0.1:8000/a', 'http://127.0.0.1:8000/')).toBe(true);
    expect(sameSite('http://localhost:3000/a', 'http://localhost:4000/')).toBe(false);
  });
  it('detects state-changing links by path segment or query key, not words inside slugs', () => {
    for (const u of [
      'https://x.com/logout',
      'https://x.com/session/sign-out',
      'https://x.com/posts/1/delete',
      'https://x.com/t/5/vote',
      'https://x.com/unsubscribe?l=1',
      'https://x.com/cart/add?sku=1',
      'https://x.com/add-to-cart',
      'https://x.com/u/bob/follow',
      'https://x.com/p/1/report',
      'https://x.com/forum/mark-all-read',
      'https://x.com/t/9?action=like',
    ])
      expect(isStateChanging(u), u).toBe(true);
    for (const u of ['https://x.com/how-to-follow-up', 'https://x.com/t/reporting-basics', 'https://x.com/t/1?page=2'])
      expect(isStateChanging(u), u).toBe(false);
  });
  it('catches the forms real sites use: encoded, joined words, query values and platform endpoints', () => {
    for (const u of [
      'https://x.com/users/sign_out',
      'https://x.com/ucp.php?mode=logout&sid=1',
      'https://x.com/log%6Fut',
      'https://x.com/log%256Fut',
      'https://x.com/log_out',
      'https://x.com/logout-user',
      'https://x.com/auth/signoff',
      'https://x.com/session/end',
      'https://x.com/delete-account',
      'https://x.com/account/delete-me',
      'https://x.com/settings/deactivate',
      'https://x.com/account/close',
      'https://x.com/index.php?op=delete&id=4',
      'https://x.com/api/remove-item/5',
      'https://x.com/viewforum.php?f=2&mark=topics',
      'https://x.com/ucp.php?mode=delete_cookies',
      'https://x.com/t5/user/userlogoutpage',
      'https://x.com/t5/s/page.logoutpage',
      'https://x.com/login.php?do=logout',
    ])
      expect(isStateChanging(u), u).toBe(true);
    // Content that only talks about those actions stays crawlable.
    for (const u of [
      'https://x.com/forum/t/how-to-delete-my-cache/12',
      'https://x.com/guides/closing-the-gap',
      'https://x.com/t/report-on-community-health',
      'https://x.com/memberlist.php?mode=viewprofile&u=2',
      'https://x.com/viewtopic.php?t=5&start=15',
      'https://x.com/blog/the-end-of-an-era',
    ])
      expect(isStateChanging(u), u).toBe(false);
  });
  // Counterexamples found by test/unit/fuzz/state-changing.fuzz.test.ts.
  it('reads an encoded action word when another part of the path is not valid percent-encoding', () => {
    expect(isStateChanging('https://community.example.com/100%/%6c%6f%67%6f%75%74.php')).toBe(true);
    expect(isStateChanging('https://x.com/forum/caf%E9/sign%5Fout')).toBe(true);
  });
  it('two words that only meet in a slug are not an action: blog-outdoor, design-office, dialog-outlet', () => {
    for (const u of [
      'https://community.example.com/?page=dialog-outlet-tomato',
      'https://x.com/t/blog-outdoor-kitchen/12',
      'https://x.com/design-office',
      'https://x.com/shop/catalog-outlet',
      'https://x.com/t/backlog_offsets/3',
    ])
      expect(isStateChanging(u), u).toBe(false);
    for (const u of ['https://x.com/user-log-out-page', 'https://x.com/a/sign_off.php', 'https://x.com/LOG-OUT']) expect(isStateChanging(u), u).toBe(true);
  });
  it('include/exclude globs match the path (and path + query)', () => {
    const scope = makeScope({ start: 'https://x.com/', include: ['/forum/**'], exclude: ['**/print/**', '/forum/*?sort=*'] });
    expect(scope('https://x.com/')).toBeNull(); // the start page is always in
    expect(scope('https://x.com/forum/t/1')).toBeNull();
    expect(scope('https://x.com/blog/1')).toBe('not-included');
    expect(scope('https://x.com/forum/t/print/1')).toBe('excluded');
    expect(scope('https://x.com/forum/latest?sort=new')).toBe('excluded');
    expect(scope('https://other.com/forum/t/1')).toBe('out-of-scope');
    expect(scope('https://x.com/forum/logout')).toBe('state-changing');
  });
  it('trap guards: long URLs, repeated segments, calendar variants are bounded', () => {
    const v = new Map<string, number>();
    expect(trapReason(`https://x.com/${'a'.repeat(2001)}`, v)).toMatch(/2,000/);
    expect(trapReason('https://x.com/a/b/a/c/a', v)).toMatch(/repeats/);
    expect(trapReason('https://x.com/a/b/a', v)).toBeNull();
    const results = Array.from({ length: 10 }, (_, i) => trapReason(`https://x.com/events?month=${i}`, v));
    expect(results.slice(0, 5).every((r) => r === null)).toBe(true);
    expect(results.slice(5).every((r) => r !== null)).toBe(true);
  });
});
