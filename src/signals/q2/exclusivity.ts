import { defineSignal, sampleStrength } from '../types.js';
import { noteEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import { brandPattern, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q2-exclusivity',
  {
    title: 'Exclusivity framing',
    explanation:
      'The share of pages whose own words (not members’ posts) frame access, prices or content as reserved to insiders (exclusive deals, only at ' +
      'the brand, VIP or insider pricing, early access). Exclusivity tells people that what matters is inside the ' +
      'brand’s walls and that belonging is bought with loyalty; a conductor does not need to fence people in, since ' +
      'nobody is owned by one brand. Pages in a language without a word list are not judged.',
    recommendation: 'Drop “members only” and “exclusive” framing from content that could be open; make the open version the default.',
    impact: 'Fencing content and prices for insiders tells everyone else they are outsiders; open offers reach the people who have not joined yet.',
    value: '{share, percent} of {pages, plural, one {# page uses} other {# pages use}} exclusivity framing',
    noText: 'No pages with enough of the brand’s own text in a language with a word list.',
    none: 'No exclusivity framing on {pages, plural, one {# page} other {# pages}}.',
    labelExclusivity: 'exclusivity',
    labelNone: 'no exclusivity',
  },
  {
    de: {
      title: 'Exklusivitäts-Rahmung',
      explanation:
        'Der Anteil der Seiten, deren eigene Worte (nicht die Beiträge von Mitgliedern) Zugang, Preise oder Inhalte als ' +
        'Insidern vorbehalten darstellen (exklusive Angebote, nur bei der Marke, VIP- oder Insider-Preise, früher Zugang). ' +
        'Exklusivität sagt Menschen, dass das Wichtige innerhalb der Mauern der Marke liegt und Zugehörigkeit mit Treue ' +
        'erkauft wird; ein Dirigent muss niemanden einzäunen, denn niemand gehört einer Marke. Seiten in einer Sprache ' +
        'ohne Wortliste werden nicht beurteilt.',
      recommendation: 'Die Rahmung „nur für Mitglieder“ und „exklusiv“ bei Inhalten streichen, die offen sein könnten; die offene Fassung zum Standard machen.',
      impact:
        'Wer Inhalte und Preise für Insider abzäunt, sagt allen anderen, dass sie draußen sind; offene Angebote erreichen die Menschen, die noch nicht beigetreten sind.',
      value: '{share, percent} von {pages, plural, one {# Seite nutzt} other {# Seiten nutzen}} Exklusivitäts-Rahmung',
      noText: 'Keine Seiten mit genug eigenem Text der Marke in einer Sprache mit Wortliste.',
      none: 'Keine Exklusivitäts-Rahmung auf {pages, plural, one {# Seite} other {# Seiten}}.',
      labelExclusivity: 'Exklusivität',
      labelNone: 'keine Exklusivität',
    },
  },
);

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
  return { hits: hits.length, evidence: hits[0] ? textEvidence(page, text, hits[0], str('labelExclusivity'), 'producer') : null };
}

export default defineSignal<ExclusivityObservation>({
  meta: { id: 'q2-exclusivity', question: 'Q2', direction: 'producer', requires: ['html'], effort: 'low' },
  strings: UIStrings,
  extract: findExclusivity,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: str('noText') };
    const framed = observations.filter((o) => o.obs.hits > 0);
    const share = framed.length / observations.length;
    const evidence = framed.map((o) => o.obs.evidence!);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { pages: observations.length }), str('labelNone'), 'conductor'));
    return {
      value: share,
      display: str('value', { share, pages: observations.length }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
      floor: sampleStrength(observations.length, 10),
    };
  },
});
