import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Calls to buy per 1,000 words',
  explanation:
    'How often the site’s text tells people to buy: "buy now", "add to cart", "shop the deal", "limited time", ' +
    '"use code", "20% off", counted per 1,000 words over every page. A producer lets promotion dominate every ' +
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
    if (!lex || page.words === 0) return null;
    const calls = findAll(page.text, lex.callToBuy);
    return { calls: calls.length, words: page.words, evidence: calls[0] ? textEvidence(page, page.text, calls[0], `“${calls[0].match}”`) : null };
  },
  aggregate(observations) {
    const words = observations.reduce((n, o) => n + o.obs.words, 0);
    if (words < 200) return { notMeasured: 'Fewer than 200 words of text in a language with a lexicon.', pagesObserved: observations.length };
    const calls = observations.reduce((n, o) => n + o.obs.calls, 0);
    const rate = (calls / words) * 1000;
    const evidence = observations.map((o) => o.obs.evidence!).filter(Boolean);
    if (evidence.length === 0) evidence.push(elementEvidence(observations[0]!.page, `No calls to buy in ${words.toLocaleString('en-US')} words.`, 'none found'));
    return {
      value: Number(rate.toFixed(2)),
      displayValue: `${rate.toFixed(1)} per 1,000 words (${calls} in ${words.toLocaleString('en-US')} words)`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
