import { defineSignal } from '../types.js';
import { elementEvidence, noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { isLabel } from '../lexicon/index.js';
import { schemaAnswers, schemaNodes } from '../schema-org.js';
import { findStaffLabel } from '../q5/staff-labelled.js';
import { detectWall } from '../q1/open-content.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q3-expert-answers',
  {
    title: 'Expert or accepted answers on question threads',
    explanation:
      'The share of readable question and discussion threads that carry an answer marked as accepted or solving ' +
      '(in the page’s structured data, or a “Solution” or “Best answer” mark) or an answer from labelled staff. ' +
      'Expert and peer answers are knowledge people cannot easily get elsewhere; a community whose questions end ' +
      'without a settled answer offers little beyond the catalogue.',
    recommendation: 'Put experts where the questions are: have staff specialists and recognised members answer in the open threads.',
    impact: 'A question that ends with a settled answer helps everyone who searches for it later; unanswered threads teach visitors not to ask.',
    value: '{share, percent} of {threads, plural, one {# thread has} other {# threads have}} an accepted or staff answer',
    schemaAccepted: '{title}: an answer marked as accepted',
    labelAccepted: 'accepted answer',
    labelStaff: 'staff answer',
    none: 'No accepted or staff answer in {threads, plural, one {# thread} other {# threads}}.',
    labelNone: 'no expert answers',
    noThreads: 'No discussion or question threads were found.',
    walled: 'No thread could be read without signing in.',
  },
  {
    de: {
      title: 'Fachkundige oder akzeptierte Antworten in Fragen-Threads',
      explanation:
        'Der Anteil der lesbaren Fragen- und Diskussions-Threads mit einer Antwort, die als akzeptiert oder lösend ' +
        'markiert ist (in den strukturierten Daten der Seite oder durch eine Markierung wie „Lösung“ oder „Beste ' +
        'Antwort“), oder mit einer Antwort von gekennzeichnetem Personal. Antworten von Fachleuten und anderen ' +
        'Mitgliedern sind Wissen, das Menschen anderswo kaum bekommen; eine Community, deren Fragen ohne geklärte ' +
        'Antwort enden, bietet wenig über den Katalog hinaus.',
      recommendation:
        'Fachleute dorthin bringen, wo die Fragen gestellt werden: Spezialistinnen und Spezialisten sowie anerkannte Mitglieder in den offenen Threads antworten lassen.',
      impact: 'Eine Frage mit geklärter Antwort hilft allen, die später danach suchen; unbeantwortete Threads lehren Besucher, gar nicht erst zu fragen.',
      value: '{share, percent} {threads, plural, one {von # Thread hat} other {der # Threads haben}} eine akzeptierte Antwort oder eine Antwort des Personals',
      schemaAccepted: '{title}: eine als akzeptiert markierte Antwort',
      labelAccepted: 'akzeptierte Antwort',
      labelStaff: 'Antwort des Personals',
      none: 'Keine akzeptierte Antwort und keine Antwort des Personals in {threads, plural, one {# Thread} other {# Threads}}.',
      labelNone: 'keine fachkundigen Antworten',
      noThreads: 'Es wurden keine Diskussions- oder Fragen-Threads gefunden.',
      walled: 'Kein Thread ließ sich ohne Anmeldung lesen.',
    },
  },
);

const ACCEPTED_CLASS = /(?:^|[\s_-])(?:accepted|solution|solved|best-answer|is-solution|answer-accepted|verified)(?:$|[\s_-])/i;

export interface ExpertObservation {
  evidence: Evidence | null;
}

export function findExpertAnswer(page: PageContext): ExpertObservation | null {
  if (page.type !== 'thread' || detectWall(page).walled) return null;
  const { $ } = page;
  if (schemaAnswers(schemaNodes($))?.accepted)
    return { evidence: noteEvidence(page, str('schemaAccepted', { title: page.title }), str('labelAccepted'), 'conductor') };
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
    return { evidence: elementEvidence(page, blockText($, post.length ? post : labelled), str('labelAccepted'), 'conductor') };
  }
  const staff = findStaffLabel(page);
  if (staff) return { evidence: { ...staff, label: str('labelStaff'), points: 'conductor' } };
  return { evidence: null };
}

export default defineSignal<ExpertObservation>({
  meta: { id: 'q3-expert-answers', question: 'Q3', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract: findExpertAnswer,
  aggregate(observations, site) {
    if (!site.pages.some((p) => p.type === 'thread')) return { notApplicable: str('noThreads') };
    if (observations.length === 0) return { notMeasured: str('walled') };
    const withExpert = observations.filter((o) => o.obs.evidence);
    const share = withExpert.length / observations.length;
    const evidence = withExpert.map((o) => o.obs.evidence!);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { threads: observations.length }), str('labelNone'), 'producer'));
    return {
      value: share,
      display: str('value', { share, threads: observations.length }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
