import type { Element } from 'domhandler';
import { defineSignal } from '../types.js';
import { CONTENT_TYPES, pathType } from '../page-type.js';
import { elementEvidence, firstMatchEvidence, noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { lexiconFor } from '../lexicon/index.js';
import { truncate } from '../text.js';
import { blockText, visibleText, type PageContext } from '../page-context.js';
import { outermost } from '../structure.js';
import type { Evidence } from '../../result/types.js';
import { hasAncestor } from '../../util/selectors.js';

export const { strings: UIStrings, str } = signalText(
  'q1-open-content',
  {
    title: 'Community content readable without an account',
    explanation:
      'The share of community pages (threads, reviews, ideas, guides, help) a visitor can read without signing in. ' +
      'A conductor lets people take what they came for before asking anything of them; a producer walls the content ' +
      'members wrote behind a sign-up so that reading becomes a way to collect accounts.',
    recommendation: 'Take threads, answers and reviews out from behind the sign-in wall: let anyone read them, and ask for an account only to post.',
    impact:
      'Walled answers are invisible to search engines and to the people deciding whether to join, so the community helps fewer people and attracts fewer members.',
    value: '{share, percent} of {total, plural, one {# content page} other {# content pages}} open ({walled} walled)',
    noContentPages: 'No community content pages (threads, reviews, ideas, guides, help) were found.',
    redirected: 'Redirected to a sign-in page.',
    passwordField: 'A password field in the content area.',
    denied: 'HTTP {status}: access refused without signing in.',
    openPages: '{open} of {total, plural, one {# community page} other {# community pages}} readable without an account, e.g. “{title}”.',
    labelRedirect: 'sign-in redirect',
    labelWall: 'sign-in wall',
    labelPasswordForm: 'sign-in form in content',
    labelDenied: 'access refused',
    labelOpen: 'readable without an account',
  },
  {
    de: {
      title: 'Community-Inhalte ohne Konto lesbar',
      explanation:
        'Der Anteil der Community-Seiten (Threads, Bewertungen, Ideen, Anleitungen, Hilfe), die Besucher ohne Anmeldung ' +
        'lesen können. Ein Dirigent lässt Menschen nehmen, weswegen sie gekommen sind, bevor er etwas von ihnen verlangt; ' +
        'ein Produzent sperrt die Inhalte, die Mitglieder geschrieben haben, hinter eine Registrierung, damit Lesen zum ' +
        'Mittel wird, Konten zu sammeln.',
      recommendation:
        'Threads, Antworten und Bewertungen hinter der Anmeldung hervorholen: Alle sollen sie lesen können, ein Konto nur zum Schreiben verlangen.',
      impact:
        'Gesperrte Antworten sind für Suchmaschinen und für Menschen, die über einen Beitritt entscheiden, unsichtbar: Die Community hilft weniger Menschen und gewinnt weniger Mitglieder.',
      value: '{share, percent} von {total, plural, one {# Inhaltsseite} other {# Inhaltsseiten}} offen ({walled} gesperrt)',
      noContentPages: 'Es wurden keine Community-Inhaltsseiten (Threads, Bewertungen, Ideen, Anleitungen, Hilfe) gefunden.',
      redirected: 'Weiterleitung auf eine Anmeldeseite.',
      passwordField: 'Ein Passwortfeld im Inhaltsbereich.',
      denied: 'HTTP {status}: Zugriff ohne Anmeldung verweigert.',
      openPages: '{open} von {total, plural, one {# Community-Seite} other {# Community-Seiten}} ohne Konto lesbar, z. B. „{title}“.',
      labelRedirect: 'Weiterleitung zur Anmeldung',
      labelWall: 'Anmeldesperre',
      labelPasswordForm: 'Anmeldeformular im Inhalt',
      labelDenied: 'Zugriff verweigert',
      labelOpen: 'ohne Konto lesbar',
    },
  },
);

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
      .filter((_, el) => !hasAncestor($, el, 'article, main'))
      .toArray() as Element[],
  );
  for (const post of outermost(page.structure.posts)) skip.add(post.el[0]!);
  return visibleText($('body').toArray(), { skip: (el) => skip.has(el), noscript: page.readFromNoscript });
}

const walls = new WeakMap<PageContext, WallObservation>();

/** Does this content page hide its content behind sign-in? Pure: reads only the page (once: two signals ask). */
export function detectWall(page: PageContext): WallObservation {
  let wall = walls.get(page);
  if (!wall) walls.set(page, (wall = findWall(page)));
  return wall;
}

function findWall(page: PageContext): WallObservation {
  const { $ } = page;
  const redirectedToLogin = page.finalUrl !== page.url && LOGIN_PATH.test(new URL(page.finalUrl).pathname);
  if (redirectedToLogin) return { walled: true, evidence: noteEvidence(page, str('redirected'), str('labelRedirect'), 'producer') };
  const wallEl = $('[class], [id]')
    .filter((_, el) => WALL_CLASS.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`))
    .first();
  if (wallEl.length) return { walled: true, evidence: elementEvidence(page, blockText($, wallEl), str('labelWall'), 'producer') };
  // Wording in site-wide chrome ("Sign in to see member prices" in the header) says nothing about this page's content.
  // Wording is read in the page's language; a language without a lexicon leaves the structural checks only.
  const lex = lexiconFor(page.lang);
  const phrase = lex ? firstMatchEvidence(page, lex.signInWall, str('labelWall'), textWithoutChrome(page), 'producer') : null;
  if (phrase) return { walled: true, evidence: phrase };
  // A password field inside the main content of a content page is a wall even without wording.
  const pw = $('main input[type="password"], article input[type="password"]').first();
  if (pw.length) {
    const words = blockText($, pw.closest('form'));
    return {
      walled: true,
      evidence: words
        ? elementEvidence(page, words, str('labelPasswordForm'), 'producer')
        : noteEvidence(page, str('passwordField'), str('labelPasswordForm'), 'producer'),
    };
  }
  return { walled: false, evidence: null };
}

export default defineSignal<WallObservation>({
  meta: { id: 'q1-open-content', question: 'Q1', direction: 'conductor', requires: ['html', 'headers'], effort: 'medium' },
  strings: UIStrings,
  extract(page) {
    return CONTENT_TYPES.has(page.type) ? detectWall(page) : null;
  },
  aggregate(observations, site) {
    // Content URLs that answered 401/403 are walls the crawler hit head-on.
    // Only URLs whose path is a content template count: a 403 on /account/ or /admin/ is not walled content.
    const denied = site.records.filter((r) => r.outcome === 'failed' && (r.status === 401 || r.status === 403) && CONTENT_TYPES.has(pathType(r.url)));
    const total = observations.length + denied.length;
    if (total === 0) return { notApplicable: str('noContentPages') };
    const walled = observations.filter((o) => o.obs.walled);
    const openPages = observations.filter((o) => !o.obs.walled);
    const open = openPages.length;
    const walls: Evidence[] = [
      ...walled.map((o) => o.obs.evidence!).filter(Boolean),
      ...denied.map((r) => noteEvidence(r, str('denied', { status: String(r.status) }), str('labelDenied'), 'producer')),
    ];
    // The open pages are the conductor side of the reading: their count, with one for example.
    const evidence = pickEvidence(walls, open ? 5 : 6);
    if (open)
      evidence.push(
        noteEvidence(openPages[0]!.page, str('openPages', { open, total, title: truncate(openPages[0]!.page.title, 120) }), str('labelOpen'), 'conductor'),
      );
    const share = open / total;
    return {
      value: share,
      display: str('value', { share, total, walled: walled.length + denied.length }),
      evidence,
      pagesObserved: total,
    };
  },
});
