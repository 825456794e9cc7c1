// Page-type recognition: which template a page is (thread, listing, review, product, help…). Read from the page
// first: its posts and thread lists (structure.ts), then its schema.org types, and its URL path last, because
// real forums live at /node/123, /viewtopic.php?t=9 and /topics/abc as often as at /forum/t/abc. Signals use the
// type to pick the pages they judge, and audit.json records it with its basis for every page.
import type { CheerioAPI } from 'cheerio';
import type { z } from 'zod';
import type { PageTypeSchema } from '../result/schema.js';
import { schemaNodes } from './schema-org.js';
import type { PageStructure } from './structure.js';

export type PageType = z.infer<typeof PageTypeSchema>;

/** What decided a page's type, most telling first. */
export type PageTypeBasis = 'home' | 'posts' | 'listing' | 'schema' | 'path' | 'heading' | 'none';

export interface PageTypeDecision {
  type: PageType;
  basis: PageTypeBasis;
}

/** Pages whose main content is community or knowledge content (what people come to read). */
export const CONTENT_TYPES: ReadonlySet<PageType> = new Set(['thread', 'review', 'idea', 'guide', 'help']);

// Ordered: the first rule that matches the path wins, so specific templates come before broad sections.
// English and German path words (the languages with a lexicon); umlauts are left out because paths spell them ue/oe/ae.
const PATH_RULES: Array<[RegExp, PageType]> = [
  [/(^|\/)(privacy|privacy-policy|datenschutz|datenschutzerklaerung|confidentialite)(\.html?|\/|$)/i, 'privacy'],
  [/(^|\/)(terms|tos|terms-of-(use|service)|conditions|legal\/terms|agb|nutzungsbedingungen)(\.html?|\/|$)/i, 'terms'],
  [/(^|\/)(join|register|registration|signup|sign-up|create-account|registrieren|registrierung|mitglied-werden|konto-erstellen)(\.html?|\/|$)/i, 'signup'],
  [/(^|\/)(login|log-in|signin|sign-in|anmelden|anmeldung|einloggen)(\.html?|\/|$)/i, 'signin'],
  [/(^|\/)(contact|contact-us|kontakt)(\.html?|\/|$)/i, 'contact'],
  [/(^|\/)(about|about-us|ueber-uns)(\.html?|\/|$)/i, 'about'],
  [/(^|\/)(deals?|coupons?|offers?|sales?|promotions?|clearance|angebote?|gutscheine?|aktionen)(\/|$)/i, 'deal'],
  [/(^|\/)(collections?|kategorien?)\/[^/]+\/?$/i, 'catalogue'],
  [/(^|\/)(products?|shop|store|catalog|catalogue|p|produkte?)\/[^/]+/i, 'product'],
  [/(^|\/)(reviews?|bewertungen|erfahrungsberichte|testberichte)\/[^/]+/i, 'review'],
  [/(^|\/)(ideas?|idea-board|ideas-board|suggestions?|ideen)\/[^/]+/i, 'idea'],
  [/(^|\/)(guides?|how-to|howto|tutorials?|learn|articles?|tips|tools?|anleitungen?|ratgeber|tipps)\/[^/]+/i, 'guide'],
  [/(^|\/)(help|support|faq|kb|knowledge-base|helpcenter|help-centre|help-center|hilfe|hilfe-center)\/[^/]+/i, 'help'],
  [/(^|\/)(forums?|foren|community|discussions?|threads?|topics?|t|questions?|boards?|themen|fragen)\/[^/]+/i, 'thread'],
];

const SECTION_ROOT =
  /^\/(forums?|foren|reviews?|bewertungen|ideas?|ideen|deals?|angebote|guides?|anleitungen|ratgeber|help|hilfe|support|faq|discussions?|boards?|questions?|shop|tools?|search|suche)(\/(index\.html?)?)?$/i;

// After posts and products: a FAQPage is help, a QAPage with no visible posts is still a thread.
const SCHEMA_TYPES: Array<[RegExp, PageType]> = [
  [/\bFAQPage\b/, 'help'],
  [/\bHowTo\b/, 'guide'],
  [/\b(DiscussionForumPosting|QAPage|Question)\b/, 'thread'],
  [/\bReview\b/, 'review'],
  [/\bProduct\b/, 'product'],
  // An offer without a product is a deal; a rating summary without a product is a review page.
  [/\bOffer\b/, 'deal'],
  [/\bAggregateRating\b/, 'review'],
];

export function schemaTypes($: CheerioAPI): string[] {
  const types = new Set<string>();
  $('[itemtype]').each((_, el) => {
    const t = $(el).attr('itemtype') ?? '';
    for (const part of t.split(/\s+/)) if (part) types.add(part.replace(/^https?:\/\/schema\.org\//, ''));
  });
  // Parsed JSON-LD (incl. @graph and nested nodes) and microdata; the pattern scan below also reads broken JSON-LD.
  for (const node of schemaNodes($)) for (const t of node.types) types.add(t);
  $('script[type="application/ld+json"]').each((_, el) => {
    const raw = $(el).text();
    for (const m of raw.matchAll(/"@type"\s*:\s*(\[[^\]]*\]|"[^"]+")/g)) {
      for (const t of m[1]!.matchAll(/"([^"]+)"/g)) types.add(t[1]!);
    }
  });
  return [...types].sort();
}

/** The type a URL's path suggests, with no page to read (e.g. a URL that answered 403). */
export function pathType(url: string): PageType {
  const { pathname } = new URL(url);
  if (pathname === '/' || /^\/index\.html?$/i.test(pathname)) return 'home';
  if (SECTION_ROOT.test(pathname)) return 'listing';
  for (const [re, type] of PATH_RULES) {
    if (!re.test(pathname)) continue;
    // A section's own index (e.g. /forum/board-help/) is a listing, not a thread.
    if ((type === 'thread' || type === 'help' || type === 'review' || type === 'idea') && /\/(index\.html?)?$/.test(pathname)) return 'listing';
    return type;
  }
  return 'other';
}

const normaliseName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/&#?\w+;/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Pages whose path names what they are for: a privacy policy at /privacy is one whatever it looks like. */
const PURPOSE_TYPES: ReadonlySet<PageType> = new Set(['privacy', 'terms', 'signup', 'signin', 'contact', 'about']);
const THREAD_SCHEMA = /\b(?:DiscussionForumPosting|QAPage|SocialMediaPosting)\b/;

export interface ClassifyInput {
  url: string;
  $: CheerioAPI;
  schemaTypes: string[];
  structure: PageStructure;
  /** A forum or community platform was recognised on the page. */
  forumPlatform: boolean;
}

/**
 * The page's type and what decided it. Order: home and purpose pages by path; a product page by its markup (its
 * FAQ and Q&A blocks are product help, not a forum); posts (two or more make a thread, or a review page when they
 * are reviews); a list of threads; one post where the page otherwise reads as a thread; schema.org; the URL path;
 * the main heading.
 */
export function classifyPage(input: ClassifyInput): PageTypeDecision {
  const { url, $, schemaTypes: types, structure } = input;
  const byPath = pathType(url);
  if (byPath === 'home') return { type: 'home', basis: 'home' };
  if (PURPOSE_TYPES.has(byPath)) return { type: byPath, basis: 'path' };
  const nodes = schemaNodes($);
  const isProduct = (n: (typeof nodes)[number]) => n.types.includes('Product') || n.types.includes('ProductGroup');
  // One product (with its variants, reviews and related items) is a product page; a grid of them is a catalogue.
  const topProducts = nodes.filter((n) => n.topLevel && isProduct(n));
  const heading = normaliseName($('h1').first().text() || $('title').first().text());
  const named = topProducts.some((n) => {
    const name = normaliseName(String(n.props['name'] ?? ''));
    return name.length >= 3 && heading.includes(name);
  });
  const listed = nodes.filter((n) => n.types.includes('ItemList')).some((n) => (JSON.stringify(n.props).match(/"@type":"Product"/g)?.length ?? 0) >= 3);
  if (!named && (topProducts.length >= 3 || listed || structure.productTiles >= 4))
    return { type: 'catalogue', basis: topProducts.length >= 3 || listed ? 'schema' : 'listing' };
  if (topProducts.length >= 1) return { type: 'product', basis: 'schema' };
  const posts = structure.posts.filter((p) => p.kind === 'post');
  const reviews = structure.posts.filter((p) => p.kind === 'review');
  // Thread links alone do not outweigh posts: a thread page lists "similar threads" too.
  const listing = structure.view === 'list' || structure.listItems >= 3 || structure.threadLinks >= 8 || (structure.topicTable && posts.length === 0);
  const listHeavy = structure.view !== 'thread' && structure.listItems >= 3 && structure.listItems > posts.length * 2;
  // Reviews under an add-to-cart button are a product page's reviews.
  if (reviews.length >= 2 && reviews.length >= posts.length) return structure.buyBox ? { type: 'product', basis: 'posts' } : { type: 'review', basis: 'posts' };
  if (posts.length >= 2 && !listHeavy) return { type: 'thread', basis: 'posts' };
  const joined = types.join(' ');
  const threadCue = structure.view === 'thread' || THREAD_SCHEMA.test(joined) || (input.forumPlatform && byPath === 'thread');
  if (posts.length === 1 && threadCue) return { type: 'thread', basis: 'posts' };
  if (listing && structure.view !== 'thread') return { type: 'listing', basis: 'listing' };
  if (posts.length === 1 && (input.forumPlatform || byPath === 'thread')) return { type: 'thread', basis: 'posts' };
  // A list of article cards (news, a blog index) is a listing, whatever its path says.
  if (structure.cards >= 4 && posts.length === 0) return { type: 'listing', basis: 'listing' };
  for (const [re, type] of SCHEMA_TYPES) if (re.test(joined)) return { type, basis: 'schema' };
  if (byPath !== 'other') return { type: byPath, basis: 'path' };
  const h1 = $('h1').first().text();
  if (/privacy|datenschutz/i.test(h1)) return { type: 'privacy', basis: 'heading' };
  if (/terms (of|and) (use|service)|terms & conditions|nutzungsbedingungen|allgemeine geschäftsbedingungen/i.test(h1))
    return { type: 'terms', basis: 'heading' };
  return { type: 'other', basis: 'none' };
}
