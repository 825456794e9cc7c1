import { defineSignal } from '../types.js';
import { pickEvidence, textEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q1-content-asks',
  {
    title: 'Asks for brand content vs asks to help members',
    explanation:
      'Of all the site’s own invitations to take part (write a review, rate a product, submit an idea, answer a question, help ' +
      'another member), the share that asks for content benefiting the brand. Fournier, Dobscha and Mick called ' +
      'this taking without giving back: a producer keeps asking people to work for it, a conductor asks them to help ' +
      'each other.',
    recommendation: 'Ask for reviews and ideas less often, and when you ask, say how the contribution helps other members rather than the brand.',
    impact: 'People who are only ever asked to work for the brand stop answering; asks to help each other build the habit of coming back.',
    value: '{share, percent} of {total, plural, one {# ask serves} other {# asks serve}} the brand ({brand} brand, {member} member-to-member)',
    noAsks: 'No invitations to take part were found on pages in a language with a word list.',
    labelBrandAsk: 'asks for brand content',
    labelMemberAsk: 'asks to help members',
  },
  {
    de: {
      title: 'Bitten um Marken-Inhalte statt um Hilfe für Mitglieder',
      explanation:
        'Von allen eigenen Aufforderungen der Website zum Mitmachen (eine Bewertung schreiben, ein Produkt bewerten, eine ' +
        'Idee einreichen, eine Frage beantworten, einem anderen Mitglied helfen) der Anteil, der um Inhalte bittet, die ' +
        'der Marke nützen. Fournier, Dobscha und Mick nannten das Nehmen ohne Zurückgeben: Ein Produzent bittet Menschen ' +
        'immer wieder, für ihn zu arbeiten, ein Dirigent bittet sie, einander zu helfen.',
      recommendation: 'Seltener um Bewertungen und Ideen bitten und dabei sagen, wie der Beitrag anderen Mitgliedern hilft, nicht der Marke.',
      impact:
        'Wer immer nur gebeten wird, für die Marke zu arbeiten, hört auf zu antworten; Bitten, einander zu helfen, machen das Wiederkommen zur Gewohnheit.',
      value:
        '{share, percent} von {total, plural, one {# Aufforderung dient} other {# Aufforderungen dienen}} der Marke ({brand} für die Marke, {member} von Mitglied zu Mitglied)',
      noAsks: 'Auf Seiten in einer Sprache mit Wortliste wurden keine Aufforderungen zum Mitmachen gefunden.',
      labelBrandAsk: 'bittet um Marken-Inhalte',
      labelMemberAsk: 'bittet um Hilfe für Mitglieder',
    },
  },
);

export interface AskObservation {
  brandAsks: number;
  memberAsks: number;
  evidence: Evidence[];
}

export function countAsks(page: PageContext): AskObservation | null {
  const lex = lexiconFor(page.lang);
  if (!lex) return null;
  // The site's invitations, not members quoting one ("they asked me to write a review").
  const text = page.brandText;
  const brand = findAll(text, lex.brandAsk);
  const member = findAll(text, lex.memberAsk);
  return {
    brandAsks: brand.length,
    memberAsks: member.length,
    evidence: [
      ...brand.slice(0, 1).map((m) => textEvidence(page, text, m, str('labelBrandAsk'), 'producer')),
      ...member.slice(0, 1).map((m) => textEvidence(page, text, m, str('labelMemberAsk'), 'conductor')),
    ],
  };
}

export default defineSignal<AskObservation>({
  meta: { id: 'q1-content-asks', question: 'Q1', direction: 'producer', requires: ['html'], effort: 'low' },
  strings: UIStrings,
  extract: countAsks,
  aggregate(observations) {
    const brand = observations.reduce((n, o) => n + o.obs.brandAsks, 0);
    const member = observations.reduce((n, o) => n + o.obs.memberAsks, 0);
    if (brand + member === 0) return { notMeasured: str('noAsks'), pagesObserved: observations.length };
    const share = brand / (brand + member);
    return {
      value: share,
      display: str('value', { share, total: brand + member, brand, member }),
      evidence: [
        ...pickEvidence(
          observations.flatMap((o) => o.obs.evidence.filter((e) => e.points === 'producer')),
          3,
        ),
        ...pickEvidence(
          observations.flatMap((o) => o.obs.evidence.filter((e) => e.points === 'conductor')),
          3,
        ),
      ],
      pagesObserved: observations.length,
    };
  },
});
