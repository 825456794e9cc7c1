import { defineSignal, renderedStrength } from '../types.js';
import { CONTENT_TYPES } from '../page-type.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Pop-ups and email capture on content pages',
  explanation:
    'The share of community pages that carry a pop-up, modal or interstitial, or a form that asks for an email ' +
    'address outside sign-in and sign-up. Capturing attention and addresses while people are trying to read is ' +
    'containment; a conductor lets them get done what they came for. Read from the HTML: a modal that only a ' +
    'script injects is not seen in static mode.',
};

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
  if (overlay.length) return { found: true, evidence: elementEvidence(page, blockText($, overlay), 'pop-up', 'producer') };
  const emailForm = $('form')
    .filter((_, f) => $(f).find('input[type="email"], input[name*="email" i]').length > 0 && $(f).find('input[type="password"]').length === 0)
    .first();
  if (emailForm.length) return { found: true, evidence: elementEvidence(page, blockText($, emailForm) || 'Email capture form', 'email capture', 'producer') };
  return { found: false, evidence: null };
}

export default defineSignal<CaptureObservation>({
  meta: { id: 'q4-capture-popups', question: 'Q4', direction: 'producer', requires: ['html', 'rendered'], staticStrength: STATIC_STRENGTH },
  strings: UIStrings,
  extract(page) {
    return CONTENT_TYPES.has(page.type) ? findCapture(page) : null;
  },
  aggregate(observations) {
    if (observations.length === 0) return { notApplicable: 'No community content pages were found.' };
    const hits = observations.filter((o) => o.obs.found);
    const share = hits.length / observations.length;
    const evidence = hits.map((o) => o.obs.evidence!);
    if (evidence.length === 0)
      evidence.push(elementEvidence(observations[0]!.page, `No pop-up or email capture on ${observations.length} community pages.`, 'none found', 'conductor'));
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} community pages`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
      floor: renderedStrength(
        observations.map((o) => o.page),
        STATIC_STRENGTH,
      ),
    };
  },
});
