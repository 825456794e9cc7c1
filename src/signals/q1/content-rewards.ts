import { defineSignal, sampleStrength } from '../types.js';
import { noteEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q1-content-rewards',
  {
    title: 'Rewards paid for content',
    explanation:
      'The share of pages that offer points, coupons or credit in exchange for reviews, posts or ideas. Paying for ' +
      'content turns members into a content supply the brand buys cheaply, and it biases what they write; a ' +
      'conductor lets the value of the exchange be the help people get and give.',
    recommendation: 'Stop paying points or discounts for content; recognise helpful members by what they gave others (accepted answers, thanks).',
    impact:
      'Paid-for reviews and posts are read as biased and must be disclosed as incentivised; help given for its own sake is what makes a community trusted.',
    value: '{share, percent} of {pages, plural, one {# page offers} other {# pages offer}} rewards for content',
    noMemberContent: 'No members’ content was found, so no reward for it can be offered.',
    noLexicon: 'No pages in a language with a word list.',
    none: 'No offer of points, coupons or credit for content on {pages, plural, one {# page} other {# pages}}.',
    labelReward: 'reward for content',
    labelNone: 'none found',
  },
  {
    de: {
      title: 'Belohnungen für Inhalte',
      explanation:
        'Der Anteil der Seiten, die Punkte, Gutscheine oder Guthaben für Bewertungen, Beiträge oder Ideen anbieten. Wer ' +
        'für Inhalte bezahlt, macht Mitglieder zu einer billig eingekauften Quelle von Inhalten und verzerrt, was sie ' +
        'schreiben; ein Dirigent lässt den Wert des Austauschs in der Hilfe liegen, die Menschen bekommen und geben.',
      recommendation:
        'Keine Punkte oder Rabatte mehr für Inhalte vergeben; hilfreiche Mitglieder an dem erkennen, was sie anderen gegeben haben (akzeptierte Antworten, Dank).',
      impact:
        'Bezahlte Bewertungen und Beiträge gelten als voreingenommen und müssen als belohnt gekennzeichnet werden; Hilfe um ihrer selbst willen macht eine Community vertrauenswürdig.',
      value: '{share, percent} von {pages, plural, one {# Seite bietet} other {# Seiten bieten}} Belohnungen für Inhalte',
      noMemberContent: 'Es wurden keine Inhalte von Mitgliedern gefunden, daher kann dafür auch keine Belohnung angeboten werden.',
      noLexicon: 'Keine Seiten in einer Sprache mit Wortliste.',
      none: 'Kein Angebot von Punkten, Gutscheinen oder Guthaben für Inhalte auf {pages, plural, one {# Seite} other {# Seiten}}.',
      labelReward: 'Belohnung für Inhalte',
      labelNone: 'nichts gefunden',
    },
  },
);

export interface RewardObservation {
  offers: number;
  evidence: Evidence | null;
}

export default defineSignal<RewardObservation>({
  meta: { id: 'q1-content-rewards', question: 'Q1', direction: 'producer', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract(page) {
    const lex = lexiconFor(page.lang);
    if (!lex) return null;
    // The brand's offer, not a member mentioning points they got.
    const hits = findAll(page.brandText, lex.contentReward);
    return { offers: hits.length, evidence: hits[0] ? textEvidence(page, page.brandText, hits[0], str('labelReward'), 'producer') : null };
  },
  aggregate(observations, site) {
    // Rewards are paid for members' content: without any, there is nothing to pay for.
    if (site.community && !site.community.found) return { notApplicable: str('noMemberContent') };
    if (observations.length === 0) return { notMeasured: str('noLexicon') };
    const withOffer = observations.filter((o) => o.obs.offers > 0);
    const share = withOffer.length / observations.length;
    const evidence = pickEvidence(withOffer.map((o) => o.obs.evidence!).filter(Boolean));
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { pages: observations.length }), str('labelNone'), 'conductor'));
    return {
      value: share,
      display: str('value', { share, pages: observations.length }),
      evidence,
      pagesObserved: observations.length,
      // A rewards programme is announced on a few pages (join, rewards): a small crawl may not have reached them.
      floor: sampleStrength(observations.length),
    };
  },
});
