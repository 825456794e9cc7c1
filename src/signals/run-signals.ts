import type { PageSnapshot, UrlRecord } from '../crawl/types.js';
import { buildPageContext, keptHtml, retirePage, type PageContext } from './page-context.js';
import { SIGNALS } from './registry.js';
import { sitePlatforms, type SitePlatform } from './platform.js';
import { byBrand } from './structure.js';
import type { PageType } from './page-type.js';
import type { Community, Measurement, PageObservation, Signal, SiteContext } from './types.js';
import { common } from './common-strings.js';
import { pageDigest } from './facts.js';
import { ownStrings } from '../util/own-strings.js';

export interface SignalRun {
  signal: Signal<any>;
  measurement: Measurement;
}

/** Below this many words of visible text across the whole crawl there is nothing to judge: every signal is not measured. */
export const MIN_SITE_WORDS = 60;

/** Parse every page once, let each signal extract and aggregate. A signal that throws is "not measured", never a crash. */
export function runSignals(input: SignalInput, signals: ReadonlyArray<Signal<any>> = SIGNALS): SignalRun[] {
  return runSignalsOnSite(input, signals).runs;
}

export interface SignalInput {
  siteUrl: string;
  startUrl: string;
  pages: PageSnapshot[];
  records: UrlRecord[];
}

/** Page types that are members' own content: one of them on the site means a community is there. */
const MEMBER_CONTENT: ReadonlySet<PageType> = new Set(['thread', 'review', 'idea']);
/** Platform categories that run a community (a help centre alone is the brand's own pages). */
const COMMUNITY_CATEGORIES = new Set(['forum', 'community', 'reviews', 'feedback']);

/**
 * Is there a community: members' threads, reviews or ideas, at least two posts by members anywhere (reviews on a
 * product page), or a community platform recognised (its content may be loaded by scripts the crawl did not run).
 */
export function findCommunity(pages: PageContext[], platforms: SitePlatform[]): Community {
  const pageTypes: Partial<Record<PageType, number>> = {};
  for (const p of pages) pageTypes[p.type] = (pageTypes[p.type] ?? 0) + 1;
  const memberPosts = pages.reduce((n, p) => n + p.structure.posts.filter((post) => !byBrand(post)).length, 0);
  const platform = platforms.find((p) => p.categories.some((c) => COMMUNITY_CATEGORIES.has(c))) ?? null;
  const found = pages.some((p) => MEMBER_CONTENT.has(p.type)) || memberPosts >= 2 || platform !== null;
  return { found, platform: platform?.name ?? null, pageTypes, memberPosts };
}

/** One page parsed and read by every signal: its retired context and, per signal, the observation or what it threw. */
export interface ExtractedPage {
  page: PageContext;
  results: Array<{ obs: unknown } | { thrown: unknown }>;
  /** The HTML of the few elements the retired page keeps (page-context.ts, KEPT_SELECTORS). */
  kept: string;
}

/**
 * Parse one page, let every signal extract from it, then let go of its document and texts (`retirePage`). Strings in
 * the extraction may still be views into the page's HTML and texts: whoever keeps it past the page copies them out
 * first (`ownStrings`), or keeps its facts line instead (the signals' workers).
 */
export function extractPage(snapshot: PageSnapshot, signals: ReadonlyArray<Signal<any>> = SIGNALS): ExtractedPage {
  const page = buildPageContext(snapshot);
  const results = signals.map((signal): { obs: unknown } | { thrown: unknown } => {
    try {
      return { obs: signal.extract(page) as unknown };
    } catch (e) {
      return { thrown: e };
    }
  });
  const kept = keptHtml(page);
  return { page: retirePage(page, kept), results, kept };
}

/**
 * The site from its extracted pages, in crawl order, and each signal's aggregate. A signal whose extract threw on a
 * page is "not measured" with the first such page's error, exactly as when each signal read every page in turn.
 */
export function aggregateSite(
  extracted: ExtractedPage[],
  input: Omit<SignalInput, 'pages'>,
  signals: ReadonlyArray<Signal<any>> = SIGNALS,
): { runs: SignalRun[]; site: SiteContext } {
  const pages = extracted.map((e) => e.page);
  const platforms = sitePlatforms(pages);
  const site: SiteContext = {
    siteUrl: input.siteUrl,
    startUrl: input.startUrl,
    pages,
    records: input.records,
    platforms,
    community: findCommunity(pages, platforms),
  };
  const siteWords = pages.reduce((n, p) => n + p.words, 0);
  if (siteWords < MIN_SITE_WORDS) {
    const reason = common('tooLittleContent', { words: siteWords, pages: pages.length });
    return { site, runs: signals.map((signal) => ({ signal, measurement: { notMeasured: reason, pagesObserved: pages.length } })) };
  }
  const runs = signals.map((signal, i) => {
    const observations: PageObservation<unknown>[] = [];
    for (const { page, results } of extracted) {
      const r = results[i]!;
      if ('thrown' in r) return { signal, measurement: { notMeasured: common('failed', { error: (r.thrown as Error).message }) } };
      if (r.obs !== null && r.obs !== undefined) observations.push({ page, obs: r.obs });
    }
    try {
      return { signal, measurement: signal.aggregate(observations, site) };
    } catch (e) {
      return { signal, measurement: { notMeasured: common('failed', { error: (e as Error).message }) } };
    }
  });
  return { runs, site };
}

/**
 * runSignals plus the parsed site: its recognised platforms and community (info for the report and the scorer).
 * Pages are parsed one at a time: every signal extracts from a page, then the page's document and texts are let go,
 * so memory holds one parsed page, not the whole crawl.
 */
export function runSignalsOnSite(
  input: SignalInput,
  signals: ReadonlyArray<Signal<any>> = SIGNALS,
  /** Pages already extracted by this build's signals, by digest (facts.ts): used instead of extracting them again. */
  kept?: ReadonlyMap<string, ExtractedPage>,
  /** Told of every page extracted here (not of kept ones): the facts file's writer. */
  onExtracted?: (snapshot: PageSnapshot, extracted: ExtractedPage) => void,
): { runs: SignalRun[]; site: SiteContext } {
  const known = kept?.size && signals === SIGNALS ? kept : null;
  const extract = (p: PageSnapshot): ExtractedPage => {
    // Kept for every page until the site is aggregated: copied out of the page's HTML and texts (own-strings.ts).
    const fresh = ownStrings(extractPage(p, signals));
    onExtracted?.(p, fresh);
    return fresh;
  };
  return aggregateSite(
    input.pages.map((p) => (known && known.get(pageDigest(p))) || extract(p)),
    input,
    signals,
  );
}

/** What the scorer and the result read of the signals' run: each signal's measurement, the community, the pages' types. */
export interface PageSummary {
  url: string;
  type: PageType;
  typeBasis: PageContext['typeBasis'];
  platforms: PageContext['platforms'];
  parseLimited: PageContext['parseLimited'];
}
export interface SignalsOutcome {
  runs: SignalRun[];
  community: Community;
  pages: PageSummary[];
}

export function outcomeOf({ runs, site }: { runs: SignalRun[]; site: SiteContext }): SignalsOutcome {
  return {
    runs,
    community: site.community!,
    pages: site.pages.map((p) => ({ url: p.url, type: p.type, typeBasis: p.typeBasis, platforms: p.platforms, parseLimited: p.parseLimited })),
  };
}
