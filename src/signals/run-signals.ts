import type { PageSnapshot, UrlRecord } from '../crawl/types.js';
import { buildPageContext, type PageContext } from './page-context.js';
import { SIGNALS } from './registry.js';
import { sitePlatforms } from './platform.js';
import type { Measurement, PageObservation, Signal, SiteContext } from './types.js';

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

/** runSignals plus the parsed site: its recognised platforms (site.platforms) are info for the report, not scored. */
export function runSignalsOnSite(input: SignalInput, signals: ReadonlyArray<Signal<any>> = SIGNALS): { runs: SignalRun[]; site: SiteContext } {
  const pages: PageContext[] = input.pages.map(buildPageContext);
  const site: SiteContext = { siteUrl: input.siteUrl, startUrl: input.startUrl, pages, records: input.records, platforms: sitePlatforms(pages) };
  const siteWords = pages.reduce((n, p) => n + p.words, 0);
  if (siteWords < MIN_SITE_WORDS) {
    const reason = `Too little content to judge: ${siteWords} words of text on ${pages.length} page${pages.length === 1 ? '' : 's'} crawled.`;
    return { site, runs: signals.map((signal) => ({ signal, measurement: { notMeasured: reason, pagesObserved: pages.length } })) };
  }
  const runs = signals.map((signal) => {
    try {
      const observations: PageObservation<unknown>[] = [];
      for (const page of pages) {
        const obs = signal.extract(page);
        if (obs !== null && obs !== undefined) observations.push({ page, obs });
      }
      return { signal, measurement: signal.aggregate(observations, site) };
    } catch (e) {
      return { signal, measurement: { notMeasured: `The signal failed on this site: ${(e as Error).message}` } };
    }
  });
  return { runs, site };
}
