import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll, pct } from '../text.js';
import { visibleText, type PageContext } from '../page-context.js';
import { outermost } from '../structure.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Sales pitches inside help threads',
  explanation:
    'The share of help and support threads whose posts (not the site’s banners) carry a call to buy, a coupon ' +
    'code or a deal. Answering a member’s problem with a promotion is acting as a seller while claiming to be a ' +
    'friend; a conductor answers the question.',
};

export function isHelpThread(page: PageContext): boolean {
  if (page.type === 'help') return true;
  if (page.type !== 'thread') return false;
  const crumbs = page.$('.breadcrumb, .breadcrumbs, nav[aria-label*="breadcrumb" i]').text();
  // Titles and breadcrumbs are read in the page's language; without a lexicon only the path says "help".
  const context = lexiconFor(page.lang)?.helpContext;
  return /\/(help|support)/i.test(new URL(page.url).pathname) || (context !== undefined && (context.test(crumbs) || context.test(page.title)));
}

/** Text of the posts themselves: site chrome and ad banners are another signal's business. */
export function postsText(page: PageContext): string {
  const posts = outermost(page.structure.posts.filter((p) => p.kind === 'post'));
  return posts.length ? posts.map((p) => visibleText(p.el[0]!)).join('\n') : page.mainText;
}

export default defineSignal<{ readable: boolean; pitched: boolean; evidence: Evidence | null }>({
  meta: { id: 'q5-sales-in-help', question: 'Q5', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    if (!isHelpThread(page)) return null;
    const lex = lexiconFor(page.lang);
    // A help thread in a language without a word list is there, but cannot be read for pitches.
    if (!lex) return { readable: false, pitched: false, evidence: null };
    const text = postsText(page);
    const m = findAll(text, lex.callToBuy)[0];
    return { readable: true, pitched: Boolean(m), evidence: m ? textEvidence(page, text, m, 'sales pitch in a help thread', 'producer') : null };
  },
  aggregate(found) {
    if (found.length === 0) return { notApplicable: 'No help or support threads were found.' };
    const observations = found.filter((o) => o.obs.readable);
    if (observations.length === 0)
      return {
        notMeasured: `The ${found.length} help thread${found.length === 1 ? ' is' : 's are'} in a language without a word list.`,
        pagesObserved: found.length,
      };
    const pitched = observations.filter((o) => o.obs.pitched);
    const share = pitched.length / observations.length;
    const evidence = pitched.map((o) => o.obs.evidence!);
    if (evidence.length === 0)
      evidence.push(elementEvidence(observations[0]!.page, `No sales pitch in ${observations.length} help threads.`, 'none found', 'conductor'));
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} help threads`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
