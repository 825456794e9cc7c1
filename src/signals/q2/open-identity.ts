import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { pct } from '../text.js';
import { AUTHOR_SELECTOR } from '../posts.js';
import { siteKey, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Open identity: member profiles link elsewhere',
  explanation:
    'Of the pages that show member profiles or post authors, the share where a member’s identity links to their ' +
    'own presence on other sites (rel="me", a website or profile elsewhere). A person is more than a customer of ' +
    'one brand; a conductor lets members bring and show their other identities, a producer keeps them as accounts ' +
    'that exist only inside its walls.',
};

const PROFILE_PATH = /\/(?:members?|users?|u|profiles?|people|author)\/[^/]+/i;
const PROFILE_BLOCK = `${AUTHOR_SELECTOR}, .profile, .user-card, .member-card, .author-card, .signature, [itemtype*="schema.org/Person"], [itemtype*="schema.org/ProfilePage"]`;

export interface IdentityObservation {
  open: boolean;
  evidence: Evidence;
}

export function inspectIdentity(page: PageContext): IdentityObservation | null {
  const { $ } = page;
  const isProfile = PROFILE_PATH.test(new URL(page.url).pathname);
  const blocks = $(PROFILE_BLOCK);
  if (!isProfile && blocks.length === 0) return null;
  const pageSite = siteKey(new URL(page.finalUrl).hostname);
  const scope = isProfile ? ($('main').length ? $('main') : $('body')) : blocks;
  // The brand's own rel="me" in the footer is not a member's identity: page-wide rel="me" counts on profile pages only.
  let candidates = scope.find('a[href]').add(scope.filter('a[href]'));
  if (isProfile) candidates = candidates.add($('a[rel~="me"], link[rel~="me"]'));
  const link = candidates
    .filter((_, el) => {
      const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('me')) return true;
      try {
        const u = new URL($(el).attr('href') ?? '', page.finalUrl);
        return /^https?:$/.test(u.protocol) && siteKey(u.hostname) !== pageSite;
      } catch {
        return false;
      }
    })
    .first();
  if (link.length)
    return {
      open: true,
      evidence: elementEvidence(page, `“${$(link).text().trim() || 'link'}” → ${$(link).attr('href')}`, 'identity links elsewhere', 'conductor'),
    };
  return { open: false, evidence: elementEvidence(page, `${page.title}: member identity with no link off the site`, 'closed identity', 'producer') };
}

export default defineSignal<IdentityObservation>({
  meta: { id: 'q2-open-identity', question: 'Q2', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract: inspectIdentity,
  aggregate(observations) {
    if (observations.length === 0) return { notApplicable: 'No member profiles or post authors were shown.' };
    const open = observations.filter((o) => o.obs.open);
    const share = open.length / observations.length;
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} pages with member identities link to other sites`,
      evidence: [
        ...pickEvidence(
          open.map((o) => o.obs.evidence),
          3,
        ),
        ...pickEvidence(
          observations.filter((o) => !o.obs.open).map((o) => o.obs.evidence),
          3,
        ),
      ],
      pagesObserved: observations.length,
    };
  },
});
