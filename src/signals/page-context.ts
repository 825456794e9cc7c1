// The parsed view of one fetched page that every signal's extract() reads. Parsed once per page, shared by all
// signals, so adding a signal does not add a parse.
import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { getDomain } from 'tldts';
import type { PageSnapshot, ServedView, ThirdPartyRequest } from '../crawl/types.js';
import { classifyPage, schemaTypes, type PageType } from './page-type.js';
import { normaliseSpace, wordCount } from './text.js';

export interface PageLink {
  /** Absolute URL (http/https only). */
  href: string;
  text: string;
  rel: string[];
  /** Link points to another registrable domain than the page. */
  external: boolean;
  /** Link sits in the site's chrome (header, navigation, footer) rather than in the page's content. */
  inChrome: boolean;
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
  schemaTypes: string[];
  title: string;
  /** Primary language subtag from <html lang> or Content-Language, lower-case; null when undeclared. */
  lang: string | null;
  /** Visible text of the whole body (scripts, styles and templates removed). */
  text: string;
  /** Visible text of the main content (main/article when present, else the body minus header/nav/footer). */
  mainText: string;
  words: number;
  links: PageLink[];
  redirectChain: string[];
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

/** Elements whose boundaries are word boundaries in visible text. */
export const BLOCK_ELEMENTS =
  'address, article, aside, blockquote, br, button, dd, details, dialog, div, dl, dt, fieldset, figcaption, figure, footer, form, h1, h2, h3, h4, h5, h6, header, hr, label, legend, li, main, nav, ol, option, p, pre, section, select, summary, table, td, th, tr, ul';

/** Block boundaries are word boundaries: without this, `<p>Intro</p><p>Sign in…</p>` reads "IntroSign in…". Mutates `root`. */
export function spaceBlocks($: CheerioAPI, root: Cheerio<AnyNode>): void {
  root.find(BLOCK_ELEMENTS).each((_, el) => {
    $(el).prepend(' ').append(' ');
  });
}

/** Visible text of an element as a reader sees it: scripts dropped, blocks kept apart, whitespace collapsed. */
export function blockText($: CheerioAPI, el: Cheerio<AnyNode>): string {
  const copy = el.clone();
  copy.find('script, style, noscript, template').remove();
  spaceBlocks($, copy);
  return normaliseSpace(copy.text());
}

export function buildPageContext(page: PageSnapshot): PageContext {
  const $ = cheerio.load(page.html);
  const types = schemaTypes($);
  const base = page.finalUrl || page.url;
  const pageSite = siteKey(new URL(base).hostname);

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
      inChrome: $(el).closest('header, nav, footer, [role="banner"], [role="navigation"], [role="contentinfo"]').length > 0,
    });
  });

  // Visible text: drop what a reader never sees.
  const body = $('body').clone();
  body.find('script, style, noscript, template, svg').remove();
  // Block boundaries are word boundaries: without this, minified `<p>Intro</p><p>Sign in…</p>` reads "IntroSign in…".
  spaceBlocks($, body);
  const text = normaliseSpace(body.text());
  const mainEl = body.find('main').first().length ? body.find('main').first() : body.find('article').first();
  let mainText: string;
  if (mainEl.length) {
    mainText = normaliseSpace(mainEl.text());
  } else {
    const b = body.clone();
    b.find('header, nav, footer').remove();
    mainText = normaliseSpace(b.text());
  }

  const langAttr = $('html').attr('lang') ?? page.headers['content-language'] ?? '';
  const lang = langAttr.trim() ? langAttr.trim().toLowerCase().split(/[-_,\s]/)[0]! : null;

  return {
    url: page.url,
    finalUrl: base,
    depth: page.depth,
    status: page.status,
    headers: page.headers,
    html: page.html,
    $,
    // Classified by the URL asked for: a thread that redirects to sign-in is still a thread (behind a wall).
    type: classifyPage(page.url, $, types),
    schemaTypes: types,
    title: normaliseSpace($('title').first().text() || $('h1').first().text()),
    lang,
    text,
    mainText,
    words: wordCount(text),
    links,
    redirectChain: page.redirectChain,
    renderMode: page.renderMode,
    ...(page.thirdPartyRequests ? { thirdPartyRequests: page.thirdPartyRequests } : {}),
    ...(page.served ? { served: page.served } : {}),
  };
}
