// What the crawler reads of each fetched page: its links, <base>, canonical, robots <meta> and a fingerprint of its
// text. Read in one streaming pass of htmlparser2's tokenizer, without building a tree: on a large crawl the tree
// (parse5, then discarded) was most of the main thread's time and garbage, and the signals parse the page properly
// anyway. The pass reads what the HTML parser would make of the page where it matters for links: nothing inside the
// elements whose content the parser keeps as text (noscript, iframe, xmp, noembed, noframes, plaintext; script,
// style, textarea and title are raw text to the tokenizer itself), and no more elements than the parse budget allows.
import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import { PARSE_LIMITS } from '../util/html-budget.js';
import { canonicalizeUrl } from './url.js';

export interface ExtractedLink {
  url: string;
  nofollow: boolean;
}

export interface PageLinks {
  links: ExtractedLink[];
  canonical: string | null;
  metaNofollow: boolean;
  metaNoindex: boolean;
  /** Fingerprint of the page's text outside <head>, so one page served under two URLs is recorded once. */
  textHash: string;
}

/** Elements whose content the HTML parser (with scripting on) keeps as text: no link inside them is real. */
const TEXT_ONLY = new Set(['noscript', 'iframe', 'xmp', 'noembed', 'noframes']);
const ASCII_UPPER = /[A-Z]+/g;
/** ASCII lower case, as HTML compares attribute values such as rel and meta names. */
const asciiLower = (s: string): string => s.replace(ASCII_UPPER, (m) => m.toLowerCase());
const hasToken = (value: string, token: string): boolean =>
  asciiLower(value)
    .split(/[\t\n\f\r ]+/)
    .includes(token);

/** Links a crawler may consider on a page: <a href> and <area href>, resolved against <base href>. Pure. */
export function extractLinks(html: string, pageUrl: string): PageLinks {
  const hrefs: Array<{ href: string; nofollow: boolean }> = [];
  let baseHref: string | undefined;
  let canonicalHref: string | undefined;
  let robotsMeta: string | undefined;
  const text: string[] = [];
  let textOnly = 0; // depth inside TEXT_ONLY elements
  let plaintext = false;
  let inHead = false;
  let elements = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (plaintext || ++elements > PARSE_LIMITS.elements) return;
        if (TEXT_ONLY.has(name)) textOnly++;
        if (textOnly > (TEXT_ONLY.has(name) ? 1 : 0)) return;
        switch (name) {
          case 'head':
            inHead = true;
            break;
          case 'body':
            inHead = false;
            break;
          case 'plaintext':
            plaintext = true;
            break;
          case 'a':
          case 'area':
            if (attribs.href !== undefined) hrefs.push({ href: attribs.href, nofollow: hasToken(attribs.rel ?? '', 'nofollow') });
            break;
          case 'base':
            if (attribs.href !== undefined) baseHref ??= attribs.href;
            break;
          case 'link':
            if (canonicalHref === undefined && attribs.rel !== undefined && hasToken(attribs.rel, 'canonical')) canonicalHref = attribs.href ?? '';
            break;
          case 'meta':
            if (robotsMeta === undefined && attribs.name !== undefined && asciiLower(attribs.name) === 'robots') robotsMeta = attribs.content ?? '';
            break;
        }
      },
      onclosetag(name) {
        if (TEXT_ONLY.has(name) && textOnly > 0) textOnly--;
        else if (name === 'head') inHead = false;
      },
      ontext(data) {
        if (!inHead) text.push(data);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  const base = canonicalizeUrl(baseHref ?? '', pageUrl) ?? pageUrl;
  const links: ExtractedLink[] = [];
  for (const { href, nofollow } of hrefs) {
    const url = canonicalizeUrl(href, base);
    if (url) links.push({ url, nofollow });
  }
  const robots = (robotsMeta ?? '').toLowerCase();
  return {
    links,
    canonical: canonicalHref ? canonicalizeUrl(canonicalHref, base) : null,
    metaNofollow: /\bnofollow\b|\bnone\b/.test(robots),
    metaNoindex: /\bnoindex\b|\bnone\b/.test(robots),
    // Whitespace collapsed (only the runs that are not already one space are replaced: most are).
    textHash: createHash('sha1')
      .update(
        text
          .join('')
          .replace(/ ?[^\S ]\s*| {2,}\s*/g, ' ')
          .trim(),
      )
      .digest('hex'),
  };
}
