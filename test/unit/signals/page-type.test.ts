import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { pathType, schemaTypes } from '../../../src/signals/page-type.js';
import { pageFromHtml } from '../../helpers/page.js';

const B = 'https://community.example.com';
/** The type a page gets: from its path alone when it carries nothing else, as here. */
const type = (path: string, html = '<p>x</p>') => pageFromHtml(html, `${B}${path}`).type;

describe('pathType', () => {
  it('reads the path when there is no page to read (a URL that answered 403)', () => {
    expect(pathType(`${B}/forum/t/1`)).toBe('thread');
    expect(pathType(`${B}/forum/`)).toBe('listing');
    expect(pathType(`${B}/`)).toBe('home');
  });
});

describe('classifyPage', () => {
  it.each([
    ['/', 'home'],
    ['/index.html', 'home'],
    // German paths
    ['/foren/', 'listing'],
    ['/themen/kette-springt-am-berg', 'thread'],
    ['/bewertungen/e-bike-city-3', 'review'],
    ['/ideen/mehr-werkstatt-termine', 'idea'],
    ['/anleitungen/kette-wechseln.html', 'guide'],
    ['/hilfe/rueckgabe', 'help'],
    ['/angebote/sommer', 'deal'],
    ['/registrieren', 'signup'],
    ['/anmelden', 'signin'],
    ['/kontakt.html', 'contact'],
    ['/ueber-uns', 'about'],
    ['/datenschutz.html', 'privacy'],
    ['/nutzungsbedingungen', 'terms'],
    ['/forum/t/chain-skips/123', 'thread'],
    ['/t/slug/42', 'thread'],
    ['/forum/', 'listing'],
    ['/forum/index.html', 'listing'],
    ['/help/', 'listing'],
    ['/forum/board-help/', 'listing'],
    ['/join.html', 'signup'],
    ['/register', 'signup'],
    ['/login', 'signin'],
    ['/privacy.html', 'privacy'],
    ['/privacy-policy/', 'privacy'],
    ['/terms.html', 'terms'],
    ['/deals/x.html', 'deal'],
    ['/deals/', 'listing'],
    ['/products/blender-3000', 'product'],
    ['/reviews/blender-3000', 'review'],
    ['/ideas/dark-mode', 'idea'],
    ['/guides/index-a-derailleur', 'guide'],
    ['/help/reset-password', 'help'],
    ['/contact.html', 'contact'],
    ['/about-us/', 'about'],
    ['/misc/page', 'other'],
  ])('%s → %s', (path, expected) => {
    expect(type(path)).toBe(expected);
  });

  it('a section index with several posts is a thread page', () => {
    const post = (who: string) => `<article class="post"><span class="author">${who}</span><p>My chain skips on the two biggest cogs.</p></article>`;
    expect(type('/forum/board-help/', post('ana') + post('ben'))).toBe('thread');
  });

  it('falls back to schema.org types on unknown paths', () => {
    const ld = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"QAPage","mainEntity":{"@type":"Question","name":"Why?"}}</script>';
    expect(type('/x/y', ld)).toBe('thread');
    expect(type('/x/y', '<div itemscope itemtype="https://schema.org/HowTo">h</div>')).toBe('guide');
    expect(type('/x/y', '<script type="application/ld+json">{"@type":["Product","Thing"]}</script>')).toBe('product');
    expect(type('/x/y', '<h1>Privacy notice</h1>')).toBe('privacy');
    expect(type('/x/y', '<h1>Terms of Service</h1>')).toBe('terms');
  });

  it('schemaTypes reads microdata and JSON-LD, sorted and de-duplicated', () => {
    const $ = cheerio.load('<div itemtype="http://schema.org/Review"></div><script type="application/ld+json">{"@type":["Review","Thing"]}</script>');
    expect(schemaTypes($)).toEqual(['Review', 'Thing']);
  });

  it('buildPageContext classifies by the URL asked for, not the redirect target', () => {
    const p = pageFromHtml('<main>Sign in</main>', `${B}/forum/t/1`, { finalUrl: `${B}/login` });
    expect(p.type).toBe('thread');
    expect(p.finalUrl).toBe(`${B}/login`);
  });
});

describe('buildPageContext', () => {
  it('keeps blocks on lines of their own and separates main text from chrome', () => {
    const p = pageFromHtml(
      '<header><nav><a href="/">Home</a></nav></header><main><h1>Title</h1><p>First <b>bold</b></p><p>Second</p></main><footer>Foot</footer><script>var x=1</script>',
    );
    expect(p.text).toBe('Home\nTitle\nFirst bold\nSecond\nFoot');
    expect(p.mainText).toBe('Title\nFirst bold\nSecond');
    expect(p.words).toBe(6);
    expect(p.lang).toBe('en');
  });

  it('reads the language from <html lang> or Content-Language, and null when undeclared', () => {
    expect(pageFromHtml('<p>x</p>', undefined, {}, { lang: 'de-AT' }).lang).toBe('de');
    expect(pageFromHtml('<p>x</p>', undefined, { headers: { 'content-language': 'fr-FR' } }, { lang: null }).lang).toBe('fr');
    expect(pageFromHtml('<p>x</p>', undefined, {}, { lang: null }).lang).toBeNull();
  });

  it('resolves links and marks external ones by registrable domain', () => {
    const p = pageFromHtml(
      '<main><a href="/a#frag">A</a><a href="https://shop.example.com/x">Shop</a><a href="https://other.org/">O</a><a href="mailto:x@y.z">m</a></main>',
    );
    expect(p.links.map((l) => [l.href, l.external])).toEqual([
      ['https://community.example.com/a', false],
      ['https://shop.example.com/x', false],
      ['https://other.org/', true],
    ]);
  });
});
