// robots.txt rules as the crawler reads them, with fetch stubbed (the HTTP side is in crawler.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadRobots } from '../../../src/crawl/robots.js';

const ORIGIN = 'https://community.example.com';

async function robotsOf(text: string) {
  vi.stubGlobal('fetch', async () => new Response(text, { status: 200, headers: { 'content-type': 'text/plain' } }));
  return loadRobots(`${ORIGIN}/`, { userAgent: 'conductor-audit/0.1', token: 'conductor-audit', timeoutMs: 1000 });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

// Counterexamples found by test/unit/fuzz/robots.fuzz.test.ts.
describe('robots.txt rules', () => {
  it('/robots.txt itself is always allowed (RFC 9309 §2.2.2)', async () => {
    const r = await robotsOf('User-agent: *\nDisallow: /');
    expect(r.isAllowed(`${ORIGIN}/robots.txt`)).toBe(true);
    expect(r.isAllowed(`${ORIGIN}/`)).toBe(false);
    expect(r.isAllowed('https://other.example.com/robots.txt')).toBe(false);
  });

  it('rules with [ ] | ^ match the URLs they name (the URL parser leaves those raw, rules have them encoded)', async () => {
    const r = await robotsOf('User-agent: *\nDisallow: /[a/é\nDisallow: /*?f[\nDisallow: /a|b\nAllow: /a|b/open^\n');
    expect(r.isAllowed(`${ORIGIN}/[a/é`)).toBe(false);
    expect(r.isAllowed(`${ORIGIN}/search?f[0]=a`)).toBe(false);
    expect(r.isAllowed(`${ORIGIN}/search?f%5B0%5D=a`)).toBe(false);
    expect(r.isAllowed(`${ORIGIN}/a|b/x`)).toBe(false);
    expect(r.isAllowed(`${ORIGIN}/a|b/open^1`)).toBe(true);
    expect(r.isAllowed(`${ORIGIN}/search?g=1`)).toBe(true);
  });
});
