// The crawler's one-pass reading of a page (links.ts) finds what the HTML parser's tree holds: the expectations
// below are what parse5 (through cheerio, as the signals parse pages) makes of each page.
import { describe, expect, it } from 'vitest';
import { extractLinks } from '../../../src/crawl/links.js';

const U = 'https://e.example/p/';
const read = (html: string) => {
  const r = extractLinks(html, U);
  return {
    links: r.links.map((l) => l.url.replace('https://e.example', '') + (l.nofollow ? ' nofollow' : '')),
    canonical: r.canonical,
    nofollow: r.metaNofollow,
    noindex: r.metaNoindex,
  };
};

describe('extractLinks', () => {
  it('reads <a> and <area> links, rel=nofollow in any case, against the first <base> wherever it stands', () => {
    expect(
      read('<body><a href="/a1" rel="NoFollow">x</a><A HREF="/a2">y</A><area href="/ar"><a>no</a><base href="/sub/"><a href="rel">r</a></body>').links,
    ).toEqual(['/a1 nofollow', '/a2', '/ar', '/sub/rel']);
  });

  it('finds no link where the parser keeps text: noscript, iframe, xmp, noembed, noframes, textarea, title, script, plaintext', () => {
    expect(read('<body><noscript><a href="/n">n</a></noscript><a href="/ok">ok</a></body>').links).toEqual(['/ok']);
    expect(
      read(
        '<body><iframe><a href="/i">i</a></iframe><xmp><a href="/x"></a></xmp><noembed><a href="/ne"></a></noembed><noframes><a href="/nf"></a></noframes></body>',
      ).links,
    ).toEqual([]);
    expect(
      read('<body><textarea><a href="/ta"></a></textarea><title><a href="/tt"></a></title><script>"<a href=/s>"</script><a href="/after"></a></body>').links,
    ).toEqual(['/after']);
    expect(read('<body><plaintext><a href="/pt"></a></body>').links).toEqual([]);
    expect(read('<head><noscript><link rel="canonical" href="/c"><meta name=robots content=noindex></noscript></head><body></body>')).toMatchObject({
      canonical: null,
      noindex: false,
    });
  });

  it('finds links in templates, SVG, MathML, select and misplaced table content, as the tree holds them', () => {
    expect(read('<body><template><a href="/t">t</a></template><svg><a href="/s">s</a></svg><math><a href="/m">m</a></math></body>').links).toEqual([
      '/t',
      '/s',
      '/m',
    ]);
    expect(read('<body><table><a href="/tb">t</a><tr><td><a href="/td"></a></td></tr></table></body>').links).toEqual(['/tb', '/td']);
  });

  it('decodes attributes as the parser does', () => {
    expect(read('<body><a href="/a&amp;b">x</a><a href="/q?a=1&copy=2">y</a><a href="/e&notit;">z</a></body>').links).toEqual([
      '/a&b',
      '/q?a=1&copy=2',
      '/e&notit;',
    ]);
  });

  it('reads the canonical link and the robots <meta> case-insensitively', () => {
    expect(read('<head><link rel="Canonical alternate" href="/cc"><meta name="ROBOTS" content="NOFOLLOW"></head><body></body>')).toMatchObject({
      canonical: 'https://e.example/cc',
      nofollow: true,
      noindex: false,
    });
    expect(read('<head><meta name="robots" content="none"></head>')).toMatchObject({ nofollow: true, noindex: true });
  });

  it('fingerprints the text outside <head>: the same text under another title is the same page, other text is not', () => {
    const hash = (html: string) => extractLinks(html, U).textHash;
    expect(hash('<head><title>A</title></head><body><p>Same   words\n here</p></body>')).toBe(
      hash('<head><title>B</title></head><body><p>Same words here</p></body>'),
    );
    expect(hash('<body><p>Same words here</p></body>')).not.toBe(hash('<body><p>Other words here</p></body>'));
  });
});
