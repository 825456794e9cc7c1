import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import { signalText } from '../strings.js';
import { visibleText, type PageContext } from '../page-context.js';
import { outermost } from '../structure.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q5-sales-in-help',
  {
    title: 'Sales pitches inside help threads',
    explanation:
      'The share of help and support threads whose posts (not the site’s banners) carry a call to buy, a coupon ' +
      'code or a deal. Answering a member’s problem with a promotion is acting as a seller while claiming to be a ' +
      'friend; a conductor answers the question.',
    recommendation: 'Keep sales pitches out of help threads: answer the problem first, and link a product only when the member asks.',
    impact: 'A member who asks for help and gets a sales pitch learns that the community serves the brand’s sales, not them, and stops asking.',
    value: '{share, percent} of {threads, plural, one {# help thread} other {# help threads}}',
    none: 'No sales pitch in {threads, plural, one {# help thread} other {# help threads}}.',
    labelPitch: 'sales pitch in a help thread',
    labelNone: 'none found',
    noHelpThreads: 'No help or support threads were found.',
    noWordList: 'The {threads, plural, one {# help thread is} other {# help threads are}} in a language without a word list.',
  },
  {
    de: {
      title: 'Verkaufsbotschaften in Hilfe-Threads',
      explanation:
        'Der Anteil der Hilfe- und Support-Threads, deren Beiträge (nicht die Banner der Website) eine Kaufaufforderung, ' +
        'einen Gutscheincode oder ein Angebot enthalten. Wer auf das Problem eines Mitglieds mit einer Werbeaktion ' +
        'antwortet, handelt als Verkäufer und gibt sich als Freund aus; ein Dirigent beantwortet die Frage.',
      recommendation: 'Verkaufsgespräche aus Hilfe-Threads heraushalten: zuerst das Problem lösen und ein Produkt nur verlinken, wenn das Mitglied fragt.',
      impact:
        'Ein Mitglied, das um Hilfe bittet und ein Verkaufsangebot bekommt, lernt, dass die Community dem Umsatz der Marke dient und nicht ihm, und fragt nicht mehr.',
      value: '{share, percent} von {threads, plural, one {# Hilfe-Thread} other {# Hilfe-Threads}}',
      none: 'Keine Verkaufsbotschaft in {threads, plural, one {# Hilfe-Thread} other {# Hilfe-Threads}}.',
      labelPitch: 'Verkaufsbotschaft in einem Hilfe-Thread',
      labelNone: 'keine gefunden',
      noHelpThreads: 'Es wurden keine Hilfe- oder Support-Threads gefunden.',
      noWordList: '{threads, plural, one {Der # Hilfe-Thread ist} other {Die # Hilfe-Threads sind}} in einer Sprache ohne Wortliste.',
    },
  },
);

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
  meta: { id: 'q5-sales-in-help', question: 'Q5', direction: 'producer', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract(page) {
    if (!isHelpThread(page)) return null;
    const lex = lexiconFor(page.lang);
    // A help thread in a language without a word list is there, but cannot be read for pitches.
    if (!lex) return { readable: false, pitched: false, evidence: null };
    const text = postsText(page);
    const m = findAll(text, lex.callToBuy)[0];
    return { readable: true, pitched: Boolean(m), evidence: m ? textEvidence(page, text, m, str('labelPitch'), 'producer') : null };
  },
  aggregate(found) {
    if (found.length === 0) return { notApplicable: str('noHelpThreads') };
    const observations = found.filter((o) => o.obs.readable);
    if (observations.length === 0) return { notMeasured: str('noWordList', { threads: found.length }), pagesObserved: found.length };
    const pitched = observations.filter((o) => o.obs.pitched);
    const share = pitched.length / observations.length;
    const evidence = pitched.map((o) => o.obs.evidence!);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { threads: observations.length }), str('labelNone'), 'conductor'));
    return {
      value: share,
      display: str('value', { share, threads: observations.length }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
