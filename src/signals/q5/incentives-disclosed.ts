import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll, pct } from '../text.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Incentivised reviews disclosed',
  explanation:
    'Where the site pays for reviews (points, coupons, free products) or reviews mention an incentive, the share of ' +
    'review pages that tell readers so (“incentivised review”, “received this product free in exchange for an ' +
    'honest review”, #ad, a promotion badge). Undisclosed incentives make paid praise look like a member’s free ' +
    'opinion; a conductor says who gave what. Not measured when no incentive is seen anywhere.',
};

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
  const disclosure = said
    ? textEvidence(page, page.text, said, 'incentive disclosed', 'conductor')
    : badge.length
      ? elementEvidence(page, badge.text() || 'a badge marking the review as incentivised', 'incentive disclosed', 'conductor')
      : null;
  const incentive = offer ? textEvidence(page, page.text, offer, 'incentive offered', 'producer') : null;
  if (!review && !incentive) return null;
  return { review, incentive, disclosure };
}

export default defineSignal<IncentiveObservation>({
  meta: { id: 'q5-incentives-disclosed', question: 'Q5', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract: inspectIncentives,
  aggregate(observations) {
    const reviews = observations.filter((o) => o.obs.review);
    const incentives = observations.filter((o) => o.obs.incentive);
    const disclosed = reviews.filter((o) => o.obs.disclosure);
    if (reviews.length === 0) return { notApplicable: 'No review pages were found.', pagesObserved: observations.length };
    if (incentives.length === 0 && disclosed.length === 0)
      return { notApplicable: 'No incentive for reviews was seen on the site, so there was nothing to disclose.', pagesObserved: reviews.length };
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
            undisclosed.map((o) => elementEvidence(o.page, `${o.page.title}: no incentive disclosure`, 'not disclosed', 'producer')),
            2,
          )
        : []),
    ];
    return {
      value: Number(share.toFixed(3)),
      displayValue: incentives.length
        ? `${pct(share)} of ${reviews.length} review pages disclose incentives (incentives offered on ${incentives.length} pages)`
        : `Incentives disclosed on ${disclosed.length} review pages; none offered undisclosed`,
      evidence,
      pagesObserved: reviews.length,
    };
  },
});
