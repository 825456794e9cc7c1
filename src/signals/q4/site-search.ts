import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Site search available',
  explanation:
    'The share of pages that offer a search box for the site (a search form, a search landmark or a search ' +
    'input). Search lets people go straight to what they need; a site without it makes them wander through what ' +
    'the brand chose to put in their way.',
};

export function findSearch(page: PageContext): Evidence | null {
  const { $ } = page;
  const el = $('form[role="search"], [role="search"], search, input[type="search"], form[action*="search" i]').first();
  if (!el.length) return null;
  const form = el.is('form') ? el : el.closest('form');
  return elementEvidence(
    page,
    `Search form${form.attr('action') ? ` (action="${form.attr('action')}")` : ''}: ${el.find('input').attr('aria-label') ?? el.attr('aria-label') ?? el.find('input').attr('placeholder') ?? ''}`.trim(),
    'site search',
    'conductor',
  );
}

export default defineSignal<{ evidence: Evidence | null }>({
  meta: { id: 'q4-site-search', question: 'Q4', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    return { evidence: findSearch(page) };
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No pages were fetched.' };
    const hits = observations.filter((o) => o.obs.evidence);
    const share = hits.length / observations.length;
    const evidence = hits.map((o) => o.obs.evidence!);
    if (evidence.length === 0)
      evidence.push(elementEvidence(observations[0]!.page, `No search form on any of ${observations.length} pages.`, 'no search', 'producer'));
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} pages`,
      evidence: pickEvidence(evidence, 3),
      pagesObserved: observations.length,
    };
  },
});
