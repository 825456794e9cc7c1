import { defineSignal, textStrength } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import { brandPattern } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Possessive and ownership language',
  explanation:
    'Phrases in the brand’s own words (its pages, navigation and staff posts, not members’ posts) that treat people ' +
    'as the brand’s property ("our customers", "our members", My‹Brand›, "exclusive to members", "members-only"), ' +
    'per 1,000 words. Nobody is owned by one brand; a producer talks as if they were, a ' +
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
    if (!lex || page.brandWords === 0) return null;
    const text = page.brandText;
    const programme = brandPattern(page.brandToken, 'my|mein');
    const hits = [...findAll(text, lex.possessive), ...(programme ? findAll(text, programme) : [])].sort((a, b) => a.index - b.index);
    return { hits: hits.length, words: page.brandWords, evidence: hits.slice(0, 1).map((m) => textEvidence(page, text, m, `“${m.match}”`, 'producer')) };
  },
  aggregate(observations) {
    const words = observations.reduce((n, o) => n + o.obs.words, 0);
    if (words < 200) return { notMeasured: 'Fewer than 200 words of the brand’s own text in a language with a lexicon.', pagesObserved: observations.length };
    const hits = observations.reduce((n, o) => n + o.obs.hits, 0);
    const rate = (hits / words) * 1000;
    const evidence = observations.flatMap((o) => o.obs.evidence);
    if (evidence.length === 0)
      evidence.push(
        elementEvidence(
          observations[0]!.page,
          `No possessive phrases in ${words.toLocaleString('en-US')} words of the brand’s own text.`,
          'none found',
          'conductor',
        ),
      );
    return {
      value: Number(rate.toFixed(2)),
      displayValue: `${rate.toFixed(1)} per 1,000 words of the brand’s text (${hits} in ${words.toLocaleString('en-US')} words)`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
      // A few hundred words say little about how a brand talks: "none found" grows strong with the text read.
      floor: textStrength(words),
    };
  },
});
