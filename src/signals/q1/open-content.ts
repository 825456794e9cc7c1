import * as cheerio from 'cheerio';
import { defineSignal } from '../types.js';
import { CONTENT_TYPES, classifyPage } from '../page-type.js';
import { elementEvidence, firstMatchEvidence, pickEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { normaliseSpace, pct } from '../text.js';
import { blockText, spaceBlocks, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Community content readable without an account',
  explanation:
    'The share of community pages (threads, reviews, ideas, guides, help) a visitor can read without signing in. ' +
    'A conductor lets people take what they came for before asking anything of them; a producer walls the content ' +
    'members wrote behind a sign-up so that reading becomes a way to collect accounts.',
};

// A sign-in wall or gate by class/id: a bare "wall" (social-wall, photo-wall) or "gate" is not one.
const WALL_CLASS = /(?:^|[\s_-])(?:(?:login|signin|sign-in|reg|registration|member|members|auth|account)[-_]?(?:wall|gate)|paywall|regwall|loginwall)(?:$|[\s_-])/i;
const LOGIN_PATH = /\/(?:login|log-in|signin|sign-in|register|join|account\/login)(?:\.html?|\/|\?|$)/i;

export interface WallObservation {
  walled: boolean;
  evidence: Evidence | null;
}

/** Visible text minus page-level header, nav and footer (a post's own <header> inside an article stays). */
export function textWithoutChrome(page: PageContext): string {
  const { $ } = page;
  const body = $('body').clone();
  body.find('script, style, noscript, template, svg').remove();
  body
    .find('header, nav, footer, [role="banner"], [role="navigation"], [role="contentinfo"]')
    .filter((_, el) => $(el).parents('article, main').length === 0)
    .remove();
  spaceBlocks($, body);
  return normaliseSpace(body.text());
}

/** Does this content page hide its content behind sign-in? Pure: reads only the page. */
export function detectWall(page: PageContext): WallObservation {
  const { $ } = page;
  const redirectedToLogin = page.finalUrl !== page.url && LOGIN_PATH.test(new URL(page.finalUrl).pathname);
  if (redirectedToLogin) return { walled: true, evidence: elementEvidence(page, 'Redirected to a sign-in page', 'sign-in redirect') };
  const wallEl = $('[class], [id]')
    .filter((_, el) => WALL_CLASS.test(`${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`))
    .first();
  if (wallEl.length) return { walled: true, evidence: elementEvidence(page, blockText($, wallEl), 'sign-in wall') };
  // Wording in site-wide chrome ("Sign in to see member prices" in the header) says nothing about this page's content.
  // Wording is read in the page's language; a language without a lexicon leaves the structural checks only.
  const lex = lexiconFor(page.lang);
  const phrase = lex ? firstMatchEvidence(page, lex.signInWall, 'sign-in wall', textWithoutChrome(page)) : null;
  if (phrase) return { walled: true, evidence: phrase };
  // A password field inside the main content of a content page is a wall even without wording.
  const pw = $('main input[type="password"], article input[type="password"]').first();
  if (pw.length) return { walled: true, evidence: elementEvidence(page, blockText($, pw.closest('form')) || 'Password field in the content area', 'sign-in form in content') };
  return { walled: false, evidence: null };
}

export default defineSignal<WallObservation>({
  meta: { id: 'q1-open-content', question: 'Q1', direction: 'conductor', requires: ['html', 'headers'] },
  strings: UIStrings,
  extract(page) {
    return CONTENT_TYPES.has(page.type) ? detectWall(page) : null;
  },
  aggregate(observations, site) {
    // Content URLs that answered 401/403 are walls the crawler hit head-on.
    // Only URLs whose path is a content template count: a 403 on /account/ or /admin/ is not walled content.
    const empty = cheerio.load('');
    const denied = site.records.filter(
      (r) => r.outcome === 'failed' && (r.status === 401 || r.status === 403) && CONTENT_TYPES.has(classifyPage(r.url, empty, [])),
    );
    const total = observations.length + denied.length;
    if (total === 0) return { notMeasured: 'No community content pages (threads, reviews, ideas, guides, help) were found.' };
    const walled = observations.filter((o) => o.obs.walled);
    const open = observations.length - walled.length;
    const evidence: Evidence[] = [
      ...walled.map((o) => o.obs.evidence!).filter(Boolean),
      ...denied.map((r) => ({ url: r.url, snippet: `HTTP ${r.status}: access refused without signing in`, label: 'access refused' })),
    ];
    if (evidence.length === 0) {
      for (const o of observations.slice(0, 3)) evidence.push(elementEvidence(o.page, o.page.title, 'readable without an account'));
    }
    const share = open / total;
    return {
      value: share,
      displayValue: `${pct(share)} of ${total} content pages open (${walled.length + denied.length} walled)`,
      evidence: pickEvidence(evidence),
      pagesObserved: total,
    };
  },
});
