// The parsed view of one fetched page that every signal's extract() reads. Parsed once per page, shared by all
// signals, so adding a signal does not add a parse.
//
// Besides the page's text, it keeps apart whose words are whose: `memberText` is what members wrote (their posts
// and reviews), `brandText` is everything else (the site's chrome, the brand's own pages, posts by labelled staff or
// brand accounts). Signals that judge the brand read the brand's words; signals about members read the members'.
import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { getDomain } from 'tldts';
import type { PageSnapshot, ServedView, ThirdPartyRequest } from '../crawl/types.js';
import { classifyPage, schemaTypes, type PageType, type PageTypeBasis } from './page-type.js';
import { detectPlatforms, type PlatformHit } from './platform.js';
import { byBrand, outermost, readStructure, type PageStructure } from './structure.js';
import { normaliseSpace, wordCount } from './text.js';
import { loadHtml, type ParseLimit } from '../util/html-budget.js';
import { closest, insideAny, withCompiledQueries } from '../util/selectors.js';

export interface PageLink {
  /** Absolute URL (http/https only). */
  href: string;
  text: string;
  rel: string[];
  /** Link points to another registrable domain than the page. */
  external: boolean;
  /** Link sits in the site's chrome (header, navigation, footer) rather than in the page's content. */
  inChrome: boolean;
  /** Link sits inside a member's post or review (members' links are theirs, not the brand's). */
  inMemberPost: boolean;
}

export interface PageContext {
  url: string;
  /** URL after redirects; differs from `url` when the site redirected (e.g. to a sign-in page). */
  finalUrl: string;
  depth: number;
  status: number;
  headers: Record<string, string>;
  html: string;
  $: CheerioAPI;
  type: PageType;
  /** What decided the type (posts on the page, a list of threads, schema.org, the URL…). */
  typeBasis: PageTypeBasis;
  schemaTypes: string[];
  /** Community platforms and widgets recognised on this page. */
  platforms: PlatformHit[];
  /** Posts, reviews and thread lists read from the page. */
  structure: PageStructure;
  title: string;
  /** The brand's name as its domain spells it ("megamart"), for My‹Brand› and "only at ‹Brand›". */
  brandToken: string;
  /** Primary language subtag from <html lang> or Content-Language, lower-case; null when undeclared. */
  lang: string | null;
  /** Visible text of the whole body (scripts, styles and templates removed); blocks on lines of their own. */
  text: string;
  /** Visible text of the main content (main/article when present, else the body minus header/nav/footer). */
  mainText: string;
  /** The brand's words: the body's text without members' posts and reviews. */
  brandText: string;
  /** The members' words: their posts and reviews (brand and staff posts excluded). */
  memberText: string;
  words: number;
  brandWords: number;
  links: PageLink[];
  redirectChain: string[];
  /** What the parse budget cut from a page too deeply nested or too large to parse in full (empty: nothing). */
  parseLimited: ParseLimit[];
  /** The page's text came from <noscript> (a script-only page that prints its content for readers without scripts). */
  readFromNoscript: boolean;
  /** 'browser' when the HTML is the rendered DOM (scripts ran); 'static' when it is the HTML as served. */
  renderMode: 'static' | 'browser';
  /** Browser-rendered pages: the third-party requests the page made (the network log). */
  thirdPartyRequests?: ThirdPartyRequest[];
  /** Auto mode, rendered pages: what the HTML as served held. */
  served?: ServedView;
}

/** Registrable domain for a host, or the host itself for IPs and localhost (tldts gives null there). */
export function siteKey(host: string): string {
  return getDomain(host, { allowPrivateDomains: false }) ?? host;
}

/**
 * The site's own name after `before` (a regex alternation): `My` gives My‹Brand› programme names ("MyMegaMart"),
 * `only at` gives "only at MegaMart". Other brands' My-names (MySQL, MyFitnessPal) are not the site framing people.
 */
export function brandPattern(token: string, before: string): RegExp | null {
  if (token.length < 3) return null;
  const name = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/-/g, '[-\\s]?');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${before})[-\\s]?${name}(?![\\p{L}\\p{N}])`, 'giu');
}

/** The brand's name as it appears in the host: community.megamart.com and forum.megamart.co.uk → "megamart". */
export function brandToken(url: string): string {
  return (siteKey(new URL(url).hostname).split('.')[0] ?? '').toLowerCase();
}

/** Elements whose boundaries are block boundaries in visible text. */
const BLOCKS = new Set(
  'address article aside blockquote br button dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr label legend li main nav ol option p pre section select summary table td th tr ul'.split(
    ' ',
  ),
);
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object']);

/**
 * Visible text under `root` as a reader sees it: blocks on lines of their own (so "Email", "Password" and
 * "Not a member yet?" stay three things, not one sentence), spaces collapsed within a line. `skip` leaves out
 * whole subtrees (the site's chrome, members' posts); `noscript` reads <noscript> content as text. Iterative,
 * since real pages nest thousands deep.
 */
export function visibleText(roots: AnyNode | AnyNode[], opts: { skip?: (el: Element) => boolean; noscript?: boolean } = {}): string {
  const out: string[] = [];
  const stack: Array<AnyNode | '\n'> = (Array.isArray(roots) ? [...roots] : [roots]).reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n === '\n') {
      out.push('\n');
      continue;
    }
    if (n.type === 'text') {
      out.push((n as Text).data);
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'root') continue;
    const el = n as Element;
    if (n.type === 'tag' && ((INVISIBLE.has(el.name) && !(opts.noscript && el.name === 'noscript')) || opts.skip?.(el))) continue;
    const block = n.type === 'tag' && BLOCKS.has(el.name);
    if (block) {
      out.push('\n');
      stack.push('\n');
    } else out.push(' ');
    const kids = el.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return blockLines(out.join(''));
}

/**
 * Text with blocks on lines of their own: spaces collapsed within each line, blank lines dropped, lines trimmed.
 * The same as splitting on "\n", normaliseSpace on each line and joining the non-empty ones, in two regex passes
 * over the whole text instead of a pass per line.
 */
export function blockLines(raw: string): string {
  return (
    raw
      // Only runs that are not already one plain space: most of a text's whitespace is, and replacing it was the cost.
      .replace(/ ?[^\S\n ][^\S\n]*| {2,}[^\S\n]*/g, ' ')
      .replace(/ ?\n[ \n]*/g, '\n')
      .trim()
  );
}

/** One line from block text for an evidence snippet: sentences keep their space, fragments are set apart by " · ". */
export function oneLine(text: string): string {
  return text.replace(/\n/g, (_, i: number) => (/[.!?:;…”"')\]]$/.test(text.slice(0, i)) ? ' ' : ' · '));
}

/** Visible text of an element as a reader sees it, on one line: scripts dropped, blocks kept apart. */
export function blockText(_$: CheerioAPI, el: Cheerio<AnyNode>): string {
  return oneLine(visibleText(el.toArray()));
}

const CHROME = 'header, nav, footer, [role="banner"], [role="navigation"], [role="contentinfo"]';

export function buildPageContext(page: PageSnapshot): PageContext {
  // Scripting off: <noscript> content is parsed as the elements a reader without scripts sees (Discourse prints
  // a whole thread there), instead of one string of markup.
  const loaded = loadHtml(page.html, { scriptingEnabled: false });
  const $ = withCompiledQueries(loaded.$);
  const parseLimited = loaded.limited;
  const types = schemaTypes($);
  const base = page.finalUrl || page.url;
  const pageSite = siteKey(new URL(base).hostname);
  const body = $('body').first();
  const bodyNodes = body.length ? body.toArray() : $.root().toArray();

  const langAttr = $('html').attr('lang') ?? page.headers['content-language'] ?? '';
  const lang = langAttr.trim()
    ? langAttr
        .trim()
        .toLowerCase()
        .split(/[-_,\s]/)[0]!
    : null;

  // A page whose only readable text is in <noscript> is read from there.
  const withoutNoscript = visibleText(bodyNodes);
  const plainWords = wordCount(withoutNoscript);
  const readFromNoscript = plainWords < 50 && wordCount(visibleText($('body noscript').toArray(), { noscript: true })) > plainWords;
  const text = readFromNoscript ? visibleText(bodyNodes, { noscript: true }) : withoutNoscript;

  const source = { $, html: page.html, headers: page.headers, url: page.url };
  const platforms = detectPlatforms(source);
  const brand = brandToken(page.url);
  const structure = readStructure({ $, platforms, lang, brandToken: brand, url: base });
  const memberPosts = new Set<AnyNode>(outermost(structure.posts.filter((p) => !byBrand(p))).map((p) => p.el[0]!));
  const inMember = (el: Element): boolean => memberPosts.has(el);

  const links: PageLink[] = [];
  $('a[href]').each((_, el) => {
    const raw = $(el).attr('href') ?? '';
    let href: URL;
    try {
      href = new URL(raw, base);
    } catch {
      return;
    }
    if (href.protocol !== 'http:' && href.protocol !== 'https:') return;
    href.hash = '';
    links.push({
      href: href.toString(),
      text: normaliseSpace($(el).text() || $(el).attr('aria-label') || $(el).attr('title') || ''),
      rel: ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
      external: siteKey(href.hostname) !== pageSite,
      inChrome: closest($, el, CHROME) !== null,
      inMemberPost: memberPosts.size > 0 && insideAny(el, memberPosts),
    });
  });

  const opts = { noscript: readFromNoscript };
  const mainEl = $('main').first().length ? $('main').first() : $('article').first();
  const mainText = mainEl.length
    ? visibleText(mainEl.toArray(), opts)
    : visibleText(bodyNodes, { ...opts, skip: (el) => el.name === 'header' || el.name === 'nav' || el.name === 'footer' });
  const brandText = memberPosts.size ? visibleText(bodyNodes, { ...opts, skip: inMember }) : text;
  const forumPlatform = platforms.some((p) => p.categories.includes('forum') || p.categories.includes('community'));
  // Classified by the URL asked for when the site redirected to sign-in: a walled thread is still a thread.
  const redirected = page.finalUrl && page.finalUrl !== page.url;
  const decision = classifyPage({ url: page.url, $, schemaTypes: types, structure, forumPlatform });
  const { type, basis } =
    redirected && structure.posts.length === 0
      ? classifyPage({ url: page.url, $: cheerio.load(''), schemaTypes: [], structure, forumPlatform: false })
      : decision;

  const words = readFromNoscript ? wordCount(text) : plainWords;
  const context: PageContext = {
    url: page.url,
    finalUrl: base,
    depth: page.depth,
    status: page.status,
    headers: page.headers,
    html: page.html,
    $,
    type,
    typeBasis: basis,
    schemaTypes: types,
    platforms,
    structure,
    title: normaliseSpace($('title').first().text() || $('h1').first().text()),
    brandToken: brand,
    lang,
    text,
    mainText,
    brandText,
    memberText: '',
    words,
    brandWords: memberPosts.size ? wordCount(brandText) : words,
    links,
    redirectChain: page.redirectChain,
    readFromNoscript,
    parseLimited,
    renderMode: page.renderMode,
    ...(page.thirdPartyRequests ? { thirdPartyRequests: page.thirdPartyRequests } : {}),
    ...(page.served ? { served: page.served } : {}),
  };
  // Read by few signals: walked only when one asks.
  lazily(context, 'memberText', () => [...memberPosts].map((el) => visibleText(el, opts)).join('\n'));
  return context;
}

/** `obj[key]` computed on first read, then kept as a plain value. */
function lazily<T extends object, K extends keyof T>(obj: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(obj, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = compute();
      Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
  });
}

/**
 * What an aggregate still reads of the page's document after extraction: help-reachable looks for a mailto link on
 * the pages near the start page. `retirePage` keeps only these elements, in a small document of their own.
 */
const KEPT_SELECTORS = ['a[href^="mailto:" i]'] as const;
/** The page's parts that only extract() reads: let go once every signal has extracted. */
const RETIRED = ['html', 'text', 'mainText', 'brandText', 'memberText'] as const;
const EMPTY = cheerio.load('', { scriptingEnabled: false });

function retired(field: string): never {
  throw new Error(`page.${field} is read in extract() only: the page's document and texts are let go after extraction (page-context.ts, retirePage)`);
}

/** The HTML of the elements a page keeps once retired (KEPT_SELECTORS): what its `$` answers afterwards. */
export function keptHtml(page: PageContext): string {
  return KEPT_SELECTORS.flatMap((sel) => page.$(sel).toArray())
    .map((el) => page.$.html(el))
    .join('');
}

/** A `$` that answers KEPT_SELECTORS from `kept` alone and throws, naming itself, for anything else. */
export function residueOf(kept: string): CheerioAPI {
  const small = kept ? cheerio.load(kept, { scriptingEnabled: false }) : EMPTY;
  const allowed = new Set<string>(KEPT_SELECTORS);
  return ((selector: unknown, ...rest: unknown[]) => {
    if (typeof selector !== 'string' || !allowed.has(selector) || rest.length) retired(`$(${JSON.stringify(selector)})`);
    return small(selector);
  }) as unknown as CheerioAPI;
}

/** Makes the page's extract-only parts throw when read: its HTML, texts and the document nodes its posts point to. */
export function retireFields(page: PageContext): void {
  for (const field of RETIRED) Object.defineProperty(page, field, { get: () => retired(field), enumerable: false, configurable: true });
  page.structure = {
    ...page.structure,
    posts: page.structure.posts.map((post) => Object.defineProperty({ ...post }, 'el', { get: () => retired('structure.posts[].el'), enumerable: false })),
  };
}

/**
 * Lets go of what a page holds only for extract(): its parsed document, its HTML and its texts (the bulk of its
 * memory), and the document nodes its posts point to. The same object stays in the observations and the site, so
 * aggregates see its URL, type, title, links, structure counts and so on; reading a retired part throws, naming
 * itself, rather than answering wrong. `page.$` keeps answering KEPT_SELECTORS from a document of just those elements
 * (`kept`, their HTML, when the caller has it already).
 */
export function retirePage(page: PageContext, kept = keptHtml(page)): PageContext {
  Object.defineProperty(page, '$', { value: residueOf(kept), enumerable: true, configurable: true });
  retireFields(page);
  return page;
}
