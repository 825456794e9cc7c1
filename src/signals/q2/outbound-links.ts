import { defineSignal } from '../types.js';
import { CONTENT_TYPES } from '../page-type.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import type { PageLink } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Links to other sites and brands',
  explanation:
    'The share of community pages whose content links to at least one other website (other brands, references, ' +
    'tools), not counting the site’s header and footer, share buttons and sign-in providers. Tolerating people’s other relationships is a rule of ' +
    'friendship; a producer keeps visitors inside its walls, a conductor sends them to where the answer is.',
};

/** Links that leave the site but are not "pointing somewhere useful": share intents, OAuth, the brand's own social profiles are kept apart. */
const NOT_REFERENCE = /\/(?:share|sharer|intent|submit|dialog|oauth2?|authorize|login)\b|[?&](?:share|text)=/i;

export function referenceLinks(links: PageLink[]): PageLink[] {
  // Chrome links (the brand's own social profiles in the footer) say nothing about pointing people elsewhere.
  return links.filter((l) => l.external && !l.inChrome && !NOT_REFERENCE.test(l.href) && !l.rel.includes('sponsored'));
}

export interface OutboundObservation {
  domains: string[];
  evidence: Evidence | null;
}

export default defineSignal<OutboundObservation>({
  meta: { id: 'q2-outbound-links', question: 'Q2', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    if (!CONTENT_TYPES.has(page.type)) return null;
    const refs = referenceLinks(page.links);
    const domains = [...new Set(refs.map((l) => new URL(l.href).hostname.replace(/^www\./, '')))].sort();
    const first = refs[0];
    return { domains, evidence: first ? elementEvidence(page, `“${first.text || first.href}” → ${first.href}`, 'outbound link', 'conductor') : null };
  },
  aggregate(observations) {
    if (observations.length === 0) return { notApplicable: 'No community content pages were found.' };
    const linking = observations.filter((o) => o.obs.domains.length > 0);
    const share = linking.length / observations.length;
    const allDomains = new Set(observations.flatMap((o) => o.obs.domains));
    const evidence = linking.map((o) => o.obs.evidence!).filter(Boolean);
    if (evidence.length === 0)
      evidence.push(
        elementEvidence(observations[0]!.page, `None of ${observations.length} community pages links to another website.`, 'no outbound links', 'producer'),
      );
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} community pages link out (${allDomains.size} other domains)`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
