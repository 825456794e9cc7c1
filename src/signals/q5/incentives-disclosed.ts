import { defineSignal } from '../types.js';
import { elementEvidence, noteEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import { signalText } from '../strings.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q5-incentives-disclosed',
  {
    title: 'Incentivised reviews disclosed',
    explanation:
      'Where the site pays for reviews (points, coupons, free products) or reviews mention an incentive, the share of ' +
      'review pages that tell readers so (“incentivised review”, “received this product free in exchange for an ' +
      'honest review”, #ad, a promotion badge). Undisclosed incentives make paid praise look like a member’s free ' +
      'opinion; a conductor says who gave what. Not applicable when no incentive is seen anywhere.',
    recommendation: 'Disclose incentives: mark every review or post that was rewarded, sponsored or written by staff.',
    impact:
      'Paid praise that looks like a member’s free opinion misleads buyers: consumer-protection and advertising rules require incentivised reviews to be marked, and readers stop trusting every review once one is found out.',
    value:
      '{offered, plural, =0 {Incentives disclosed on {disclosed, plural, one {# review page} other {# review pages}}; none offered undisclosed} other {{share, percent} of {reviews, plural, one {# review page discloses} other {# review pages disclose}} incentives (incentives offered on {offered, plural, one {# page} other {# pages}})}}',
    badge: 'A badge marks the review as incentivised.',
    undisclosed: '{title}: no incentive disclosure',
    labelDisclosed: 'incentive disclosed',
    labelOffered: 'incentive offered',
    labelUndisclosed: 'not disclosed',
    noReviews: 'No review pages were found.',
    noIncentive: 'No incentive for reviews was seen on the site, so there was nothing to disclose.',
  },
  {
    de: {
      title: 'Bezahlte Bewertungen offengelegt',
      explanation:
        'Wo die Website für Bewertungen zahlt (Punkte, Gutscheine, kostenlose Produkte) oder Bewertungen einen Anreiz ' +
        'erwähnen: der Anteil der Bewertungsseiten, die das den Lesern sagen („bezahlte Bewertung“, „Produkt kostenlos ' +
        'im Austausch für eine ehrliche Bewertung erhalten“, #Werbung, ein Aktions-Abzeichen). Nicht offengelegte ' +
        'Anreize lassen bezahltes Lob wie die freie Meinung eines Mitglieds aussehen; ein Dirigent sagt, wer was ' +
        'gegeben hat. Nicht anwendbar, wenn nirgends ein Anreiz zu sehen ist.',
      recommendation: 'Anreize offenlegen: jede Bewertung und jeden Beitrag kennzeichnen, der belohnt, gesponsert oder vom Personal geschrieben wurde.',
      impact:
        'Bezahltes Lob, das wie die freie Meinung eines Mitglieds aussieht, täuscht Käufer: Verbraucherschutz- und Werberecht verlangen, bezahlte Bewertungen zu kennzeichnen, und wird eine entdeckt, verlieren alle Bewertungen an Glaubwürdigkeit.',
      value:
        '{offered, plural, =0 {Anreize auf {disclosed, plural, one {# Bewertungsseite} other {# Bewertungsseiten}} offengelegt; keine verschwiegen} other {{share, percent} von {reviews, plural, one {# Bewertungsseite legt} other {# Bewertungsseiten legen}} Anreize offen (Anreize angeboten auf {offered, plural, one {# Seite} other {# Seiten}})}}',
      badge: 'Ein Abzeichen kennzeichnet die Bewertung als bezahlt.',
      undisclosed: '{title}: keine Offenlegung eines Anreizes',
      labelDisclosed: 'Anreiz offengelegt',
      labelOffered: 'Anreiz angeboten',
      labelUndisclosed: 'nicht offengelegt',
      noReviews: 'Es wurden keine Bewertungsseiten gefunden.',
      noIncentive: 'Auf der Website war kein Anreiz für Bewertungen zu sehen, daher gab es nichts offenzulegen.',
    },
  },
);

const DISCLOSURE_CLASS = /(?:^|[\s_-])(?:incentivi[sz]ed|sponsored|sampling|promo-review|free-product)(?:$|[\s_-])/i;

export interface IncentiveObservation {
  review: boolean;
  /** The page offers rewards for content or a review mentions an incentive. */
  incentive: Evidence | null;
  disclosure: Evidence | null;
}

export function inspectIncentives(page: PageContext): IncentiveObservation | null {
  const lex = lexiconFor(page.lang);
  if (!lex) return null;
  const { $ } = page;
  const review = page.type === 'review' || page.schemaTypes.includes('Review');
  const offer = findAll(page.text, lex.contentReward)[0] ?? findAll(page.text, lex.incentiveMention)[0];
  const said = findAll(page.text, lex.incentiveDisclosure)[0];
  const badge = $('[class]')
    .filter((_, el) => DISCLOSURE_CLASS.test($(el).attr('class') ?? ''))
    .first();
  const label = str('labelDisclosed');
  const badgeText = badge.length ? badge.text().trim() : '';
  const disclosure = said
    ? textEvidence(page, page.text, said, label, 'conductor')
    : badge.length
      ? badgeText
        ? elementEvidence(page, badgeText, label, 'conductor')
        : noteEvidence(page, str('badge'), label, 'conductor')
      : null;
  const incentive = offer ? textEvidence(page, page.text, offer, str('labelOffered'), 'producer') : null;
  if (!review && !incentive) return null;
  return { review, incentive, disclosure };
}

export default defineSignal<IncentiveObservation>({
  meta: { id: 'q5-incentives-disclosed', question: 'Q5', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract: inspectIncentives,
  aggregate(observations) {
    const reviews = observations.filter((o) => o.obs.review);
    const incentives = observations.filter((o) => o.obs.incentive);
    const disclosed = reviews.filter((o) => o.obs.disclosure);
    if (reviews.length === 0) return { notApplicable: str('noReviews'), pagesObserved: observations.length };
    if (incentives.length === 0 && disclosed.length === 0) return { notApplicable: str('noIncentive'), pagesObserved: reviews.length };
    // Incentives offered somewhere: every review page should say whether it was paid for.
    const share = incentives.length === 0 ? 1 : disclosed.length / reviews.length;
    const undisclosed = reviews.filter((o) => !o.obs.disclosure);
    const evidence = [
      ...pickEvidence(
        incentives.map((o) => o.obs.incentive!),
        2,
      ),
      ...pickEvidence(
        disclosed.map((o) => o.obs.disclosure!),
        2,
      ),
      ...(incentives.length
        ? pickEvidence(
            undisclosed.map((o) => noteEvidence(o.page, str('undisclosed', { title: o.page.title }), str('labelUndisclosed'), 'producer')),
            2,
          )
        : []),
    ];
    return {
      value: Number(share.toFixed(3)),
      display: str('value', { offered: incentives.length, share, reviews: reviews.length, disclosed: disclosed.length }),
      evidence,
      pagesObserved: reviews.length,
    };
  },
});
