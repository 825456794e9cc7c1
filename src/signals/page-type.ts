// Page-type recognition: which template a page is (thread, review, deal, help…), from its URL path, its
// schema.org types and its headings. Signals use it to pick the pages they judge.
import type { CheerioAPI } from 'cheerio';
import { schemaNodes } from './schema-org.js';

export type PageType =
  | 'home'
  | 'thread'
  | 'review'
  | 'idea'
  | 'guide'
  | 'help'
  | 'deal'
  | 'product'
  | 'signup'
  | 'signin'
  | 'privacy'
  | 'terms'
  | 'contact'
  | 'about'
  | 'listing'
  | 'other';

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
  [/(^|\/)(products?|shop|store|catalog|catalogue|p|produkte?)\/[^/]+/i, 'product'],
  [/(^|\/)(reviews?|bewertungen|erfahrungsberichte|testberichte)\/[^/]+/i, 'review'],
  [/(^|\/)(ideas?|idea-board|ideas-board|suggestions?|ideen)\/[^/]+/i, 'idea'],
  [/(^|\/)(guides?|how-to|howto|tutorials?|learn|articles?|tips|tools?|anleitungen?|ratgeber|tipps)\/[^/]+/i, 'guide'],
  [/(^|\/)(help|support|faq|kb|knowledge-base|helpcenter|help-centre|help-center|hilfe|hilfe-center)\/[^/]+/i, 'help'],
  [/(^|\/)(forums?|foren|community|discussions?|threads?|topics?|t|questions?|boards?|themen|fragen)\/[^/]+/i, 'thread'],
];

const SECTION_ROOT =
  /^\/(forums?|foren|reviews?|bewertungen|ideas?|ideen|deals?|angebote|guides?|anleitungen|ratgeber|help|hilfe|support|faq|discussions?|boards?|questions?|shop|tools?|search|suche)(\/(index\.html?)?)?$/i;

const SCHEMA_TYPES: Array<[RegExp, PageType]> = [
  [/\b(DiscussionForumPosting|QAPage|Question)\b/, 'thread'],
  [/\bReview\b/, 'review'],
  [/\bHowTo\b/, 'guide'],
  [/\bFAQPage\b/, 'help'],
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

export function classifyPage(url: string, $: CheerioAPI, types: string[]): PageType {
  const { pathname } = new URL(url);
  if (pathname === '/' || /^\/index\.html?$/i.test(pathname)) return 'home';
  if (SECTION_ROOT.test(pathname)) return 'listing';
  for (const [re, type] of PATH_RULES) {
    if (!re.test(pathname)) continue;
    // A section's own index (e.g. /forum/board-help/) is a listing, not a thread.
    if ((type === 'thread' || type === 'help' || type === 'review' || type === 'idea') && /\/(index\.html?)?$/.test(pathname)) {
      return $('article, .post, .reply, .answer').length >= 2 ? type : 'listing';
    }
    return type;
  }
  const joined = types.join(' ');
  for (const [re, type] of SCHEMA_TYPES) if (re.test(joined)) return type;
  const h1 = $('h1').first().text();
  if (/privacy|datenschutz/i.test(h1)) return 'privacy';
  if (/terms (of|and) (use|service)|terms & conditions|nutzungsbedingungen|allgemeine geschäftsbedingungen/i.test(h1)) return 'terms';
  return 'other';
}
