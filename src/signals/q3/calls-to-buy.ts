import { defineSignal, textStrength } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Calls to buy per 1,000 words',
  explanation:
    'How often the brand’s own words tell people to buy: "buy now", "add to cart", "shop the deal", "limited time", ' +
    '"use code", "20% off", counted per 1,000 words of its pages, navigation and staff posts (members’ posts are theirs). A producer lets promotion dominate every ' +
    'space, including the ones members came to for help; a conductor keeps selling where people go to shop.',
};

export interface CallObservation {
  calls: number;
  words: number;
  evidence: Evidence | null;
}

export default defineSignal<CallObservation>({
  meta: { id: 'q3-calls-to-buy', question: 'Q3', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    const lex = lexiconFor(page.lang);
    if (!lex || page.brandWords === 0) return null;
    const calls = findAll(page.brandText, lex.callToBuy);
    return {
      calls: calls.length,
      words: page.brandWords,
      evidence: calls[0] ? textEvidence(page, page.brandText, calls[0], `“${calls[0].match}”`, 'producer') : null,
    };
  },
  aggregate(observations) {
    const words = observations.reduce((n, o) => n + o.obs.words, 0);
    if (words < 200) return { notMeasured: 'Fewer than 200 words of the brand’s own text in a language with a lexicon.', pagesObserved: observations.length };
    const calls = observations.reduce((n, o) => n + o.obs.calls, 0);
    const rate = (calls / words) * 1000;
    const evidence = observations.map((o) => o.obs.evidence!).filter(Boolean);
    if (evidence.length === 0)
      evidence.push(
        elementEvidence(observations[0]!.page, `No calls to buy in ${words.toLocaleString('en-US')} words of the brand’s own text.`, 'none found', 'conductor'),
      );
    return {
      value: Number(rate.toFixed(2)),
      displayValue: `${rate.toFixed(1)} per 1,000 words (${calls} in ${words.toLocaleString('en-US')} words)`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
      // A few hundred words say little about how a brand talks: "none found" grows strong with the text read.
      floor: textStrength(words),
    };
  },
});
