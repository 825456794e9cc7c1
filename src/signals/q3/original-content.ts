import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { normaliseSpace, pct, wordCount } from '../text.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Original content vs boilerplate',
  explanation:
    'The share of the words in pages’ main content that belong to sentences found on that page only, rather than ' +
    'repeated across the site (promotional banners, stock blurbs, templated filler). Computed over the whole crawl: ' +
    'a sentence that appears on two or more pages is boilerplate. Original knowledge is what people cannot get ' +
    'anywhere else; a site whose pages repeat the same sales copy offers nothing new on each page.',
};

const SKIP_TYPES = new Set(['signin', 'signup', 'privacy', 'terms']);

export interface SentenceObservation {
  sentences: Array<{ key: string; words: number; text: string }>;
}

/** Sentences of the main content, normalised (lower case, digits folded) so templated variants match. */
export function sentencesOf(page: PageContext): SentenceObservation | null {
  if (SKIP_TYPES.has(page.type) || wordCount(page.mainText) < 15) return null;
  const sentences = page.mainText
    .split(/(?<=[.!?])\s+|\s[|•·]\s/)
    .map((s) => normaliseSpace(s))
    .filter((s) => wordCount(s) >= 4)
    .map((text) => ({
      key: text
        .toLowerCase()
        .replace(/\d+/g, '0')
        .replace(/[^\p{L}\p{N} ]/gu, ''),
      words: wordCount(text),
      text,
    }));
  return sentences.length ? { sentences } : null;
}

export default defineSignal<SentenceObservation>({
  meta: { id: 'q3-original-content', question: 'Q3', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract: sentencesOf,
  aggregate(observations) {
    if (observations.length < 2)
      return { notMeasured: 'Fewer than two pages with main content: repetition across the site cannot be judged.', pagesObserved: observations.length };
    const pagesPerKey = new Map<string, Set<string>>();
    for (const o of observations) for (const s of o.obs.sentences) (pagesPerKey.get(s.key) ?? pagesPerKey.set(s.key, new Set()).get(s.key)!).add(o.page.url);
    let unique = 0;
    let total = 0;
    const repeated = new Map<string, Evidence>();
    for (const o of observations) {
      for (const s of o.obs.sentences) {
        total += s.words;
        const n = pagesPerKey.get(s.key)!.size;
        if (n === 1) unique += s.words;
        else if (!repeated.has(s.key)) repeated.set(s.key, elementEvidence(o.page, `“${s.text}” (on ${n} pages)`, 'repeated across pages', 'producer'));
      }
    }
    const share = total ? unique / total : 0;
    const evidence = [...repeated.values()];
    evidence.push(
      elementEvidence(
        observations[0]!.page,
        `${pct(share)} of ${total} words of main content on ${observations.length} pages are in sentences found on one page only.`,
        'original',
        'conductor',
      ),
    );
    return {
      value: Number(share.toFixed(3)),
      displayValue: `${pct(share)} of ${total} words of main content are unique to their page (${observations.length} pages)`,
      evidence: [
        ...pickEvidence(
          evidence.filter((e) => e.points === 'producer'),
          5,
        ),
        ...evidence.filter((e) => e.points === 'conductor'),
      ],
      pagesObserved: observations.length,
    };
  },
});
