// The `auto` render decision, as pure functions over HTML: does a page (or a URL group) need the browser?
// Signals: little visible text plus an app shell / "enable JavaScript" <noscript>; known client-rendered widgets
// (reviews, comments, community embeds) whose content is absent statically; and, once a sample has been
// rendered, how much text and how many links the browser added.
import type * as cheerio from 'cheerio';
import { loadHtml } from '../../util/html-budget.js';

type Doc = ReturnType<typeof cheerio.load>;

export interface WidgetHit {
  vendor: string;
  /** What was found: the script host or the container selector. */
  evidence: string;
  /** The widget's container holds real text in the static HTML (so the browser is not needed for it). */
  contentPresent: boolean;
}

export interface StaticAnalysis {
  needsBrowser: boolean;
  /** One sentence for the record, e.g. "static HTML had 12 characters of text and an empty #root app shell". */
  reason: string;
  /** Visible text characters in <body> (whitespace collapsed; scripts, styles, noscript, templates excluded). */
  textChars: number;
  links: number;
  scripts: number;
  /** Selector of an empty app-shell mount point (#root, #app, #__next…), or null. */
  appShell: string | null;
  /** A <noscript> asks for JavaScript. */
  noscriptAsksForJs: boolean;
  /** Nothing to read without scripts: an app shell or a JavaScript wall with little text (widgets aside). */
  shellOnly: boolean;
  widgets: WidgetHit[];
}

export interface AnalyzeOptions {
  /** Below this much visible text a page with an app shell needs the browser (default 200). */
  minTextChars?: number;
}

const INVISIBLE = 'script, style, noscript, template, svg, head';

/** Visible text of the body: whitespace collapsed, no script/style/noscript/template/svg. */
export function visibleText(html: string): string {
  return textOf(loadHtml(html).$);
}

function textOf($: Doc): string {
  const body = $('body').clone();
  body.find(INVISIBLE).remove();
  return body.text().replace(/\s+/g, ' ').trim();
}

const SHELL_SELECTORS = [
  '#root',
  '#app',
  '#__next',
  '#__nuxt',
  '#___gatsby',
  '#svelte',
  '#main-app',
  '#app-root',
  'app-root',
  '[data-reactroot]',
  '[ng-app]',
  '[data-server-rendered]',
];

function appShell($: Doc): string | null {
  for (const sel of SHELL_SELECTORS) {
    const el = $(sel).first();
    if (!el.length) continue;
    const copy = el.clone();
    copy.find(INVISIBLE).remove();
    if (copy.text().replace(/\s+/g, ' ').trim().length < 40) return sel;
  }
  return null;
}

const NEEDS_JS =
  /\b(?:enable|turn on|activate|allow)\s+javascript\b|\bjavascript\s+(?:is\s+)?(?:required|disabled|needed|must be enabled)|\b(?:requires?|needs?)\s+javascript\b|\bjavascript\s+(?:to run|to work)\b/i;

interface WidgetRule {
  vendor: string;
  scriptHost: RegExp;
  containers: string[];
}

/** Client-rendered review, comment and community widgets commonly embedded on brand and community sites. */
export const WIDGET_RULES: readonly WidgetRule[] = [
  {
    vendor: 'Bazaarvoice',
    scriptHost: /(?:^|\.)bazaarvoice\.com$/i,
    containers: ['[data-bv-show]', '#BVRRContainer', '#BVRRSummaryContainer', '#BVQAContainer'],
  },
  { vendor: 'Yotpo', scriptHost: /(?:^|\.)yotpo\.com$/i, containers: ['.yotpo', '.yotpo-widget-instance', '[data-yotpo-instance-id]', '.yotpo-main-widget'] },
  {
    vendor: 'PowerReviews',
    scriptHost: /(?:^|\.)powerreviews\.com$/i,
    containers: ['#pr-reviewdisplay', '#pr-reviewsnippet', '.pr-review-display', '[id^="pr-review"]'],
  },
  { vendor: 'Disqus', scriptHost: /(?:^|\.)disqus\.com$/i, containers: ['#disqus_thread'] },
  {
    vendor: 'Khoros/Lithium',
    scriptHost: /(?:^|\.)(?:lithium\.com|khoros\.com|lithcdn\.com|khoros-cdn\.com)$/i,
    containers: ['[data-lia-widget]', '.lia-embed', '[id^="lia-"]', '.khoros-widget'],
  },
  { vendor: 'Trustpilot', scriptHost: /(?:^|\.)trustpilot\.com$/i, containers: ['.trustpilot-widget'] },
];

function scriptHosts($: Doc, baseUrl?: string): string[] {
  const hosts: string[] = [];
  $('script[src]').each((_, el) => {
    const src = $(el).attr('src') ?? '';
    try {
      hosts.push(new URL(src, baseUrl ?? 'http://invalid.invalid/').hostname.toLowerCase());
    } catch {
      /* unparsable src */
    }
  });
  return hosts;
}

function widgets($: Doc, baseUrl?: string): WidgetHit[] {
  const hosts = scriptHosts($, baseUrl);
  const hits: WidgetHit[] = [];
  for (const rule of WIDGET_RULES) {
    const host = hosts.find((h) => rule.scriptHost.test(h));
    let container: string | null = null;
    let contentPresent = false;
    for (const sel of rule.containers) {
      const els = $(sel);
      if (!els.length) continue;
      container ??= sel;
      els.each((_, el) => {
        const copy = $(el).clone();
        copy.find(INVISIBLE).remove();
        if (copy.text().replace(/\s+/g, ' ').trim().length >= 50) contentPresent = true;
      });
    }
    if (!host && !container) continue;
    hits.push({ vendor: rule.vendor, evidence: host ? `script from ${host}` : `container ${container}`, contentPresent });
  }
  return hits;
}

/** Does this statically fetched page need the browser? `baseUrl` resolves relative script URLs. */
export function analyzeStaticHtml(html: string, opts: AnalyzeOptions & { baseUrl?: string } = {}): StaticAnalysis {
  const minText = opts.minTextChars ?? 200;
  const { $ } = loadHtml(html);
  const text = textOf($);
  const textChars = text.length;
  const shell = appShell($);
  const noscriptAsksForJs = $('noscript')
    .toArray()
    .some((el) => NEEDS_JS.test($(el).text()));
  const scripts = $('script').length;
  const links = $('a[href]').length;
  const found = widgets($, opts.baseUrl);
  const missing = found.filter((w) => !w.contentPresent);
  const shellOnly = (textChars < minText && (shell !== null || noscriptAsksForJs)) || (textChars < 50 && scripts > 0);
  const base = { textChars, links, scripts, appShell: shell, noscriptAsksForJs, shellOnly, widgets: found };
  const chars = `${textChars} character${textChars === 1 ? '' : 's'} of text`;

  if (textChars < minText && (shell || noscriptAsksForJs)) {
    const what = [shell ? `an empty ${shell} app shell` : '', noscriptAsksForJs ? 'a <noscript> asking for JavaScript' : ''].filter(Boolean).join(' and ');
    return { ...base, needsBrowser: true, reason: `static HTML had ${chars} and ${what}` };
  }
  if (textChars < 50 && scripts > 0) {
    return { ...base, needsBrowser: true, reason: `static HTML had only ${chars} and ${scripts} script${scripts === 1 ? '' : 's'}` };
  }
  if (missing.length) {
    const list = missing.map((w) => `${w.vendor} (${w.evidence})`).join(', ');
    return { ...base, needsBrowser: true, reason: `client-rendered widget${missing.length === 1 ? '' : 's'} ${list} with no content in the static HTML` };
  }
  return {
    ...base,
    needsBrowser: false,
    reason: `static HTML had ${chars}${shell ? '' : ' and no app shell'}${found.length ? `; widgets (${found.map((w) => w.vendor).join(', ')}) already have content` : ''}`,
  };
}

export interface RenderComparison {
  staticChars: number;
  renderedChars: number;
  /** renderedChars − staticChars (negative when the browser showed less). */
  addedChars: number;
  /** renderedChars / max(staticChars, 1). */
  ratio: number;
  staticLinks: number;
  renderedLinks: number;
  /** The browser added enough text or links that pages like this one should be rendered. */
  browserWorthIt: boolean;
  reason: string;
}

export interface CompareOptions {
  /** Minimum text ratio (default 1.5) and minimum added characters (default 200) for a text gain. */
  minRatio?: number;
  minAddedChars?: number;
  /** Minimum extra links (default 5, and +50 %) for a link gain: JS-only navigation hides pages from the crawl. */
  minAddedLinks?: number;
}

/** How much visible text (and how many links) the browser added to a page. */
export function compareRendered(staticHtml: string, renderedHtml: string, opts: CompareOptions = {}): RenderComparison {
  const minRatio = opts.minRatio ?? 1.5;
  const minAdded = opts.minAddedChars ?? 200;
  const minLinks = opts.minAddedLinks ?? 5;
  const s$ = loadHtml(staticHtml).$;
  const r$ = loadHtml(renderedHtml).$;
  const staticChars = textOf(s$).length;
  const renderedChars = textOf(r$).length;
  const staticLinks = s$('a[href]').length;
  const renderedLinks = r$('a[href]').length;
  const addedChars = renderedChars - staticChars;
  const ratio = Math.round((renderedChars / Math.max(staticChars, 1)) * 100) / 100;
  const textGain = addedChars >= minAdded && ratio >= minRatio;
  const linkGain = renderedLinks - staticLinks >= minLinks && renderedLinks >= staticLinks * 1.5;
  const fmt = (n: number): string => n.toLocaleString('en-US');
  const parts = [`the browser showed ${fmt(renderedChars)} characters of text against ${fmt(staticChars)} static (×${ratio})`];
  if (renderedLinks !== staticLinks) parts.push(`${renderedLinks} links against ${staticLinks}`);
  return {
    staticChars,
    renderedChars,
    addedChars,
    ratio,
    staticLinks,
    renderedLinks,
    browserWorthIt: textGain || linkGain,
    reason: parts.join('; '),
  };
}

/** A URL group key for render decisions: host + first path segment (ids and numbers generalised). */
export function renderGroupKey(url: string): string {
  const u = new URL(url);
  const first = u.pathname.split('/').filter(Boolean)[0];
  const seg = first === undefined ? '' : /^\d+$|^[0-9a-f]{8,}$/i.test(first) ? '*' : first.toLowerCase();
  return `${u.host}/${seg}`;
}

export interface GroupDecision {
  group: string;
  mode: 'static' | 'browser';
  reason: string;
  sampleUrl: string;
}

/** What `decide` says to do with a page, with the static analysis it was based on (one parse per page). */
export type AutoAction = { reason: string; analysis: StaticAnalysis } & (
  | /** Use the static HTML. */ { action: 'static' }
  | /** Render this page in the browser. */ { action: 'browser' }
  | /** Render this page in the browser and report both HTMLs with recordSample() to decide the group. */ { action: 'sample' }
);

/**
 * Per-group `auto` policy. The first page of each group is rendered as a sample (or every page the static
 * analysis flags); the sample's gain decides the group for the rest of the crawl.
 */
export class AutoRenderPolicy {
  private readonly decided = new Map<string, GroupDecision>();
  private readonly sampling = new Set<string>();
  constructor(private readonly opts: AnalyzeOptions & CompareOptions & { sampleEveryGroup?: boolean } = {}) {}

  /** What to do with a page of `group` whose static HTML is `staticHtml`. */
  decide(group: string, url: string, staticHtml: string): AutoAction {
    const analysis = analyzeStaticHtml(staticHtml, { ...this.opts, baseUrl: url });
    const d = this.decided.get(group);
    if (d?.mode === 'browser') return { action: 'browser', reason: `group ${group} renders in the browser: ${d.reason}`, analysis };
    const flagged = analysis.needsBrowser ? ({ action: 'browser', reason: analysis.reason, analysis } as const) : null;
    if (d) return flagged ?? { action: 'static', reason: `group ${group} is static: ${d.reason}`, analysis };
    if (this.sampling.has(group)) return flagged ?? { action: 'static', reason: `group ${group} is being sampled; ${analysis.reason}`, analysis };
    if (analysis.needsBrowser || this.opts.sampleEveryGroup !== false) {
      this.sampling.add(group);
      return { action: 'sample', reason: analysis.needsBrowser ? analysis.reason : `first page of group ${group}: rendered once to compare`, analysis };
    }
    return { action: 'static', reason: analysis.reason, analysis };
  }

  /** Records the sample's outcome; the group's mode is fixed from here on. */
  recordSample(group: string, url: string, staticHtml: string, renderedHtml: string): GroupDecision {
    const c = compareRendered(staticHtml, renderedHtml, this.opts);
    const decision: GroupDecision = { group, mode: c.browserWorthIt ? 'browser' : 'static', reason: `sample ${url}: ${c.reason}`, sampleUrl: url };
    this.decided.set(group, decision);
    this.sampling.delete(group);
    return decision;
  }

  /** The sample could not be rendered: keep the group static. */
  recordSampleFailure(group: string, url: string, why: string): GroupDecision {
    const decision: GroupDecision = { group, mode: 'static', reason: `sample ${url} could not be rendered (${why})`, sampleUrl: url };
    this.decided.set(group, decision);
    this.sampling.delete(group);
    return decision;
  }

  decisions(): GroupDecision[] {
    return [...this.decided.values()];
  }
}
