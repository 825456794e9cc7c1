import { defineSignal } from '../types.js';
import { pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll, pct } from '../text.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Asks for brand content vs asks to help members',
  explanation:
    'Of all the site’s own invitations to take part (write a review, rate a product, submit an idea, answer a question, help ' +
    'another member), the share that asks for content benefiting the brand. Fournier, Dobscha and Mick called ' +
    'this taking without giving back: a producer keeps asking people to work for it, a conductor asks them to help ' +
    'each other.',
};

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
      ...brand.slice(0, 1).map((m) => textEvidence(page, text, m, 'asks for brand content', 'producer')),
      ...member.slice(0, 1).map((m) => textEvidence(page, text, m, 'asks to help members', 'conductor')),
    ],
  };
}

export default defineSignal<AskObservation>({
  meta: { id: 'q1-content-asks', question: 'Q1', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract: countAsks,
  aggregate(observations) {
    const brand = observations.reduce((n, o) => n + o.obs.brandAsks, 0);
    const member = observations.reduce((n, o) => n + o.obs.memberAsks, 0);
    if (brand + member === 0)
      return { notMeasured: 'No invitations to take part were found in a language with a lexicon.', pagesObserved: observations.length };
    const share = brand / (brand + member);
    return {
      value: share,
      displayValue: `${pct(share)} of ${brand + member} asks serve the brand (${brand} brand, ${member} member-to-member)`,
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
