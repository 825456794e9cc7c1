import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { isLabel } from '../lexicon/index.js';
import { pct } from '../text.js';
import { schemaAnswers, schemaNodes } from '../schema-org.js';
import { findStaffLabel } from '../q5/staff-labelled.js';
import { detectWall } from '../q1/open-content.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Expert or accepted answers on question threads',
  explanation:
    'The share of readable question and discussion threads that carry an answer marked as accepted or solving ' +
    '(schema.org acceptedAnswer, a “Solution” or “Best answer” mark) or an answer from labelled staff. Expert and ' +
    'peer answers are knowledge people cannot easily get elsewhere; a community whose questions end without a ' +
    'settled answer offers little beyond the catalogue.',
};

const ACCEPTED_CLASS = /(?:^|[\s_-])(?:accepted|solution|solved|best-answer|is-solution|answer-accepted|verified)(?:$|[\s_-])/i;

export interface ExpertObservation {
  evidence: Evidence | null;
}

export function findExpertAnswer(page: PageContext): ExpertObservation | null {
  if (page.type !== 'thread' || detectWall(page).walled) return null;
  const { $ } = page;
  if (schemaAnswers(schemaNodes($))?.accepted)
    return { evidence: elementEvidence(page, `${page.title}: an answer marked as accepted`, 'accepted answer', 'conductor') };
  const marked = $('[class]')
    .filter(
      (_, el) =>
        ACCEPTED_CLASS.test($(el).attr('class') ?? '') &&
        $(el)
          .closest('header, nav, footer')
          .filter((_, h) => $(h).parents('article, main').length === 0).length === 0,
    )
    .first();
  const labelled = marked.length
    ? marked
    : $('.badge, .label, .tag, .flair, .status, strong, span')
        .filter((_, el) => isLabel('acceptedLabel', $(el).text().trim(), page.lang))
        .first();
  if (labelled.length) {
    const post = labelled.closest('article, .post, .reply, .answer, .comment, li');
    return { evidence: elementEvidence(page, blockText($, post.length ? post : labelled), 'accepted answer', 'conductor') };
  }
  const staff = findStaffLabel(page);
  if (staff) return { evidence: { ...staff, label: 'staff answer', points: 'conductor' } };
  return { evidence: null };
}

export default defineSignal<ExpertObservation>({
  meta: { id: 'q3-expert-answers', question: 'Q3', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract: findExpertAnswer,
  aggregate(observations, site) {
    if (!site.pages.some((p) => p.type === 'thread')) return { notApplicable: 'No discussion or question threads were found.' };
    if (observations.length === 0) return { notMeasured: 'No thread could be read without signing in.' };
    const withExpert = observations.filter((o) => o.obs.evidence);
    const share = withExpert.length / observations.length;
    const evidence = withExpert.map((o) => o.obs.evidence!);
    if (evidence.length === 0)
      evidence.push(elementEvidence(observations[0]!.page, `No accepted or staff answer in ${observations.length} threads.`, 'no expert answers', 'producer'));
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} threads have an accepted or staff answer`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
