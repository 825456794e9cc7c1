import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'A member benefit beyond discounts',
  explanation:
    'Whether the site says what members gain, and whether that is more than discounts, points and deals (for ' +
    'example repair clinics, expert help, a tool library, events). The value is the share of benefit statements ' +
    'that name something other than money off. A brand that can only offer its members lower prices has nothing ' +
    'they cannot get elsewhere.',
};

export interface BenefitObservation {
  statements: Array<{ otherThanDiscount: boolean; evidence: Evidence }>;
}

export default defineSignal<BenefitObservation>({
  meta: { id: 'q3-member-benefit', question: 'Q3', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    const lex = lexiconFor(page.lang);
    if (!lex) return null;
    // What the brand says members gain, not what a member says they got.
    const statements = findAll(page.brandText, lex.memberBenefit).map((m) => {
      const other = lex.otherBenefit.test(m.match);
      return {
        otherThanDiscount: other,
        evidence: textEvidence(page, page.brandText, m, other ? 'benefit beyond discounts' : 'discount-only benefit', other ? 'conductor' : 'producer'),
      };
    });
    return { statements };
  },
  aggregate(observations) {
    // The same statement in a shared footer would count once per page: de-duplicate by snippet.
    const unique = new Map<string, { otherThanDiscount: boolean; evidence: Evidence }>();
    for (const o of observations) for (const s of o.obs.statements) if (!unique.has(s.evidence.snippet)) unique.set(s.evidence.snippet, s);
    const all = [...unique.values()];
    if (all.length === 0) {
      // Silence on a small crawl may be a sampling gap; on a real sample it is the finding.
      if (observations.length < 10)
        return { notMeasured: `No statement of what members gain on the ${observations.length} pages read.`, pagesObserved: observations.length };
      return {
        value: 0,
        displayValue: 'no statement of what members gain',
        evidence: [elementEvidence(observations[0]!.page, `None of ${observations.length} pages states what members gain.`, 'none found', 'producer')],
        pagesObserved: observations.length,
      };
    }
    const other = all.filter((s) => s.otherThanDiscount);
    const share = other.length / all.length;
    return {
      value: share,
      displayValue: other.length
        ? `${other.length} of ${all.length} benefit statements go beyond discounts`
        : `${all.length} benefit statement${all.length === 1 ? '' : 's'}, all about discounts or points`,
      evidence: pickEvidence(all.map((s) => s.evidence)),
      pagesObserved: observations.length,
    };
  },
});
