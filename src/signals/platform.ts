// Community platform and review/feedback widget recognition. The rules are our own (MIT), written in the *format* of
// Wappalyzer's technology JSON (cats, meta, scriptSrc, html, cookies, headers, url: regex strings), not copied from
// its GPL rule set. Users who hold a licence for another rule set can pass their own table to detectPlatforms.
import type { CheerioAPI } from 'cheerio';

export type PlatformCategory = 'forum' | 'community' | 'reviews' | 'feedback' | 'help-centre';

export interface PlatformRule {
  cats: PlatformCategory[];
  website: string;
  /** <meta name=…> content patterns, e.g. { generator: '^Discourse' }. */
  meta?: Record<string, string>;
  /** Patterns matched against every <script src>. */
  scriptSrc?: string[];
  /** Patterns matched against the raw HTML (class names, data attributes, element ids). */
  html?: string[];
  /** Cookie name → value pattern ('' = any), read from Set-Cookie. */
  cookies?: Record<string, string>;
  /** Response header → value pattern ('' = any). */
  headers?: Record<string, string>;
  /** Patterns matched against the page URL. */
  url?: string[];
  structure?: PlatformStructure;
}

/**
 * How a platform marks up its pages, for page-type recognition (src/signals/structure.ts): CSS selectors, read
 * case-insensitively where they name classes. Only what the platform's own templates print; generic structure
 * (repeated posts with an author and a date) covers the rest.
 */
export interface PlatformStructure {
  /** One post (opening post, reply, answer, comment) on a thread page. */
  post?: string;
  /** One thread in a list of threads (forum index, sub-forum, tag page). */
  listItem?: string;
  /** A mark that by itself says the post is by staff (a "Staff" banner class). */
  staff?: string;
  /** Where the platform prints each author's rank or title: a post is staff when that text reads as a staff role. */
  rank?: string;
  /** The author's name inside a post, where the generic author selectors miss it. */
  author?: string;
  /** Marks the page as one thread (the template's own name or id). */
  threadView?: string;
  /** Marks the page as a list of threads (forum index, sub-forum). */
  listView?: string;
}

export const PLATFORM_RULES: Record<string, PlatformRule> = {
  Discourse: {
    cats: ['forum'],
    website: 'https://www.discourse.org',
    meta: { generator: '^Discourse', discourse_theme_id: '', discourse_current_homepage: '' },
    html: ['id="data-discourse-setup"', 'data-discourse-[a-z-]+=', 'class=[\'"]topic-body crawler-post'],
    scriptSrc: ['/assets/discourse[-.]', '/brotli_asset/discourse'],
    // The crawler view (served to bots, and inside <noscript> for browsers) and the rendered app.
    structure: {
      post: '.crawler-post, article.topic-post, .topic-post article',
      listItem: 'tr.topic-list-item, .topic-list-item',
      staff: '.topic-post.staff, .topic-post.moderator, .topic-post.admin',
      threadView: '#topic-title, [itemtype*="DiscussionForumPosting"]',
      listView: '.topic-list',
    },
  },
  'Khoros Community': {
    cats: ['community'],
    website: 'https://khoros.com',
    html: ['class="[^"]*\\blia-(?:component|body|quilt|message)', 'LITHIUM\\.(?:CommunityJsonObject|Loader)'],
    scriptSrc: ['\\.lithium\\.com/', '/html/assets/js/lia-', 'khoros\\.com/'],
    cookies: { LiSESSIONID: '', 'lithium.anonymous.usertoken': '' },
    url: ['/t5/'],
    structure: {
      post: '.lia-linear-display-message-view, .lia-message-view-wrapper',
      listItem: '.lia-list-row, .MessageList .lia-list-row',
      rank: '.lia-message-author-rank, .lia-component-author-rank',
      author: '.lia-user-name-link, .lia-message-author-username',
      threadView: '.lia-thread-topic, .lia-forum-topic-page',
      listView: '.lia-message-list',
    },
  },
  'Salesforce Experience Cloud': {
    cats: ['community'],
    website: 'https://www.salesforce.com/products/experience-cloud/',
    html: ['<webruntime-app', 'communityRuntime', '/s/sfsites/', 'siteforce:'],
    scriptSrc: ['/s/sfsites/', '\\.force\\.com/', '\\.my\\.site\\.com/', '/jslibrary/'],
    structure: { post: '.cuf-feedElement, .forceChatterFeedItem' },
  },
  Vanilla: {
    cats: ['forum'],
    website: 'https://vanillaforums.com',
    meta: { generator: '^Vanilla' },
    html: ['gdn\\.meta\\s*=', 'id="vanilla_[a-z]', 'class="[^"]*\\bDataList\\b[^"]*"'],
    scriptSrc: ['vanillicon', 'vanillaforums\\.com/', '/applications/vanilla/'],
    structure: {
      post: '.ItemDiscussion, .ItemComment, li.Comment',
      listItem: '.DataList.Discussions > li, .DiscussionsTable .ItemDiscussion',
      staff: '.Role_Moderator, .Role_Administrator, .Role_Staff',
      rank: '.RoleTitle',
      threadView: 'body.Discussion, #DiscussionForm, .MessageList.Discussion',
      listView: 'body.Discussions, body.Categories',
    },
  },
  phpBB: {
    cats: ['forum'],
    website: 'https://www.phpbb.com',
    meta: { generator: '^phpBB' },
    html: ['<body id="phpbb"', 'viewtopic\\.php\\?', 'Powered by <a href="https?://www\\.phpbb\\.com'],
    cookies: { phpbb3_: '', phpbb2mysql_: '' },
    structure: {
      post: 'div.post.has-profile, div.post[id^="p"], #page-body div.post',
      listItem: 'ul.topiclist.topics > li.row, ul.topics > li.row',
      rank: 'dd.profile-rank, .rank-title',
      author: 'a.username, a.username-coloured, .postprofile .username',
      threadView: 'body.section-viewtopic',
      listView: 'body.section-viewforum, body.section-index',
    },
  },
  vBulletin: {
    cats: ['forum'],
    website: 'https://www.vbulletin.com',
    meta: { generator: '^vBulletin' },
    html: ['<html[^>]+id="vbulletin_html"', 'vBulletin\\.register', 'var SESSIONURL', 'vbulletin_css', 'showthread\\.php\\?[^"]*t='],
    cookies: { bbsessionhash: '', bblastvisit: '' },
    structure: {
      post: 'li.postbit, li.postcontainer, li.b-post, table[id^="post"], div[id^="post_message_"]',
      listItem: 'li.threadbit, #threads > li, tbody[id^="threadbits_forum_"] > tr, .topic-item',
      rank: '.usertitle, .b-userinfo__rank',
      author: 'a.username, a.bigusername, .username_container .username, .b-userinfo__details .author',
      threadView: '#postlist, #posts, body#vb_thread, #thread_inlinemod_form',
      listView: '#threadlist, #threads, #forums',
    },
  },
  XenForo: {
    cats: ['forum'],
    website: 'https://xenforo.com',
    html: ['<html[^>]+id="XF"', '<html[^>]+id="XenForo"', 'data-xf-init=', 'data-xf-click=', 'xenforo\\.com/community'],
    scriptSrc: ['/js/xf/'],
    cookies: { xf_session: '', xf_csrf: '' },
    structure: {
      post: 'article.message--post, article.message, li.message',
      listItem: '.structItem--thread, li.discussionListItem',
      staff: '.userBanner--staff, .userBanner--moderator, .userBanner.staff',
      rank: '.userTitle, .message-userTitle',
      author: '.message-name, a.username, .messageUserBlock .username',
      threadView: 'html[data-template="thread_view"], html.template-thread_view, #messageList, .thread_view',
      listView: 'html[data-template="forum_view"], html[data-template="forum_list"], .forum_view, .discussionList',
    },
  },
  NodeBB: {
    cats: ['forum'],
    website: 'https://nodebb.org',
    meta: { generator: '^NodeBB' },
    html: ['Powered by <a[^>]+nodebb\\.org', 'id="nodebb-', 'component="post/content"'],
    scriptSrc: ['nodebb\\.min\\.js', '/assets/nodebb'],
    structure: {
      post: '[component="post"]',
      listItem: '[component="category/topic"]',
      author: '[itemprop="author"], [data-username]',
      threadView: '[component="topic"]',
      listView: '[component="category"]',
    },
  },
  'Invision Community': {
    cats: ['forum'],
    website: 'https://invisioncommunity.com',
    html: ['class="[^"]*\\bipsApp\\b', 'data-ipsquote', '\\bipsSettings\\b'],
    scriptSrc: ['/applications/core/interface/', 'ips\\.js'],
    cookies: { ips4_IPSSessionFront: '' },
    structure: {
      post: 'article.cPost, article[id^="elComment_"]',
      listItem: 'li.ipsDataItem[data-rowid], ol.cTopicList > li',
      staff: '.cAuthorPane_badge--moderator, .ipsBadge--staff',
      rank: '[data-role="group"], .cAuthorPane_info li:first-child',
      author: '.cAuthorPane_author, .ipsComment_author .ipsType_break, [data-role="authorName"]',
      threadView: 'body[data-pagecontroller="topic"]',
      listView: 'body[data-pagecontroller="forums"], body[data-pagecontroller="index"]',
    },
  },
  'Simple Machines Forum': {
    cats: ['forum'],
    website: 'https://www.simplemachines.org',
    html: ['var smf_(?:theme_url|scripturl|images_url)', 'Powered by SMF', 'simplemachines\\.org/?" title="Simple Machines', 'index\\.php\\?topic=\\d'],
    cookies: { SMFCookie: '' },
    structure: {
      post: '#forumposts .post_wrapper, .post_wrapper, #forumposts div.windowbg, #forumposts div.windowbg2',
      listItem: '#messageindex tbody tr, #topic_container > div, .topic_table tbody tr',
      author: '.poster h4 a, .poster h4',
      threadView: '#forumposts',
      listView: '#messageindex, #boardindex_table',
    },
  },
  MyBB: {
    cats: ['forum'],
    website: 'https://mybb.com',
    html: ['Powered By <a href="https?://(?:www\\.)?mybb\\.com', 'var (?:cookieDomain|my_post_key)\\b', 'member\\.php\\?action=profile'],
    cookies: { mybbuser: '', mybb: '' },
    structure: {
      post: '#posts .post, div.post.classic',
      listItem: 'tr.inline_row',
      author: '.post_author .largetext a, .author_information a',
      threadView: '#posts',
      listView: '.tborder tr.inline_row',
    },
  },
  Flarum: {
    cats: ['forum'],
    website: 'https://flarum.org',
    html: ['id="flarum-json-payload"', 'id="flarum-content"', 'flarum-loading'],
    scriptSrc: ['/assets/forum[-.][a-z0-9]*\\.js', 'flarum'],
    structure: {
      post: 'article.Post, .PostStream-item, #flarum-content article',
      listItem: '.DiscussionListItem, #flarum-content ul li',
      author: '.PostUser-name, .PostUser h3',
    },
  },
  'Drupal forum': {
    cats: ['forum'],
    website: 'https://www.drupal.org/docs/core-modules-and-themes/core-modules/forum-module',
    html: ['class="[^"]*\\bforum-(?:topic-list|list|post)\\b', 'class="[^"]*\\bnode--type-forum\\b', 'id="forum-topic-top"'],
    structure: {
      post: 'article.node--type-forum, .forum-post, article.comment, div.comment',
      listItem: 'table.forum-topic-list tbody tr, #forum table tbody tr',
      threadView: '.node--type-forum, #forum-topic-top, .forum-post',
      listView: 'table.forum-topic-list, .forum-list, #forum',
    },
  },
  'Stack Exchange': {
    cats: ['forum'],
    website: 'https://stackexchange.com',
    html: ['cdn\\.sstatic\\.net/', 'id="question-header"', 'class="[^"]*\\bjs-post-body\\b'],
    structure: {
      post: '#question, .question, .answer',
      listItem: '.s-post-summary, .question-summary',
      staff: '.s-badge__moderator, .mod-flair',
      author: '.user-details a, [itemprop="author"]',
      threadView: '#question-header, #question',
      listView: '#questions, #question-mini-list',
    },
  },
  Reddit: {
    cats: ['forum'],
    website: 'https://www.reddit.com',
    html: ['<shreddit-', 'redditstatic\\.com/', 'class="[^"]*\\bthing\\b[^"]*\\bcomment\\b'],
    structure: {
      post: 'shreddit-post, shreddit-comment, .thing.link.self, .thing.comment',
      listItem: '#siteTable > .thing.link, shreddit-feed shreddit-post',
      staff: 'a.author.moderator, a.author.admin, [distinguished="moderator"]',
      author: 'a.author, [slot="authorName"]',
      threadView: '.commentarea, shreddit-comment-tree',
      listView: '#siteTable, shreddit-feed',
    },
  },
  Lemmy: {
    cats: ['forum'],
    website: 'https://join-lemmy.org',
    meta: { generator: '^Lemmy' },
    html: ['lemmy-ui', 'id="lemmy-', 'join-lemmy\\.org'],
    structure: { post: '.post-listing, article.comment-node, .comment-node' },
  },
  Circle: {
    cats: ['community'],
    website: 'https://circle.so',
    html: ['cdn-images\\.circle\\.so', 'app\\.circle\\.so', 'data-circle-'],
    scriptSrc: ['\\.circle\\.so/'],
  },
  Tapatalk: {
    cats: ['forum'],
    website: 'https://www.tapatalk.com',
    html: ['tapatalk\\.com/groups/', 'tapatalk-'],
    scriptSrc: ['tapatalk'],
  },
  Bazaarvoice: {
    cats: ['reviews'],
    website: 'https://www.bazaarvoice.com',
    html: ['data-bv-show=', 'data-bv-product-id=', 'class="[^"]*\\bbv-(?:content|rating|review)'],
    scriptSrc: ['apps\\.bazaarvoice\\.com/', 'display\\.ugc\\.bazaarvoice\\.com/', 'apps\\.nexus\\.bazaarvoice\\.com/'],
    structure: { post: 'li.bv-content-review, .bv-content-item.bv-content-review' },
  },
  PowerReviews: {
    cats: ['reviews'],
    website: 'https://www.powerreviews.com',
    html: ['id="pr-reviewdisplay"', 'class="[^"]*\\bp-w-r\\b', 'class="[^"]*\\bpr-review-display'],
    scriptSrc: ['ui\\.powerreviews\\.com/'],
    structure: { post: '.pr-review' },
  },
  Yotpo: {
    cats: ['reviews'],
    website: 'https://www.yotpo.com',
    html: ['class="[^"]*\\byotpo(?:-|\\b)', 'data-yotpo-'],
    scriptSrc: ['staticw2\\.yotpo\\.com/', 'cdn-widgetsrepository\\.yotpo\\.com/'],
    structure: { post: '.yotpo-review' },
  },
  'Judge.me': {
    cats: ['reviews'],
    website: 'https://judge.me',
    html: ['class="[^"]*\\bjdgm-'],
    scriptSrc: ['judge\\.me/', 'judgeme'],
    structure: { post: '.jdgm-rev' },
  },
  Okendo: {
    cats: ['reviews'],
    website: 'https://www.okendo.io',
    html: ['data-oke-', 'class="[^"]*\\boke-'],
    scriptSrc: ['okendo\\.io/'],
    structure: { post: '.oke-w-review, [data-oke-review]' },
  },
  'Stamped.io': {
    cats: ['reviews'],
    website: 'https://stamped.io',
    html: ['class="[^"]*\\bstamped-(?:review|main-widget)', 'id="stamped-main-widget"'],
    scriptSrc: ['stamped\\.io/'],
    structure: { post: '.stamped-review' },
  },
  Trustpilot: {
    cats: ['reviews'],
    website: 'https://www.trustpilot.com',
    html: ['class="[^"]*\\btrustpilot-widget\\b'],
    scriptSrc: ['widget\\.trustpilot\\.com/'],
  },
  UserVoice: {
    cats: ['feedback'],
    website: 'https://www.uservoice.com',
    html: ['data-uv-trigger', 'UserVoice\\.push\\('],
    scriptSrc: ['widget\\.uservoice\\.com/', '\\.uservoice\\.com/'],
  },
  'Zendesk Guide': {
    cats: ['help-centre'],
    website: 'https://www.zendesk.com/service/help-center/',
    html: ['href="[^"]*/hc/[a-z]{2}(?:-[a-z]{2})?/(?:articles|community|sections)/', 'class="[^"]*\\bcommunity-follow\\b'],
    scriptSrc: ['static\\.zdassets\\.com/hc/', 'theme\\.zdassets\\.com/', 'assets\\.zendesk\\.com/'],
    url: ['/hc/[a-z]{2}(?:-[a-z]{2})?/'],
    structure: {
      post: '.community-post, .post-container, li.comment',
      listItem: '.post-list-item, li.striped-list-item',
      staff: '.comment-official, .status-label-official',
      rank: '.community-badge-titles',
    },
  },
  Freshdesk: {
    cats: ['help-centre'],
    website: 'https://www.freshworks.com/freshdesk/',
    html: ['href="[^"]*/support/(?:solutions|discussions)/'],
    scriptSrc: ['assets\\d*\\.freshdesk\\.com/', 'freshdesk\\.com/widget', 'wchat\\.freshchat\\.com/'],
    url: ['/support/(?:solutions|discussions)/'],
  },
  'inSided (Gainsight)': {
    cats: ['community'],
    website: 'https://www.gainsight.com/customer-communities/',
    html: ['data-insided-', 'class="[^"]*\\binsided-'],
    scriptSrc: ['\\.insided\\.com/', 'cdn\\.insided\\.com/'],
    structure: { post: '.qa-topic-post, .post', listItem: '.thread-list-item' },
  },
  'Higher Logic': {
    cats: ['community'],
    website: 'https://www.higherlogic.com',
    html: ['HigherLogic\\.', 'class="[^"]*\\bHLLandingControl\\b', 'connectedcommunity\\.org'],
    scriptSrc: ['higherlogic\\.com/', 'hlcommon\\.'],
  },
};

export interface PlatformHit {
  name: string;
  categories: PlatformCategory[];
  /** What matched, e.g. `script src ~ apps.bazaarvoice.com/`. */
  matched: string;
}

const compiledPatterns = new Map<string, RegExp>();
/** The rule's pattern as a case-insensitive regex, compiled once (no `g` flag: test and exec keep no state). */
function re(pattern: string): RegExp {
  let r = compiledPatterns.get(pattern);
  if (!r) compiledPatterns.set(pattern, (r = new RegExp(pattern, 'i')));
  return r;
}

function cookieNames(headers: Record<string, string>): string[] {
  const raw = headers['set-cookie'] ?? '';
  return raw
    .split(/\n|,(?=\s*[^;,=\s]+=)/)
    .map((c) => c.trim().split('=')[0]!.trim())
    .filter(Boolean);
}

/** What platform detection reads of a page (a PageContext is one). */
export interface PlatformSource {
  $: CheerioAPI;
  html: string;
  headers: Record<string, string>;
  url: string;
}

/** ASCII lower case only: what a `[name="…" i]` attribute selector compares. */
const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** The platforms and widgets one page shows, in rule-table order. Pure. */
export function detectPlatforms(page: PlatformSource, rules: Record<string, PlatformRule> = PLATFORM_RULES): PlatformHit[] {
  const { $ } = page;
  const scripts = $('script[src]')
    .map((_, el) => $(el).attr('src') ?? '')
    .get();
  // The first <meta> of each name (as `$('meta[name="…" i]').attr('content')` reads it), gathered in one pass.
  const metaContent = new Map<string, string | undefined>();
  $('meta[name]').each((_, el) => {
    const key = asciiLower(el.attribs.name ?? '');
    if (!metaContent.has(key)) metaContent.set(key, el.attribs.content);
  });
  const cookies = cookieNames(page.headers);
  const hits: PlatformHit[] = [];
  for (const [name, rule] of Object.entries(rules)) {
    // Only the first evidence found is quoted: once a rule has matched, its other tests are not run.
    let matched: string | null = null;
    for (const [metaName, pattern] of Object.entries(rule.meta ?? {})) {
      const content = metaContent.get(asciiLower(metaName));
      if (content !== undefined && re(pattern).test(content)) {
        matched = `<meta name="${metaName}" content="${content}">`;
        break;
      }
    }
    for (const pattern of matched ? [] : (rule.scriptSrc ?? [])) {
      const src = scripts.find((s) => re(pattern).test(s));
      if (src) {
        matched = `script src ${src}`;
        break;
      }
    }
    for (const pattern of matched ? [] : (rule.html ?? [])) {
      const m = re(pattern).exec(page.html);
      if (m) {
        matched = `HTML contains ${m[0].slice(0, 80)}`;
        break;
      }
    }
    for (const [cookie, pattern] of matched ? [] : Object.entries(rule.cookies ?? {})) {
      const hit = cookies.find((c) => c.toLowerCase().startsWith(cookie.toLowerCase()));
      if (hit && (pattern === '' || re(pattern).test(page.headers['set-cookie'] ?? ''))) {
        matched = `cookie ${hit}`;
        break;
      }
    }
    for (const [header, pattern] of matched ? [] : Object.entries(rule.headers ?? {})) {
      const v = page.headers[header.toLowerCase()];
      if (v !== undefined && (pattern === '' || re(pattern).test(v))) {
        matched = `header ${header}: ${v}`;
        break;
      }
    }
    for (const pattern of matched ? [] : (rule.url ?? []))
      if (re(pattern).test(new URL(page.url).pathname)) {
        matched = `URL path ${new URL(page.url).pathname}`;
        break;
      }
    if (matched) hits.push({ name, categories: rule.cats, matched });
  }
  return hits;
}

export interface SitePlatform extends PlatformHit {
  pages: number;
  /** First page (by URL) where the platform was seen. */
  url: string;
}

/** Platforms seen anywhere in the crawl, most pages first, then by name. Pure. */
export function sitePlatforms(
  pages: Array<PlatformSource & { platforms?: PlatformHit[] }>,
  rules: Record<string, PlatformRule> = PLATFORM_RULES,
): SitePlatform[] {
  const found = new Map<string, SitePlatform>();
  for (const page of [...pages].sort((a, b) => a.url.localeCompare(b.url))) {
    for (const hit of page.platforms && rules === PLATFORM_RULES ? page.platforms : detectPlatforms(page, rules)) {
      const prev = found.get(hit.name);
      if (prev) prev.pages++;
      else found.set(hit.name, { ...hit, pages: 1, url: page.url });
    }
  }
  return [...found.values()].sort((a, b) => b.pages - a.pages || a.name.localeCompare(b.name));
}
