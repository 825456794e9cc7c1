import { defineSignal, textStrength } from '../types.js';
import { noteEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import { brandPattern } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q2-possessive-language',
  {
    title: 'Possessive and ownership language',
    explanation:
      'Phrases in the brand’s own words (its pages, navigation and staff posts, not members’ posts) that treat people ' +
      'as the brand’s property ("our customers", "our members", My‹Brand›, "exclusive to members", "members-only"), ' +
      'per 1,000 words. Nobody is owned by one brand; a producer talks as if they were, a ' +
      'conductor talks to people as people with lives and loyalties of their own.',
    recommendation: 'Rewrite “our customers / our members” copy in terms of what people do and get; drop My‹Brand› framing and exclusivity claims.',
    impact: 'People who feel addressed as someone’s property keep their distance; copy about what they do and get invites them to take part.',
    value: '{rate, number} per 1,000 words of the brand’s text ({hits} in {words, plural, one {# word} other {# words}})',
    tooLittle: 'Fewer than 200 words of the brand’s own text in a language with a word list.',
    none: 'No possessive phrases in {words, plural, one {# word} other {# words}} of the brand’s own text.',
    labelPhrase: '“{phrase}”',
    labelNone: 'none found',
  },
  {
    de: {
      title: 'Besitzergreifende Sprache',
      explanation:
        'Wendungen in den eigenen Worten der Marke (ihre Seiten, Navigation und Beiträge von Mitarbeitenden, nicht die ' +
        'Beiträge von Mitgliedern), die Menschen als Eigentum der Marke behandeln („unsere Kunden“, „unsere Mitglieder“, ' +
        'Mein‹Marke›, „exklusiv für Mitglieder“, „nur für Mitglieder“), je 1.000 Wörter. Niemand gehört einer Marke; ein ' +
        'Produzent spricht, als wäre es so, ein Dirigent spricht mit Menschen als Menschen mit einem eigenen Leben und ' +
        'eigenen Bindungen.',
      recommendation:
        'Texte mit „unsere Kunden / unsere Mitglieder“ so umschreiben, dass sie sagen, was Menschen tun und bekommen; Mein‹Marke›-Rahmung und Exklusivitätsansprüche streichen.',
      impact: 'Wer sich als Besitz einer Marke angesprochen fühlt, hält Abstand; Texte darüber, was Menschen tun und bekommen, laden zum Mitmachen ein.',
      value: '{rate, number} je 1.000 Wörter Markentext ({hits} in {words, plural, one {# Wort} other {# Wörtern}})',
      tooLittle: 'Die Marke hat in einer Sprache mit Wortliste weniger als 200 Wörter eigenen Text.',
      none: 'Keine besitzergreifenden Wendungen in {words, plural, one {# Wort} other {# Wörtern}}, die die Marke selbst geschrieben hat.',
      labelPhrase: '„{phrase}“',
      labelNone: 'nichts gefunden',
    },
  },
);

export interface PossessiveObservation {
  hits: number;
  words: number;
  evidence: Evidence[];
}

export default defineSignal<PossessiveObservation>({
  meta: { id: 'q2-possessive-language', question: 'Q2', direction: 'producer', requires: ['html'], effort: 'low' },
  strings: UIStrings,
  extract(page) {
    const lex = lexiconFor(page.lang);
    if (!lex || page.brandWords === 0) return null;
    const text = page.brandText;
    const programme = brandPattern(page.brandToken, 'my|mein');
    const hits = [...findAll(text, lex.possessive), ...(programme ? findAll(text, programme) : [])].sort((a, b) => a.index - b.index);
    return {
      hits: hits.length,
      words: page.brandWords,
      evidence: hits.slice(0, 1).map((m) => textEvidence(page, text, m, str('labelPhrase', { phrase: m.match }), 'producer')),
    };
  },
  aggregate(observations) {
    const words = observations.reduce((n, o) => n + o.obs.words, 0);
    if (words < 200) return { notMeasured: str('tooLittle'), pagesObserved: observations.length };
    const hits = observations.reduce((n, o) => n + o.obs.hits, 0);
    const rate = (hits / words) * 1000;
    const evidence = observations.flatMap((o) => o.obs.evidence);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { words }), str('labelNone'), 'conductor'));
    return {
      value: Number(rate.toFixed(2)),
      display: str('value', { rate: Number(rate.toFixed(1)), hits, words }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
      // A few hundred words say little about how a brand talks: "none found" grows strong with the text read.
      floor: textStrength(words),
    };
  },
});
