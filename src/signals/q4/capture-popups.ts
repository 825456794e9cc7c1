import { defineSignal, renderedStrength } from '../types.js';
import { CONTENT_TYPES } from '../page-type.js';
import { elementEvidence, noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q4-capture-popups',
  {
    title: 'Pop-ups and email capture on content pages',
    explanation:
      'The share of community pages that carry a pop-up, modal or interstitial, or a form that asks for an email ' +
      'address outside sign-in and sign-up. Capturing attention and addresses while people are trying to read is ' +
      'containment; a conductor lets them get done what they came for. Read from the HTML: a modal that only a ' +
      'script injects is not seen in static mode.',
    recommendation: 'Remove pop-ups, interstitials and e-mail capture from content pages; let people read what they came for.',
    impact: 'Interrupting people who came to read costs their attention and goodwill, and addresses taken that way rarely become engaged members.',
    value: '{share, percent} of {pages, plural, one {# community page} other {# community pages}}',
    emptyPopup: 'A pop-up with no text in the HTML.',
    emailForm: 'Email capture form',
    labelPopup: 'pop-up',
    labelEmail: 'email capture',
    none: 'No pop-up or email capture on {pages, plural, one {# community page} other {# community pages}}.',
    labelNone: 'none found',
    noContent: 'No community content pages were found.',
  },
  {
    de: {
      title: 'Pop-ups und E-Mail-Erfassung auf Inhaltsseiten',
      explanation:
        'Der Anteil der Community-Seiten mit einem Pop-up, einem modalen Fenster oder einer Zwischenseite oder mit ' +
        'einem Formular, das außerhalb von Anmeldung und Registrierung nach einer E-Mail-Adresse fragt. Aufmerksamkeit ' +
        'und Adressen abzugreifen, während Menschen lesen wollen, hält sie fest; ein Dirigent lässt sie erledigen, ' +
        'weswegen sie gekommen sind. Aus dem HTML gelesen: Ein modales Fenster, das erst ein Skript einfügt, ist im ' +
        'statischen Modus nicht zu sehen.',
      recommendation: 'Pop-ups, Zwischenseiten und E-Mail-Erfassung von Inhaltsseiten entfernen; Menschen lesen lassen, weswegen sie gekommen sind.',
      impact:
        'Wer Menschen beim Lesen unterbricht, kostet ihre Aufmerksamkeit und ihr Wohlwollen, und so gewonnene Adressen werden selten zu aktiven Mitgliedern.',
      value: '{share, percent} {pages, plural, one {von # Community-Seite} other {der # Community-Seiten}}',
      emptyPopup: 'Ein Pop-up ohne Text im HTML.',
      emailForm: 'Formular zur E-Mail-Erfassung',
      labelPopup: 'Pop-up',
      labelEmail: 'E-Mail-Erfassung',
      none: 'Kein Pop-up und keine E-Mail-Erfassung auf {pages, plural, one {# Community-Seite} other {# Community-Seiten}}.',
      labelNone: 'keine gefunden',
      noContent: 'Es wurden keine Community-Seiten mit Inhalten gefunden.',
    },
  },
);

/** Pop-ups are often injected by scripts after load: finding none in static HTML is weak evidence. */
const STATIC_STRENGTH = 0.5;
const OVERLAY = /(?:^|[\s_-])(?:modal|popup|pop-up|lightbox|interstitial|overlay|newsletter|subscribe|exit-intent)(?:$|[\s_-])/i;
const CONSENT = /cookie|consent|gdpr|cmp/i;

export interface CaptureObservation {
  found: boolean;
  evidence: Evidence | null;
}

export function findCapture(page: PageContext): CaptureObservation {
  const { $ } = page;
  const overlay = $('[role="dialog"], dialog, [class], [id]')
    .filter((_, el) => {
      // A button or link named "subscribe" (e.g. follow this thread) is a control, not a pop-up.
      if (/^(?:a|button|input|select|option|label)$/i.test(el.tagName)) return false;
      const hay = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
      // A consent banner (and the modal parts inside it, e.g. a CMP's `.modal-content`) is another signal's business.
      const inConsent = $(el)
        .parents('[class], [id]')
        .toArray()
        .some((p) => CONSENT.test(`${$(p).attr('class') ?? ''} ${$(p).attr('id') ?? ''}`));
      return (
        (el.tagName === 'dialog' || $(el).attr('role') === 'dialog' || OVERLAY.test(hay)) &&
        !CONSENT.test(hay) &&
        !inConsent &&
        $(el).closest('header, nav').length === 0
      );
    })
    .first();
  if (overlay.length) {
    const text = blockText($, overlay);
    const label = str('labelPopup');
    return { found: true, evidence: text ? elementEvidence(page, text, label, 'producer') : noteEvidence(page, str('emptyPopup'), label, 'producer') };
  }
  const emailForm = $('form')
    .filter((_, f) => $(f).find('input[type="email"], input[name*="email" i]').length > 0 && $(f).find('input[type="password"]').length === 0)
    .first();
  if (emailForm.length) {
    const text = blockText($, emailForm);
    const label = str('labelEmail');
    return { found: true, evidence: text ? elementEvidence(page, text, label, 'producer') : noteEvidence(page, str('emailForm'), label, 'producer') };
  }
  return { found: false, evidence: null };
}

export default defineSignal<CaptureObservation>({
  meta: { id: 'q4-capture-popups', question: 'Q4', direction: 'producer', requires: ['html', 'rendered'], staticStrength: STATIC_STRENGTH, effort: 'low' },
  strings: UIStrings,
  extract(page) {
    return CONTENT_TYPES.has(page.type) ? findCapture(page) : null;
  },
  aggregate(observations) {
    if (observations.length === 0) return { notApplicable: str('noContent') };
    const hits = observations.filter((o) => o.obs.found);
    const share = hits.length / observations.length;
    const evidence = hits.map((o) => o.obs.evidence!);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { pages: observations.length }), str('labelNone'), 'conductor'));
    return {
      value: share,
      display: str('value', { share, pages: observations.length }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
      floor: renderedStrength(
        observations.map((o) => o.page),
        STATIC_STRENGTH,
      ),
    };
  },
});
