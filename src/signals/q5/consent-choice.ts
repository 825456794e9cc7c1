import { defineSignal, renderedStrength } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { findTrackers } from '../q4/third-party-trackers.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'A real choice about tracking',
  explanation:
    'On the pages that load trackers, whether people are given a real choice before they are tracked: 1 for a ' +
    'consent banner with a reject option as easy as accept, 0.5 for a banner with settings but no one-click reject, ' +
    '0 for an accept-only banner or none at all. Not applicable where no tracker was seen (that absence is the ' +
    'tracker signal’s evidence, not counted twice). Banners injected by scripts need a rendered page: read from ' +
    'static HTML, "no banner" is weak evidence.',
};

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
  return {
    trackers,
    banner: kind,
    evidence: elementEvidence(
      page,
      `${blockText($, banner)} (buttons: ${controls.map((c) => `“${c.trim()}”`).join(', ')})`,
      `consent banner (${kind})`,
      kind === 'reject' ? 'conductor' : 'producer',
    ),
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
  meta: { id: 'q5-consent-choice', question: 'Q5', direction: 'conductor', requires: ['html', 'rendered'], staticStrength: STATIC_STRENGTH },
  strings: UIStrings,
  extract: inspectConsent,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No pages were fetched.' };
    // Only the pages that track ask for consent; where nothing tracks, there is nothing to choose.
    const tracked = observations.filter((o) => o.obs.trackers > 0);
    if (tracked.length === 0)
      return { notApplicable: `No tracker was seen on ${observations.length} pages, so there was nothing to consent to.`, pagesObserved: observations.length };
    const value = tracked.reduce((n, o) => n + consentValue(o.obs), 0) / tracked.length;
    const banners = tracked.filter((o) => o.obs.evidence);
    const noBanner = tracked.filter((o) => o.obs.banner === 'none');
    const evidence = [
      ...pickEvidence(
        banners.map((o) => o.obs.evidence!),
        3,
      ),
      ...pickEvidence(
        noBanner.map((o) => elementEvidence(o.page, `${o.obs.trackers} tracking companies and no consent banner`, 'no consent choice', 'producer')),
        3,
      ),
    ];
    const kinds = [...new Set(banners.map((o) => o.obs.banner))];
    return {
      value: Number(value.toFixed(3)),
      displayValue: `${tracked.length} of ${observations.length} pages track; banner: ${kinds.length ? kinds.join(', ') : 'none'}`,
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
