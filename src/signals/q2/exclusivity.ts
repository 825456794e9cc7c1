import { defineSignal, sampleStrength } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll, pct } from '../text.js';
import { brandPattern, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Exclusivity framing',
  explanation:
    'The share of pages whose own words (not members’ posts) frame access, prices or content as reserved to insiders (exclusive deals, only at ' +
    'the brand, VIP or insider pricing, early access). Exclusivity tells people that what matters is inside the ' +
    'brand’s walls and that belonging is bought with loyalty; a conductor does not need to fence people in, since ' +
    'nobody is owned by one brand. Pages in a language without a word list are not judged.',
};

export interface ExclusivityObservation {
  hits: number;
  evidence: Evidence | null;
}

export function findExclusivity(page: PageContext): ExclusivityObservation | null {
  const lex = lexiconFor(page.lang);
  if (!lex || page.brandWords < 20) return null;
  const text = page.brandText;
  const onlyHere = brandPattern(page.brandToken, 'only (?:at|on|from)|nur (?:bei|im)');
  const hits = [...findAll(text, lex.exclusivity), ...(onlyHere ? findAll(text, onlyHere) : [])].sort((a, b) => a.index - b.index);
  return { hits: hits.length, evidence: hits[0] ? textEvidence(page, text, hits[0], 'exclusivity', 'producer') : null };
}

export default defineSignal<ExclusivityObservation>({
  meta: { id: 'q2-exclusivity', question: 'Q2', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract: findExclusivity,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No pages with enough of the brand’s own text in a language with a word list.' };
    const framed = observations.filter((o) => o.obs.hits > 0);
    const share = framed.length / observations.length;
    const evidence = framed.map((o) => o.obs.evidence!);
    if (evidence.length === 0)
      evidence.push(elementEvidence(observations[0]!.page, `No exclusivity framing on ${observations.length} pages.`, 'no exclusivity', 'conductor'));
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} pages use exclusivity framing`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
      floor: sampleStrength(observations.length, 10),
    };
  },
});
