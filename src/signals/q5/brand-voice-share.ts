import { defineSignal } from '../types.js';
import { elementEvidence, noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { byBrand } from '../structure.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export { brandToken } from '../page-context.js';

export const { strings: UIStrings, str } = signalText(
  'q5-brand-voice-share',
  {
    title: 'Brand voice share in member spaces',
    explanation:
      'Of the posts in discussion threads whose author is shown, the share written by the brand: authors labelled ' +
      'staff or official, or whose name carries the brand’s name. A brand that answers some questions is present; ' +
      'a brand that writes most of the posts in its members’ space has turned it into a channel for its own voice.',
    recommendation: 'Give the floor to members: cut the share of brand posts in member spaces and answer rather than announce.',
    impact:
      'A community where the brand does most of the talking stops being a place members come to for each other, and with them go the answers, reviews and ideas only members give.',
    value: '{share, percent} of {posts, plural, one {# thread post is} other {# thread posts are}} by the brand',
    count:
      '{members} of {posts, plural, one {# post} other {# posts}} with a visible author on {threads, plural, one {# thread} other {# threads}} {members, plural, one {was} other {were}} written by members, {brand} by the brand.',
    labelWho: 'who writes',
    labelBrand: 'brand post',
    noThreads: 'No discussion threads were found.',
    noAuthors: 'No thread posts with a visible author were found.',
  },
  {
    de: {
      title: 'Anteil der Markenstimme in Mitgliederbereichen',
      explanation:
        'Von den Beiträgen in Diskussions-Threads mit sichtbarem Autor der Anteil, den die Marke geschrieben hat: ' +
        'Autoren, die als Personal oder offiziell gekennzeichnet sind oder deren Name den Namen der Marke trägt. Eine ' +
        'Marke, die einige Fragen beantwortet, ist präsent; eine Marke, die die meisten Beiträge im Raum ihrer ' +
        'Mitglieder schreibt, hat ihn zu einem Kanal für die eigene Stimme gemacht.',
      recommendation: 'Den Mitgliedern das Wort lassen: den Anteil der Markenbeiträge in Mitgliederbereichen senken und antworten statt verkünden.',
      impact:
        'Eine Community, in der vor allem die Marke spricht, ist kein Ort mehr, an den Mitglieder füreinander kommen, und mit ihnen gehen die Antworten, Bewertungen und Ideen, die nur Mitglieder geben.',
      value: '{share, percent} von {posts, plural, one {# Thread-Beitrag stammt} other {# Thread-Beiträgen stammen}} von der Marke',
      count:
        '{members} von {posts, plural, one {# Beitrag} other {# Beiträgen}} mit sichtbarem Autor in {threads, plural, one {# Thread} other {# Threads}} {members, plural, one {stammt} other {stammen}} von Mitgliedern, {brand} von der Marke.',
      labelWho: 'wer schreibt',
      labelBrand: 'Beitrag der Marke',
      noThreads: 'Es wurden keine Diskussions-Threads gefunden.',
      noAuthors: 'Es wurden keine Thread-Beiträge mit sichtbarem Autor gefunden.',
    },
  },
);

export interface VoiceObservation {
  posts: number;
  brand: number;
  evidence: Evidence | null;
}

export function inspectVoice(page: PageContext): VoiceObservation | null {
  if (page.type !== 'thread') return null;
  const authored = page.structure.posts.filter((p) => p.kind === 'post' && p.author);
  if (authored.length === 0) return null;
  const brand = authored.filter(byBrand);
  const first = brand[0];
  return {
    posts: authored.length,
    brand: brand.length,
    evidence: first ? elementEvidence(page, `${first.author}: ${blockText(page.$, first.el)}`, str('labelBrand'), 'producer') : null,
  };
}

export default defineSignal<VoiceObservation>({
  meta: { id: 'q5-brand-voice-share', question: 'Q5', direction: 'producer', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract: inspectVoice,
  aggregate(observations, site) {
    if (!site.pages.some((p) => p.type === 'thread')) return { notApplicable: str('noThreads') };
    const posts = observations.reduce((n, o) => n + o.obs.posts, 0);
    if (posts === 0) return { notMeasured: str('noAuthors') };
    const brand = observations.reduce((n, o) => n + o.obs.brand, 0);
    const share = brand / posts;
    // The count is what the score rests on; the brand's posts are shown as what it wrote, not as the reason for a high score.
    const count = noteEvidence(
      observations[0]!.page,
      str('count', { members: posts - brand, posts, threads: observations.length, brand }),
      str('labelWho'),
      share <= 0.35 ? 'conductor' : 'producer',
    );
    return {
      value: Number(share.toFixed(3)),
      display: str('value', { share, posts }),
      evidence: [
        count,
        ...pickEvidence(
          observations.map((o) => o.obs.evidence).filter((e): e is Evidence => e !== null),
          3,
        ),
      ],
      pagesObserved: observations.length,
    };
  },
});
