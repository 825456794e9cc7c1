import { defineSignal } from '../types.js';
import { CONTENT_TYPES } from '../page-type.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { truncate } from '../text.js';
import type { PageLink } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q2-outbound-links',
  {
    title: 'Links to other sites and brands',
    explanation:
      'The share of community pages whose content links to at least one other website (other brands, references, ' +
      'tools), not counting the site’s header and footer, share buttons and sign-in providers. Tolerating people’s other relationships is a rule of ' +
      'friendship; a producer keeps visitors inside its walls, a conductor sends them to where the answer is.',
    recommendation: 'Link out to where the answer is — manufacturers, other shops, independent guides — instead of keeping people on your pages.',
    impact:
      'A community that sends people to the best answer, wherever it is, becomes the place they start from; one that hides other sites loses their trust.',
    value:
      '{share, percent} of {pages, plural, one {# community page links} other {# community pages link}} out ({domains, plural, one {# other domain} other {# other domains}})',
    link: '{named, select, yes {“{text}” links to {host}} other {A link to {host}}}.',
    noContentPages: 'No community content pages were found.',
    none: '{pages, plural, one {The one community page does not link} other {None of # community pages links}} to another website.',
    labelLink: 'outbound link',
    labelNone: 'no outbound links',
  },
  {
    de: {
      title: 'Links zu anderen Websites und Marken',
      explanation:
        'Der Anteil der Community-Seiten, deren Inhalt auf mindestens eine andere Website verlinkt (andere Marken, ' +
        'Quellen, Werkzeuge), ohne Kopf- und Fußbereich der Website, Teilen-Schaltflächen und Anmeldedienste. Die ' +
        'anderen Beziehungen von Menschen zu dulden ist eine Regel der Freundschaft; ein Produzent hält Besucher in ' +
        'seinen Mauern, ein Dirigent schickt sie dorthin, wo die Antwort steht.',
      recommendation:
        'Dorthin verlinken, wo die Antwort steht – Hersteller, andere Händler, unabhängige Ratgeber –, statt Menschen auf den eigenen Seiten zu halten.',
      impact:
        'Eine Community, die Menschen zur besten Antwort schickt, wo immer sie steht, wird ihr Ausgangspunkt; eine, die andere Websites verschweigt, verliert ihr Vertrauen.',
      value:
        '{share, percent} von {pages, plural, one {# Community-Seite verlinkt} other {# Community-Seiten verlinken}} nach außen ({domains, plural, one {# andere Domain} other {# andere Domains}})',
      link: '{named, select, yes {„{text}“ verlinkt auf {host}} other {Ein Link auf {host}}}.',
      noContentPages: 'Es wurden keine Community-Inhaltsseiten gefunden.',
      none: '{pages, plural, one {Die einzige Community-Seite verlinkt auf keine} other {Keine von # Community-Seiten verlinkt auf eine}} andere Website.',
      labelLink: 'Link nach außen',
      labelNone: 'keine Links nach außen',
    },
  },
);

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
  meta: { id: 'q2-outbound-links', question: 'Q2', direction: 'conductor', requires: ['html'], effort: 'low' },
  strings: UIStrings,
  extract(page) {
    if (!CONTENT_TYPES.has(page.type)) return null;
    const refs = referenceLinks(page.links);
    const domains = [...new Set(refs.map((l) => new URL(l.href).hostname.replace(/^www\./, '')))].sort();
    const first = refs[0];
    return {
      domains,
      evidence: first
        ? noteEvidence(
            page,
            str('link', { named: first.text ? 'yes' : 'no', text: truncate(first.text, 120), host: new URL(first.href).hostname }),
            str('labelLink'),
            'conductor',
          )
        : null,
    };
  },
  aggregate(observations) {
    if (observations.length === 0) return { notApplicable: str('noContentPages') };
    const linking = observations.filter((o) => o.obs.domains.length > 0);
    const share = linking.length / observations.length;
    const allDomains = new Set(observations.flatMap((o) => o.obs.domains));
    const evidence = linking.map((o) => o.obs.evidence!).filter(Boolean);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { pages: observations.length }), str('labelNone'), 'producer'));
    return {
      value: share,
      display: str('value', { share, pages: observations.length, domains: allDomains.size }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
