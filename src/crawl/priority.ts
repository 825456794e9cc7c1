// Which discovered URLs deserve the budget first, from URL words only (a page's type is not known before it is
// fetched): key pages (home, sign-up, sign-in, help, contact, about, policies), then, depth for depth, content
// groups (threads, topics, reviews, ideas, listings) before people, tag, search and calendar groups.

/** Last path segment of a key page (whole, or as the first word: `privacy-policy`, `help-center`, `contact-us`). */
const KEY_PAGE_WORDS = new Set([
  'home',
  'signup',
  'sign-up',
  'register',
  'registration',
  'join',
  'signin',
  'sign-in',
  'login',
  'log-in',
  'help',
  'faq',
  'faqs',
  'support',
  'contact',
  'about',
  'privacy',
  'terms',
  'tos',
  'legal',
  'guidelines',
  'community-guidelines',
  'rules',
  'code-of-conduct',
  'imprint',
  'customer-service',
  // German
  'impressum',
  'hilfe',
  'kontakt',
  'datenschutz',
  'agb',
  'nutzungsbedingungen',
  'registrieren',
  'anmelden',
  'ueber-uns',
]);

/** Path words of content groups; one-letter ones (`/t/123` Discourse topics) only as a whole segment. */
const CONTENT_WORDS = new Set([
  't',
  'c',
  'd',
  'f',
  'q',
  'thread',
  'threads',
  'topic',
  'topics',
  'question',
  'questions',
  'answers',
  'post',
  'posts',
  'review',
  'reviews',
  'idea',
  'ideas',
  'listing',
  'listings',
  'forum',
  'forums',
  'board',
  'boards',
  'category',
  'categories',
  'discussion',
  'discussions',
  'conversation',
  'conversations',
  'node',
  'viewtopic',
  'viewforum',
  'showthread',
  'showtopic',
  'forumdisplay',
  // German
  'foren',
  'thema',
  'themen',
  'beitrag',
  'beitraege',
  'bewertung',
  'bewertungen',
  'ideen',
  'frage',
  'fragen',
  'diskussion',
  'diskussionen',
  'kategorie',
  'kategorien',
]);

/** Query keys that name a thread, forum or post (`index.php?topic=12`, `?board=3`, WordPress `?p=9`). */
const CONTENT_QUERY_KEYS = new Set(['t', 'f', 'p', 'topic', 'thread', 'threadid', 'board', 'forum', 'question', 'showtopic']);

/** Path words of people, tag, search, calendar, sign-in and form groups. */
const PERIPHERAL_WORDS = new Set([
  'u',
  'g',
  'member',
  'members',
  'memberlist',
  'user',
  'users',
  'profile',
  'profiles',
  'people',
  'author',
  'authors',
  'badges',
  'groups',
  'tag',
  'tags',
  'tagged',
  'search',
  'calendar',
  'login',
  'log-in',
  'signin',
  'sign-in',
  'logon',
  'register',
  'ucp',
  'account',
  'viewonline',
  // Reply and new-topic forms (phpBB posting.php?mode=reply&t=…, vBulletin newreply.php), feeds and print views
  'posting',
  'newreply',
  'newthread',
  'feed',
  'rss',
  'print',
  // German
  'mitglied',
  'mitglieder',
  'benutzer',
  'profil',
  'suche',
  'kalender',
]);

export type PageClass = 'content' | 'other' | 'peripheral';
/** Sort rank of a class: content first. */
export const CLASS_RANK: Record<PageClass, number> = { content: 0, other: 1, peripheral: 2 };

const stripExtension = (segment: string): string => segment.replace(/\.[a-z0-9]{1,5}$/i, '').toLowerCase();

function wordClass(segment: string): PageClass | null {
  const base = stripExtension(segment);
  const words = [base, ...base.split(/[-_]/).filter((w) => w.length > 1 && w !== base)];
  if (words.some((w) => CONTENT_WORDS.has(w))) return 'content';
  if (words.some((w) => PERIPHERAL_WORDS.has(w))) return 'peripheral';
  return null;
}

/**
 * Class of a URL group from its template (`/forum/t/*`, `/memberlist.php?mode=*&u=*`): the literal path segment
 * nearest the end that names one decides (`/forum/members/*` is people), then the query keys.
 */
export function groupClass(template: string): PageClass {
  const slash = template.indexOf('/');
  const [path = '', query = ''] = (slash < 0 ? '' : template.slice(slash)).split('?');
  const literals = path.split('/').filter((s) => s && !s.startsWith('*'));
  for (const segment of literals.reverse()) {
    const c = wordClass(segment);
    if (c) return c;
  }
  const keys = query.split('&').map((kv) => kv.split('=')[0]!.toLowerCase());
  if (keys.some((k) => CONTENT_QUERY_KEYS.has(k))) return 'content';
  return 'other';
}

/** Query parameters that name a page of a script (`ucp.php?mode=register`, `index.php?page=contact`). */
const PAGE_NAMING_PARAMS = /^(?:mode|page|section)$/i;

const isKeyWord = (value: string): boolean => {
  const v = stripExtension(value);
  return [...KEY_PAGE_WORDS].some((w) => v === w || v.startsWith(`${w}-`) || v.startsWith(`${w}_`));
};

/**
 * Key pages an audit reads first: the start page and the site's root, and shallow pages named for sign-up,
 * sign-in, help, contact, about or a policy. With a query only when its one parameter names the page:
 * `/login?redirect=/t/1` for every thread is not one, nor is `/search?q=help`.
 */
export function isKeyPage(url: string, startUrl: string): boolean {
  if (url === startUrl) return true;
  const u = new URL(url);
  if (u.origin !== new URL(startUrl).origin) return false;
  const segments = u.pathname.split('/').filter(Boolean);
  if (!segments.length) return !u.search;
  if (segments.length > 3) return false;
  const params = [...u.searchParams.entries()];
  if (!params.length) return isKeyWord(segments.at(-1)!);
  return params.length === 1 && PAGE_NAMING_PARAMS.test(params[0]![0]) && isKeyWord(params[0]![1]);
}
