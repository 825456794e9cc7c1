import type { Element } from 'domhandler';
import { defineSignal } from '../types.js';
import { CONTENT_TYPES, pathType } from '../page-type.js';
import { elementEvidence, firstMatchEvidence, pickEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { pct } from '../text.js';
import { blockText, visibleText, type PageContext } from '../page-context.js';
import { outermost } from '../structure.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Community content readable without an account',
  explanation:
    'The share of community pages (threads, reviews, ideas, guides, help) a visitor can read without signing in. ' +
    'A conductor lets people take what they came for before asking anything of them; a producer walls the content ' +
    'members wrote behind a sign-up so that reading becomes a way to collect accounts.',
};

// A sign-in wall or gate by class/id: a bare "wall" (social-wall, photo-wall) or "gate" is not one.
const WALL_CLASS =
  /(?:^|[\s_-])(?:(?:login|signin|sign-in|reg|registration|member|members|auth|account)[-_]?(?:wall|gate)|paywall|regwall|loginwall)(?:$|[\s_-])/i;
const LOGIN_PATH = /\/(?:login|log-in|signin|sign-in|register|join|account\/login)(?:\.html?|\/|\?|$)/i;

export interface WallObservation {
  walled: boolean;
  evidence: Evidence | null;
}

/**
 * The site's words on the page, outside its chrome and outside members' posts: page-level header, nav and footer
 * removed (a post's own <header> inside an article stays), and what members wrote ("log in to see the attachment")
 * left out, since it is not the site walling anything.
 */
export function textWithoutChrome(page: PageContext): string {
  const { $ } = page;
  const skip = new Set<Element>(
    $('header, nav, footer, [role="banner"], [role="navigation"], [role="contentinfo"]')
      .filter((_, el) => $(el).parents('article, main').length === 0)
      .toArray() as Element[],
  );
  for (const post of outermost(page.structure.posts)) skip.add(post.el[0]!);
  return visibleText($('body').toArray(), { skip: (el) => skip.has(el), noscript: page.readFromNoscript });
}

/** Does this content page hide its content behind sign-in? Pure: reads only the page. */
export function detectWall(page: PageContext): WallObservation {
  const { $ } = page;
  const redirectedToLogin = page.finalUrl !== page.url && LOGIN_PATH.test(new URL(page.finalUrl).pathname);
  if (redirectedToLogin) return { walled: true, evidence: elementEvidence(page, 'Redirected to a sign-in page', 'sign-in redirect', 'producer') };
  const wallEl = $('[class], [id]')
    .filter((_, el) => WALL_CLASS.test(`${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`))
    .first();
  if (wallEl.length) return { walled: true, evidence: elementEvidence(page, blockText($, wallEl), 'sign-in wall', 'producer') };
  // Wording in site-wide chrome ("Sign in to see member prices" in the header) says nothing about this page's content.
  // Wording is read in the page's language; a language without a lexicon leaves the structural checks only.
  const lex = lexiconFor(page.lang);
  const phrase = lex ? firstMatchEvidence(page, lex.signInWall, 'sign-in wall', textWithoutChrome(page), 'producer') : null;
  if (phrase) return { walled: true, evidence: phrase };
  // A password field inside the main content of a content page is a wall even without wording.
  const pw = $('main input[type="password"], article input[type="password"]').first();
  if (pw.length)
    return {
      walled: true,
      evidence: elementEvidence(page, blockText($, pw.closest('form')) || 'Password field in the content area', 'sign-in form in content', 'producer'),
    };
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
    const denied = site.records.filter((r) => r.outcome === 'failed' && (r.status === 401 || r.status === 403) && CONTENT_TYPES.has(pathType(r.url)));
    const total = observations.length + denied.length;
    if (total === 0) return { notApplicable: 'No community content pages (threads, reviews, ideas, guides, help) were found.' };
    const walled = observations.filter((o) => o.obs.walled);
    const openPages = observations.filter((o) => !o.obs.walled);
    const open = openPages.length;
    const walls: Evidence[] = [
      ...walled.map((o) => o.obs.evidence!).filter(Boolean),
      ...denied.map((r) => ({
        url: r.url,
        snippet: `HTTP ${r.status}: access refused without signing in`,
        label: 'access refused',
        points: 'producer' as const,
      })),
    ];
    // The open pages are the conductor side of the reading: their count, with one for example.
    const evidence = pickEvidence(walls, open ? 5 : 6);
    if (open)
      evidence.push(
        elementEvidence(
          openPages[0]!.page,
          `${open} of ${total} community pages readable without an account, e.g. “${openPages[0]!.page.title}”`,
          'readable without an account',
          'conductor',
        ),
      );
    const share = open / total;
    return {
      value: share,
      displayValue: `${pct(share)} of ${total} content pages open (${walled.length + denied.length} walled)`,
      evidence,
      pagesObserved: total,
    };
  },
});
