import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import type { PageContext, PageLink } from '../page-context.js';
import { referenceLinks } from '../q2/outbound-links.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Outbound links wrapped in redirects',
  explanation:
    'Of the links in page content that lead to other websites, the share sent through a redirect or “you are ' +
    'leaving” page of the brand’s own (/out?url=, /redirect?, /leaving?, l.example.com/?u=) rather than linked ' +
    'directly. Wrapping lets the site count, delay or interrupt every departure; a conductor simply lets people go ' +
    'where the answer is.',
};

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
    evidence: first ? elementEvidence(page, `“${first.text || 'link'}” → ${first.href}`, 'wrapped outbound link', 'producer') : null,
  };
}

export default defineSignal<WrapObservation>({
  meta: { id: 'q4-wrapped-links', question: 'Q4', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract: inspectOutbound,
  aggregate(observations) {
    const wrapped = observations.reduce((n, o) => n + o.obs.wrapped, 0);
    const direct = observations.reduce((n, o) => n + o.obs.direct, 0);
    // Two or three links say little about a site's habit: below the minimum the share is not worth reporting.
    if (wrapped + direct < MIN_LINKS)
      return {
        notMeasured: `Fewer than ${MIN_LINKS} links to other websites in page content (${wrapped + direct} found).`,
        pagesObserved: observations.length,
      };
    const share = wrapped / (wrapped + direct);
    const evidence = observations.map((o) => o.obs.evidence).filter((e): e is Evidence => e !== null);
    if (evidence.length === 0)
      evidence.push(elementEvidence(observations[0]!.page, `All ${direct} outbound links in content are direct.`, 'direct links', 'conductor'));
    return {
      value: Number(share.toFixed(3)),
      displayValue: `${pct(share)} of ${wrapped + direct} outbound links are wrapped in redirects`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
