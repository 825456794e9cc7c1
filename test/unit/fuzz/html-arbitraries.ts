// Generators of hostile HTML for the extractor fuzz tests: tag soup, very deep nesting, huge attributes, odd unicode.
import fc from 'fast-check';
import { anyString, oddChar, urlish } from './arbitraries.js';

const TAGS = [
  'div',
  'span',
  'p',
  'a',
  'b',
  'i',
  'em',
  'strong',
  'font',
  'nobr',
  'table',
  'tbody',
  'thead',
  'tr',
  'td',
  'th',
  'caption',
  'colgroup',
  'col',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'article',
  'main',
  'section',
  'header',
  'nav',
  'footer',
  'aside',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'label',
  'fieldset',
  'legend',
  'img',
  'br',
  'hr',
  'wbr',
  'iframe',
  'object',
  'embed',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'foreignObject',
  'desc',
  'mi',
  'title',
  'time',
  'blockquote',
  'pre',
  'code',
  'html',
  'head',
  'body',
  'meta',
  'link',
  'base',
  'frameset',
  'frame',
  'xmp',
  'plaintext',
  'listing',
  'noembed',
  'noframes',
  'marquee',
  'details',
  'summary',
  'dialog',
  'address',
  'figure',
  'figcaption',
  'picture',
  'source',
  'video',
  'x-post',
  'my:tag',
  'DIV',
  'Table',
  'sCrIpT',
];
const tagName = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...TAGS) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9:-]{0,8}$/) });

/** Class names, schema.org types and attribute values the signals look for, so the soup reaches their code. */
const CLASSES = [
  'post',
  'message',
  'comment',
  'reply',
  'answer',
  'topic-post',
  'forum-post',
  'review',
  'customer-review',
  'author',
  'username',
  'byline',
  'badge',
  'role',
  'staff',
  'is-staff',
  'moderator',
  'official',
  'staff-picks',
  'date',
  'timestamp',
  'product-card',
  'product-item',
  'add-to-cart',
  'cookie-banner',
  'consent',
  'modal',
  'popup',
  'newsletter',
  'Comment',
  'ItemComment',
  'bbWrapper',
  'windowbg',
  'postbody',
  'title',
  'topic-list',
  'topic-list-item',
  'cooked',
  'lia-message-body',
  'discussion',
  'thread',
  'signin',
  'paywall',
  'login-wall',
  '',
];
const SCHEMA = [
  'DiscussionForumPosting',
  'SocialMediaPosting',
  'Comment',
  'Answer',
  'Question',
  'QAPage',
  'Review',
  'AggregateRating',
  'Product',
  'ProductGroup',
  'Offer',
  'ItemList',
  'FAQPage',
  'HowTo',
  'Person',
  'Organization',
];
const schemaUrl = fc
  .tuple(fc.constantFrom('https://schema.org/', 'http://schema.org/', 'HTTPS://SCHEMA.ORG/', ''), fc.constantFrom(...SCHEMA))
  .map(([b, t]) => b + t);

const attrName = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      'class',
      'id',
      'href',
      'src',
      'itemtype',
      'itemprop',
      'itemscope',
      'data-author',
      'data-post-id',
      'data-role',
      'rel',
      'type',
      'name',
      'action',
      'method',
      'lang',
      'title',
      'datetime',
      'role',
      'aria-label',
      'style',
      'onclick',
      'content',
      'http-equiv',
      'charset',
      'value',
      'placeholder',
      'autocomplete',
      'for',
      'colspan',
      'hidden',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('"', "'", '<', '=', '/', 'a"b', "x'", 'data-<x>', '') },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/) },
);
const attrValue = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...CLASSES), { maxLength: 3 }).map((cs) => cs.join(' ')) },
  { weight: 2, arbitrary: schemaUrl },
  { weight: 2, arbitrary: urlish },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/javascript',
      'application/ld+json',
      'email',
      'password',
      'checkbox',
      'hidden',
      'submit',
      'nofollow ugc',
      'author',
      'en',
      'de-DE',
      '2024-03-12T10:00:00Z',
      '$9.99',
      'Staff',
      'Moderator',
      'add-to-cart',
    ),
  },
  { weight: 2, arbitrary: anyString(20) },
  { weight: 1, arbitrary: fc.constantFrom('">', "'>", '<script>', '<!--', '-->', '</div>', '<div>', '"onmouseover="x', '&quot;', '&amp', '>"<') },
);
const attr = fc
  .tuple(attrName, fc.constantFrom('"', "'", '', 'none'), attrValue)
  .map(([n, q, v]) => (q === 'none' ? ` ${n}` : q === '' ? ` ${n}=${v.replace(/[\s"'=<>`]/g, '_') || 'x'}` : ` ${n}=${q}${v.split(q).join('')}${q}`));
/** Attributes as written by a careless or hostile author: unbalanced quotes and angle brackets included. */
const rawAttr = fc.oneof(
  { weight: 8, arbitrary: attr },
  { weight: 1, arbitrary: fc.constantFrom(' "', " '", ' a="x', " b='", ' =x', ' <', ' / ', '/', '\t\n', ' x=">"', " y='<'") },
);

const openTag = fc
  .tuple(tagName, fc.array(rawAttr, { maxLength: 4 }), fc.constantFrom('>', '>', '>', '/>', ' >', '\n>'))
  .map(([t, as, end]) => `<${t}${as.join('')}${end}`);
const closeTag = fc.tuple(tagName, fc.constantFrom('>', ' >', ' x>', '/>', '\t>')).map(([t, end]) => `</${t}${end}`);

const WORDS =
  'the bottom bracket creaks when I stand on the pedals Thanks this fixed it Sign in to read more Accept all cookies Reject all Buy now Add to cart only at MegaMart MyMegaMart exclusive member price Staff Moderator replied 3 days ago Jun 12, 2010 2024-03-12 12.03.2024 $9.99 19,99 € Datenschutz Impressum Anmelden privacy policy terms of use contact us help'.split(
    ' ',
  );
const entity = fc.constantFrom(
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&nbsp;',
  '&#0;',
  '&#x0;',
  '&#xD800;',
  '&#xDFFF;',
  '&#1114112;',
  '&#x110000;',
  '&#x202E;',
  '&#65279;',
  '&bogus;',
  '&',
  '&#',
  '&#x;',
  '&amp',
  '&notin',
  '&CounterClockwiseContourIntegral;',
  '&#99999999999999999999;',
);
const text = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')) },
  { weight: 2, arbitrary: entity },
  { weight: 2, arbitrary: oddChar },
  { weight: 2, arbitrary: anyString(30) },
  { weight: 1, arbitrary: fc.constantFrom('<', '>', '</', '<!', '<?', '< div>', '<3', 'a < b > c', '\u202eevil\u202c', '\u0000\u0000') },
);
const jsonLd = fc
  .oneof(
    fc
      .tuple(fc.constantFrom(...SCHEMA), anyString(10))
      .map(([t, n]) => JSON.stringify({ '@context': 'https://schema.org', '@type': t, name: n, author: { '@type': 'Person', name: n } })),
    fc
      .tuple(fc.array(fc.constantFrom(...SCHEMA), { maxLength: 4 }))
      .map(([ts]) => JSON.stringify({ '@graph': ts.map((t) => ({ '@type': [t, 'Thing'], itemListElement: [{ '@type': 'Product' }] })) })),
    fc.constantFrom(
      '{',
      '{"@type":',
      '{"@type":"Product"',
      '[1,2,',
      'null',
      '"x"',
      '{"@type":[]}',
      '{"@graph":{"@graph":null}}',
      '{"@type":"Product","name":{"@value":1}}',
    ),
    anyString(40),
  )
  .map((j) => `<script type="application/ld+json">${j}</script>`);
const special = fc.constantFrom(
  '<!-- a comment -->',
  '<!---->',
  '<!-->',
  '<!--->',
  '<!-- <div><div> -->',
  '<!-- unterminated',
  '--!>',
  '-->',
  '<![CDATA[ <div> ]]>',
  '<!doctype html>',
  '<!DOCTYPE html PUBLIC "x">',
  '<?xml version="1.0"?>',
  '<!bogus>',
  '</br>',
  '</p>',
  '</>',
  '<',
  '</script x>',
  '</script/>',
  '<script>document.write("<div>")</script>',
  '<style>div{}</style>',
  '<style>',
  '<noscript><p>Enable JavaScript</p></noscript>',
  '<template><div class="post">hidden</div></template>',
  '<svg><title>t</title><desc>d</desc><foreignObject><p>x</p></foreignObject></svg>',
  '<math><mi><table><td>x</math>',
  '<table><tr><td><table><tr><td>',
  '<ul><li><ul><li>',
  '<select><option>a<option>b</select>',
  '<textarea><div></textarea>',
  '<title><div></title>',
  '<iframe><div></iframe>',
  '<plaintext>',
  '<xmp><div></xmp>',
  '<frameset><frame></frameset>',
  '<base href="javascript:alert(1)">',
  '<base href="//evil.example/">',
  '<base href="http://[bad">',
  '<meta http-equiv="refresh" content="0;url=/x">',
  '<html lang="de">',
  '<body lang="en">',
  '<form action="/cart/add"><button name="add">Add to cart</button></form>',
);

/** One token of tag soup. */
const token = fc.oneof(
  { weight: 6, arbitrary: openTag },
  { weight: 3, arbitrary: closeTag },
  { weight: 6, arbitrary: text },
  { weight: 2, arbitrary: special },
  { weight: 1, arbitrary: jsonLd },
);

/** Random tag soup: unclosed and stray tags, odd attributes, entities, comments, CDATA, raw-text elements. */
export const tagSoup = (maxTokens = 120): fc.Arbitrary<string> => fc.array(token, { maxLength: maxTokens }).map((ts) => ts.join(''));

/** A page: soup, sometimes inside a document skeleton. */
export const soupPage = fc
  .tuple(tagSoup(), fc.boolean(), fc.constantFrom('en', 'de', '', 'EN-us', 'x'))
  .map(([soup, wrapped, lang]) => (wrapped ? `<!doctype html><html lang="${lang}"><head><title>T</title></head><body>${soup}</body></html>` : soup));

const DEEP_TAGS = [
  'div',
  'span',
  'section',
  'b',
  'font',
  'a',
  'p',
  'li',
  'td',
  'table',
  'ul',
  'blockquote',
  'article',
  'form',
  'select',
  'x-y',
  'svg',
  'noscript',
  'button',
  'label',
  'h2',
];

/**
 * Whether soup may open something that turns what follows into text or hides it (an unclosed script or comment, a
 * template, a select, foreign content): then a property about the markup after it cannot hold.
 */
export const mayHideWhatFollows = (soup: string): boolean =>
  /<(?:!|\/?(?:script|style|textarea|title|xmp|noembed|noframes|plaintext|iframe|template|select|svg|math|object|frameset|head|table|noscript))/i.test(soup);

/**
 * End tags the parser ignores or reads otherwise than a naive tag counter would (a </div> cannot leave a table cell,
 * a </span> cannot pass an open <div>), and openings after which a naive counter sees no tags at all (an empty
 * comment, <title> inside <svg>). Each once let a page nest past the budget unseen.
 */
const STRAY_CLOSES = ['</div>', '</span>', '</b>', '</li>', '</p>', '</td>', '</a>', '</table>'];
const LEADS = ['', '', '<!-->', '<!--->', '<svg><title>', '<math><style>', '<table><tr><td>', '<ul>'];

/**
 * Very deep nesting: `depth` unclosed (or, sometimes, closed) copies of a short pattern of tags, sometimes with
 * stray end tags, between two bits of soup, with a marker word and link at the bottom.
 */
export const deepPage = (minDepth: number, maxDepth: number): fc.Arbitrary<{ html: string; depth: number; tags: string[]; markerVisible: boolean }> =>
  fc
    .record({
      depth: fc.integer({ min: minDepth, max: maxDepth }),
      pattern: fc.array(fc.tuple(fc.constantFrom(...DEEP_TAGS), fc.array(attr, { maxLength: 1 })), { minLength: 1, maxLength: 3 }),
      closed: fc.boolean(),
      strays: fc.array(fc.constantFrom(...STRAY_CLOSES), { maxLength: 2 }),
      lead: fc.constantFrom(...LEADS),
      before: tagSoup(10),
      inner: tagSoup(10),
      wrapped: fc.boolean(),
    })
    .map(({ depth, pattern, closed, strays, lead, before, inner, wrapped }) => {
      const open = pattern.map(([t, as]) => `<${t}${as.join('')}>`).join('') + strays.join('');
      const close = closed
        ? pattern
            .map(([t]) => `</${t}>`)
            .reverse()
            .join('')
        : '';
      const reps = Math.max(1, Math.round(depth / pattern.length));
      const body = `${before}${lead}${open.repeat(reps)}<p>deepestmarker words</p><a href="/deepest-link">deepest</a>${inner}${close.repeat(reps)}`;
      // Soup before the pattern can open a script, a comment or a template that holds the marker as text; inside
      // <svg><title> (an HTML integration point) the marker is the SVG's title, not page text.
      const markerVisible = !mayHideWhatFollows(before) && !/<svg|<math/.test(lead);
      return {
        html: wrapped ? `<!doctype html><html><head><title>Deep</title></head><body>${body}</body></html>` : body,
        depth: reps * pattern.length,
        tags: pattern.map(([t]) => t),
        markerVisible,
      };
    });

/** Huge attribute values and text runs. */
export const hugePage = fc
  .record({
    n: fc.integer({ min: 10_000, max: 2_000_000 }),
    ch: fc.constantFrom('a', '"', "'", '<', '>', '&', ' ', '\u202e', '\u0000', '\ud800', '='),
    where: fc.constantFrom('attr', 'unquoted', 'text', 'comment', 'script', 'class', 'href'),
    soup: tagSoup(20),
  })
  .map(({ n, ch, where, soup }) => {
    const big = ch.repeat(n);
    const piece = {
      attr: `<div title="${big}">x</div>`,
      unquoted: `<div title=${big}>x</div>`,
      text: `<p>${big}</p>`,
      comment: `<!--${big}`,
      script: `<script>${big}`,
      class: `<div class="post ${big}"><span class="author">a</span>${big.slice(0, 5000)}</div>`,
      href: `<a href="/${big}">l</a>`,
    }[where];
    return `${soup}${piece}${soup}`;
  });

export { anyString };
