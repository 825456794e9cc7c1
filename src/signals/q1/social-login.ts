import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { truncate } from '../text.js';
import { siteKey, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q1-social-login',
  {
    title: 'Sign-in with existing identities',
    explanation:
      'Whether the sign-in and sign-up pages let people use an identity they already have (Google, Apple, GitHub, ' +
      'Microsoft, Facebook…) instead of creating yet another account. A conductor respects that people already live ' +
      'elsewhere online; a producer insists on its own account so that the relationship and the data stay in-house.',
    recommendation: 'Offer sign-in with identities people already have (e.g. an existing account or a passkey) instead of yet another password.',
    impact: 'Every new password is a reason not to join: people who can use an identity they already have sign up more often.',
    value: '{count, plural, =0 {own account only} one {# identity provider ({providers})} other {# identity providers ({providers})}}',
    provider: '{named, select, yes {“{text}” leads to} other {A link leads to}} {provider}’s sign-in{sameSite, select, yes {} other { at {host}}}.',
    ownOnly: 'Email and password only on “{title}”, no external identity offered.',
    noSignIn: 'No sign-in or sign-up page was found on the crawled pages.',
    labelProvider: 'sign in with {provider}',
    labelOwnOnly: 'own account only',
  },
  {
    de: {
      title: 'Anmeldung mit vorhandenen Identitäten',
      explanation:
        'Ob die Anmelde- und Registrierungsseiten erlauben, eine Identität zu nutzen, die Menschen schon haben (Google, ' +
        'Apple, GitHub, Microsoft, Facebook …), statt noch ein weiteres Konto anzulegen. Ein Dirigent respektiert, dass ' +
        'Menschen schon anderswo online zu Hause sind; ein Produzent besteht auf dem eigenen Konto, damit Beziehung und ' +
        'Daten im Haus bleiben.',
      recommendation: 'Anmeldung mit Identitäten anbieten, die Menschen schon haben (etwa ein vorhandenes Konto oder ein Passkey), statt noch eines Passworts.',
      impact: 'Jedes neue Passwort ist ein Grund, nicht beizutreten: Wer eine vorhandene Identität nutzen kann, registriert sich eher.',
      value: '{count, plural, =0 {nur eigenes Konto} one {# Identitätsanbieter ({providers})} other {# Identitätsanbieter ({providers})}}',
      provider: '{named, select, yes {„{text}“ führt} other {Ein Link führt}} zur Anmeldung bei {provider}{sameSite, select, yes {} other { ({host})}}.',
      ownOnly: 'Nur E-Mail und Passwort auf „{title}“, keine externe Identität angeboten.',
      noSignIn: 'Auf den gecrawlten Seiten wurde keine Anmelde- oder Registrierungsseite gefunden.',
      labelProvider: 'Anmeldung mit {provider}',
      labelOwnOnly: 'nur eigenes Konto',
    },
  },
);

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

/** What a provider's link says: its words (a quotation), the provider, and where it leads when that is another site. */
function providerValues(page: PageContext, provider: string, hit: { target: string; text: string }) {
  let host = '';
  try {
    host = new URL(hit.target, page.finalUrl).hostname;
  } catch {
    // An unparsable target: name the provider only.
  }
  const sameSite = !host || siteKey(host) === siteKey(new URL(page.finalUrl).hostname);
  return { named: hit.text ? 'yes' : 'no', text: truncate(hit.text, 120), provider, sameSite: sameSite ? 'yes' : 'no', host };
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
    if (hit) found.set(p.name, noteEvidence(page, str('provider', providerValues(page, p.name, hit)), str('labelProvider', { provider: p.name }), 'conductor'));
  }
  return { providers: [...found.keys()].sort(), evidence: [...found.values()] };
}

export default defineSignal<IdentityObservation>({
  meta: { id: 'q1-social-login', question: 'Q1', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract(page) {
    return page.type === 'signin' || page.type === 'signup' ? findIdentityProviders(page) : null;
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: str('noSignIn') };
    const providers = [...new Set(observations.flatMap((o) => o.obs.providers))].sort();
    const evidence = observations.flatMap((o) => o.obs.evidence);
    if (evidence.length === 0) {
      for (const o of observations)
        evidence.push(noteEvidence(o.page, str('ownOnly', { title: truncate(o.page.title, 120) }), str('labelOwnOnly'), 'producer'));
    }
    return {
      value: providers.length,
      display: str('value', { count: providers.length, providers }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
