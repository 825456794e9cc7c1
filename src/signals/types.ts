// What a signal is. One file per signal declares its meta (what it measures and what the crawler must collect)
// and its user-facing strings, and computes its result in small pure functions that tests call directly.
import type { Direction, Evidence, QuestionId } from '../result/types.js';
import type { UrlRecord } from '../crawl/types.js';
import type { PageContext } from './page-context.js';
import type { SitePlatform } from './platform.js';
import type { PageType } from './page-type.js';
import type { Message } from '../i18n/message.js';
import type { RequiredStrings } from './strings.js';
import type { Locale } from '../i18n/index.js';

/** What a signal needs from the crawl: raw HTML, response headers, or a browser-rendered page. */
export type SignalRequirement = 'html' | 'headers' | 'rendered';

export interface SignalMeta {
  id: string;
  question: QuestionId;
  /** The end of the scale a *higher* raw value points to. */
  direction: Direction;
  requires: SignalRequirement[];
  /**
   * How much of what the signal looks for the HTML as served shows, where scripts add some of it (trackers a tag
   * manager loads, pop-ups and consent banners scripts inject): a static reading is then a floor, and finding
   * little there is evidence only this strong (0–1). A browser-rendered page shows it all. Leave out when the
   * served HTML shows everything the signal reads.
   */
  staticStrength?: number;
  /**
   * What the recommendation asks of the client: low = copy or a setting; medium = a template, a page or a process;
   * high = a platform, policy or business-model change.
   */
  effort: 'low' | 'medium' | 'high';
  /** The recommendation answers a legal or compliance risk: the action plan flags it as such. */
  risk?: 'consent' | 'data-protection' | 'accessibility';
}

export interface Community {
  /** Members' own content was seen (threads, reviews, ideas, member posts) or a community platform recognised. */
  found: boolean;
  /** The community platform recognised most often, if any. */
  platform: string | null;
  /** Fetched pages by type. */
  pageTypes: Partial<Record<PageType, number>>;
  /** Posts and reviews by members (not by the brand) seen on the pages. */
  memberPosts: number;
}

export interface SiteContext {
  /** The audited site's canonical URL (evidence URLs are on this origin). */
  siteUrl: string;
  startUrl: string;
  pages: PageContext[];
  /** Every URL the crawler considered, including failures (401/403 walls show up here). */
  records: UrlRecord[];
  /** Community platforms and review/feedback widgets recognised on the pages (info only, not scored). */
  platforms?: SitePlatform[];
  community?: Community;
}

export interface PageObservation<O> {
  page: PageContext;
  obs: O;
}

export interface Measured {
  value: number;
  /** The value in words: a message from the signal's catalogue (the report words it in the reader's language). */
  display: Message;
  evidence: Evidence[];
  pagesObserved: number;
  /**
   * The reading is a floor: more of what the signal counts may exist than it could see (scripts it did not run,
   * pages it did not fetch), and that unseen part can only push the value the signal's `direction` way. This is
   * how strong the reading is for that unseen part (0–1); the scorer weighs the reading by it (score.ts). Absent:
   * the signal saw everything it reads.
   */
  floor?: number;
}

/** The signal could not read what it needs (script-only page, unknown language, nothing crawled that carries it). */
export interface NotMeasured {
  notMeasured: Message;
  pagesObserved?: number;
}

/** The site has nothing the signal reads (a thread signal where there are no threads): not a gap in evidence. */
export interface NotApplicable {
  notApplicable: Message;
  pagesObserved?: number;
}

export type Measurement = Measured | NotMeasured | NotApplicable;

export interface Signal<O = unknown> {
  meta: SignalMeta;
  /** Its words in every locale (title, explanation, recommendation, impact, and its own message templates). */
  strings: Record<Locale, RequiredStrings>;
  /** Observation for one page, or null when the page tells nothing for this signal. Pure. */
  extract(page: PageContext): O | null;
  /** Site-level value from all observations. Pure. */
  aggregate(observations: PageObservation<O>[], site: SiteContext): Measurement;
}

export function isMeasured(m: Measurement): m is Measured {
  return (m as Measured).value !== undefined;
}

export function isNotApplicable(m: Measurement): m is NotApplicable {
  return (m as NotApplicable).notApplicable !== undefined;
}

/**
 * How strong a reading is where scripts add what the signal counts: pages rendered in a browser show everything
 * (1), pages read as served show `staticStrength`. The mean over the pages observed.
 */
export function renderedStrength(pages: Array<{ renderMode: 'static' | 'browser' }>, staticStrength: number): number {
  if (pages.length === 0) return staticStrength;
  return pages.reduce((n, p) => n + (p.renderMode === 'browser' ? 1 : staticStrength), 0) / pages.length;
}

/**
 * How strong a site-wide "not found" is after reading `pages` pages: a feed, an export link or a contact page
 * that exists may sit on a page the crawl did not reach. Full from `enough` pages on.
 */
export function sampleStrength(pages: number, enough = 20): number {
  return Math.min(1, pages / enough);
}

/** How strong "no such phrase" is after reading `words` words of the brand's own text: full from 1,000 words. */
export function textStrength(words: number, enough = 1000): number {
  return Math.min(1, words / enough);
}

/** Identity helper that keeps each signal file's types checked against the interface. */
export function defineSignal<O>(signal: Signal<O>): Signal<O> {
  return signal;
}
