import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { truncate } from '../text.js';
import { AUTHOR_SELECTOR } from '../posts.js';
import { siteKey, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q2-open-identity',
  {
    title: 'Open identity: member profiles link elsewhere',
    explanation:
      'Of the pages that show member profiles or post authors, the share where a member’s identity links to their ' +
      'own presence on other sites (links that verify their profiles elsewhere, a website or a profile on another site). A person is more than a customer of ' +
      'one brand; a conductor lets members bring and show their other identities, a producer keeps them as accounts ' +
      'that exist only inside its walls.',
    recommendation: 'Let people bring and show an identity that is theirs (their own name, profile link or website), not only a brand-issued account.',
    impact: 'Members who can show who they are elsewhere are easier to trust and more willing to put their name to an answer.',
    value: '{share, percent} of {pages, plural, one {# page} other {# pages}} with member identities link{pages, plural, one {s} other {}} to other sites',
    link: '{named, select, yes {“{text}” links to {host}} other {A member’s link to {host}}}.',
    closed: 'On “{title}”, member identities have no link off the site.',
    noIdentities: 'No member profiles or post authors were shown.',
    labelOpen: 'identity links elsewhere',
    labelClosed: 'closed identity',
  },
  {
    de: {
      title: 'Offene Identität: Mitgliederprofile verlinken nach außen',
      explanation:
        'Von den Seiten, die Mitgliederprofile oder Verfasser von Beiträgen zeigen, der Anteil, auf dem die Identität ' +
        'eines Mitglieds auf seine eigene Präsenz auf anderen Websites verlinkt (Links, die seine Profile anderswo ' +
        'bestätigen, eine Website oder ein Profil auf einer anderen Website). Ein Mensch ist mehr als Kunde einer Marke; ' +
        'ein Dirigent lässt Mitglieder ihre anderen Identitäten mitbringen und zeigen, ein Produzent hält sie als Konten, ' +
        'die nur innerhalb seiner Mauern existieren.',
      recommendation:
        'Menschen eine eigene Identität mitbringen und zeigen lassen (eigener Name, Profillink oder Website), nicht nur ein von der Marke vergebenes Konto.',
      impact: 'Mitglieder, die zeigen können, wer sie anderswo sind, wirken vertrauenswürdiger und stehen eher mit ihrem Namen für eine Antwort ein.',
      value:
        '{share, percent} von {pages, plural, one {# Seite} other {# Seiten}} mit Mitgliederidentitäten {pages, plural, one {verlinkt} other {verlinken}} auf andere Websites',
      link: '{named, select, yes {„{text}“ verlinkt auf {host}} other {Ein Link eines Mitglieds auf {host}}}.',
      closed: 'Auf „{title}“ haben Mitgliederidentitäten keinen Link nach außen.',
      noIdentities: 'Es wurden keine Mitgliederprofile oder Verfasser von Beiträgen gezeigt.',
      labelOpen: 'Identität verlinkt nach außen',
      labelClosed: 'geschlossene Identität',
    },
  },
);

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
  if (link.length) {
    const text = $(link).text().trim();
    let host = '';
    try {
      host = new URL($(link).attr('href') ?? '', page.finalUrl).hostname;
    } catch {
      // Unreachable: the filter above kept only links that parse.
    }
    return {
      open: true,
      evidence: noteEvidence(page, str('link', { named: text ? 'yes' : 'no', text: truncate(text, 120), host }), str('labelOpen'), 'conductor'),
    };
  }
  return { open: false, evidence: noteEvidence(page, str('closed', { title: truncate(page.title, 120) }), str('labelClosed'), 'producer') };
}

export default defineSignal<IdentityObservation>({
  meta: { id: 'q2-open-identity', question: 'Q2', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract: inspectIdentity,
  aggregate(observations) {
    if (observations.length === 0) return { notApplicable: str('noIdentities') };
    const open = observations.filter((o) => o.obs.open);
    const share = open.length / observations.length;
    return {
      value: share,
      display: str('value', { share, pages: observations.length }),
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
