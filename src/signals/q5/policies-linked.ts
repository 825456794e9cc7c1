import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Privacy policy and terms linked from every page',
  explanation:
    'The share of pages that link to the privacy policy and to the terms of use (averaged over the two), by ' +
    'rel="privacy-policy"/rel="terms-of-service" or link text. People should be able to see, from wherever they ' +
    'are, what the brand does with their data and their words; a producer hides the rules where few will read them.',
};

// Link text that *is* a policy's name, not text that mentions the word ("Trail conditions this weekend").
const PRIVACY =
  /^(?:(?:our|your) )?(?:privacy|data protection)(?: (?:policy|notice|statement|centre|center|choices))?(?: (?:&|and) cookies?(?: policy)?)?$|^(?:datenschutz(?:erklärung|hinweise)?|politique de confidentialité|confidentialité)$/i;
const TERMS =
  /^(?:terms|terms of (?:use|service|sale)|terms (?:&|and) conditions|conditions(?: of use)?|tos|legal|user agreement|nutzungsbedingungen|agb|conditions (?:générales|d['’]utilisation))$/i;

export interface PolicyObservation {
  privacy: Evidence | null;
  terms: Evidence | null;
}

export function findPolicyLinks(page: PageContext): PolicyObservation {
  const { $ } = page;
  const pick = (rel: string, text: RegExp, path: RegExp): Evidence | null => {
    const label = rel === 'privacy-policy' ? 'Privacy policy' : 'Terms';
    const byRel = $(`a[rel~="${rel}"], link[rel~="${rel}"]`).first();
    if (byRel.length) return elementEvidence(page, `${label} link → ${byRel.attr('href')}`, `${rel} link`, 'conductor');
    // Paths are read like page-type.ts does: /privacy.html or /privacy/, not /forum/t/privacy-settings-on-my-phone.
    const link = page.links.find((l) => !l.external && (text.test(l.text) || path.test(new URL(l.href).pathname)));
    return link ? elementEvidence(page, `“${link.text}” → ${link.href}`, `${rel} link`, 'conductor') : null;
  };
  return {
    privacy: pick('privacy-policy', PRIVACY, /\/(?:privacy|privacy[-_]policy|datenschutz|confidentialite)(?:\.html?|\/|$)/i),
    terms: pick('terms-of-service', TERMS, /\/(?:terms|tos|terms[-_]of[-_](?:use|service)|agb)(?:\.html?|\/|$)/i),
  };
}

export default defineSignal<PolicyObservation>({
  meta: { id: 'q5-policies-linked', question: 'Q5', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    // The policy pages themselves do not need to link to themselves.
    return page.type === 'privacy' || page.type === 'terms' ? null : findPolicyLinks(page);
  },
  aggregate(observations, site) {
    if (observations.length === 0) return { notMeasured: 'No pages besides the policies themselves were fetched.' };
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
          unlinked.map((o) => elementEvidence(o.page, `${o.page.title}: no link to a privacy policy`, 'privacy policy not linked', 'producer')),
          3,
        ),
      );
    }
    return {
      value,
      displayValue: `privacy policy linked from ${pct(privacy)}, terms from ${pct(terms)} of ${observations.length} pages${hasPrivacyPage ? '' : '; no privacy policy page found'}`,
      evidence,
      pagesObserved: observations.length,
    };
  },
});
