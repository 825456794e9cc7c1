import { defineSignal, textStrength } from '../types.js';
import { noteEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q3-calls-to-buy',
  {
    title: 'Calls to buy per 1,000 words',
    explanation:
      'How often the brand’s own words tell people to buy: “buy now”, “add to cart”, “shop the deal”, “limited time”, ' +
      '“use code”, “20% off”, counted per 1,000 words of its pages, navigation and staff posts (members’ posts are ' +
      'theirs). A producer lets promotion dominate every space, including the ones members came to for help; a ' +
      'conductor keeps selling where people go to shop.',
    recommendation: 'Remove buy buttons and promotions from help and discussion pages; keep them on product pages where people look for them.',
    impact: 'Sales pressure in the places people come to for help makes every answer look like a pitch and drives away the members whose advice others trust.',
    value: '{rate, number} per 1,000 words ({calls} in {words, number, integer} words)',
    labelCall: '“{phrase}”',
    none: 'No calls to buy in {words, number, integer} words of the brand’s own text.',
    labelNone: 'none found',
    tooLittle:
      'Fewer than 200 words of the brand’s own text in a language this signal has a word list for ({words, plural, =0 {none} one {# word} other {# words}} found).',
  },
  {
    de: {
      title: 'Kaufaufforderungen je 1.000 Wörter',
      explanation:
        'Wie oft die eigenen Worte der Marke zum Kaufen auffordern: „jetzt kaufen“, „in den Warenkorb“, „zum Angebot“, ' +
        '„nur für kurze Zeit“, „Code verwenden“, „20 % Rabatt“, gezählt je 1.000 Wörter ihrer Seiten, ihrer Navigation ' +
        'und der Beiträge ihres Personals (die Beiträge der Mitglieder gehören diesen). Ein Produzent lässt Werbung jeden ' +
        'Raum beherrschen, auch die, in die Mitglieder kommen, um Hilfe zu finden; ein Dirigent verkauft dort, wo ' +
        'Menschen einkaufen wollen.',
      recommendation: 'Kauf-Buttons und Werbung von Hilfe- und Diskussionsseiten entfernen; sie auf Produktseiten lassen, wo Menschen sie suchen.',
      impact:
        'Verkaufsdruck dort, wo Menschen Hilfe suchen, lässt jede Antwort wie ein Verkaufsgespräch wirken und vertreibt die Mitglieder, deren Rat andere vertrauen.',
      value: '{rate, number} je 1.000 Wörter ({calls} in {words, number, integer} Wörtern)',
      labelCall: '„{phrase}“',
      none: 'Keine Kaufaufforderung in {words, number, integer} Wörtern eigenen Texts der Marke.',
      labelNone: 'keine gefunden',
      tooLittle:
        'Weniger als 200 Wörter eigener Text der Marke in einer Sprache, für die dieses Signal eine Wortliste hat ({words, plural, =0 {keine} one {# Wort} other {# Wörter}} gefunden).',
    },
  },
);

export interface CallObservation {
  calls: number;
  words: number;
  evidence: Evidence | null;
}

export default defineSignal<CallObservation>({
  meta: { id: 'q3-calls-to-buy', question: 'Q3', direction: 'producer', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract(page) {
    const lex = lexiconFor(page.lang);
    if (!lex || page.brandWords === 0) return null;
    const calls = findAll(page.brandText, lex.callToBuy);
    return {
      calls: calls.length,
      words: page.brandWords,
      evidence: calls[0] ? textEvidence(page, page.brandText, calls[0], str('labelCall', { phrase: calls[0].match }), 'producer') : null,
    };
  },
  aggregate(observations) {
    const words = observations.reduce((n, o) => n + o.obs.words, 0);
    if (words < 200) return { notMeasured: str('tooLittle', { words }), pagesObserved: observations.length };
    const calls = observations.reduce((n, o) => n + o.obs.calls, 0);
    const rate = (calls / words) * 1000;
    const evidence = observations.map((o) => o.obs.evidence!).filter(Boolean);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { words }), str('labelNone'), 'conductor'));
    return {
      value: Number(rate.toFixed(2)),
      display: str('value', { rate: Number(rate.toFixed(1)), calls, words }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
      // A few hundred words say little about how a brand talks: "none found" grows strong with the text read.
      floor: textStrength(words),
    };
  },
});
