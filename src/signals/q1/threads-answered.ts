import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import { replyCount } from '../structure.js';
import { schemaAnswers, schemaNodes } from '../schema-org.js';
import { detectWall } from './open-content.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Threads answered by other members or staff',
  explanation:
    'The share of discussion and question threads that have at least one reply or answer, counted from the posts ' +
    'on the page, or from schema.org Q&A markup (answerCount, acceptedAnswer) where the posts cannot be read. People ' +
    'take part when help comes back: a conductor’s threads get answered, a producer’s community collects questions ' +
    'and content that nobody returns to. A thread behind a sign-in wall counts as showing no answer: the person ' +
    'deciding whether to take part cannot see any help coming back.',
};

export interface AnsweredObservation {
  answers: number;
  source: 'posts' | 'schema.org' | 'wall';
  evidence: Evidence;
}

/** Answers a thread shows. Visible posts outrank markup counts (Discourse declares answerCount 0 over nine posts). */
export function inspectAnswers(page: PageContext): AnsweredObservation | null {
  if (page.type !== 'thread') return null;
  if (detectWall(page).walled)
    return { answers: 0, source: 'wall', evidence: elementEvidence(page, `${page.title}: answers hidden behind sign-in`, 'answers not visible', 'producer') };
  const ev = (answers: number, how: string) =>
    elementEvidence(page, `${page.title}: ${how}`, answers ? 'answered' : 'unanswered', answers ? 'conductor' : 'producer');
  if (page.structure.posts.some((p) => p.kind === 'post')) {
    const answers = replyCount(page.structure);
    return { answers, source: 'posts', evidence: ev(answers, `${answers} repl${answers === 1 ? 'y' : 'ies'} on the page`) };
  }
  const schema = schemaAnswers(schemaNodes(page.$));
  if (schema) {
    const how = `schema.org declares ${schema.answers} answer${schema.answers === 1 ? '' : 's'}${schema.accepted ? ', one accepted' : ''}`;
    return { answers: schema.answers, source: 'schema.org', evidence: ev(schema.answers, how) };
  }
  // A thread page whose posts could not be read (a script-only page) tells nothing either way.
  return null;
}

export default defineSignal<AnsweredObservation>({
  meta: { id: 'q1-threads-answered', question: 'Q1', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract: inspectAnswers,
  aggregate(observations, site) {
    const threads = site.pages.filter((p) => p.type === 'thread').length;
    if (threads === 0) return { notApplicable: 'No discussion or question threads were found.' };
    if (observations.length === 0)
      return { notMeasured: `The posts of the ${threads} thread page${threads === 1 ? '' : 's'} found could not be read.`, pagesObserved: threads };
    const answered = observations.filter((o) => o.obs.answers > 0);
    const share = answered.length / observations.length;
    const unanswered = observations.filter((o) => o.obs.answers === 0);
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} threads show at least one answer`,
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
