import { defineSignal, renderedStrength } from '../types.js';
import { elementEvidence, noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { common } from '../common-strings.js';
import { findTrackers } from '../q4/third-party-trackers.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

// The banner's buttons are the site's words: each is passed as a value and quoted in the reader's language.
const BUTTONS =
  '{count, plural, =1 {“{b1}”} =2 {“{b1}” and “{b2}”} =3 {“{b1}”, “{b2}” and “{b3}”} other {“{b1}”, “{b2}”, “{b3}” and {more, plural, one {# more} other {# more}}}}';
const BUTTONS_DE =
  '{count, plural, =1 {„{b1}“} =2 {„{b1}“ und „{b2}“} =3 {„{b1}“, „{b2}“ und „{b3}“} other {„{b1}“, „{b2}“, „{b3}“ und {more, plural, one {# weiterer} other {# weitere}}}}';
const KINDS =
  '{kinds, select, reject {with a reject option} settings {with settings only} accept_only {accept only} reject_settings {with a reject option, with settings only} reject_accept_only {with a reject option, accept only} settings_accept_only {with settings only, accept only} all {with a reject option, with settings only, accept only} other {none}}';
const KINDS_DE =
  '{kinds, select, reject {mit Ablehnen-Option} settings {nur mit Einstellungen} accept_only {nur Zustimmen} reject_settings {mit Ablehnen-Option, nur mit Einstellungen} reject_accept_only {mit Ablehnen-Option, nur Zustimmen} settings_accept_only {nur mit Einstellungen, nur Zustimmen} all {mit Ablehnen-Option, nur mit Einstellungen, nur Zustimmen} other {keines}}';

export const { strings: UIStrings, str } = signalText(
  'q5-consent-choice',
  {
    title: 'A real choice about tracking',
    explanation:
      'On the pages that load trackers, whether people are given a real choice before they are tracked: 1 for a ' +
      'consent banner with a reject option as easy as accept, 0.5 for a banner with settings but no one-click reject, ' +
      '0 for an accept-only banner or none at all. Not applicable where no tracker was seen (that absence is the ' +
      'tracker signal’s evidence, not counted twice). Banners injected by scripts need a rendered page: read from ' +
      'static HTML, “no banner” is weak evidence.',
    recommendation: 'Offer a real consent choice: a “reject all” as easy as “accept all”, and no tracking before the choice is made.',
    impact:
      'Under the GDPR and the ePrivacy rules, consent to tracking must be as easy to refuse as to give and asked before any tracker loads: an accept-only banner, or tracking without a banner, is unlawful consent and a risk of fines and complaints.',
    value: '{tracked} of {pages, plural, one {# page tracks} other {# pages track}}; banner: ' + KINDS,
    buttons:
      '{kind, select, reject {Its buttons are ' +
      BUTTONS +
      ': refusing is as easy as accepting.} settings {Its buttons are ' +
      BUTTONS +
      ': refusing takes a detour through the settings.} other {{count, plural, one {Its only button is} other {Its only buttons are}} ' +
      BUTTONS +
      ': there is no way to refuse.}}',
    noBanner: '{trackers, plural, one {# tracking company} other {# tracking companies}} and no consent banner',
    labelBanner: 'consent banner ({kind, select, reject {with a reject option} settings {settings only} other {accept only}})',
    labelNoChoice: 'no consent choice',
    noTrackers: 'No tracker was seen on {pages, plural, one {# page} other {# pages}}, so there was nothing to consent to.',
  },
  {
    de: {
      title: 'Eine echte Wahl beim Tracking',
      explanation:
        'Auf den Seiten, die Tracker laden: ob Menschen eine echte Wahl haben, bevor sie verfolgt werden. 1 für ein ' +
        'Einwilligungsbanner, bei dem Ablehnen so einfach ist wie Zustimmen, 0,5 für ein Banner mit Einstellungen, ' +
        'aber ohne Ablehnen mit einem Klick, 0 für ein Banner nur zum Zustimmen oder gar keines. Nicht anwendbar, wo ' +
        'kein Tracker zu sehen war (dieses Fehlen ist der Beleg des Tracker-Signals und wird nicht doppelt gezählt). ' +
        'Von Skripten eingeblendete Banner brauchen eine im Browser dargestellte Seite: Im statischen HTML ist ' +
        '„kein Banner“ ein schwacher Beleg.',
      recommendation: 'Eine echte Einwilligungswahl anbieten: „Alle ablehnen“ so einfach wie „Alle akzeptieren“ und kein Tracking vor der Entscheidung.',
      impact:
        'Nach DSGVO und ePrivacy-Regeln muss die Einwilligung in Tracking so einfach zu verweigern wie zu erteilen sein und vor dem Laden jedes Trackers eingeholt werden: Ein Banner nur zum Zustimmen oder Tracking ohne Banner ist keine wirksame Einwilligung und birgt das Risiko von Bußgeldern und Beschwerden.',
      value: '{tracked} von {pages, plural, one {# Seite} other {# Seiten}} mit Tracking; Banner: ' + KINDS_DE,
      buttons:
        '{kind, select, reject {Seine Schaltflächen sind ' +
        BUTTONS_DE +
        ': Ablehnen ist so einfach wie Zustimmen.} settings {Seine Schaltflächen sind ' +
        BUTTONS_DE +
        ': Ablehnen geht nur über den Umweg der Einstellungen.} other {{count, plural, one {Seine einzige Schaltfläche ist} other {Seine einzigen Schaltflächen sind}} ' +
        BUTTONS_DE +
        ': Ablehnen ist nicht möglich.}}',
      noBanner: '{trackers, plural, one {# Tracking-Unternehmen} other {# Tracking-Unternehmen}} und kein Einwilligungsbanner',
      labelBanner: 'Einwilligungsbanner ({kind, select, reject {mit Ablehnen-Option} settings {nur Einstellungen} other {nur Zustimmen}})',
      labelNoChoice: 'keine Einwilligungswahl',
      noTrackers: 'Auf {pages, plural, one {# Seite} other {# Seiten}} war kein Tracker zu sehen, daher gab es nichts einzuwilligen.',
    },
  },
);

const BANNER = /cookie|consent|gdpr|cmp|privacy-banner/i;
// English, German and a little French button wording; \p{L} boundaries so "ablehnen" is not found inside another word.
const REJECT =
  /(?<![\p{L}])(?:reject|decline|refuse|deny|necessary only|only necessary|essential only|no,? thanks|ablehnen|alle ablehnen|nur (?:notwendige|erforderliche|essenzielle)(?: cookies)?|refuser|tout refuser)(?![\p{L}])/iu;
const ACCEPT =
  /(?<![\p{L}])(?:accept|agree|allow|ok(?:ay)?|got it|i understand|consent|yes|akzeptieren|alle akzeptieren|zustimmen|einverstanden|annehmen|erlauben|verstanden)(?![\p{L}])/iu;
const SETTINGS = /(?<![\p{L}])(?:settings|preferences|manage|customi[sz]e|options|einstellungen|anpassen|verwalten)(?![\p{L}])/iu;

export interface ConsentObservation {
  trackers: number;
  banner: 'none' | 'accept-only' | 'settings' | 'reject';
  evidence: Evidence | null;
}

export function inspectConsent(page: PageContext): ConsentObservation {
  const { $ } = page;
  const trackers = findTrackers(page).companies.length;
  const controlTexts = (el: Parameters<typeof $>[0]): string[] =>
    $(el)
      .find('button, a, input[type="submit"], input[type="button"]')
      .toArray()
      .map((c) => $(c).text() || $(c).attr('value') || '');
  // A banner asks for consent: it has an accept or reject control. A footer "Cookie settings" link is not one.
  const banner = $('[class], [id], [aria-label]')
    .filter(
      (_, el) =>
        BANNER.test(`${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''} ${$(el).attr('aria-label') ?? ''}`) &&
        controlTexts(el).some((c) => ACCEPT.test(c) || REJECT.test(c)),
    )
    .first();
  if (!banner.length) return { trackers, banner: 'none', evidence: null };
  const controls = banner
    .find('button, a, input[type="submit"], input[type="button"]')
    .toArray()
    .map((el) => $(el).text() || $(el).attr('value') || '');
  const kind = controls.some((c) => REJECT.test(c)) ? 'reject' : controls.some((c) => SETTINGS.test(c)) ? 'settings' : 'accept-only';
  // The banner's words are quoted; what its buttons allow is the tool's statement, with the button texts as values.
  const buttons = controls.map((c) => c.trim()).filter(Boolean);
  const quoted = elementEvidence(page, blockText($, banner), str('labelBanner', { kind }), kind === 'reject' ? 'conductor' : 'producer');
  return {
    trackers,
    banner: kind,
    evidence: {
      ...quoted,
      note: str('buttons', {
        kind,
        count: buttons.length,
        b1: buttons[0] ?? '',
        b2: buttons[1] ?? '',
        b3: buttons[2] ?? '',
        more: Math.max(0, buttons.length - 3),
      }),
    },
  };
}

/** The choice a tracking page gives: 1 reject as easy as accept, 0.5 settings only, 0 accept-only or no banner. */
export function consentValue(o: ConsentObservation): number {
  if (o.banner === 'reject') return 1;
  return o.banner === 'settings' ? 0.5 : 0;
}

/** Consent banners are usually injected by scripts: none seen in static HTML is weak evidence. */
const STATIC_STRENGTH = 0.25;

export default defineSignal<ConsentObservation>({
  meta: {
    id: 'q5-consent-choice',
    question: 'Q5',
    direction: 'conductor',
    requires: ['html', 'rendered'],
    staticStrength: STATIC_STRENGTH,
    effort: 'medium',
    risk: 'consent',
  },
  strings: UIStrings,
  extract: inspectConsent,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: common('noPages') };
    // Only the pages that track ask for consent; where nothing tracks, there is nothing to choose.
    const tracked = observations.filter((o) => o.obs.trackers > 0);
    if (tracked.length === 0) return { notApplicable: str('noTrackers', { pages: observations.length }), pagesObserved: observations.length };
    const value = tracked.reduce((n, o) => n + consentValue(o.obs), 0) / tracked.length;
    const banners = tracked.filter((o) => o.obs.evidence);
    const noBanner = tracked.filter((o) => o.obs.banner === 'none');
    const evidence = [
      ...pickEvidence(
        banners.map((o) => o.obs.evidence!),
        3,
      ),
      ...pickEvidence(
        noBanner.map((o) => noteEvidence(o.page, str('noBanner', { trackers: o.obs.trackers }), str('labelNoChoice'), 'producer')),
        3,
      ),
    ];
    // The kinds of banner seen, in a fixed order, as one select key ('reject_accept_only'; 'all'; 'none').
    const seen = (['reject', 'settings', 'accept-only'] as const).filter((k) => banners.some((o) => o.obs.banner === k));
    const kinds = seen.length === 3 ? 'all' : seen.length ? seen.join('_').replace('-', '_') : 'none';
    return {
      value: Number(value.toFixed(3)),
      display: str('value', { tracked: tracked.length, pages: observations.length, kinds }),
      evidence,
      pagesObserved: tracked.length,
      // Only where no banner was seen could scripts have hidden one: a banner in the HTML is read in full.
      floor: renderedStrength(
        tracked.map((o) => (o.obs.banner === 'none' ? o.page : { renderMode: 'browser' as const })),
        STATIC_STRENGTH,
      ),
    };
  },
});
