import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import type { PageContext, PageLink } from '../page-context.js';
import { referenceLinks } from '../q2/outbound-links.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q4-wrapped-links',
  {
    title: 'Outbound links wrapped in redirects',
    explanation:
      'Of the links in page content that lead to other websites, the share sent through a redirect or “you are ' +
      'leaving” page of the brand’s own (addresses such as /out?url=, /redirect?, /leaving? or l.example.com/?u=) ' +
      'rather than linked directly. Wrapping lets the site count, delay or interrupt every departure; a conductor ' +
      'simply lets people go where the answer is.',
    recommendation: 'Link out directly: stop wrapping outbound links in redirects, interstitials or tracking URLs.',
    impact: 'A detour on every outbound link slows people down and tracks where they go; linking straight to the answer shows members the brand trusts them.',
    value: '{share, percent} of {links, plural, one {# outbound link is} other {# outbound links are}} wrapped in redirects',
    wrapped: '{text, select, none {A link} other {“{text}”}} → {href}',
    labelWrapped: 'wrapped outbound link',
    allDirect: '{links, plural, one {The # outbound link in content is direct.} other {All # outbound links in content are direct.}}',
    labelDirect: 'direct links',
    tooFew: 'Fewer than {min} links to other websites in page content ({found, plural, =0 {none} one {# found} other {# found}}).',
  },
  {
    de: {
      title: 'Ausgehende Links über Weiterleitungen',
      explanation:
        'Von den Links im Seiteninhalt, die zu anderen Websites führen, der Anteil, der über eine eigene Weiterleitung ' +
        'oder eine Seite „Sie verlassen diese Website“ der Marke läuft (Adressen wie /out?url=, /redirect?, /leaving? ' +
        'oder l.example.com/?u=), statt direkt zu verlinken. So kann die Website jeden Abschied zählen, verzögern oder ' +
        'unterbrechen; ein Dirigent lässt Menschen einfach dorthin gehen, wo die Antwort steht.',
      recommendation: 'Direkt nach außen verlinken: ausgehende Links nicht mehr in Weiterleitungen, Zwischenseiten oder Tracking-URLs verpacken.',
      impact:
        'Ein Umweg bei jedem ausgehenden Link bremst Menschen und verfolgt, wohin sie gehen; direkt auf die Antwort zu verlinken zeigt Mitgliedern, dass die Marke ihnen vertraut.',
      value: '{share, percent} {links, plural, one {von # ausgehenden Link läuft} other {der # ausgehenden Links laufen}} über Weiterleitungen',
      wrapped: '{text, select, none {Ein Link} other {„{text}“}} → {href}',
      labelWrapped: 'ausgehender Link über Weiterleitung',
      allDirect:
        '{links, plural, one {Der # ausgehende Link im Inhalt führt direkt zum Ziel.} other {Alle # ausgehenden Links im Inhalt führen direkt zum Ziel.}}',
      labelDirect: 'direkte Links',
      tooFew: 'Weniger als {min} Links zu anderen Websites im Seiteninhalt ({found, plural, =0 {keiner} one {# gefunden} other {# gefunden}}).',
    },
  },
);

/** A redirector: a path named for leaving, or any link whose query carries another absolute URL. */
const REDIRECT_PATH = /\/(?:out|redirect|redir|leaving|leave|exit|external|go|outbound|away|click|r)(?:\.\w+)?\/?$/i;
const URL_PARAM = /^(?:u|url|to|target|dest|destination|link|goto|href|out|redirect|redirect_uri|next|q)$/i;

/** Link shims on a subdomain (l.example.com/?u=, out.example.com/?url=). */
const SHIM_HOST = /^(?:l|lm|out|go|click|redirect|r|link|links|away)\./i;

/**
 * A departure sent through a redirector: a link on the site (or a shim subdomain) whose query carries another
 * absolute URL, or a path named for leaving. Share intents on other sites (reddit.com/submit?url=) are not wrappers.
 */
export function isWrapped(link: PageLink): boolean {
  const u = new URL(link.href);
  if (link.external && !SHIM_HOST.test(u.hostname)) return false;
  for (const [k, v] of u.searchParams)
    if (URL_PARAM.test(k) && /^(?:https?:)?\/\//i.test(v)) return !/\/(?:login|signin|sign-in|oauth2?|authorize)/i.test(u.pathname);
  return REDIRECT_PATH.test(u.pathname) && u.search.length > 1;
}

export const MIN_LINKS = 3;

export interface WrapObservation {
  wrapped: number;
  direct: number;
  evidence: Evidence | null;
}

export function inspectOutbound(page: PageContext): WrapObservation | null {
  const content = page.links.filter((l) => !l.inChrome);
  const wrapped = content.filter(isWrapped);
  const direct = referenceLinks(content).filter((l) => !isWrapped(l));
  if (wrapped.length + direct.length === 0) return null;
  const first = wrapped[0];
  return {
    wrapped: wrapped.length,
    direct: direct.length,
    evidence: first ? noteEvidence(page, str('wrapped', { text: first.text.trim() || 'none', href: first.href }), str('labelWrapped'), 'producer') : null,
  };
}

export default defineSignal<WrapObservation>({
  meta: { id: 'q4-wrapped-links', question: 'Q4', direction: 'producer', requires: ['html'], effort: 'low' },
  strings: UIStrings,
  extract: inspectOutbound,
  aggregate(observations) {
    const wrapped = observations.reduce((n, o) => n + o.obs.wrapped, 0);
    const direct = observations.reduce((n, o) => n + o.obs.direct, 0);
    // Two or three links say little about a site's habit: below the minimum the share is not worth reporting.
    if (wrapped + direct < MIN_LINKS)
      return {
        notMeasured: str('tooFew', { min: MIN_LINKS, found: wrapped + direct }),
        pagesObserved: observations.length,
      };
    const share = wrapped / (wrapped + direct);
    const evidence = observations.map((o) => o.obs.evidence).filter((e): e is Evidence => e !== null);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('allDirect', { links: direct }), str('labelDirect'), 'conductor'));
    return {
      value: Number(share.toFixed(3)),
      display: str('value', { share, links: wrapped + direct }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
