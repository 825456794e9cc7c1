import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q3-member-benefit',
  {
    title: 'A member benefit beyond discounts',
    explanation:
      'Whether the site says what members gain, and whether that is more than discounts, points and deals (for ' +
      'example repair clinics, expert help, a tool library, events). The value is the share of benefit statements ' +
      'that name something other than money off. A brand that can only offer its members lower prices has nothing ' +
      'they cannot get elsewhere.',
    recommendation: 'State plainly what members gain beyond discounts — expert answers, tools, knowledge — and put it where people join.',
    impact: 'A membership that offers only money off is matched by the next coupon; one that offers help and knowledge gives people a reason to stay.',
    value: '{other} of {all, plural, one {# benefit statement goes} other {# benefit statements go}} beyond discounts',
    valueDiscountOnly: '{all, plural, one {# benefit statement} other {# benefit statements}}, all about discounts or points',
    valueNone: 'no statement of what members gain',
    labelBeyond: 'benefit beyond discounts',
    labelDiscount: 'discount-only benefit',
    none: 'None of {pages, plural, one {the # page} other {the # pages}} states what members gain.',
    labelNone: 'none found',
    fewPages: 'No statement of what members gain on {pages, plural, one {the # page} other {the # pages}} read.',
    noLanguage: 'No page was read in a language this signal has a word list for.',
  },
  {
    de: {
      title: 'Ein Vorteil für Mitglieder über Rabatte hinaus',
      explanation:
        'Ob die Website sagt, was Mitglieder gewinnen, und ob das mehr ist als Rabatte, Punkte und Angebote (zum ' +
        'Beispiel Reparatur-Workshops, Hilfe von Fachleuten, eine Werkzeugbibliothek, Veranstaltungen). Der Wert ist ' +
        'der Anteil der Aussagen über Vorteile, die etwas anderes als Preisnachlässe nennen. Eine Marke, die ihren ' +
        'Mitgliedern nur niedrigere Preise bieten kann, hat nichts, was sie nicht auch anderswo bekämen.',
      recommendation:
        'Klar sagen, was Mitglieder über Rabatte hinaus gewinnen – Antworten von Fachleuten, Werkzeuge, Wissen – und es dort zeigen, wo man beitritt.',
      impact:
        'Eine Mitgliedschaft, die nur Preisnachlässe bietet, wird vom nächsten Gutschein eingeholt; eine, die Hilfe und Wissen bietet, gibt Menschen einen Grund zu bleiben.',
      value: '{other} von {all, plural, one {# Aussage über Vorteile geht} other {# Aussagen über Vorteile gehen}} über Rabatte hinaus',
      valueDiscountOnly: '{all, plural, one {# Aussage über Vorteile} other {# Aussagen über Vorteile}}, alle zu Rabatten oder Punkten',
      valueNone: 'keine Aussage darüber, was Mitglieder gewinnen',
      labelBeyond: 'Vorteil über Rabatte hinaus',
      labelDiscount: 'nur Rabatte als Vorteil',
      none: '{pages, plural, one {Die # gelesene Seite sagt} other {Keine der # gelesenen Seiten sagt}} nicht, was Mitglieder gewinnen.',
      labelNone: 'keine gefunden',
      fewPages: 'Keine Aussage darüber, was Mitglieder gewinnen, auf {pages, plural, one {der # gelesenen Seite} other {den # gelesenen Seiten}}.',
      noLanguage: 'Keine Seite war in einer Sprache, für die dieses Signal eine Wortliste hat.',
    },
  },
);

export interface BenefitObservation {
  statements: Array<{ otherThanDiscount: boolean; evidence: Evidence }>;
}

export default defineSignal<BenefitObservation>({
  meta: { id: 'q3-member-benefit', question: 'Q3', direction: 'conductor', requires: ['html'], effort: 'low' },
  strings: UIStrings,
  extract(page) {
    const lex = lexiconFor(page.lang);
    if (!lex) return null;
    // What the brand says members gain, not what a member says they got.
    const statements = findAll(page.brandText, lex.memberBenefit).map((m) => {
      const other = lex.otherBenefit.test(m.match);
      return {
        otherThanDiscount: other,
        evidence: textEvidence(page, page.brandText, m, str(other ? 'labelBeyond' : 'labelDiscount'), other ? 'conductor' : 'producer'),
      };
    });
    return { statements };
  },
  aggregate(observations) {
    // The same statement in a shared footer would count once per page: de-duplicate by snippet.
    const unique = new Map<string, { otherThanDiscount: boolean; evidence: Evidence }>();
    for (const o of observations) for (const s of o.obs.statements) if (!unique.has(s.evidence.snippet ?? '')) unique.set(s.evidence.snippet ?? '', s);
    const all = [...unique.values()];
    if (all.length === 0) {
      // Silence on a small crawl may be a sampling gap; on a real sample it is the finding.
      if (observations.length === 0) return { notMeasured: str('noLanguage'), pagesObserved: 0 };
      if (observations.length < 10) return { notMeasured: str('fewPages', { pages: observations.length }), pagesObserved: observations.length };
      return {
        value: 0,
        display: str('valueNone'),
        evidence: [noteEvidence(observations[0]!.page, str('none', { pages: observations.length }), str('labelNone'), 'producer')],
        pagesObserved: observations.length,
      };
    }
    const other = all.filter((s) => s.otherThanDiscount);
    const share = other.length / all.length;
    return {
      value: share,
      display: other.length ? str('value', { other: other.length, all: all.length }) : str('valueDiscountOnly', { all: all.length }),
      evidence: pickEvidence(all.map((s) => s.evidence)),
      pagesObserved: observations.length,
    };
  },
});
