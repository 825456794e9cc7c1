import { defineSignal, sampleStrength } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Feeds, sharing, export and APIs',
  explanation:
    'Which of four ways to take things elsewhere the site offers: a news feed (RSS, Atom or JSON Feed), share links ' +
    'to other networks, a way to export one’s own data, and a public API. Each lets people use what they find or ' +
    'write on their own terms; a producer offers none, so that everything stays where the brand can count it.',
};

type Feature = 'feed' | 'share' | 'export' | 'api';
const FEATURES: Feature[] = ['feed', 'share', 'export', 'api'];

const SHARE =
  /(?:twitter\.com\/intent|x\.com\/intent|facebook\.com\/sharer|linkedin\.com\/(?:sharing|shareArticle)|reddit\.com\/submit|bsky\.app\/intent|mastodon\.[\w.]+\/share|\/share\?text=|wa\.me\/\?text=|api\.whatsapp\.com\/send|t\.me\/share|pinterest\.com\/pin\/create|mailto:\?subject=)/i;
const EXPORT =
  /\b(?:download|export) (?:your|my|all (?:of )?your) (?:data|posts|content|archive)\b|\bdata export\b|(?<![\p{L}])(?:(?:deine|ihre|meine) (?:daten|beiträge|inhalte) (?:herunterladen|exportieren)|datenexport|daten exportieren)(?![\p{L}])/iu;
const API = /\b(?:public|open|read-only|rest(?:ful)?|graphql)? ?API\b(?: documentation| docs| reference)?/;

export function findOpenFormats(page: PageContext): Map<Feature, Evidence> {
  const { $ } = page;
  const found = new Map<Feature, Evidence>();
  const feed = $('link[rel~="alternate"]')
    .filter((_, el) => /rss|atom|feed\+json/i.test($(el).attr('type') ?? ''))
    .first();
  if (feed.length)
    found.set('feed', elementEvidence(page, `<link rel="alternate" type="${feed.attr('type')}" href="${feed.attr('href')}">`, 'news feed', 'conductor'));
  const share = page.links.find((l) => SHARE.test(l.href));
  if (share) found.set('share', elementEvidence(page, `“${share.text}” → ${share.href}`, 'share to another network', 'conductor'));
  const exportLink = page.links.find((l) => EXPORT.test(l.text));
  if (exportLink) found.set('export', elementEvidence(page, `“${exportLink.text}” → ${exportLink.href}`, 'data export', 'conductor'));
  const apiLink = page.links.find((l) => !l.external && API.test(l.text) && /\bapi\b/i.test(l.text));
  if (apiLink) found.set('api', elementEvidence(page, `“${apiLink.text}” → ${apiLink.href}`, 'public API', 'conductor'));
  return found;
}

export default defineSignal<Array<[Feature, Evidence]>>({
  meta: { id: 'q2-open-formats', question: 'Q2', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    return [...findOpenFormats(page).entries()];
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No pages were fetched.' };
    const byFeature = new Map<Feature, Evidence[]>();
    for (const o of observations) for (const [f, e] of o.obs) byFeature.set(f, [...(byFeature.get(f) ?? []), e]);
    const present = FEATURES.filter((f) => byFeature.has(f));
    const missing = FEATURES.filter((f) => !byFeature.has(f));
    const evidence = present.map((f) => pickEvidence(byFeature.get(f)!, 1)[0]!);
    if (evidence.length === 0)
      evidence.push(
        elementEvidence(observations[0]!.page, `Checked ${observations.length} pages: no feed, share link, data export or API.`, 'none found', 'producer'),
      );
    return {
      value: present.length,
      displayValue: `${present.length} of 4${present.length ? ` (${present.join(', ')})` : ''}${missing.length && present.length ? `; missing ${missing.join(', ')}` : ''}`,
      evidence,
      pagesObserved: observations.length,
      // An export or an API is linked from a page or two (account, developers): a small crawl may not reach them.
      floor: sampleStrength(observations.length),
    };
  },
});
