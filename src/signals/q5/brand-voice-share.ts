import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { isLabel } from '../lexicon/index.js';
import { normaliseSpace, pct } from '../text.js';
import { AUTHOR_SELECTOR, findPosts } from '../posts.js';
import { blockText, siteKey, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Brand voice share in member spaces',
  explanation:
    'Of the posts in discussion threads whose author is shown, the share written by the brand: authors labelled ' +
    'staff or official, or whose name carries the brand’s name. A brand that answers some questions is present; ' +
    'a brand that writes most of the posts in its members’ space has turned it into a channel for its own voice.',
};

const STAFF_CLASS = /(?:^|[\s_-])(?:staff|official|employee|brand|moderator|admin)(?:$|[\s_-])/i;

/** The brand's name as it appears in the host: community.megamart.com → "megamart". */
export function brandToken(url: string): string {
  // The registrable domain's first label: community.megamart.com and forum.megamart.co.uk → "megamart".
  return (siteKey(new URL(url).hostname).split('.')[0] ?? '').toLowerCase();
}

export interface VoiceObservation {
  posts: number;
  brand: number;
  evidence: Evidence | null;
}

export function inspectVoice(page: PageContext): VoiceObservation | null {
  if (page.type !== 'thread') return null;
  const { $ } = page;
  const token = brandToken(page.url).replace(/[^a-z0-9]/g, '');
  let posts = 0;
  let brand = 0;
  let evidence: Evidence | null = null;
  for (const post of findPosts(page)) {
    const author = post.find(AUTHOR_SELECTOR).first();
    if (!author.length) continue;
    posts++;
    const name = normaliseSpace(author.text());
    const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const labelled =
      post.find('.badge, .role, .label, .flair, .user-title, .author-role').filter((_, el) => isLabel('staffLabel', $(el).text().trim(), page.lang)).length > 0 ||
      [post, author, ...post.find('[class]').toArray().map((el) => $(el))].some((el) => STAFF_CLASS.test(el.attr('class') ?? ''));
    if (labelled || (token.length >= 3 && squashed.includes(token))) {
      brand++;
      evidence ??= elementEvidence(page, `${name}: ${blockText($, post)}`, 'brand post');
    }
  }
  return posts ? { posts, brand, evidence } : null;
}

export default defineSignal<VoiceObservation>({
  meta: { id: 'q5-brand-voice-share', question: 'Q5', direction: 'producer', requires: ['html'] },
  strings: UIStrings,
  extract: inspectVoice,
  aggregate(observations) {
    const posts = observations.reduce((n, o) => n + o.obs.posts, 0);
    if (posts === 0) return { notMeasured: 'No thread posts with a visible author were found.' };
    const brand = observations.reduce((n, o) => n + o.obs.brand, 0);
    const share = brand / posts;
    const evidence = observations.map((o) => o.obs.evidence).filter((e): e is Evidence => e !== null);
    if (evidence.length === 0) evidence.push(elementEvidence(observations[0]!.page, `No brand-authored post among ${posts} posts.`, 'members only'));
    return {
      value: Number(share.toFixed(3)),
      displayValue: `${pct(share)} of ${posts} thread posts are by the brand`,
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
