import { defineSignal } from '../types.js';
import { elementEvidence, noteEvidence, pickEvidence, textEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { listValues, wordedList } from '../word-list.js';
import { lexiconFor } from '../lexicon/index.js';
import { findAll } from '../text.js';
import type { Evidence } from '../../result/types.js';

const TERM_WORDS_EN =
  'perpetual {perpetual} irrevocable {irrevocable} sublicensable {sublicensable} royaltyfree {royalty-free} worldwide {worldwide} transferable {transferable} unrestricted {unrestricted} other {broad}';
const TERM_WORDS_DE =
  'perpetual {unbefristet} irrevocable {unwiderruflich} sublicensable {unterlizenzierbar} royaltyfree {unentgeltlich} worldwide {weltweit} transferable {übertragbar} unrestricted {uneingeschränkt} other {weitreichend}';
/** `{terms}`: the breadth terms found (positional values from listValues), worded in the reader's language. */
const TERMS_EN = wordedList('t', 7, TERM_WORDS_EN, 'and');
const TERMS_DE = wordedList('t', 7, TERM_WORDS_DE, 'und');

export const { strings: UIStrings, str } = signalText(
  'q2-licence-grab',
  {
    title: 'Licence claimed over members’ content',
    explanation:
      'Whether the terms take a perpetual, irrevocable, sublicensable licence to what members write, or make their ' +
      'ideas the brand’s property, counted as the number of such breadth terms and transfers found. A conductor ' +
      'leaves ownership with the author and asks only for what it needs to show the post.',
    recommendation: 'Narrow the terms: take only the licence needed to show members’ posts on the site, and let members delete them.',
    impact:
      'People write less, and less openly, when the brand claims their words for ever; sweeping licence clauses in consumer terms can also be challenged as unfair.',
    value:
      '{tCount, plural, =0 {{transfer, select, yes {content becomes the brand’s property} other {{kept, select, yes {authors keep ownership; no broad licence} other {no broad licence found}}}}} other {licence terms: ' +
      TERMS_EN +
      '{transfer, select, yes {; content becomes the brand’s property} other {}}}}',
    noTerms: 'No terms of use page in a language with a word list was found on the crawled pages.',
    none: 'The terms grant no perpetual or irrevocable licence and transfer no ownership.',
    labelGrant: 'licence grant',
    labelTransfer: 'ownership transfer',
    labelKept: 'author keeps ownership',
    labelNone: 'no licence grab',
  },
  {
    de: {
      title: 'Beanspruchte Lizenz an Inhalten der Mitglieder',
      explanation:
        'Ob die Nutzungsbedingungen eine unbefristete, unwiderrufliche, unterlizenzierbare Lizenz an dem verlangen, was ' +
        'Mitglieder schreiben, oder ihre Ideen zum Eigentum der Marke machen, gezählt als Zahl solcher weitreichender ' +
        'Bedingungen und Übertragungen. Ein Dirigent lässt das Eigentum bei den Verfassern und verlangt nur, was er ' +
        'braucht, um den Beitrag zu zeigen.',
      recommendation:
        'Die Bedingungen eingrenzen: nur die Lizenz verlangen, die zum Anzeigen der Beiträge auf der Website nötig ist, und Mitglieder ihre Beiträge löschen lassen.',
      impact:
        'Menschen schreiben weniger und weniger offen, wenn die Marke ihre Worte für immer beansprucht; weitreichende Lizenzklauseln in Verbraucherbedingungen können zudem als unangemessen angefochten werden.',
      value:
        '{tCount, plural, =0 {{transfer, select, yes {Inhalte werden Eigentum der Marke} other {{kept, select, yes {Verfasser behalten das Eigentum; keine weitreichende Lizenz} other {keine weitreichende Lizenz gefunden}}}}} other {Lizenzbedingungen: ' +
        TERMS_DE +
        '{transfer, select, yes {; Inhalte werden Eigentum der Marke} other {}}}}',
      noTerms: 'Auf den gecrawlten Seiten wurden keine Nutzungsbedingungen in einer Sprache mit Wortliste gefunden.',
      none: 'Die Bedingungen räumen keine unbefristete oder unwiderrufliche Lizenz ein und übertragen kein Eigentum.',
      labelGrant: 'Lizenzeinräumung',
      labelTransfer: 'Eigentumsübertragung',
      labelKept: 'Verfasser behalten das Eigentum',
      labelNone: 'keine weitreichende Lizenz',
    },
  },
);

export interface LicenceObservation {
  breadth: string[];
  transfer: boolean;
  kept: boolean;
  evidence: Evidence[];
}

/**
 * The breadth terms in a sentence, as the lower-case word without hyphens or spaces ("sub-licensable" → "sublicensable"), or,
 * when the pattern names its groups, as the group's name: a lexicon then counts its synonyms as one term (German
 * "unbefristet" and "zeitlich unbegrenzt" are both "perpetual").
 */
export function breadthTerms(sentence: string, pattern: RegExp): string[] {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return [...sentence.matchAll(re)].map((m) => {
    const named = Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined);
    return named ? named[0] : m[0].toLowerCase().replace(/[-\s]/g, '');
  });
}

export default defineSignal<LicenceObservation>({
  meta: { id: 'q2-licence-grab', question: 'Q2', direction: 'producer', requires: ['html'], effort: 'high' },
  strings: UIStrings,
  extract(page) {
    if (page.type !== 'terms') return null;
    // Terms in a language without a lexicon are not read with English patterns: silence there would score as "no grab".
    const lex = lexiconFor(page.lang);
    if (!lex) return null;
    const text = page.mainText;
    // Breadth words only count inside a sentence that grants a licence or rights.
    const sentences = text.split(/(?<=[.;!?])\s+/);
    const breadth = new Set<string>();
    const evidence: Evidence[] = [];
    for (const s of sentences) {
      if (!lex.licenceGrant.test(s)) continue;
      const words = breadthTerms(s, lex.licenceBreadth);
      if (words.length) {
        words.forEach((w) => breadth.add(w));
        evidence.push(elementEvidence(page, s, str('labelGrant'), 'producer'));
      }
    }
    const transfer = findAll(text, lex.ownershipTransfer);
    if (transfer[0]) evidence.push(textEvidence(page, text, transfer[0], str('labelTransfer'), 'producer'));
    const keptMatch = lex.ownershipKept.exec(text);
    if (keptMatch && evidence.length === 0)
      evidence.push(textEvidence(page, text, { match: keptMatch[0], index: keptMatch.index }, str('labelKept'), 'conductor'));
    return { breadth: [...breadth].sort(), transfer: transfer.length > 0, kept: Boolean(keptMatch), evidence };
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: str('noTerms') };
    const breadth = [...new Set(observations.flatMap((o) => o.obs.breadth))].sort();
    const transfer = observations.some((o) => o.obs.transfer);
    const value = breadth.length + (transfer ? 2 : 0);
    const evidence = observations.flatMap((o) => o.obs.evidence);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none'), str('labelNone'), 'conductor'));
    const kept = observations.some((o) => o.obs.kept);
    return {
      value,
      display: str('value', { ...listValues('t', breadth), transfer: transfer ? 'yes' : 'no', kept: kept ? 'yes' : 'no' }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
