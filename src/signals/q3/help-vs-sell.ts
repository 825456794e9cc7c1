import { defineSignal } from '../types.js';
import { CONTENT_TYPES } from '../page-type.js';
import { detectWall } from '../q1/open-content.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { EN, lexiconFor } from '../lexicon/index.js';
import { findAll, pct } from '../text.js';
import type { Element } from 'domhandler';
import { visibleText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Pages that help vs pages that sell',
  explanation:
    'Each page is classed by what its main content does: helps (threads, answers, reviews, guides, help articles) ' +
    'or sells (deals, coupons, catalogue pages, or any page where prices and calls to buy outweigh the content). ' +
    'The value is the helping share. A brand offers something people cannot get elsewhere when its pages help; ' +
    'when they mostly sell, the community is a storefront.',
};

export type PageRole = 'helps' | 'sells' | 'neither';

export interface RoleObservation {
  role: PageRole;
  prices: number;
  calls: number;
}

/** Sales weight of the main content: prices plus calls to buy (calls count double: they ask for action). */
export function salesWeight(page: PageContext): { prices: number; calls: number } {
  const lex = lexiconFor(page.lang) ?? EN;
  return { prices: findAll(page.mainText, lex.price).length, calls: findAll(page.mainText, lex.callToBuy).length };
}

/** Offers in a sidebar or a pop-up are the site's chrome, not what the thread or guide itself does. */
const SIDE = /(?:^|[\s_-])(?:modal|popup|pop-up|overlay|newsletter|sidebar|promo|ad|ads|advert)(?:$|[\s_-])/i;
function contentSalesWeight(page: PageContext): { prices: number; calls: number } {
  const { $ } = page;
  const main = $('main').first().length ? $('main').first() : $('body');
  const side = (el: Element) =>
    el.name === 'aside' || el.name === 'dialog' || $(el).attr('role') === 'dialog' || SIDE.test(`${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`);
  const text = visibleText(main.toArray(), { skip: side, noscript: page.readFromNoscript });
  const lex = lexiconFor(page.lang) ?? EN;
  return { prices: findAll(text, lex.price).length, calls: findAll(text, lex.callToBuy).length };
}

export function classifyRole(page: PageContext): RoleObservation {
  const { prices, calls } = CONTENT_TYPES.has(page.type) ? contentSalesWeight(page) : salesWeight(page);
  const sales = prices + 2 * calls;
  if (page.type === 'deal' || page.type === 'product' || page.type === 'catalogue') return { role: 'sells', prices, calls };
  if (CONTENT_TYPES.has(page.type)) {
    // A thread behind a sign-in wall helps no visitor: it is left out rather than counted as help.
    if (detectWall(page).walled) return { role: 'neither', prices, calls };
    // A content page drowning in offers (≥ 6 sales marks and more than one per 60 words) sells more than it helps.
    const dominated = sales >= 6 && sales * 60 > page.words;
    return { role: dominated ? 'sells' : 'helps', prices, calls };
  }
  if (sales >= 6) return { role: 'sells', prices, calls };
  return { role: 'neither', prices, calls };
}

export default defineSignal<RoleObservation>({
  meta: { id: 'q3-help-vs-sell', question: 'Q3', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    const obs = classifyRole(page);
    return obs.role === 'neither' ? null : obs;
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No page could be classed as helping or selling.' };
    const helps = observations.filter((o) => o.obs.role === 'helps');
    const sells = observations.filter((o) => o.obs.role === 'sells');
    const share = helps.length / observations.length;
    const ev = (o: (typeof observations)[number], label: string): Evidence =>
      elementEvidence(
        o.page,
        `${o.page.title} (${o.page.type}; ${o.obs.prices} prices, ${o.obs.calls} calls to buy)`,
        label,
        label === 'sells' ? 'producer' : 'conductor',
      );
    return {
      value: share,
      displayValue: `${pct(share)} help (${helps.length} help, ${sells.length} sell)`,
      evidence: [
        ...pickEvidence(
          sells.map((o) => ev(o, 'sells')),
          3,
        ),
        ...pickEvidence(
          helps.map((o) => ev(o, 'helps')),
          3,
        ),
      ],
      pagesObserved: observations.length,
    };
  },
});
