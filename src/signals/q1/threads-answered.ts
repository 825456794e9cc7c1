import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import { countReplies } from '../posts.js';
import { schemaAnswers, schemaNodes } from '../schema-org.js';
import { detectWall } from './open-content.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Threads answered by other members or staff',
  explanation:
    'The share of discussion and question threads that have at least one reply or answer, read from schema.org ' +
    'Q&A markup (answerCount, acceptedAnswer, suggestedAnswer) or from the posts on the page. People take part ' +
    'when help comes back: a conductor’s threads get answered, a producer’s community collects questions and ' +
    'content that nobody returns to. A thread behind a sign-in wall counts as showing no answer: the person deciding ' +
    'whether to take part cannot see any help coming back.',
};

export interface AnsweredObservation {
  answers: number;
  source: 'schema.org' | 'posts' | 'wall';
  evidence: Evidence;
}

export function inspectAnswers(page: PageContext): AnsweredObservation | null {
  if (page.type !== 'thread') return null;
  if (detectWall(page).walled) return { answers: 0, source: 'wall', evidence: elementEvidence(page, `${page.title}: answers hidden behind sign-in`, 'answers not visible') };
  const schema = schemaAnswers(schemaNodes(page.$));
  if (schema) {
    return {
      answers: schema.answers,
      source: 'schema.org',
      evidence: elementEvidence(page, `${page.title}: schema.org declares ${schema.answers} answer${schema.answers === 1 ? '' : 's'}${schema.accepted ? ', one accepted' : ''}`, schema.answers ? 'answered' : 'unanswered'),
    };
  }
  const answers = countReplies(page);
  return { answers, source: 'posts', evidence: elementEvidence(page, `${page.title}: ${answers} repl${answers === 1 ? 'y' : 'ies'} on the page`, answers ? 'answered' : 'unanswered') };
}

export default defineSignal<AnsweredObservation>({
  meta: { id: 'q1-threads-answered', question: 'Q1', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract: inspectAnswers,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No discussion or question threads were found.' };
    const answered = observations.filter((o) => o.obs.answers > 0);
    const share = answered.length / observations.length;
    const unanswered = observations.filter((o) => o.obs.answers === 0);
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} threads show at least one answer`,
      evidence: [...pickEvidence(unanswered.map((o) => o.obs.evidence), 3), ...pickEvidence(answered.map((o) => o.obs.evidence), 3)],
      pagesObserved: observations.length,
    };
  },
});
