// What a signal is. One file per signal declares its meta (what it measures and what the crawler must collect)
// and its user-facing strings, and computes its result in small pure functions that tests call directly.
import type { Direction, Evidence, QuestionId } from '../result/types.js';
import type { UrlRecord } from '../crawl/types.js';
import type { PageContext } from './page-context.js';
import type { SitePlatform } from './platform.js';

/** What a signal needs from the crawl: raw HTML, response headers, or a browser-rendered page. */
export type SignalRequirement = 'html' | 'headers' | 'rendered';

export interface SignalMeta {
  id: string;
  question: QuestionId;
  /** The end of the scale a *higher* raw value points to. */
  direction: Direction;
  requires: SignalRequirement[];
}

/** User-facing strings, kept together so they can be translated. */
export interface SignalStrings {
  title: string;
  /** One paragraph for the report: what it measures and why it separates producer from conductor. */
  explanation: string;
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
}

export interface PageObservation<O> {
  page: PageContext;
  obs: O;
}

export interface Measured {
  value: number;
  displayValue: string;
  evidence: Evidence[];
  pagesObserved: number;
}

export interface NotMeasured {
  notMeasured: string;
  pagesObserved?: number;
}

export type Measurement = Measured | NotMeasured;

export interface Signal<O = unknown> {
  meta: SignalMeta;
  strings: SignalStrings;
  /** Observation for one page, or null when the page tells nothing for this signal. Pure. */
  extract(page: PageContext): O | null;
  /** Site-level value from all observations. Pure. */
  aggregate(observations: PageObservation<O>[], site: SiteContext): Measurement;
}

export function isMeasured(m: Measurement): m is Measured {
  return (m as Measured).value !== undefined;
}

/** Identity helper that keeps each signal file's types checked against the interface. */
export function defineSignal<O>(signal: Signal<O>): Signal<O> {
  return signal;
}
