import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Staff answers clearly labelled',
  explanation:
    'The share of discussion threads where someone from the brand takes part under a visible label (Staff, ' +
    'Moderator, Official, Employee). Labelled staff answers are human touch points people can trust; a brand that ' +
    'is absent from its members’ problems, or speaks in their spaces without saying who it is, is not acting as a ' +
    'friend.',
};

/** The first post on the page that carries a staff label, as evidence. */
export function findStaffLabel(page: PageContext): Evidence | null {
  const post = page.structure.posts.find((p) => p.staffLabel !== null);
  return post ? elementEvidence(page, blockText(page.$, post.el), `labelled ${post.staffLabel} post`, 'conductor') : null;
}

export default defineSignal<{ evidence: Evidence | null }>({
  meta: { id: 'q5-staff-labelled', question: 'Q5', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    return page.type === 'thread' ? { evidence: findStaffLabel(page) } : null;
  },
  aggregate(observations) {
    if (observations.length === 0) return { notApplicable: 'No discussion threads were found.' };
    const labelled = observations.filter((o) => o.obs.evidence);
    const share = labelled.length / observations.length;
    const evidence = labelled.map((o) => o.obs.evidence!);
    if (evidence.length === 0)
      evidence.push(elementEvidence(observations[0]!.page, `No labelled staff post in ${observations.length} threads.`, 'no labelled staff', 'producer'));
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} threads have a labelled staff post`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
