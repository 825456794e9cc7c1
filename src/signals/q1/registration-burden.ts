import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Personal data asked at registration',
  explanation:
    'How many personal-data fields the sign-up form asks for beyond what an account needs (birthday, phone, ' +
    'postal address, gender, income…), recognised from the HTML autocomplete tokens and field labels. A conductor ' +
    'asks for a name, an email and a password; a producer turns joining into a data-collection form.',
};

/** Personal-data kinds, matched on autocomplete tokens first, then on name/id/label text. */
const PERSONAL_FIELDS: Array<{ kind: string; autocomplete: RegExp; text: RegExp }> = [
  { kind: 'birthday', autocomplete: /^bday/, text: /birth|bday|\bdob\b|date.of.birth|\bage\b/i },
  { kind: 'phone', autocomplete: /^tel/, text: /phone|mobile|tel\b|cell/i },
  {
    kind: 'postal address',
    autocomplete: /^(street-address|address-line\d|address-level\d|postal-code)$/,
    text: /address|street|postcode|postal|zip\b|city\b/i,
  },
  { kind: 'gender', autocomplete: /^sex$/, text: /gender|\bsex\b/i },
  { kind: 'income', autocomplete: /^$/, text: /income|salary|household/i },
  { kind: 'full name', autocomplete: /^(given-name|family-name|name)$/, text: /first.?name|last.?name|surname|full.?name|given.?name|family.?name/i },
];

export interface FormObservation {
  fields: number;
  required: number;
  personal: string[];
  evidence: Evidence;
}

function isSignupForm(page: PageContext, hasNewPassword: boolean): boolean {
  return page.type === 'signup' || hasNewPassword;
}

/** The most demanding registration form on the page, or null when it has none. Pure. */
export function inspectRegistrationForms(page: PageContext): FormObservation | null {
  const { $ } = page;
  let best: FormObservation | null = null;
  $('form').each((_, form) => {
    const f = $(form);
    const inputs = f.find('input, select, textarea').filter((_, el) => {
      const type = ($(el).attr('type') ?? '').toLowerCase();
      return !['hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio', 'search'].includes(type);
    });
    const hasNewPassword = f.find('input[autocomplete="new-password"]').length > 0 || f.find('input[type="password"]').length >= 2;
    if (!isSignupForm(page, hasNewPassword) || f.find('input[type="password"]').length === 0) return;
    const personal = new Set<string>();
    // Radio groups are not counted as fields above, but "Gender: ( ) Female ( ) Male" still asks for personal data.
    const radios = f.find('input[type="radio" i]');
    const radioLegend = (el: Parameters<typeof $>[0]) => $(el).closest('fieldset').find('legend').first().text();
    inputs.add(radios).each((_, el) => {
      const input = $(el);
      const ac = (input.attr('autocomplete') ?? '').toLowerCase().split(/\s+/).pop() ?? '';
      // Email and password inputs are the account itself, whatever their label says ("Email address").
      const type = (input.attr('type') ?? '').toLowerCase();
      if (type === 'email' || type === 'password') return;
      const id = input.attr('id');
      const label = [
        input.attr('name'),
        id,
        input.attr('placeholder'),
        input.attr('aria-label'),
        id ? $(`label[for="${id}"]`).text() : '',
        input.closest('label').text(),
        input.is('[type="radio" i]') ? radioLegend(el) : '',
      ]
        .filter(Boolean)
        .join(' ');
      for (const p of PERSONAL_FIELDS) {
        if ((ac && p.autocomplete.test(ac)) || (!/^(email|username|new-password|current-password)$/.test(ac) && p.text.test(label))) {
          personal.add(p.kind);
          break;
        }
      }
    });
    const required = inputs.filter((_, el) => $(el).is('[required]') || $(el).attr('aria-required') === 'true').length;
    const obs: FormObservation = {
      fields: inputs.length,
      required,
      personal: [...personal].sort(),
      evidence: elementEvidence(
        page,
        `Sign-up form with ${inputs.length} fields (${required} required)${personal.size ? `; asks for ${[...personal].sort().join(', ')}` : ''}`,
        'registration form',
        personal.size ? 'producer' : 'conductor',
      ),
    };
    if (!best || obs.personal.length > best.personal.length || (obs.personal.length === best.personal.length && obs.fields > best.fields)) best = obs;
  });
  return best;
}

export default defineSignal<FormObservation>({
  meta: { id: 'q1-registration-burden', question: 'Q1', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract: inspectRegistrationForms,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No registration form was found on the crawled pages.' };
    const worst = [...observations].sort((a, b) => b.obs.personal.length - a.obs.personal.length || b.obs.fields - a.obs.fields)[0]!;
    const n = worst.obs.personal.length;
    return {
      value: n,
      displayValue:
        n === 0
          ? `no personal data beyond the account (${worst.obs.fields} fields)`
          : `${n} kinds of personal data (${worst.obs.personal.join(', ')}) in ${worst.obs.fields} fields`,
      evidence: pickEvidence(observations.map((o) => o.obs.evidence)),
      pagesObserved: observations.length,
    };
  },
});
