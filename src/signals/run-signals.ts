import type { PageSnapshot, UrlRecord } from '../crawl/types.js';
import { buildPageContext, type PageContext } from './page-context.js';
import { SIGNALS } from './registry.js';
import type { Measurement, PageObservation, Signal, SiteContext } from './types.js';

export interface SignalRun {
  signal: Signal<any>;
  measurement: Measurement;
}

/** Parse every page once, let each signal extract and aggregate. A signal that throws is "not measured", never a crash. */
export function runSignals(input: { siteUrl: string; startUrl: string; pages: PageSnapshot[]; records: UrlRecord[] }, signals: ReadonlyArray<Signal<any>> = SIGNALS): SignalRun[] {
  const pages: PageContext[] = input.pages.map(buildPageContext);
  const site: SiteContext = { siteUrl: input.siteUrl, startUrl: input.startUrl, pages, records: input.records };
  return signals.map((signal) => {
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
}
