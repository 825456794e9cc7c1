// Community platform and review/feedback widget recognition. The rules are our own (MIT), written in the *format* of
// Wappalyzer's technology JSON (cats, meta, scriptSrc, html, cookies, headers, url: regex strings), not copied from
// its GPL rule set. Users who hold a licence for another rule set can pass their own table to detectPlatforms.
import type { PageContext } from './page-context.js';

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
}

export const PLATFORM_RULES: Record<string, PlatformRule> = {
  Discourse: {
    cats: ['forum'],
    website: 'https://www.discourse.org',
    meta: { generator: '^Discourse', discourse_theme_id: '', discourse_current_homepage: '' },
    html: ['id="data-discourse-setup"', 'data-discourse-[a-z-]+='],
    scriptSrc: ['/assets/discourse[-.]', '/brotli_asset/discourse'],
  },
  'Khoros Community': {
    cats: ['community'],
    website: 'https://khoros.com',
    html: ['class="[^"]*\\blia-(?:component|body|quilt|message)', 'LITHIUM\\.(?:CommunityJsonObject|Loader)'],
    scriptSrc: ['\\.lithium\\.com/', '/html/assets/js/lia-', 'khoros\\.com/'],
    cookies: { LiSESSIONID: '', 'lithium.anonymous.usertoken': '' },
    url: ['/t5/'],
  },
  'Salesforce Experience Cloud': {
    cats: ['community'],
    website: 'https://www.salesforce.com/products/experience-cloud/',
    html: ['<webruntime-app', 'communityRuntime', '/s/sfsites/', 'siteforce:'],
    scriptSrc: ['/s/sfsites/', '\\.force\\.com/', '\\.my\\.site\\.com/', '/jslibrary/'],
  },
  Vanilla: {
    cats: ['forum'],
    website: 'https://vanillaforums.com',
    meta: { generator: '^Vanilla' },
    html: ['gdn\\.meta\\s*=', 'id="vanilla_[a-z]', 'class="[^"]*\\bDataList\\b[^"]*"'],
    scriptSrc: ['vanillicon', 'vanillaforums\\.com/', '/applications/vanilla/'],
  },
  phpBB: {
    cats: ['forum'],
    website: 'https://www.phpbb.com',
    meta: { generator: '^phpBB' },
    html: ['<body id="phpbb"', 'viewtopic\\.php\\?', 'Powered by <a href="https?://www\\.phpbb\\.com'],
    cookies: { phpbb3_: '' },
  },
  XenForo: {
    cats: ['forum'],
    website: 'https://xenforo.com',
    html: ['<html[^>]+id="XF"', 'data-xf-init=', 'data-xf-click='],
    scriptSrc: ['/js/xf/'],
    cookies: { xf_session: '', xf_csrf: '' },
  },
  NodeBB: {
    cats: ['forum'],
    website: 'https://nodebb.org',
    meta: { generator: '^NodeBB' },
    html: ['Powered by <a[^>]+nodebb\\.org', 'id="nodebb-', 'component="post/content"'],
    scriptSrc: ['nodebb\\.min\\.js', '/assets/nodebb'],
  },
  'Invision Community': {
    cats: ['forum'],
    website: 'https://invisioncommunity.com',
    html: ['class="[^"]*\\bipsApp\\b', 'data-ipsquote', '\\bipsSettings\\b'],
    scriptSrc: ['/applications/core/interface/', 'ips\\.js'],
    cookies: { ips4_IPSSessionFront: '' },
  },
  Bazaarvoice: {
    cats: ['reviews'],
    website: 'https://www.bazaarvoice.com',
    html: ['data-bv-show=', 'data-bv-product-id=', 'class="[^"]*\\bbv-(?:content|rating|review)'],
    scriptSrc: ['apps\\.bazaarvoice\\.com/', 'display\\.ugc\\.bazaarvoice\\.com/', 'apps\\.nexus\\.bazaarvoice\\.com/'],
  },
  PowerReviews: {
    cats: ['reviews'],
    website: 'https://www.powerreviews.com',
    html: ['id="pr-reviewdisplay"', 'class="[^"]*\\bp-w-r\\b', 'class="[^"]*\\bpr-review-display'],
    scriptSrc: ['ui\\.powerreviews\\.com/'],
  },
  Yotpo: {
    cats: ['reviews'],
    website: 'https://www.yotpo.com',
    html: ['class="[^"]*\\byotpo(?:-|\\b)', 'data-yotpo-'],
    scriptSrc: ['staticw2\\.yotpo\\.com/', 'cdn-widgetsrepository\\.yotpo\\.com/'],
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

function re(pattern: string): RegExp {
  return new RegExp(pattern, 'i');
}

function cookieNames(headers: Record<string, string>): string[] {
  const raw = headers['set-cookie'] ?? '';
  return raw
    .split(/\n|,(?=\s*[^;,=\s]+=)/)
    .map((c) => c.trim().split('=')[0]!.trim())
    .filter(Boolean);
}

/** The platforms and widgets one page shows, in rule-table order. Pure. */
export function detectPlatforms(page: PageContext, rules: Record<string, PlatformRule> = PLATFORM_RULES): PlatformHit[] {
  const { $ } = page;
  const scripts = $('script[src]')
    .map((_, el) => $(el).attr('src') ?? '')
    .get();
  const cookies = cookieNames(page.headers);
  const hits: PlatformHit[] = [];
  for (const [name, rule] of Object.entries(rules)) {
    let matched: string | null = null;
    for (const [metaName, pattern] of Object.entries(rule.meta ?? {})) {
      const content = $(`meta[name="${metaName}" i]`).attr('content');
      if (content !== undefined && re(pattern).test(content)) matched ??= `<meta name="${metaName}" content="${content}">`;
    }
    for (const pattern of rule.scriptSrc ?? []) {
      const src = scripts.find((s) => re(pattern).test(s));
      if (src) matched ??= `script src ${src}`;
    }
    for (const pattern of rule.html ?? []) {
      const m = re(pattern).exec(page.html);
      if (m) matched ??= `HTML contains ${m[0].slice(0, 80)}`;
    }
    for (const [cookie, pattern] of Object.entries(rule.cookies ?? {})) {
      const hit = cookies.find((c) => c.toLowerCase().startsWith(cookie.toLowerCase()));
      if (hit && (pattern === '' || re(pattern).test(page.headers['set-cookie'] ?? ''))) matched ??= `cookie ${hit}`;
    }
    for (const [header, pattern] of Object.entries(rule.headers ?? {})) {
      const v = page.headers[header.toLowerCase()];
      if (v !== undefined && (pattern === '' || re(pattern).test(v))) matched ??= `header ${header}: ${v}`;
    }
    for (const pattern of rule.url ?? []) if (re(pattern).test(new URL(page.url).pathname)) matched ??= `URL path ${new URL(page.url).pathname}`;
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
export function sitePlatforms(pages: PageContext[], rules: Record<string, PlatformRule> = PLATFORM_RULES): SitePlatform[] {
  const found = new Map<string, SitePlatform>();
  for (const page of [...pages].sort((a, b) => a.url.localeCompare(b.url))) {
    for (const hit of detectPlatforms(page, rules)) {
      const prev = found.get(hit.name);
      if (prev) prev.pages++;
      else found.set(hit.name, { ...hit, pages: 1, url: page.url });
    }
  }
  return [...found.values()].sort((a, b) => b.pages - a.pages || a.name.localeCompare(b.name));
}
