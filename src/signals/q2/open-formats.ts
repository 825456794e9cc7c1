import { defineSignal, sampleStrength } from '../types.js';
import { elementEvidence, noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { truncate } from '../text.js';
import { listValues, wordedList } from '../word-list.js';
import { common } from '../common-strings.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

const FEATURE_WORDS_EN = 'feed {news feed} share {share links} export {data export} api {public API} other {other}';
const FEATURE_WORDS_DE = 'feed {Newsfeed} share {Teilen-Links} export {Datenexport} api {öffentliche API} other {Sonstiges}';
/** `{present}` / `{missing}`: the features (positional values from listValues), worded in the reader's language. */
const list = (prefix: string, words: string, and: string) => wordedList(prefix, 4, words, and);

export const { strings: UIStrings, str } = signalText(
  'q2-open-formats',
  {
    title: 'Feeds, sharing, export and APIs',
    explanation:
      'Which of four ways to take things elsewhere the site offers: a news feed (RSS, Atom or JSON Feed), share links ' +
      'to other networks, a way to export one’s own data, and a public API. Each lets people use what they find or ' +
      'write on their own terms; a producer offers none, so that everything stays where the brand can count it.',
    recommendation: 'Publish feeds, share links and an export of members’ own posts, so people can take their contributions elsewhere.',
    impact:
      'Feeds and share links carry the community’s content to where people already are, and an export of their own posts is what the GDPR’s right to data portability asks for.',
    value:
      '{pCount} of 4{pCount, plural, =0 {} other { (' +
      list('p', FEATURE_WORDS_EN, 'and') +
      ')}}{mCount, plural, =0 {} =4 {} other {; missing ' +
      list('m', FEATURE_WORDS_EN, 'and') +
      '}}',
    feed: 'The page offers a news feed ({format}).',
    share: '{named, select, yes {“{text}” shares} other {A link shares}} the page on {host}.',
    none: 'Checked {pages, plural, one {# page} other {# pages}}: no feed, share link, data export or API.',
    labelFeed: 'news feed',
    labelShare: 'share to another network',
    labelExport: 'data export',
    labelApi: 'public API',
    labelNone: 'none found',
  },
  {
    de: {
      title: 'Feeds, Teilen, Export und APIs',
      explanation:
        'Welche von vier Möglichkeiten, Dinge anderswohin mitzunehmen, die Website bietet: einen Newsfeed (RSS, Atom ' +
        'oder JSON Feed), Teilen-Links zu anderen Netzwerken, einen Export der eigenen Daten und eine öffentliche API. ' +
        'Jede lässt Menschen das, was sie finden oder schreiben, zu ihren eigenen Bedingungen nutzen; ein Produzent ' +
        'bietet keine davon, damit alles dort bleibt, wo die Marke es zählen kann.',
      recommendation: 'Feeds, Teilen-Links und einen Export der eigenen Beiträge anbieten, damit Menschen ihre Beiträge mitnehmen können.',
      impact:
        'Feeds und Teilen-Links tragen die Inhalte der Community dorthin, wo Menschen schon sind, und ein Export der eigenen Beiträge ist das, was das Recht auf Datenübertragbarkeit der DSGVO verlangt.',
      value:
        '{pCount} von 4{pCount, plural, =0 {} other { (' +
        list('p', FEATURE_WORDS_DE, 'und') +
        ')}}{mCount, plural, =0 {} =4 {} other {; es fehlen ' +
        list('m', FEATURE_WORDS_DE, 'und') +
        '}}',
      feed: 'Die Seite bietet einen Newsfeed an ({format}).',
      share: '{named, select, yes {„{text}“ teilt} other {Ein Link teilt}} die Seite auf {host}.',
      none: '{pages, plural, one {# Seite} other {# Seiten}} geprüft: kein Feed, kein Teilen-Link, kein Datenexport und keine API.',
      labelFeed: 'Newsfeed',
      labelShare: 'Teilen in einem anderen Netzwerk',
      labelExport: 'Datenexport',
      labelApi: 'öffentliche API',
      labelNone: 'nichts gefunden',
    },
  },
);

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
  if (feed.length) {
    const type = feed.attr('type') ?? '';
    const format = /atom/i.test(type) ? 'Atom' : /json/i.test(type) ? 'JSON Feed' : 'RSS';
    found.set('feed', noteEvidence(page, str('feed', { format }), str('labelFeed'), 'conductor'));
  }
  const share = page.links.find((l) => SHARE.test(l.href));
  if (share) {
    const values = { named: share.text ? 'yes' : 'no', text: truncate(share.text, 120), host: new URL(share.href).hostname };
    found.set('share', noteEvidence(page, str('share', values), str('labelShare'), 'conductor'));
  }
  // Export and API links are found by their words: the words are the evidence.
  const exportLink = page.links.find((l) => EXPORT.test(l.text));
  if (exportLink) found.set('export', elementEvidence(page, exportLink.text, str('labelExport'), 'conductor'));
  const apiLink = page.links.find((l) => !l.external && API.test(l.text) && /\bapi\b/i.test(l.text));
  if (apiLink) found.set('api', elementEvidence(page, apiLink.text, str('labelApi'), 'conductor'));
  return found;
}

export default defineSignal<Array<[Feature, Evidence]>>({
  meta: { id: 'q2-open-formats', question: 'Q2', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract(page) {
    return [...findOpenFormats(page).entries()];
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: common('noPages') };
    const byFeature = new Map<Feature, Evidence[]>();
    for (const o of observations) for (const [f, e] of o.obs) byFeature.set(f, [...(byFeature.get(f) ?? []), e]);
    const present = FEATURES.filter((f) => byFeature.has(f));
    const missing = FEATURES.filter((f) => !byFeature.has(f));
    const evidence = present.map((f) => pickEvidence(byFeature.get(f)!, 1)[0]!);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { pages: observations.length }), str('labelNone'), 'producer'));
    return {
      value: present.length,
      display: str('value', { ...listValues('p', present), ...listValues('m', missing) }),
      evidence,
      pagesObserved: observations.length,
      // An export or an API is linked from a page or two (account, developers): a small crawl may not reach them.
      floor: sampleStrength(observations.length),
    };
  },
});
