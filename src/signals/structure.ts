// What a page is made of, read from the page itself: the posts on it (opening post, replies, answers, reviews),
// who wrote each and whether the brand did, and the thread lists it carries. Page types (page-type.ts), the
// brand's voice versus the members' (page-context.ts) and the thread signals all read this, so a forum is
// recognised from its posts, not from its URL.
//
// Posts are found three ways, best first: the platform's own markup (platform.ts), schema.org microdata, and
// generic structure (repeated blocks with an author or a date and a body). Class names are matched
// case-insensitively (Vanilla writes `.Comment`).
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { isLabel } from './lexicon/index.js';
import { PLATFORM_RULES, type PlatformHit } from './platform.js';
import { normaliseSpace, wordCount } from './text.js';
import { closest, hasAncestor, insideAny, matches, queryAll } from '../util/selectors.js';

export type PostKind = 'post' | 'review';

export interface Post {
  el: Cheerio<Element>;
  kind: PostKind;
  /** The author's name as shown, or null when the post shows none. */
  author: string | null;
  /** The staff, moderator or official label shown on the post. */
  staffLabel: string | null;
  /** The author's name carries the brand's name (an account such as "MegaMart_Support"). */
  brandNamed: boolean;
  /** Words of the post's own text (nested replies not counted). */
  words: number;
  /** Inside another post (a reply in a threaded view, a comment under an answer). */
  nested: boolean;
}

export interface PageStructure {
  posts: Post[];
  /** The platform's markup says what the page is: one thread, or a list of threads. */
  view: 'thread' | 'list' | null;
  /** Article cards (a heading linking to another page over a teaser): a list of articles, not posts. */
  cards: number;
  /** Repeated product tiles with a price: a shop's catalogue. */
  productTiles: number;
  /** An add-to-cart control: the page sells the thing it shows. */
  buyBox: boolean;
  /** Threads listed by the platform's list markup, or rows of a topic table (title, replies, views). */
  listItems: number;
  /** A table headed with replies, views or posts: a list of topics, even an empty one. */
  topicTable: boolean;
  /** Distinct links in the page's content to URLs shaped like thread pages. */
  threadLinks: number;
  /** How the posts were found. */
  source: 'platform' | 'schema' | 'generic' | null;
}

/** Is a post written by the brand: labelled staff, or an account named for it. */
export const byBrand = (p: Post): boolean => p.staffLabel !== null || p.brandNamed;

const cls = (...names: string[]): string => names.map((n) => `[class~="${n}" i]`).join(', ');

const SCHEMA_POST =
  '[itemtype*="schema.org/DiscussionForumPosting" i], [itemtype*="schema.org/SocialMediaPosting" i], [itemtype*="schema.org/Comment" i], [itemtype*="schema.org/Answer" i], [itemtype*="schema.org/Question" i], [itemprop="comment"], [itemprop="suggestedAnswer"], [itemprop="acceptedAnswer"]';
const SCHEMA_REVIEW = '[itemtype*="schema.org/Review" i], [itemprop="review"]';
const GENERIC_POST = `article, ${cls('post', 'message', 'msg', 'comment', 'reply', 'answer', 'topic-post', 'forum-post')}, [data-post-id], [data-postid], [data-comment-id]`;
/** Question and answer markup inside a FAQ is the site's own help text, not members' posts. */
const FAQ_SCOPE = '[itemtype*="schema.org/FAQPage" i]';
/** A product tile in a grid: a class naming a product, holding a link and a price. */
const PRODUCT_TILE =
  '[class*="product-card" i], [class*="product-item" i], [class*="product-tile" i], [class*="producttile" i], [class*="product-grid-item" i], [class*="grid-product" i], [class*="productcard" i], [class*="product_item" i], [class*="product-list-item" i], [data-product-id]';
const BUY_BOX =
  'form[action*="cart" i], [id*="add-to-cart" i], [id*="addtocart" i], [class*="add-to-cart" i], [class*="addtocart" i], [name="add-to-cart"], [name*="add-to-cart" i], button[name="add"], [data-action="add-to-cart"]';
const PRICE = /(?:[$€£¥]\s?\d|\d[\d.,]*\s?(?:€|EUR|USD|GBP|CHF|kr))/;
const GENERIC_REVIEW = `${cls('review', 'review-item', 'customer-review', 'user-review')}, [data-review-id]`;

export const AUTHOR_SELECTOR = [
  '[itemprop="author"]',
  '[rel="author"]',
  'a.bigusername',
  cls(
    'author',
    'username',
    'user-name',
    'user',
    'post-author',
    'postauthor',
    'byline',
    'creator',
    'poster',
    'message-name',
    'comment-author',
    'review-author',
    'reviewer',
    'author-name',
  ),
  'a[href*="/u/"]',
  'a[href*="/user/"]',
  'a[href*="/users/"]',
  'a[href*="/members/"]',
  'a[href*="/member/"]',
  'a[href*="member.php"]',
  'a[href*="memberlist.php"]',
  'a[href*="/profile/"]',
  'a[href*="profile.php"]',
].join(', ');

const DATE_SELECTOR = `time, [datetime], [itemprop="datePublished"], [itemprop="dateCreated"], ${cls('date', 'postdate', 'post-date', 'timestamp', 'dateline', 'published', 'post-time')}`;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|okt|dez)[a-zä]*\\.?';
/** A date as posts print it: "Sat Jun 12, 2010", "12 March 2024", "2024-03-12", "12.03.2024", "3 days ago". */
const DATE_TEXT = new RegExp(
  `\\b${MONTH}\\s+\\d{1,2},?\\s+\\d{4}\\b|\\b\\d{1,2}\\.?\\s+${MONTH}\\s+\\d{4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b|\\b\\d+\\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\\s+ago\\b|\\b(?:yesterday|today) at\\b`,
  'i',
);

/** Badges that may carry a role ("Staff", "Moderator"), and class tokens that mark one. */
export const BADGE_SELECTOR =
  '.badge, .role, .label, .tag, .flair, .user-title, .usertitle, .author-role, .rank, [class*="staff" i], [class*="moderator" i], [class*="official" i], [data-role]';
/**
 * A class or data-role token that marks a role ("staff", "is-staff", "role-moderator", "staff-badge"), not a widget
 * whose name merely starts with the word ("staff-picks", "official-store").
 */
export const STAFF_TOKEN =
  /^(?:[a-z0-9]+[-_]+)?(?:staff|moderator|official|employee)(?:[-_]+(?:badge|label|tag|flair|post|reply|answer|member|user|role|title|name|author|response))?$/i;

/** Path shapes of thread pages across platforms, for counting the thread links a listing carries. */
const THREAD_LINK =
  /\/t\/[^/]+\/\d+|\/threads?\/|\/topics?\/|\/viewtopic\.php|\/showthread\.php|[?&;]topic=\d|\/questions\/\d+|\/comments\/[a-z0-9]+\/|\/d\/\d+|\/discussions?\/\d+|\/post\/\d+|\/node\/\d+/i;
const TOPIC_TABLE_HEADER = /\b(?:replies|posts|topics|threads|views|answers|antworten|beiträge|themen|zugriffe)\b/i;

const CHROME = 'header, nav, footer, aside, [role="banner"], [role="navigation"], [role="contentinfo"], [role="complementary"]';

interface Candidate {
  el: Element;
  kind: PostKind;
  source: 'platform' | 'schema' | 'generic';
}

interface PlatformSelectors {
  post: string[];
  review: string[];
  list: string[];
  staff: string[];
  rank: string[];
  author: string[];
  threadView: string[];
  listView: string[];
}

function platformSelectors(platforms: PlatformHit[]): PlatformSelectors {
  const out: PlatformSelectors = { post: [], review: [], list: [], staff: [], rank: [], author: [], threadView: [], listView: [] };
  for (const hit of platforms) {
    const s = PLATFORM_RULES[hit.name]?.structure;
    if (!s) continue;
    if (s.post) (hit.categories.includes('reviews') ? out.review : out.post).push(s.post);
    if (s.listItem) out.list.push(s.listItem);
    if (s.staff) out.staff.push(s.staff);
    if (s.rank) out.rank.push(s.rank);
    if (s.author) out.author.push(s.author);
    if (s.threadView) out.threadView.push(s.threadView);
    if (s.listView) out.listView.push(s.listView);
  }
  return out;
}

/** Elements matching `selector` (none when this parser cannot read the selector). */
function select($: CheerioAPI, selector: string, root?: Element): Element[] {
  if (!selector) return [];
  try {
    return queryAll($, root ?? $.root()[0]!, selector).filter((n): n is Element => n.type === 'tag');
  } catch {
    return [];
  }
}

const SKIP_TEXT = new Set(['script', 'style', 'template', 'noscript', 'form', 'textarea', 'button', 'select', 'svg']);

/** Visible text of `el` without the posts nested in it (`skip`), forms and scripts. Iterative: pages nest deep. */
function ownText(el: Element, skip: Set<Element>): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') parts.push((n as Text).data);
    else if (n.type === 'tag' && (n === el || (!skip.has(n as Element) && !SKIP_TEXT.has((n as Element).name)))) {
      parts.push(' ');
      const kids = (n as Element).children;
      // Pushed in reverse so the text comes out in document order; a marker keeps blocks apart.
      stack.push({ type: 'text', data: ' ' } as unknown as AnyNode);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return normaliseSpace(parts.join(''));
}

/** `el`'s own elements matching `selector`: `el` itself, or descendants not inside a post nested in it. */
function ownMatches($: CheerioAPI, el: Element, selector: string, nested: Set<Element>): Element[] {
  const out: Element[] = [];
  try {
    if (matches($, el, selector)) out.push(el);
  } catch {
    return out;
  }
  for (const d of select($, selector, el)) {
    let p = d.parent;
    while (p && p !== el && !nested.has(p as Element)) p = p.parent;
    if (p === el) out.push(d);
  }
  return out;
}

function authorOf($: CheerioAPI, el: Element, nested: Set<Element>, platformAuthor: string[]): string | null {
  const attr = $(el).attr('data-author');
  if (attr?.trim()) return normaliseSpace(attr).slice(0, 80);
  const own = (selector: string) => (selector ? ownMatches($, el, selector, nested).find((d) => d !== el && normaliseSpace($(d).text())) : undefined);
  const a = own(platformAuthor.join(', ')) ?? own(AUTHOR_SELECTOR);
  if (!a) return null;
  const name = normaliseSpace($(a).find('[itemprop="name"]').first().text() || $(a).text() || $(a).attr('title') || '');
  return name ? name.slice(0, 80) : null;
}

const classTokens = ($: CheerioAPI, e: Element): string[] => `${$(e).attr('class') ?? ''} ${$(e).attr('data-role') ?? ''}`.split(/\s+/).filter(Boolean);

/** The staff label a post shows: a badge reading "Staff"/"Moderator", a role class, or the platform's staff mark. */
function staffLabelOf($: CheerioAPI, el: Element, nested: Set<Element>, lang: string | null, sel: PlatformSelectors): string | null {
  for (const e of ownMatches($, el, BADGE_SELECTOR, nested)) {
    const text = normaliseSpace($(e).text());
    if (e !== el && text.length <= 40 && text && isLabel('staffLabel', text, lang)) return text;
    if (classTokens($, e).some((t) => STAFF_TOKEN.test(t))) return e === el || !text || text.length > 40 ? 'staff' : text;
  }
  if (sel.staff.length && ownMatches($, el, sel.staff.join(', '), nested).length) return 'staff';
  // Platforms print a rank on every post ("Member", "Newbie"): only a rank that reads as a staff role counts.
  for (const e of sel.rank.length ? ownMatches($, el, sel.rank.join(', '), nested) : []) {
    const text = normaliseSpace($(e).text());
    if (text && text.length <= 40 && isLabel('staffLabel', text, lang)) return text;
  }
  return null;
}

/**
 * A card in a list: a title linking to another page over a short teaser (a news index, a forum's topic list that
 * prints a teaser under each title). A post's heading may link too, but to its author's profile or to itself.
 * Generic blocks are cards when the title links to any other page; a platform's or schema.org's post only when it
 * links to another thread (a subreddit's listing of self posts).
 */
function isCard($: CheerioAPI, el: Element, words: number, source: Candidate['source'], pageUrl: string): boolean {
  if (words >= 80) return false;
  const link = $(el).find('h1 a[href], h2 a[href], h3 a[href], h4 a[href], h5 a[href], a.title[href]').first();
  const href = link.attr('href');
  if (href === undefined || href.startsWith('#') || closest($, link[0]!, AUTHOR_SELECTOR) !== null) return false;
  let target: URL;
  try {
    target = new URL(href, pageUrl);
  } catch {
    return false;
  }
  const here = new URL(pageUrl);
  if (target.host === here.host && target.pathname === here.pathname) return false;
  return source === 'generic' || (target.host === here.host && THREAD_LINK.test(target.pathname + target.search));
}

const hasDate = ($: CheerioAPI, el: Element, text: string): boolean => queryAll($, el, DATE_SELECTOR).length > 0 || DATE_TEXT.test(text.slice(0, 200));

/** Tags a generic post can be (a reply box is a form; a link or a span is a part of a post, not one). */
const GENERIC_TAGS = new Set(['article', 'div', 'li', 'section', 'td', 'tr', 'dd', 'blockquote', 'table', 'tbody']);

/** Squashed brand token of the site (community.megamart.com → "megamart"), for brand-named accounts. */
const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export interface StructureInput {
  $: CheerioAPI;
  platforms: PlatformHit[];
  lang: string | null;
  /** The brand's name as it appears in the site's domain ("megamart"). */
  brandToken: string;
  /** The page's own URL, to tell links to other pages from anchors. */
  url: string;
}

/** Posts and thread lists on a page. Pure: reads only the parsed page. */
export function readStructure(input: StructureInput): PageStructure {
  const { $, lang } = input;
  const sel = platformSelectors(input.platforms);
  const candidates = new Map<Element, Candidate>();
  const add = (els: Element[], kind: PostKind, source: Candidate['source']) => {
    for (const el of els) if (!candidates.has(el)) candidates.set(el, { el, kind, source });
  };
  add(select($, sel.post.join(', ')), 'post', 'platform');
  add(select($, sel.review.join(', ')), 'review', 'platform');
  add(select($, SCHEMA_REVIEW), 'review', 'schema');
  const faq = $('script[type="application/ld+json"]').text().includes('FAQPage') || $(FAQ_SCOPE).length > 0;
  add(faq ? [] : select($, SCHEMA_POST), 'post', 'schema');
  add(select($, GENERIC_REVIEW), 'review', 'generic');
  add(select($, GENERIC_POST), 'post', 'generic');

  // Not in the site's chrome (a sidebar's "latest posts"), unless inside the page's article or main content.
  const inChrome = (el: Element) => closest($, el, CHROME) !== null && !hasAncestor($, el, 'article, main');
  const known = new Set([...candidates.values()].filter((c) => c.source !== 'generic').map((c) => c.el));
  // A generic block inside a platform's or schema.org's post is a part of that post (SMF's inner .post div).
  const kept = [...candidates.values()].filter(
    (c) =>
      !inChrome(c.el) &&
      (c.source !== 'generic' || (GENERIC_TAGS.has(c.el.name) && !insideAny(c.el, known))) &&
      !/^(?:form|button|input|a|body|html)$/.test(c.el.name),
  );
  const keptSet = new Set(kept.map((c) => c.el));
  // Repeated blocks of the same kind (tag and first class) are posts when they carry a date.
  const signature = (el: Element) => `${el.name}|${classTokens($, el).find((t) => !/\d/.test(t)) ?? ''}`;
  const sigCount = new Map<string, number>();
  for (const c of kept) sigCount.set(signature(c.el), (sigCount.get(signature(c.el)) ?? 0) + 1);

  // Candidates that hold other candidates: a wrapper needs words of its own to count as a post.
  const holders = new Set<Element>();
  for (const c of kept) for (let p = c.el.parent; p; p = p.parent) if (keptSet.has(p as Element)) holders.add(p as Element);
  const brand = squash(input.brandToken);
  const posts: Post[] = [];
  const accepted = new Map<Element, Candidate['source']>();
  let cards = 0;
  for (const c of kept) {
    const text = ownText(c.el, keptSet);
    const words = wordCount(text);
    const author = authorOf($, c.el, keptSet, sel.author);
    // "Thanks!" under an author is a post; a wrapper around other posts, or a few words with no author, is not.
    if (words === 0 || (words < 3 && (holders.has(c.el) || !author))) continue;
    if (isCard($, c.el, words, c.source, input.url)) {
      cards++;
      continue;
    }
    if (c.source === 'generic') {
      if (!author && !((sigCount.get(signature(c.el)) ?? 0) >= 2 && hasDate($, c.el, text))) continue;
    }
    accepted.set(c.el, c.source);
    posts.push({
      el: $(c.el),
      kind: c.kind,
      author,
      staffLabel: staffLabelOf($, c.el, keptSet, lang, sel),
      brandNamed: Boolean(author && brand.length >= 3 && squash(author).includes(brand)),
      words,
      nested: false,
    });
  }
  // Document order, and which posts sit inside others.
  const order =
    posts.length > 1
      ? new Map(
          $('*')
            .toArray()
            .map((e, i) => [e, i]),
        )
      : new Map<AnyNode, number>();
  posts.sort((a, b) => (order.get(a.el[0]!) ?? 0) - (order.get(b.el[0]!) ?? 0));
  for (const p of posts) p.nested = insideAny(p.el[0]!, accepted);
  const sources = new Set(accepted.values());
  const source = sources.has('platform') ? 'platform' : sources.has('schema') ? 'schema' : sources.has('generic') ? 'generic' : null;
  const marked = (selectors: string[]) => selectors.length > 0 && select($, selectors.join(', ')).length > 0;
  const view = marked(sel.threadView) ? 'thread' : marked(sel.listView) ? 'list' : null;
  const productTiles = select($, PRODUCT_TILE).filter(
    (el) => queryAll($, el, 'a[href]').length > 0 && PRICE.test($(el).text()) && !hasAncestor($, el, PRODUCT_TILE),
  ).length;
  const buyBox = select($, BUY_BOX).length > 0;
  return { posts, view, cards, productTiles, buyBox, ...countListItems($, sel.list), threadLinks: countThreadLinks($, input.url), source };
}

function countListItems($: CheerioAPI, platformList: string[]): { listItems: number; topicTable: boolean } {
  const fromPlatform = select($, platformList.join(', ')).length;
  // A table of topics: a header naming replies, views or posts over rows that each link somewhere.
  let fromTables = 0;
  let topicTable = false;
  $('table').each((_, t) => {
    const cells = $(t).find('th').length ? $(t).find('th') : $(t).find('tr').first().children();
    const head = cells
      .toArray()
      .map((c) => $(c).text())
      .join(' ');
    if (!TOPIC_TABLE_HEADER.test(head)) return;
    topicTable = true;
    fromTables += $(t)
      .find('tr')
      .filter((_, r) => $(r).find('a[href]').length > 0 && $(r).find('th').length === 0).length;
  });
  return { listItems: Math.max(fromPlatform, fromTables), topicTable };
}

function countThreadLinks($: CheerioAPI, pageUrl: string): number {
  const seen = new Set<string>();
  const here = new URL(pageUrl);
  $('a[href]').each((_, a) => {
    if (closest($, a, CHROME)) return;
    let u: URL;
    try {
      u = new URL($(a).attr('href') ?? '', pageUrl);
    } catch {
      return;
    }
    u.hash = '';
    if (u.host !== here.host || u.href === here.href.replace(/#.*$/, '')) return;
    if (THREAD_LINK.test(u.pathname + u.search)) seen.add(u.pathname + u.search);
  });
  return seen.size;
}

/** Replies to the opening post: member and brand posts after the first (reviews are not replies). */
export function replyCount(structure: PageStructure): number {
  return Math.max(0, structure.posts.filter((p) => p.kind === 'post').length - 1);
}

/** The outermost posts (nested replies sit inside them), for reading text once. */
export function outermost(posts: Post[]): Post[] {
  return posts.filter((p) => !p.nested);
}
