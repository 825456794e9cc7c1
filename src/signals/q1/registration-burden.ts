import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { listValues, wordedList } from '../word-list.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

const KIND_WORDS_EN =
  'birthday {birthday} phone {phone} postal-address {postal address} gender {gender} income {income} full-name {full name} other {personal data}';
const KIND_WORDS_DE =
  'birthday {Geburtsdatum} phone {Telefonnummer} postal-address {Postanschrift} gender {Geschlecht} income {Einkommen} full-name {vollständiger Name} other {persönliche Daten}';
/** `{kinds}`: the kinds asked for (positional values from kindValues), worded in the reader's language. */
const KINDS_EN = wordedList('k', 6, KIND_WORDS_EN, 'and');
const KINDS_DE = wordedList('k', 6, KIND_WORDS_DE, 'und');

export const { strings: UIStrings, str } = signalText(
  'q1-registration-burden',
  {
    title: 'Personal data asked at registration',
    explanation:
      'How many personal-data fields the sign-up form asks for beyond what an account needs (birthday, phone, ' +
      'postal address, gender, income…), recognised from the form’s autofill hints and field labels. A conductor ' +
      'asks for a name, an email and a password; a producer turns joining into a data-collection form.',
    recommendation: 'Cut the registration form to what posting needs (a name and an e-mail address); drop birthday, phone and address fields.',
    impact:
      'Every extra field loses people who would have joined, and data protection law allows collecting only the personal data the account actually needs.',
    value:
      '{kCount, plural, =0 {no personal data beyond the account} one {1 kind of personal data (' +
      KINDS_EN +
      ')} other {# kinds of personal data (' +
      KINDS_EN +
      ')}} in {fields, plural, one {# field} other {# fields}}',
    form:
      'Sign-up form with {fields, plural, one {# field} other {# fields}} ({required} required){kCount, plural, =0 {} other {; asks for ' + KINDS_EN + '}}.',
    noForm: 'No registration form was found on the crawled pages.',
    labelForm: 'registration form',
  },
  {
    de: {
      title: 'Persönliche Daten bei der Registrierung',
      explanation:
        'Wie viele Felder mit persönlichen Daten das Registrierungsformular über das hinaus verlangt, was ein Konto braucht ' +
        '(Geburtstag, Telefon, Postanschrift, Geschlecht, Einkommen …), erkannt an den Hinweisen des Formulars zum ' +
        'automatischen Ausfüllen und an den Feldbeschriftungen. Ein Dirigent fragt nach einem Namen, einer E-Mail-Adresse ' +
        'und einem Passwort; ein Produzent macht den Beitritt zu einem Formular, das Daten sammelt.',
      recommendation:
        'Das Registrierungsformular auf das kürzen, was zum Schreiben nötig ist (Name und E-Mail-Adresse); Geburtstag, Telefon und Anschrift streichen.',
      impact:
        'Jedes zusätzliche Feld kostet Menschen, die sonst beigetreten wären, und das Datenschutzrecht erlaubt nur die persönlichen Daten, die das Konto tatsächlich braucht.',
      value:
        '{kCount, plural, =0 {keine persönlichen Daten über das Konto hinaus} one {1 Art persönlicher Daten (' +
        KINDS_DE +
        ')} other {# Arten persönlicher Daten (' +
        KINDS_DE +
        ')}} in {fields, plural, one {# Feld} other {# Feldern}}',
      form:
        'Registrierungsformular mit {fields, plural, one {# Feld} other {# Feldern}} ({required, plural, one {# Pflichtfeld} other {# Pflichtfelder}}){kCount, plural, =0 {} other {; fragt nach ' +
        KINDS_DE +
        '}}.',
      noForm: 'Auf den gecrawlten Seiten wurde kein Registrierungsformular gefunden.',
      labelForm: 'Registrierungsformular',
    },
  },
);

/** The kinds as message values: ids without spaces ("postal address" → postal-address), in list order. */
function kindValues(kinds: readonly string[]) {
  return listValues(
    'k',
    kinds.map((k) => k.replace(/\s+/g, '-')),
  );
}

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
      evidence: noteEvidence(
        page,
        str('form', { fields: inputs.length, required, ...kindValues([...personal].sort()) }),
        str('labelForm'),
        personal.size ? 'producer' : 'conductor',
      ),
    };
    if (!best || obs.personal.length > best.personal.length || (obs.personal.length === best.personal.length && obs.fields > best.fields)) best = obs;
  });
  return best;
}

export default defineSignal<FormObservation>({
  meta: { id: 'q1-registration-burden', question: 'Q1', direction: 'producer', requires: ['html'], effort: 'low', risk: 'data-protection' },
  strings: UIStrings,
  extract: inspectRegistrationForms,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: str('noForm') };
    const worst = [...observations].sort((a, b) => b.obs.personal.length - a.obs.personal.length || b.obs.fields - a.obs.fields)[0]!;
    const n = worst.obs.personal.length;
    return {
      value: n,
      display: str('value', { fields: worst.obs.fields, ...kindValues(worst.obs.personal) }),
      evidence: pickEvidence(observations.map((o) => o.obs.evidence)),
      pagesObserved: observations.length,
    };
  },
});
