import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { pct } from '../text.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Guides, how-tos and tools',
  explanation:
    'The share of pages that teach or equip: schema.org HowTo markup, a guide page, a “How to…” heading over a list ' +
    'of steps, a reference table on a guide or tool page, or an interactive tool (a calculator form). Guides and tools are value people take away and use on ' +
    'their own terms; a producer’s pages offer products and deals instead.',
};

const SKIP_TYPES = new Set(['signin', 'signup', 'privacy', 'terms', 'contact']);

export interface GuideObservation {
  guide: boolean;
  evidence: Evidence | null;
}

export function inspectGuide(page: PageContext): GuideObservation | null {
  if (SKIP_TYPES.has(page.type)) return null;
  const { $ } = page;
  if (page.schemaTypes.includes('HowTo')) return { guide: true, evidence: elementEvidence(page, `${page.title}: schema.org HowTo`, 'how-to', 'conductor') };
  // A heading only makes a guide when the page also lists steps (or is a guide template): "How to save 20%" on a deal page is not one.
  const list = $('main ol, article ol, ol')
    .filter((_, el) => $(el).children('li').length >= 3)
    .first();
  const numbered = $('h2, h3').filter((_, el) => /^(?:\d{1,2}[.)]\s|step \d)/i.test($(el).text().trim()));
  const stepCount = list.length ? list.children('li').length : numbered.length >= 3 ? numbered.length : 0;
  // Headings are read in the page's language; without a lexicon only markup, the guide template and tools count.
  const howTo = lexiconFor(page.lang)?.howToHeading;
  const heading = $('h1, h2, h3')
    .filter((_, el) => howTo?.test($(el).text().trim()) ?? false)
    .first();
  if ((page.type === 'guide' || heading.length) && stepCount) {
    return { guide: true, evidence: elementEvidence(page, `${heading.text().trim() || page.title}: ${stepCount} steps`, 'guide with steps', 'conductor') };
  }
  // A reference table on a guide or tool page (torque settings, sizes, pressures) is a tool people use.
  const table = $('main table, article table')
    .filter((_, el) => $(el).find('tr').length >= 4)
    .first();
  if (page.type === 'guide' && table.length)
    return { guide: true, evidence: elementEvidence(page, `${page.title}: reference table of ${table.find('tr').length} rows`, 'reference tool', 'conductor') };
  const tool = $('main form, article form')
    .filter((_, el) => $(el).find('input[type="number"], output, [class*="calculator" i]').length > 0)
    .first();
  if (tool.length) return { guide: true, evidence: elementEvidence(page, `${page.title}: ${blockText($, tool)}`, 'tool', 'conductor') };
  return { guide: false, evidence: null };
}

export default defineSignal<GuideObservation>({
  meta: { id: 'q3-guides-present', question: 'Q3', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract: inspectGuide,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No pages with content were found.' };
    const guides = observations.filter((o) => o.obs.guide);
    const share = guides.length / observations.length;
    const evidence = guides.map((o) => o.obs.evidence!);
    if (evidence.length === 0)
      evidence.push(elementEvidence(observations[0]!.page, `No guide, how-to or tool among ${observations.length} pages.`, 'no guides', 'producer'));
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} pages are guides, how-tos or tools`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
