import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { truncate } from '../text.js';
import { replyCount } from '../structure.js';
import { schemaAnswers, schemaNodes } from '../schema-org.js';
import { detectWall } from './open-content.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';
import type { Message } from '../../i18n/message.js';

export const { strings: UIStrings, str } = signalText(
  'q1-threads-answered',
  {
    title: 'Threads answered by other members or staff',
    explanation:
      'The share of discussion and question threads that have at least one reply or answer, counted from the posts ' +
      'on the page, or, where the posts cannot be read, from the question-and-answer data the page declares for ' +
      'search engines (how many answers, whether one is accepted). People ' +
      'take part when help comes back: a conductor’s threads get answered, a producer’s community collects questions ' +
      'and content that nobody returns to. A thread behind a sign-in wall counts as showing no answer: the person ' +
      'deciding whether to take part cannot see any help coming back.',
    recommendation: 'Make sure questions get answers: route unanswered threads to staff or expert members within a set time.',
    impact:
      'A question left unanswered tells every later visitor that asking here is pointless; answered threads bring people back and are what search visitors find.',
    value: '{share, percent} of {threads, plural, one {# thread shows} other {# threads show}} at least one answer',
    hidden: '“{title}”: answers hidden behind sign-in.',
    replies: '“{title}”: {answers, plural, one {# reply} other {# replies}} on the page.',
    declared: '“{title}”: the page declares {answers, plural, one {# answer} other {# answers}}{accepted, select, yes {, one marked as accepted} other {}}.',
    noThreads: 'No discussion or question threads were found.',
    unreadable: 'The posts of the {threads, plural, one {# thread page} other {# thread pages}} found could not be read.',
    labelHidden: 'answers not visible',
    labelAnswered: 'answered',
    labelUnanswered: 'unanswered',
  },
  {
    de: {
      title: 'Von Mitgliedern oder Mitarbeitenden beantwortete Threads',
      explanation:
        'Der Anteil der Diskussions- und Frage-Threads mit mindestens einer Antwort, gezählt an den Beiträgen auf der ' +
        'Seite oder, wo sich die Beiträge nicht lesen lassen, an den Frage-Antwort-Daten, die die Seite für ' +
        'Suchmaschinen angibt (wie viele Antworten, ob eine akzeptiert ist). Menschen machen mit, wenn Hilfe ' +
        'zurückkommt: Die Threads eines Dirigenten werden beantwortet, die Community eines Produzenten sammelt Fragen ' +
        'und Inhalte, zu denen niemand zurückkehrt. Ein Thread hinter einer Anmeldesperre zählt als unbeantwortet: Wer ' +
        'überlegt mitzumachen, sieht keine Hilfe zurückkommen.',
      recommendation:
        'Dafür sorgen, dass Fragen Antworten bekommen: unbeantwortete Threads innerhalb einer festen Frist an Personal oder erfahrene Mitglieder weiterleiten.',
      impact:
        'Eine unbeantwortete Frage sagt jedem späteren Besucher, dass Fragen hier zwecklos ist; beantwortete Threads holen Menschen zurück und werden über Suchmaschinen gefunden.',
      value: '{share, percent} von {threads, plural, one {# Thread zeigt} other {# Threads zeigen}} mindestens eine Antwort',
      hidden: '„{title}“: Antworten hinter der Anmeldung verborgen.',
      replies: '„{title}“: {answers, plural, one {# Antwort} other {# Antworten}} auf der Seite.',
      declared:
        '„{title}“: Die Seite gibt {answers, plural, one {# Antwort} other {# Antworten}} an{accepted, select, yes {, eine davon als akzeptiert markiert} other {}}.',
      noThreads: 'Es wurden keine Diskussions- oder Frage-Threads gefunden.',
      unreadable: 'Die Beiträge {threads, plural, one {der gefundenen Thread-Seite} other {der # gefundenen Thread-Seiten}} ließen sich nicht lesen.',
      labelHidden: 'Antworten nicht sichtbar',
      labelAnswered: 'beantwortet',
      labelUnanswered: 'unbeantwortet',
    },
  },
);

export interface AnsweredObservation {
  answers: number;
  source: 'posts' | 'schema.org' | 'wall';
  evidence: Evidence;
}

/** Answers a thread shows. Visible posts outrank markup counts (Discourse declares answerCount 0 over nine posts). */
export function inspectAnswers(page: PageContext): AnsweredObservation | null {
  if (page.type !== 'thread') return null;
  const title = truncate(page.title, 120);
  if (detectWall(page).walled) return { answers: 0, source: 'wall', evidence: noteEvidence(page, str('hidden', { title }), str('labelHidden'), 'producer') };
  const ev = (answers: number, note: Message) =>
    noteEvidence(page, note, answers ? str('labelAnswered') : str('labelUnanswered'), answers ? 'conductor' : 'producer');
  if (page.structure.posts.some((p) => p.kind === 'post')) {
    const answers = replyCount(page.structure);
    return { answers, source: 'posts', evidence: ev(answers, str('replies', { title, answers })) };
  }
  const schema = schemaAnswers(schemaNodes(page.$));
  if (schema) {
    const note = str('declared', { title, answers: schema.answers, accepted: schema.accepted ? 'yes' : 'no' });
    return { answers: schema.answers, source: 'schema.org', evidence: ev(schema.answers, note) };
  }
  // A thread page whose posts could not be read (a script-only page) tells nothing either way.
  return null;
}

export default defineSignal<AnsweredObservation>({
  meta: { id: 'q1-threads-answered', question: 'Q1', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract: inspectAnswers,
  aggregate(observations, site) {
    const threads = site.pages.filter((p) => p.type === 'thread').length;
    if (threads === 0) return { notApplicable: str('noThreads') };
    if (observations.length === 0) return { notMeasured: str('unreadable', { threads }), pagesObserved: threads };
    const answered = observations.filter((o) => o.obs.answers > 0);
    const share = answered.length / observations.length;
    const unanswered = observations.filter((o) => o.obs.answers === 0);
    return {
      value: share,
      display: str('value', { share, threads: observations.length }),
      evidence: [
        ...pickEvidence(
          unanswered.map((o) => o.obs.evidence),
          3,
        ),
        ...pickEvidence(
          answered.map((o) => o.obs.evidence),
          3,
        ),
      ],
      pagesObserved: observations.length,
    };
  },
});
