import { defineSignal, sampleStrength } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll, pct } from '../text.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Rewards paid for content',
  explanation:
    'The share of pages that offer points, coupons or credit in exchange for reviews, posts or ideas. Paying for ' +
    'content turns members into a content supply the brand buys cheaply, and it biases what they write; a ' +
    'conductor lets the value of the exchange be the help people get and give.',
};

export interface RewardObservation {
  offers: number;
  evidence: Evidence | null;
}

export default defineSignal<RewardObservation>({
  meta: { id: 'q1-content-rewards', question: 'Q1', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    const lex = lexiconFor(page.lang);
    if (!lex) return null;
    // The brand's offer, not a member mentioning points they got.
    const hits = findAll(page.brandText, lex.contentReward);
    return { offers: hits.length, evidence: hits[0] ? textEvidence(page, page.brandText, hits[0], 'reward for content', 'producer') : null };
  },
  aggregate(observations, site) {
    // Rewards are paid for members' content: without any, there is nothing to pay for.
    if (site.community && !site.community.found) return { notApplicable: 'No members’ content was found, so no reward for it can be offered.' };
    if (observations.length === 0) return { notMeasured: 'No pages in a language with a lexicon.' };
    const withOffer = observations.filter((o) => o.obs.offers > 0);
    const share = withOffer.length / observations.length;
    const evidence = pickEvidence(withOffer.map((o) => o.obs.evidence!).filter(Boolean));
    if (evidence.length === 0)
      evidence.push(
        elementEvidence(observations[0]!.page, `No offer of points, coupons or credit for content on ${observations.length} pages.`, 'none found', 'conductor'),
      );
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} pages offer rewards for content`,
      evidence,
      pagesObserved: observations.length,
      // A rewards programme is announced on a few pages (join, rewards): a small crawl may not have reached them.
      floor: sampleStrength(observations.length),
    };
  },
});
