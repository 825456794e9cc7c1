import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Sign-in with existing identities',
  explanation:
    'Whether the sign-in and sign-up pages let people use an identity they already have (Google, Apple, GitHub, ' +
    'Microsoft, Facebook…) instead of creating yet another account. A conductor respects that people already live ' +
    'elsewhere online; a producer insists on its own account so that the relationship and the data stay in-house.',
};

/** OAuth / OpenID authorisation endpoints of the common identity providers. */
const PROVIDERS: Array<{ name: string; endpoint: RegExp; label: RegExp }> = [
  { name: 'Google', endpoint: /accounts\.google\.com\/(?:o\/oauth2|signin\/oauth)/i, label: /\b(?:sign in|log in|continue|sign up) with google\b/i },
  { name: 'Apple', endpoint: /appleid\.apple\.com\/auth\/authorize/i, label: /\b(?:sign in|continue|sign up) with apple\b/i },
  { name: 'GitHub', endpoint: /github\.com\/login\/oauth\/authorize/i, label: /\b(?:sign in|log in|continue|sign up) with github\b/i },
  { name: 'Microsoft', endpoint: /login\.(?:microsoftonline|live)\.com\/.*(?:oauth2|authorize)/i, label: /\b(?:sign in|continue|sign up) with microsoft\b/i },
  { name: 'Facebook', endpoint: /facebook\.com\/(?:v[\d.]+\/)?dialog\/oauth/i, label: /\b(?:log in|sign in|continue|sign up) with facebook\b/i },
  { name: 'Discord', endpoint: /discord\.com\/(?:api\/)?oauth2\/authorize/i, label: /\b(?:sign in|log in|continue) with discord\b/i },
  { name: 'LinkedIn', endpoint: /linkedin\.com\/oauth\/v2\/authorization/i, label: /\b(?:sign in|continue) with linkedin\b/i },
  { name: 'X', endpoint: /(?:twitter|x)\.com\/i\/oauth2\/authorize/i, label: /\b(?:sign in|log in|continue) with (?:x|twitter)\b/i },
];

export interface IdentityObservation {
  providers: string[];
  evidence: Evidence[];
}

export function findIdentityProviders(page: PageContext): IdentityObservation {
  const found = new Map<string, Evidence>();
  const targets = [
    ...page.links.map((l) => ({ target: l.href, text: l.text })),
    ...page
      .$('form[action]')
      .toArray()
      .map((f) => ({ target: page.$(f).attr('action') ?? '', text: page.$(f).text() })),
  ];
  for (const p of PROVIDERS) {
    const hit = targets.find((t) => p.endpoint.test(t.target) || p.label.test(t.text));
    if (hit) found.set(p.name, elementEvidence(page, `${hit.text || 'link'} → ${hit.target}`, `sign in with ${p.name}`, 'conductor'));
  }
  return { providers: [...found.keys()].sort(), evidence: [...found.values()] };
}

export default defineSignal<IdentityObservation>({
  meta: { id: 'q1-social-login', question: 'Q1', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    return page.type === 'signin' || page.type === 'signup' ? findIdentityProviders(page) : null;
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No sign-in or sign-up page was found on the crawled pages.' };
    const providers = [...new Set(observations.flatMap((o) => o.obs.providers))].sort();
    const evidence = observations.flatMap((o) => o.obs.evidence);
    if (evidence.length === 0) {
      for (const o of observations)
        evidence.push(elementEvidence(o.page, `${o.page.title}: email and password only, no external identity offered`, 'own account only', 'producer'));
    }
    return {
      value: providers.length,
      displayValue: providers.length
        ? `${providers.length} identity provider${providers.length === 1 ? '' : 's'} (${providers.join(', ')})`
        : 'own account only',
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
