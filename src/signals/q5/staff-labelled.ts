import { defineSignal } from '../types.js';
import { elementEvidence, noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q5-staff-labelled',
  {
    title: 'Staff answers clearly labelled',
    explanation:
      'The share of discussion threads where someone from the brand takes part under a visible label (Staff, ' +
      'Moderator, Official, Employee). Labelled staff answers are human touch points people can trust; a brand that ' +
      'is absent from its members’ problems, or speaks in their spaces without saying who it is, is not acting as a ' +
      'friend.',
    recommendation: 'Label staff and brand accounts clearly in every thread, and disclose any incentive behind members’ posts.',
    impact:
      'Members trust an answer more when they can see it comes from the brand, and consumer-protection rules expect a business speaking in a community to say so.',
    value: '{share, percent} of {threads, plural, one {# thread has} other {# threads have}} a labelled staff post',
    none: 'No labelled staff post in {threads, plural, one {# thread} other {# threads}}.',
    labelStaff: 'labelled {badge} post',
    labelNone: 'no labelled staff',
    noThreads: 'No discussion threads were found.',
  },
  {
    de: {
      title: 'Antworten des Personals klar gekennzeichnet',
      explanation:
        'Der Anteil der Diskussions-Threads, in denen sich jemand von der Marke unter einer sichtbaren Kennzeichnung ' +
        '(Team, Moderator, Offiziell, Mitarbeiter) beteiligt. Gekennzeichnete Antworten des Personals sind menschliche ' +
        'Kontaktpunkte, denen Menschen vertrauen können; eine Marke, die bei den Problemen ihrer Mitglieder fehlt oder ' +
        'in deren Räumen spricht, ohne zu sagen, wer sie ist, handelt nicht als Freund.',
      recommendation: 'Personal- und Markenkonten in jedem Thread klar kennzeichnen und jeden Anreiz hinter Mitgliederbeiträgen offenlegen.',
      impact:
        'Mitglieder vertrauen einer Antwort mehr, wenn sie sehen, dass sie von der Marke kommt, und das Verbraucherschutzrecht erwartet, dass ein Unternehmen, das in einer Community spricht, sich zu erkennen gibt.',
      value: '{share, percent} von {threads, plural, one {# Thread hat} other {# Threads haben}} einen gekennzeichneten Beitrag des Personals',
      none: 'Kein gekennzeichneter Beitrag des Personals in {threads, plural, one {# Thread} other {# Threads}}.',
      labelStaff: 'als {badge} gekennzeichneter Beitrag',
      labelNone: 'kein gekennzeichnetes Personal',
      noThreads: 'Es wurden keine Diskussions-Threads gefunden.',
    },
  },
);

/** The first post on the page that carries a staff label, as evidence. */
export function findStaffLabel(page: PageContext): Evidence | null {
  const post = page.structure.posts.find((p) => p.staffLabel !== null);
  return post ? elementEvidence(page, blockText(page.$, post.el), str('labelStaff', { badge: post.staffLabel ?? '' }), 'conductor') : null;
}

export default defineSignal<{ evidence: Evidence | null }>({
  meta: { id: 'q5-staff-labelled', question: 'Q5', direction: 'conductor', requires: ['html'], effort: 'low' },
  strings: UIStrings,
  extract(page) {
    return page.type === 'thread' ? { evidence: findStaffLabel(page) } : null;
  },
  aggregate(observations) {
    if (observations.length === 0) return { notApplicable: str('noThreads') };
    const labelled = observations.filter((o) => o.obs.evidence);
    const share = labelled.length / observations.length;
    const evidence = labelled.map((o) => o.obs.evidence!);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { threads: observations.length }), str('labelNone'), 'producer'));
    return {
      value: share,
      display: str('value', { share, threads: observations.length }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
