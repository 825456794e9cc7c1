import { createRequire } from 'node:module';
import { defineSignal, renderedStrength } from '../types.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { common } from '../common-strings.js';
import { siteKey, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

// third-party-web (MIT) is the entity database Lighthouse uses; it ships CommonJS only.
const require = createRequire(import.meta.url);
const thirdPartyWeb = require('third-party-web/nostats-subset.js') as {
  getEntity(url: string): { name: string; company: string; categories: string[] } | undefined;
};

const CATEGORY =
  '{category, select, ad {advertising} analytics {analytics} social {social media} marketing {marketing} tag-manager {tag management} customer-success {customer messaging} other {tracking}}';
const CATEGORY_DE =
  '{category, select, ad {Werbung} analytics {Analyse} social {soziale Medien} marketing {Marketing} tag-manager {Tag-Management} customer-success {Kundenkommunikation} other {Tracking}}';

export const { strings: UIStrings, str } = signalText(
  'q4-third-party-trackers',
  {
    title: 'Third-party trackers per page',
    explanation:
      'The average number of distinct third-party tracking companies (advertising, analytics, social pixels, ' +
      'marketing and tag managers, identified with the third-party-web database) whose scripts, frames or pixels ' +
      'a page loads: from its HTML and, on pages rendered in the browser, from the requests the page actually made. ' +
      'Respecting privacy is a rule of friendship; every tracker is another party watching the visit. Cookieless, ' +
      'privacy-first analytics are listed but not counted. Static HTML shows only the tags written into the page: ' +
      'on pages that were not rendered, trackers loaded later by a tag manager are missed, so there the count is a floor.',
    recommendation: 'Cut third-party trackers on community pages to the few you need, and load none before consent.',
    impact:
      'Every tracker is another company watching members read and post; under data-protection law each one needs a lawful basis and, for most, prior consent.',
    value:
      '{mean, number} tracking {mean, plural, one {company} other {companies}} per page{total, plural, =0 {} one { (1 in all: {names})} other { (# in all: {names})}}',
    tag:
      '{kind, select, script {A script} frame {A frame} pixel {A tracking pixel} request {A request the page made} other {A tag}} from {host} loads {entity} (' +
      CATEGORY +
      ').',
    none: 'No third-party tracker {browser, select, yes {in what {pages, plural, one {# page} other {# pages}} loaded in the browser} other {in the HTML of {pages, plural, one {# page} other {# pages}}}}{cookieless, select, none {} other { (cookieless analytics: {cookieless})}}.',
    labelTracker: 'tracker: {company}',
    labelNone: 'no trackers',
  },
  {
    de: {
      title: 'Drittanbieter-Tracker je Seite',
      explanation:
        'Die durchschnittliche Zahl verschiedener Tracking-Unternehmen von Drittanbietern (Werbung, Analyse, Social-Pixel, ' +
        'Marketing und Tag-Manager, bestimmt mit der Datenbank third-party-web), deren Skripte, Frames oder Pixel eine ' +
        'Seite lädt: aus ihrem HTML und, bei im Browser dargestellten Seiten, aus den Anfragen, die die Seite tatsächlich ' +
        'gestellt hat. Privatsphäre zu achten ist eine Regel der Freundschaft; jeder Tracker ist ein weiterer Beobachter ' +
        'des Besuchs. Cookielose, datensparsame Analysedienste werden genannt, aber nicht gezählt. Statisches HTML zeigt ' +
        'nur die Tags, die in der Seite stehen: Auf nicht dargestellten Seiten fehlen Tracker, die ein Tag-Manager später ' +
        'lädt, dort ist die Zahl eine Untergrenze.',
      recommendation: 'Drittanbieter-Tracker auf Community-Seiten auf die wenigen nötigen reduzieren und keinen vor der Einwilligung laden.',
      impact:
        'Jeder Tracker ist ein weiteres Unternehmen, das Mitgliedern beim Lesen und Schreiben zusieht; nach Datenschutzrecht braucht jeder eine Rechtsgrundlage und die meisten eine vorherige Einwilligung.',
      value:
        '{mean, number} {mean, plural, one {Tracking-Unternehmen} other {Tracking-Unternehmen}} je Seite{total, plural, =0 {} one { (1 insgesamt: {names})} other { (# insgesamt: {names})}}',
      tag:
        '{kind, select, script {Ein Skript} frame {Ein Frame} pixel {Ein Tracking-Pixel} request {Eine Anfrage der Seite} other {Ein Tag}} von {host} lädt {entity} (' +
        CATEGORY_DE +
        ').',
      none: 'Kein Drittanbieter-Tracker {browser, select, yes {in dem, was {pages, plural, one {# Seite} other {# Seiten}} im Browser geladen {pages, plural, one {hat} other {haben}}} other {im HTML von {pages, plural, one {# Seite} other {# Seiten}}}}{cookieless, select, none {} other { (cookielose Analyse: {cookieless})}}.',
      labelTracker: 'Tracker: {company}',
      labelNone: 'keine Tracker',
    },
  },
);

/** Evidence items kept: one per tracking company, up to this many (the analyst-note check reads a count of them as a floor). */
export const TRACKER_EVIDENCE = 8;

/** Static HTML shows only the tags written into the page; a tag manager loads the rest after it arrives. */
const STATIC_STRENGTH = 0.25;
const TRACKING_CATEGORIES = new Set(['ad', 'analytics', 'social', 'marketing', 'tag-manager', 'customer-success']);
/** Our own override: cookieless analytics that collect no personal data by design. */
const COOKIELESS = new Set(['Plausible', 'Fathom Analytics', 'Simple Analytics', 'Umami', 'GoatCounter', 'Pirsch']);
/** Our own override: services whose images are members' content (avatars), not tracking, whatever their category. */
const CONTENT_SERVICES = new Set(['Gravatar']);
/** Image categories that are tracking pixels when an <img> loads them; a social network's image is a picture. */
const PIXEL_CATEGORIES = new Set(['ad', 'analytics', 'marketing', 'tag-manager']);

/** An image that is a tracking pixel: inside <noscript>, 1×1 (or hidden), or from an ad or analytics host. */
function isPixel(img: { width?: string; height?: string; style?: string; inNoscript: boolean }, categories: string[]): boolean {
  if (img.inNoscript) return true;
  const tiny = (v?: string) => v !== undefined && /^\s*[01](?:px)?\s*$/.test(v);
  if ((tiny(img.width) && tiny(img.height)) || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(img.style ?? '')) return true;
  return categories.some((c) => PIXEL_CATEGORIES.has(c));
}

export interface TrackerObservation {
  companies: string[];
  cookieless: string[];
  evidence: Evidence[];
}

export function findTrackers(page: PageContext): TrackerObservation {
  const { $ } = page;
  const pageSite = siteKey(new URL(page.finalUrl).hostname);
  const companies = new Map<string, Evidence>();
  const cookieless = new Set<string>();
  /** Counts `raw` (resolved against the page) when it is a third-party tracker; `describe` words its evidence. */
  const consider = (raw: string, kind: 'script' | 'frame' | 'pixel' | 'request' | 'tag', isImage?: (categories: string[]) => boolean): void => {
    let u: URL;
    try {
      u = new URL(raw, page.finalUrl);
    } catch {
      return;
    }
    if (!/^https?:$/.test(u.protocol) || siteKey(u.hostname) === pageSite) return;
    const entity = thirdPartyWeb.getEntity(u.href);
    if (!entity || !entity.categories.some((c) => TRACKING_CATEGORIES.has(c)) || CONTENT_SERVICES.has(entity.name)) return;
    if (isImage && !isImage(entity.categories)) return;
    if (COOKIELESS.has(entity.name)) {
      cookieless.add(entity.name);
      return;
    }
    const key = entity.company || entity.name;
    if (!companies.has(key))
      companies.set(
        key,
        noteEvidence(
          page,
          str('tag', { kind, host: u.hostname, entity: entity.name, category: entity.categories.find((c) => TRACKING_CATEGORIES.has(c)) ?? 'other' }),
          str('labelTracker', { company: key }),
          'producer',
        ),
      );
  };
  $('script[src], iframe[src], link[rel~="preconnect"][href]').each((_, el) => {
    consider($(el).attr('src') ?? $(el).attr('href') ?? '', el.tagName === 'script' ? 'script' : el.tagName === 'iframe' ? 'frame' : 'tag');
  });
  // An image is a tracker only as a pixel: a member's avatar or a photo from a social network is content.
  $('img[src]').each((_, el) => {
    const img = { width: $(el).attr('width'), height: $(el).attr('height'), style: $(el).attr('style'), inNoscript: $(el).closest('noscript').length > 0 };
    consider($(el).attr('src') ?? '', 'pixel', (categories) => isPixel(img, categories));
  });
  // A rendered page's network log also holds what tag managers and scripts loaded after the HTML arrived.
  for (const req of page.thirdPartyRequests ?? [])
    consider(
      req.url,
      'request',
      req.resourceType === 'image' ? (c) => c.some((x) => PIXEL_CATEGORIES.has(x)) || /[?&](?:id|ev|tid|cid)=/i.test(req.url) : undefined,
    );
  // evidence[i] is companies[i]'s tag: both in company order (aggregate pairs them by index).
  const names = [...companies.keys()].sort();
  return { companies: names, cookieless: [...cookieless].sort(), evidence: names.map((n) => companies.get(n)!) };
}

export default defineSignal<TrackerObservation>({
  meta: {
    id: 'q4-third-party-trackers',
    question: 'Q4',
    direction: 'producer',
    requires: ['html'],
    staticStrength: STATIC_STRENGTH,
    effort: 'medium',
    risk: 'data-protection',
  },
  strings: UIStrings,
  extract: findTrackers,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: common('noPages') };
    const total = observations.reduce((n, o) => n + o.obs.companies.length, 0);
    const mean = total / observations.length;
    const all = [...new Set(observations.flatMap((o) => o.obs.companies))].sort();
    const cookieless = [...new Set(observations.flatMap((o) => o.obs.cookieless))].sort();
    // One evidence item per company, from the first page (by URL) that loads it.
    const perCompany = new Map<string, Evidence>();
    for (const o of [...observations].sort((a, b) => a.page.url.localeCompare(b.page.url))) {
      o.obs.companies.forEach((c, i) => perCompany.has(c) || perCompany.set(c, o.obs.evidence[i]!));
    }
    const evidence = [...perCompany.values()];
    if (evidence.length === 0) {
      const browser = observations.every((o) => o.page.renderMode === 'browser') ? 'yes' : 'no';
      evidence.push(
        noteEvidence(
          observations[0]!.page,
          str('none', { browser, pages: observations.length, cookieless: cookieless.length ? cookieless : 'none' }),
          str('labelNone'),
          'conductor',
        ),
      );
    }
    return {
      value: Number(mean.toFixed(2)),
      display: str('value', { mean: Number(mean.toFixed(1)), total: all.length, names: all }),
      evidence: pickEvidence(evidence, TRACKER_EVIDENCE),
      pagesObserved: observations.length,
      // Static HTML shows only the tags written into it; a tag manager loads the rest later.
      floor: renderedStrength(
        observations.map((o) => o.page),
        STATIC_STRENGTH,
      ),
    };
  },
});
