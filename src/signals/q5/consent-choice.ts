import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { findTrackers } from '../q4/third-party-trackers.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'A real choice about tracking',
  explanation:
    'Whether people are given a real choice before they are tracked: 1 when the site loads no trackers, or shows a ' +
    'consent banner with a reject option as easy as accept; 0.5 for a banner with settings but no one-click ' +
    'reject; 0 for trackers with an accept-only banner or none at all. Read from the HTML: banners injected by ' +
    'scripts need a rendered page.',
};

const BANNER = /cookie|consent|gdpr|cmp|privacy-banner/i;
// English, German and a little French button wording; \p{L} boundaries so "ablehnen" is not found inside another word.
const REJECT =
  /(?<![\p{L}])(?:reject|decline|refuse|deny|necessary only|only necessary|essential only|no,? thanks|ablehnen|alle ablehnen|nur (?:notwendige|erforderliche|essenzielle)(?: cookies)?|refuser|tout refuser)(?![\p{L}])/iu;
const ACCEPT = /(?<![\p{L}])(?:accept|agree|allow|ok(?:ay)?|got it|i understand|consent|yes|akzeptieren|alle akzeptieren|zustimmen|einverstanden|annehmen|erlauben|verstanden)(?![\p{L}])/iu;
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
  const controls = banner.find('button, a, input[type="submit"], input[type="button"]').toArray().map((el) => $(el).text() || $(el).attr('value') || '');
  const kind = controls.some((c) => REJECT.test(c)) ? 'reject' : controls.some((c) => SETTINGS.test(c)) ? 'settings' : 'accept-only';
  return { trackers, banner: kind, evidence: elementEvidence(page, `${blockText($, banner)} [controls: ${controls.map((c) => c.trim()).join(' | ')}]`, `consent banner (${kind})`) };
}

export function consentValue(o: ConsentObservation): number {
  if (o.banner === 'reject') return 1;
  if (o.trackers === 0) return 1;
  return o.banner === 'settings' ? 0.5 : 0;
}

export default defineSignal<ConsentObservation>({
  meta: { id: 'q5-consent-choice', question: 'Q5', direction: 'conductor', requires: ['html', 'rendered'] },
  strings: UIStrings,
  extract: inspectConsent,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No pages were fetched.' };
    const value = observations.reduce((n, o) => n + consentValue(o.obs), 0) / observations.length;
    const tracked = observations.filter((o) => o.obs.trackers > 0);
    const banners = observations.filter((o) => o.obs.evidence);
    const evidence = pickEvidence(banners.map((o) => o.obs.evidence!), 3);
    const noBanner = tracked.filter((o) => o.obs.banner === 'none');
    evidence.push(...pickEvidence(noBanner.map((o) => elementEvidence(o.page, `${o.obs.trackers} tracking companies and no consent banner`, 'no consent choice')), 2));
    if (evidence.length === 0) evidence.push(elementEvidence(observations[0]!.page, `No trackers and nothing to consent to on ${observations.length} pages.`, 'nothing to consent to'));
    const kinds = [...new Set(banners.map((o) => o.obs.banner))];
    return {
      value: Number(value.toFixed(3)),
      displayValue: tracked.length === 0 ? 'no trackers, so nothing to consent to' : `${tracked.length} of ${observations.length} pages track; banner: ${kinds.length ? kinds.join(', ') : 'none'}`,
      evidence,
      pagesObserved: observations.length,
    };
  },
});
