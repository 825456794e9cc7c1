import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import { byBrand } from '../structure.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export { brandToken } from '../page-context.js';

export const UIStrings = {
  title: 'Brand voice share in member spaces',
  explanation:
    'Of the posts in discussion threads whose author is shown, the share written by the brand: authors labelled ' +
    'staff or official, or whose name carries the brand’s name. A brand that answers some questions is present; ' +
    'a brand that writes most of the posts in its members’ space has turned it into a channel for its own voice.',
};

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
    evidence: first ? elementEvidence(page, `${first.author}: ${blockText(page.$, first.el)}`, 'brand post', 'producer') : null,
  };
}

export default defineSignal<VoiceObservation>({
  meta: { id: 'q5-brand-voice-share', question: 'Q5', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract: inspectVoice,
  aggregate(observations, site) {
    if (!site.pages.some((p) => p.type === 'thread')) return { notApplicable: 'No discussion threads were found.' };
    const posts = observations.reduce((n, o) => n + o.obs.posts, 0);
    if (posts === 0) return { notMeasured: 'No thread posts with a visible author were found.' };
    const brand = observations.reduce((n, o) => n + o.obs.brand, 0);
    const share = brand / posts;
    // The count is what the score rests on; the brand's posts are shown as what it wrote, not as the reason for a high score.
    const count = elementEvidence(
      observations[0]!.page,
      `${posts - brand} of ${posts} posts with a visible author on ${observations.length} threads were written by members, ${brand} by the brand.`,
      'who writes',
      share <= 0.35 ? 'conductor' : 'producer',
    );
    return {
      value: Number(share.toFixed(3)),
      displayValue: `${pct(share)} of ${posts} thread posts are by the brand`,
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
