import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { isLabel } from '../lexicon/index.js';
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

const BADGE_SELECTOR = '.badge, .role, .label, .tag, .flair, .user-title, .usertitle, .author-role, .rank, [class*="staff" i], [class*="moderator" i], [class*="official" i], [data-role]';

/**
 * A class or data-role token that marks a role ("staff", "is-staff", "role-moderator", "staff-badge"), not a widget
 * whose name merely starts with the word ("staff-picks", "official-store").
 */
const STAFF_TOKEN = /^(?:[a-z0-9]+[-_]+)?(?:staff|moderator|official|employee)(?:[-_]+(?:badge|label|tag|flair|post|reply|answer|member|user|role|title|name|author|response))?$/i;

export function findStaffLabel(page: PageContext): Evidence | null {
  const { $ } = page;
  const badge = $(BADGE_SELECTOR)
    .filter((_, el) => isLabel('staffLabel', $(el).text().trim(), page.lang) || `${$(el).attr('class') ?? ''} ${$(el).attr('data-role') ?? ''}`.split(/\s+/).some((t) => STAFF_TOKEN.test(t)))
    .first();
  if (!badge.length) return null;
  const post = badge.closest('article, .post, .reply, .answer, .comment, li');
  return elementEvidence(page, blockText($, post.length ? post : badge), `labelled ${badge.text().trim() || 'staff'} post`);
}

export default defineSignal<{ evidence: Evidence | null }>({
  meta: { id: 'q5-staff-labelled', question: 'Q5', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    return page.type === 'thread' ? { evidence: findStaffLabel(page) } : null;
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No discussion threads were found.' };
    const labelled = observations.filter((o) => o.obs.evidence);
    const share = labelled.length / observations.length;
    const evidence = labelled.map((o) => o.obs.evidence!);
    if (evidence.length === 0) evidence.push(elementEvidence(observations[0]!.page, `No labelled staff post in ${observations.length} threads.`, 'no labelled staff'));
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} threads have a labelled staff post`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
