import { hash } from 'node:crypto';
import { defineSignal } from '../types.js';
import { elementEvidence, noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { normaliseSpace, wordCount } from '../text.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q3-original-content',
  {
    title: 'Original content vs boilerplate',
    explanation:
      'The share of the words in pages’ main content that belong to sentences found on that page only, rather than ' +
      'repeated across the site (promotional banners, stock blurbs, templated filler). Computed over the whole crawl: ' +
      'a sentence that appears on two or more pages is boilerplate. Original knowledge is what people cannot get ' +
      'anywhere else; a site whose pages repeat the same sales copy offers nothing new on each page.',
    recommendation: 'Publish original knowledge — tests, measurements, repair and care guides — rather than copies of product descriptions.',
    impact: 'Knowledge found nowhere else is what brings people back and what search engines send them to; repeated copy gives them no reason to read on.',
    value: '{share, percent} of {words, number, integer} words of main content are unique to their page ({pages, plural, one {# page} other {# pages}})',
    labelRepeated: 'repeated on {pages, plural, one {# page} other {# pages}}',
    summary:
      '{share, percent} of {words, number, integer} words of main content on {pages, plural, one {# page} other {# pages}} are in sentences found on one page only.',
    labelOriginal: 'original',
    tooFew: 'Fewer than two pages with main content: repetition across the site cannot be judged.',
  },
  {
    de: {
      title: 'Eigene Inhalte statt Textbausteine',
      explanation:
        'Der Anteil der Wörter im Hauptinhalt der Seiten, die zu Sätzen gehören, die nur auf dieser Seite stehen, statt ' +
        'sich über die Website zu wiederholen (Werbebanner, Standardtexte, Füllstoff aus Vorlagen). Berechnet über den ' +
        'ganzen Crawl: Ein Satz, der auf zwei oder mehr Seiten vorkommt, ist ein Textbaustein. Eigenes Wissen ist das, ' +
        'was Menschen nirgendwo sonst bekommen; eine Website, deren Seiten dieselben Verkaufstexte wiederholen, bietet ' +
        'auf keiner Seite etwas Neues.',
      recommendation: 'Eigenes Wissen veröffentlichen – Tests, Messungen, Reparatur- und Pflegeanleitungen – statt Kopien von Produktbeschreibungen.',
      impact:
        'Wissen, das es nirgendwo sonst gibt, bringt Menschen zurück und ist das, wohin Suchmaschinen sie schicken; wiederholte Texte geben ihnen keinen Grund weiterzulesen.',
      value: '{share, percent} der {words, number, integer} Wörter Hauptinhalt stehen nur auf ihrer Seite ({pages, plural, one {# Seite} other {# Seiten}})',
      labelRepeated: 'auf {pages, plural, one {# Seite} other {# Seiten}} wiederholt',
      summary:
        '{share, percent} der {words, number, integer} Wörter Hauptinhalt auf {pages, plural, one {# Seite} other {# Seiten}} stehen in Sätzen, die nur auf einer Seite vorkommen.',
      labelOriginal: 'eigener Inhalt',
      tooFew: 'Weniger als zwei Seiten mit Hauptinhalt: Wiederholungen über die Website lassen sich nicht beurteilen.',
    },
  },
);

const SKIP_TYPES = new Set(['signin', 'signup', 'privacy', 'terms']);

export interface SentenceObservation {
  /**
   * `key`: a digest of the sentence normalised (lower case, digits folded, punctuation dropped), so templated variants
   * match; `text`: the sentence's start, as much as its evidence can quote. Kept for every page of the crawl until the
   * site is aggregated, so neither holds the whole sentence.
   */
  sentences: Array<{ key: string; words: number; text: string }>;
}

/** More than evidence ever quotes (elementEvidence cuts at 280), so a kept start quotes exactly as the whole sentence. */
const KEPT_TEXT = 300;

/** The sentence's key: sha256 of its folded text, cut to 22 base64url characters (one call, no Hash object each). */
const digest = (text: string): string => hash('sha256', text, 'base64url').slice(0, 22);

/** Sentences of the main content, normalised (lower case, digits folded) so templated variants match. */
export function sentencesOf(page: PageContext): SentenceObservation | null {
  if (SKIP_TYPES.has(page.type) || wordCount(page.mainText) < 15) return null;
  const sentences: SentenceObservation['sentences'] = [];
  for (const piece of page.mainText.split(/(?<=[.!?])\s+|\s[|•·]\s/)) {
    const text = normaliseSpace(piece);
    const words = wordCount(text);
    if (words < 4) continue;
    sentences.push({
      key: digest(
        text
          .toLowerCase()
          .replace(/\d+/g, '0')
          .replace(/[^\p{L}\p{N} ]/gu, ''),
      ),
      words,
      text: text.length > KEPT_TEXT ? text.slice(0, KEPT_TEXT) : text,
    });
  }
  return sentences.length ? { sentences } : null;
}

export default defineSignal<SentenceObservation>({
  meta: { id: 'q3-original-content', question: 'Q3', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract: sentencesOf,
  aggregate(observations) {
    if (observations.length < 2) return { notMeasured: str('tooFew'), pagesObserved: observations.length };
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
        else if (!repeated.has(s.key)) repeated.set(s.key, elementEvidence(o.page, s.text, str('labelRepeated', { pages: n }), 'producer'));
      }
    }
    const share = total ? unique / total : 0;
    const evidence = [...repeated.values()];
    evidence.push(noteEvidence(observations[0]!.page, str('summary', { share, words: total, pages: observations.length }), str('labelOriginal'), 'conductor'));
    return {
      value: Number(share.toFixed(3)),
      display: str('value', { share, words: total, pages: observations.length }),
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
