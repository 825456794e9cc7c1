import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeStaticHtml, AutoRenderPolicy, compareRendered, renderGroupKey, visibleText } from '../../../src/crawl/render/needs-browser.js';
import { ScreenshotPlan } from '../../../src/crawl/render/screenshots.js';
import { FIXTURES } from './helpers/render-server.js';

const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

describe('analyzeStaticHtml', () => {
  it('flags a JS-only app shell with a reason naming the text count and the shell', () => {
    const a = analyzeStaticHtml(fixture('js-only.html'));
    expect(a.needsBrowser).toBe(true);
    expect(a.appShell).toBe('#root');
    expect(a.noscriptAsksForJs).toBe(true);
    expect(a.textChars).toBe(0);
    expect(a.reason).toBe('static HTML had 0 characters of text and an empty #root app shell and a <noscript> asking for JavaScript');
  });

  it('leaves a server-rendered page static', () => {
    const a = analyzeStaticHtml(fixture('server-rendered.html'));
    expect(a.needsBrowser).toBe(false);
    expect(a.textChars).toBeGreaterThan(200);
    expect(a.reason).toMatch(/^static HTML had \d+ characters of text and no app shell$/);
  });

  it('counts only visible text (no script, style, noscript)', () => {
    expect(
      visibleText('<body><script>var a = "lots of text here"</script><style>p{}</style><noscript>enable JavaScript</noscript><p> Hi  there </p></body>'),
    ).toBe('Hi there');
  });

  it('flags an empty Next.js mount with a little text', () => {
    const a = analyzeStaticHtml('<html><body><div id="__next"></div><p>Loading…</p><script src="/_next/app.js"></script></body></html>');
    expect(a.needsBrowser).toBe(true);
    expect(a.reason).toBe('static HTML had 8 characters of text and an empty #__next app shell');
  });

  it('flags a review widget whose container is empty, but not one that already has content', () => {
    const a = analyzeStaticHtml(fixture('widget.html'));
    expect(a.needsBrowser).toBe(true);
    expect(a.widgets).toEqual([{ vendor: 'Bazaarvoice', evidence: 'script from apps.bazaarvoice.com', contentPresent: false }]);
    expect(a.reason).toContain('Bazaarvoice (script from apps.bazaarvoice.com) with no content in the static HTML');

    const filled = fixture('widget.html').replace('></div>', `>${'Great blender, five stars from me. '.repeat(3)}</div>`);
    expect(analyzeStaticHtml(filled).needsBrowser).toBe(false);
  });

  it('recognises Disqus, Yotpo, PowerReviews and Khoros embeds', () => {
    const page = (s: string): string => `<body><p>${'Text about the product. '.repeat(20)}</p>${s}</body>`;
    expect(analyzeStaticHtml(page('<div id="disqus_thread"></div><script src="https://megamart.disqus.com/embed.js"></script>')).widgets[0]?.vendor).toBe(
      'Disqus',
    );
    expect(analyzeStaticHtml(page('<div class="yotpo yotpo-main-widget"></div>')).widgets[0]?.vendor).toBe('Yotpo');
    expect(analyzeStaticHtml(page('<div id="pr-reviewdisplay"></div>')).widgets[0]?.vendor).toBe('PowerReviews');
    expect(analyzeStaticHtml(page('<script src="https://community.lithium.com/widgets/embed.js"></script>')).widgets[0]?.vendor).toBe('Khoros/Lithium');
  });
});

describe('compareRendered', () => {
  it('reports the text the browser added', () => {
    const rendered = fixture('js-only.html').replace('<div id="root"></div>', `<div id="root"><p>${'Community content. '.repeat(30)}</p></div>`);
    const c = compareRendered(fixture('js-only.html'), rendered);
    expect(c.staticChars).toBe(0);
    expect(c.renderedChars).toBeGreaterThan(500);
    expect(c.browserWorthIt).toBe(true);
    expect(c.reason).toMatch(/^the browser showed [\d,]+ characters of text against 0 static \(×\d+\)$/);
  });

  it('says no when the browser adds little', () => {
    const s = fixture('server-rendered.html');
    const c = compareRendered(s, s.replace('</main>', '<p>Cookie banner</p></main>'));
    expect(c.browserWorthIt).toBe(false);
    expect(c.ratio).toBeLessThan(1.1);
  });

  it('counts links added by script as a gain (JS-only navigation)', () => {
    const s = `<body><p>${'x '.repeat(300)}</p></body>`;
    const r = s.replace('</body>', `${'<a href="/t/1">t</a>'.repeat(12)}</body>`);
    expect(compareRendered(s, r).browserWorthIt).toBe(true);
  });
});

describe('AutoRenderPolicy', () => {
  it('samples the first page of a group, then applies the result to the group', () => {
    const policy = new AutoRenderPolicy();
    const js = fixture('js-only.html');
    const g = renderGroupKey('https://c.example.com/t/123/slug');
    expect(g).toBe('c.example.com/t');
    expect(policy.decide(g, 'https://c.example.com/t/1', js).action).toBe('sample');
    const rendered = js.replace('<div id="root"></div>', `<div id="root">${'Topic text. '.repeat(50)}</div>`);
    const d = policy.recordSample(g, 'https://c.example.com/t/1', js, rendered);
    expect(d.mode).toBe('browser');
    expect(policy.decide(g, 'https://c.example.com/t/2', fixture('server-rendered.html'))).toMatchObject({ action: 'browser' });

    const g2 = renderGroupKey('https://c.example.com/kb/article');
    const s = fixture('server-rendered.html');
    expect(policy.decide(g2, 'https://c.example.com/kb/a', s).action).toBe('sample');
    expect(policy.recordSample(g2, 'https://c.example.com/kb/a', s, s).mode).toBe('static');
    expect(policy.decide(g2, 'https://c.example.com/kb/b', s).action).toBe('static');
    // A page in a static group that is itself an app shell still gets the browser.
    expect(policy.decide(g2, 'https://c.example.com/kb/c', js).action).toBe('browser');
    expect(policy.decisions().map((x) => [x.group, x.mode])).toEqual([
      ['c.example.com/t', 'browser'],
      ['c.example.com/kb', 'static'],
    ]);
  });
});

describe('ScreenshotPlan', () => {
  it('wants one screenshot per group and at most maxTotal', () => {
    const plan = new ScreenshotPlan(2);
    expect(plan.wants('a')).toBe(true);
    expect(plan.wants('a')).toBe(false);
    expect(plan.wants('b')).toBe(true);
    expect(plan.wants('c')).toBe(false);
    plan.release('b');
    expect(plan.wants('c')).toBe(true);
  });
});

describe('lazy browser loading', () => {
  it('imports playwright-core only as types at module level (static crawls never load it)', async () => {
    const { readFile, readdir } = await import('node:fs/promises');
    const dir = path.resolve(FIXTURES, '../../../src/crawl/render');
    for (const f of (await readdir(dir)).filter((n) => n.endsWith('.ts'))) {
      const src = await readFile(path.join(dir, f), 'utf8');
      const staticImports = src.split('\n').filter((l) => /^\s*import\s+(?!type\b).*['"]playwright-core['"]/.test(l));
      expect(staticImports, f).toEqual([]);
    }
    const mod = await import('../../../src/crawl/render/index.js');
    expect(new mod.BrowserPool().stats().launched).toBe(false);
  });
});
