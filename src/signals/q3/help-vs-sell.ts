import { defineSignal } from '../types.js';
import { CONTENT_TYPES } from '../page-type.js';
import { detectWall } from '../q1/open-content.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { EN, lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Element } from 'domhandler';
import { visibleText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

const PAGE_TYPE =
  '{type, select, deal {deal} product {product} catalogue {catalogue} thread {thread} review {reviews} idea {idea} guide {guide} help {help} home {home page} listing {list of threads} other {page}}';
const PAGE_TYPE_DE =
  '{type, select, deal {Angebot} product {Produkt} catalogue {Katalog} thread {Thread} review {Bewertungen} idea {Idee} guide {Anleitung} help {Hilfe} home {Startseite} listing {Thread-Liste} other {Seite}}';

export const { strings: UIStrings, str } = signalText(
  'q3-help-vs-sell',
  {
    title: 'Pages that help vs pages that sell',
    explanation:
      'Each page is classed by what its main content does: helps (threads, answers, reviews, guides, help articles) ' +
      'or sells (deals, coupons, catalogue pages, or any page where prices and calls to buy outweigh the content). ' +
      'The value is the helping share. A brand offers something people cannot get elsewhere when its pages help; ' +
      'when they mostly sell, the community is a storefront.',
    recommendation: 'Shift the community pages from catalogue and deals towards guides, how-tos and answered questions.',
    impact: 'People come back to a community that solves their problems; one that mostly sells to them is just another shop, and they compare it on price.',
    value: '{share, percent} help ({helps} help, {sells} sell)',
    page: '{title} (' + PAGE_TYPE + '; {prices, plural, one {# price} other {# prices}}, {calls, plural, one {# call to buy} other {# calls to buy}})',
    labelHelps: 'helps',
    labelSells: 'sells',
    nothing: 'No page could be classed as helping or selling.',
  },
  {
    de: {
      title: 'Seiten, die helfen, und Seiten, die verkaufen',
      explanation:
        'Jede Seite wird danach eingeordnet, was ihr Hauptinhalt tut: Sie hilft (Threads, Antworten, Bewertungen, ' +
        'Anleitungen, Hilfeartikel) oder sie verkauft (Angebote, Gutscheine, Katalogseiten oder jede Seite, auf der ' +
        'Preise und Kaufaufforderungen den Inhalt überwiegen). Der Wert ist der Anteil der helfenden Seiten. Eine Marke ' +
        'bietet etwas, das Menschen anderswo nicht bekommen, wenn ihre Seiten helfen; verkaufen sie überwiegend, ist ' +
        'die Community ein Schaufenster.',
      recommendation: 'Die Community-Seiten von Katalog und Angeboten hin zu Anleitungen, Ratgebern und beantworteten Fragen verlagern.',
      impact:
        'Menschen kommen zu einer Community zurück, die ihre Probleme löst; eine, die ihnen vor allem etwas verkauft, ist nur ein weiterer Shop, den sie am Preis messen.',
      value: '{share, percent} helfen ({helps, plural, one {# hilft} other {# helfen}}, {sells, plural, one {# verkauft} other {# verkaufen}})',
      page:
        '{title} (' +
        PAGE_TYPE_DE +
        '; {prices, plural, one {# Preis} other {# Preise}}, {calls, plural, one {# Kaufaufforderung} other {# Kaufaufforderungen}})',
      labelHelps: 'hilft',
      labelSells: 'verkauft',
      nothing: 'Keine Seite ließ sich als helfend oder verkaufend einordnen.',
    },
  },
);

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
    el.name === 'aside' || el.name === 'dialog' || el.attribs.role === 'dialog' || SIDE.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
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
  meta: { id: 'q3-help-vs-sell', question: 'Q3', direction: 'conductor', requires: ['html'], effort: 'high' },
  strings: UIStrings,
  extract(page) {
    const obs = classifyRole(page);
    return obs.role === 'neither' ? null : obs;
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: str('nothing') };
    const helps = observations.filter((o) => o.obs.role === 'helps');
    const sells = observations.filter((o) => o.obs.role === 'sells');
    const share = helps.length / observations.length;
    const ev = (o: (typeof observations)[number], role: 'helps' | 'sells'): Evidence =>
      noteEvidence(
        o.page,
        str('page', { title: o.page.title, type: o.page.type, prices: o.obs.prices, calls: o.obs.calls }),
        str(role === 'sells' ? 'labelSells' : 'labelHelps'),
        role === 'sells' ? 'producer' : 'conductor',
      );
    return {
      value: share,
      display: str('value', { share, helps: helps.length, sells: sells.length }),
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
