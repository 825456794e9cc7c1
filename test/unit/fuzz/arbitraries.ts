// Generators shared by the fuzz tests.
import fc from 'fast-check';

/** Any UTF-16 code unit, lone surrogates and NUL included. */
export const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Characters that break parsers: controls, NUL, bidi overrides, lone surrogates, BOM, non-characters. */
export const oddChar = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u200e',
  '\u202e',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '\t',
  '\r',
  '\n',
  ' ',
);

/** Strings of arbitrary code units, weighted towards the odd ones. */
export function anyString(maxLength = 40): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: codeUnit },
      { weight: 1, arbitrary: oddChar },
    ),
    maxLength,
  });
}

/** Pieces that make up URLs, mixed with junk. */
const urlChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcxyzABCXYZ0189-._~'.split('')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '/',
      '?',
      '#',
      '&',
      '=',
      ';',
      ':',
      '@',
      '%',
      '+',
      ',',
      '!',
      '$',
      "'",
      '(',
      ')',
      '*',
      '[',
      ']',
      '\\',
      '|',
      '^',
      '`',
      '{',
      '}',
      '<',
      '>',
      '"',
      ' ',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('%20', '%2F', '%2f', '%25', '%6F', '%zz', '%E9', '%C3%A9', '%00', '%', '..', '.', '//', 'é', 'ü', '日本', 'ß', 'İ', 'ﬀ'),
  },
  { weight: 1, arbitrary: oddChar },
);
export const urlText = (maxLength = 12): fc.Arbitrary<string> => fc.array(urlChar, { maxLength }).map((a) => a.join(''));

const scheme = fc.constantFrom(
  'http://',
  'https://',
  'HTTP://',
  'HtTpS://',
  'http:',
  'https:/',
  '//',
  '',
  'ftp://',
  'javascript:',
  'mailto:',
  'data:text/html,',
  'file:///',
  'ws://',
  'blob:https://',
);
const host = fc.oneof(
  fc.constantFrom(
    'example.com',
    'EXAMPLE.COM',
    'Example.Com.',
    'forum.example.co.uk',
    'a.b.c.example.org..',
    'localhost',
    '127.0.0.1',
    '[::1]',
    '[2001:DB8::1]',
    '0x7f.1',
    'xn--bcher-kva.example',
    'bücher.example',
    'ＥＸＡＭＰＬＥ.com',
    '.',
    '..',
    'a..b',
    '%41.com',
    'exa mple.com',
    '',
  ),
  urlText(8),
);
const port = fc.constantFrom('', '', ':80', ':443', ':8080', ':0', ':65535', ':65536', ':', ':-1', ':08');
const userinfo = fc.constantFrom('', '', 'user@', 'user:pass@', ':@', '@', 'a%40b@');
const pathPart = fc.oneof(urlText(6), fc.constantFrom('/;jsessionid=ABC', ';JSESSIONID=1', '/./', '/../', '/%2e%2e/', '/index.html', '/t/tomato-blight/123'));
const paramKey = fc.oneof(
  fc.constantFrom(
    'utm_source',
    'UTM_Medium',
    'gclid',
    'fbclid',
    'sid',
    'PHPSESSID',
    'jsessionid',
    'aspsessionidXYZ',
    'page',
    'sort',
    'order',
    'view',
    'start',
    'a',
    'b',
    'B',
    'é',
    'e\u0301',
    '',
    'ﬀ',
    'ff',
    'a\u0000',
  ),
  urlText(4),
);
const paramValue = fc.oneof(fc.constantFrom('', '1', '2', 'print', 'about', ' 3 ', 'x y', 'a+b', 'é', '%zz'), urlText(4));
const query = fc
  .array(fc.tuple(paramKey, fc.boolean(), paramValue), { maxLength: 5 })
  .map((ps) => (ps.length ? `?${ps.map(([k, eq, v]) => (eq ? `${k}=${v}` : k)).join('&')}` : ''));
const fragment = fc.oneof(
  fc.constant(''),
  urlText(6).map((f) => `#${f}`),
);

/** URL-shaped strings: mostly valid absolute or relative http(s) URLs, with every part sometimes odd. */
export const urlish: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(scheme, userinfo, host, port, fc.array(pathPart, { maxLength: 4 }), query, fragment)
      .map(([s, ui, h, p, path, q, f]) => `${s}${ui}${h}${p}${path.length ? '/' : ''}${path.join('')}${q}${f}`),
  },
  { weight: 2, arbitrary: fc.tuple(fc.array(pathPart, { maxLength: 4 }), query, fragment).map(([path, q, f]) => `${path.join('')}${q}${f}`) },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['http', 'https'] }) },
  { weight: 1, arbitrary: anyString(60) },
);

/** Bases a page can have: valid http(s) URLs mostly, sometimes junk. */
export const base: fc.Arbitrary<string | undefined> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'https://example.com/',
      'HTTP://Example.COM:80/a/z/',
      'https://forum.example.co.uk/t/1?page=2#p5',
      'http://127.0.0.1:8000/x/y',
      'https://[::1]/',
      'https://bücher.example/ü/',
    ),
  },
  { weight: 2, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: urlish },
);
