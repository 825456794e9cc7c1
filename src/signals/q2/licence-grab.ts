import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Licence claimed over members’ content',
  explanation:
    'Whether the terms take a perpetual, irrevocable, sublicensable licence to what members write, or make their ' +
    'ideas the brand’s property, counted as the number of such breadth terms and transfers found. A conductor ' +
    'leaves ownership with the author and asks only for what it needs to show the post.',
};

export interface LicenceObservation {
  breadth: string[];
  transfer: boolean;
  kept: boolean;
  evidence: Evidence[];
}

/**
 * The breadth terms in a sentence, as the lower-case word without hyphens ("sub-licensable" → "sublicensable"), or,
 * when the pattern names its groups, as the group's name: a lexicon then counts its synonyms as one term (German
 * "unbefristet" and "zeitlich unbegrenzt" are both "perpetual").
 */
export function breadthTerms(sentence: string, pattern: RegExp): string[] {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return [...sentence.matchAll(re)].map((m) => {
    const named = Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined);
    return named ? named[0] : m[0].toLowerCase().replace(/-/g, '');
  });
}

export default defineSignal<LicenceObservation>({
  meta: { id: 'q2-licence-grab', question: 'Q2', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    if (page.type !== 'terms') return null;
    // Terms in a language without a lexicon are not read with English patterns: silence there would score as "no grab".
    const lex = lexiconFor(page.lang);
    if (!lex) return null;
    const text = page.mainText;
    // Breadth words only count inside a sentence that grants a licence or rights.
    const sentences = text.split(/(?<=[.;!?])\s+/);
    const breadth = new Set<string>();
    const evidence: Evidence[] = [];
    for (const s of sentences) {
      if (!lex.licenceGrant.test(s)) continue;
      const words = breadthTerms(s, lex.licenceBreadth);
      if (words.length) {
        words.forEach((w) => breadth.add(w));
        evidence.push(elementEvidence(page, s, 'licence grant', 'producer'));
      }
    }
    const transfer = findAll(text, lex.ownershipTransfer);
    if (transfer[0]) evidence.push(textEvidence(page, text, transfer[0], 'ownership transfer', 'producer'));
    const keptMatch = lex.ownershipKept.exec(text);
    if (keptMatch && evidence.length === 0)
      evidence.push(textEvidence(page, text, { match: keptMatch[0], index: keptMatch.index }, 'author keeps ownership', 'conductor'));
    return { breadth: [...breadth].sort(), transfer: transfer.length > 0, kept: Boolean(keptMatch), evidence };
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No terms of use page in a language with a lexicon was found on the crawled pages.' };
    const breadth = [...new Set(observations.flatMap((o) => o.obs.breadth))].sort();
    const transfer = observations.some((o) => o.obs.transfer);
    const value = breadth.length + (transfer ? 2 : 0);
    const evidence = observations.flatMap((o) => o.obs.evidence);
    if (evidence.length === 0)
      evidence.push(
        elementEvidence(
          observations[0]!.page,
          'The terms grant no perpetual or irrevocable licence and transfer no ownership.',
          'no licence grab',
          'conductor',
        ),
      );
    const parts = [breadth.length ? `licence terms: ${breadth.join(', ')}` : '', transfer ? 'content becomes the brand’s property' : ''].filter(Boolean);
    return {
      value,
      displayValue: parts.length
        ? parts.join('; ')
        : observations.some((o) => o.obs.kept)
          ? 'authors keep ownership; no broad licence'
          : 'no broad licence found',
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
