import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q5-policies-linked',
  {
    title: 'Privacy policy and terms linked from every page',
    explanation:
      'The share of pages that link to the privacy policy and to the terms of use (averaged over the two), by a ' +
      'link the page marks as its privacy policy or terms, or by the link’s text. People should be able to see, from ' +
      'wherever they are, what the brand does with their data and their words; a producer hides the rules where few ' +
      'will read them.',
    recommendation: 'Link the privacy policy and the community terms from every page, in plain language.',
    impact:
      'Data-protection law (GDPR) requires clear information on how members’ data is used, easy to reach where it is collected; rules that are hard to find also cost members’ trust.',
    value:
      'privacy policy linked from {privacy, percent}, terms from {terms, percent} of {pages, plural, one {# page} other {# pages}}{privacyPage, select, yes {} other {; no privacy policy page found}}',
    linkMarked: '{policy, select, privacy {Privacy policy} other {Terms}} link → {href}',
    linkText: '“{text}” → {href}',
    unlinked: '{title}: no link to a privacy policy',
    labelLinked: '{policy, select, privacy {privacy policy link} other {terms link}}',
    labelUnlinked: 'privacy policy not linked',
    onlyPolicies: 'No pages besides the policies themselves were fetched.',
  },
  {
    de: {
      title: 'Datenschutzerklärung und Nutzungsbedingungen von jeder Seite verlinkt',
      explanation:
        'Der Anteil der Seiten, die auf die Datenschutzerklärung und auf die Nutzungsbedingungen verlinken (Mittel aus ' +
        'beiden), erkannt an einem Link, den die Seite als ihre Datenschutzerklärung oder Bedingungen auszeichnet, oder ' +
        'am Linktext. Menschen sollen von überall sehen können, was die Marke mit ihren Daten und ihren Worten tut; ein ' +
        'Produzent versteckt die Regeln dort, wo sie kaum jemand liest.',
      recommendation: 'Datenschutzerklärung und Community-Bedingungen von jeder Seite aus verlinken, in verständlicher Sprache.',
      impact:
        'Das Datenschutzrecht (DSGVO) verlangt klare, dort leicht erreichbare Informationen über die Verwendung der Daten von Mitgliedern, wo sie erhoben werden; schwer auffindbare Regeln kosten außerdem Vertrauen.',
      value:
        'Datenschutzerklärung von {privacy, percent}, Nutzungsbedingungen von {terms, percent} der {pages, plural, one {# Seite} other {# Seiten}} verlinkt{privacyPage, select, yes {} other {; keine Seite mit Datenschutzerklärung gefunden}}',
      linkMarked: '{policy, select, privacy {Link zur Datenschutzerklärung} other {Link zu den Nutzungsbedingungen}} → {href}',
      linkText: '„{text}“ → {href}',
      unlinked: '{title}: kein Link zu einer Datenschutzerklärung',
      labelLinked: '{policy, select, privacy {Link zur Datenschutzerklärung} other {Link zu den Nutzungsbedingungen}}',
      labelUnlinked: 'Datenschutzerklärung nicht verlinkt',
      onlyPolicies: 'Außer den Seiten mit den Regeln selbst wurden keine Seiten abgerufen.',
    },
  },
);

// Link text that *is* a policy's name, not text that mentions the word ("Trail conditions this weekend").
const PRIVACY =
  /^(?:(?:our|your) )?(?:privacy|data protection)(?: (?:policy|notice|statement|centre|center|choices))?(?: (?:&|and) cookies?(?: policy)?)?$|^(?:datenschutz(?:erklärung|hinweise)?|politique de confidentialité|confidentialité)$/i;
const TERMS =
  /^(?:terms|terms of (?:use|service|sale)|terms (?:&|and) conditions|conditions(?: of use)?|tos|legal|user agreement|nutzungsbedingungen|agb|conditions (?:générales|d['’]utilisation))$/i;

export interface PolicyObservation {
  privacy: Evidence | null;
  terms: Evidence | null;
}

/** A link's target as a full address (the page may write it relative). */
function absolute(href: string, base: string): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

export function findPolicyLinks(page: PageContext): PolicyObservation {
  const { $ } = page;
  const pick = (rel: string, text: RegExp, path: RegExp): Evidence | null => {
    const policy = rel === 'privacy-policy' ? 'privacy' : 'terms';
    const label = str('labelLinked', { policy });
    const byRel = $(`a[rel~="${rel}"], link[rel~="${rel}"]`).first();
    if (byRel.length) return noteEvidence(page, str('linkMarked', { policy, href: absolute(byRel.attr('href') ?? '', page.finalUrl) }), label, 'conductor');
    // Paths are read like page-type.ts does: /privacy.html or /privacy/, not /forum/t/privacy-settings-on-my-phone.
    const link = page.links.find((l) => !l.external && (text.test(l.text) || path.test(new URL(l.href).pathname)));
    return link ? noteEvidence(page, str('linkText', { text: link.text, href: link.href }), label, 'conductor') : null;
  };
  return {
    privacy: pick('privacy-policy', PRIVACY, /\/(?:privacy|privacy[-_]policy|datenschutz|confidentialite)(?:\.html?|\/|$)/i),
    terms: pick('terms-of-service', TERMS, /\/(?:terms|tos|terms[-_]of[-_](?:use|service)|agb)(?:\.html?|\/|$)/i),
  };
}

export default defineSignal<PolicyObservation>({
  meta: { id: 'q5-policies-linked', question: 'Q5', direction: 'conductor', requires: ['html'], effort: 'medium', risk: 'data-protection' },
  strings: UIStrings,
  extract(page) {
    // The policy pages themselves do not need to link to themselves.
    return page.type === 'privacy' || page.type === 'terms' ? null : findPolicyLinks(page);
  },
  aggregate(observations, site) {
    if (observations.length === 0) return { notMeasured: str('onlyPolicies') };
    const privacy = observations.filter((o) => o.obs.privacy).length / observations.length;
    const terms = observations.filter((o) => o.obs.terms).length / observations.length;
    const value = (privacy + terms) / 2;
    const hasPrivacyPage = site.pages.some((p) => p.type === 'privacy');
    const evidence = pickEvidence(
      observations.flatMap((o) => [o.obs.privacy, o.obs.terms].filter((e): e is Evidence => e !== null)),
      3,
    );
    const unlinked = observations.filter((o) => !o.obs.privacy);
    if (unlinked.length) {
      evidence.push(
        ...pickEvidence(
          unlinked.map((o) => noteEvidence(o.page, str('unlinked', { title: o.page.title }), str('labelUnlinked'), 'producer')),
          3,
        ),
      );
    }
    return {
      value,
      display: str('value', { privacy, terms, pages: observations.length, privacyPage: hasPrivacyPage ? 'yes' : 'no' }),
      evidence,
      pagesObserved: observations.length,
    };
  },
});
