import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Possessive and ownership language',
  explanation:
    'Phrases that treat people as the brand’s property ("our customers", "our members", My‹Brand›, "exclusive to ' +
    'members", "members-only") per 1,000 words. Nobody is owned by one brand; a producer talks as if they were, a ' +
    'conductor talks to people as people with lives and loyalties of their own.',
};

export interface PossessiveObservation {
  hits: number;
  words: number;
  evidence: Evidence[];
}

export default defineSignal<PossessiveObservation>({
  meta: { id: 'q2-possessive-language', question: 'Q2', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    const lex = lexiconFor(page.lang);
    if (!lex || page.words === 0) return null;
    const hits = findAll(page.text, lex.possessive);
    return { hits: hits.length, words: page.words, evidence: hits.slice(0, 1).map((m) => textEvidence(page, page.text, m, `“${m.match}”`)) };
  },
  aggregate(observations) {
    const words = observations.reduce((n, o) => n + o.obs.words, 0);
    if (words < 200) return { notMeasured: 'Fewer than 200 words of text in a language with a lexicon.', pagesObserved: observations.length };
    const hits = observations.reduce((n, o) => n + o.obs.hits, 0);
    const rate = (hits / words) * 1000;
    const evidence = observations.flatMap((o) => o.obs.evidence);
    if (evidence.length === 0) evidence.push(elementEvidence(observations[0]!.page, `No possessive phrases in ${words.toLocaleString('en-US')} words.`, 'none found'));
    return {
      value: Number(rate.toFixed(2)),
      displayValue: `${rate.toFixed(1)} per 1,000 words (${hits} in ${words.toLocaleString('en-US')} words)`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
