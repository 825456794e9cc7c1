// Test helpers: build PageSnapshots and PageContexts from small HTML snippets, without any network.
import type { PageSnapshot, UrlRecord } from '../../src/crawl/types.js';
import { buildPageContext, type PageContext } from '../../src/signals/page-context.js';
import type { Measurement, PageObservation, Signal, SiteContext } from '../../src/signals/types.js';

export const DEFAULT_URL = 'https://community.example.com/forum/t/1';

/** A full HTML document around `body` (a fragment) unless `html` already is a document. */
export function doc(body: string, opts: { lang?: string | null; title?: string; head?: string } = {}): string {
  if (/^\s*<!doctype|^\s*<html/i.test(body)) return body;
  const lang = opts.lang === undefined ? 'en' : opts.lang;
  return `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head><title>${opts.title ?? 'Test page'}</title>${opts.head ?? ''}</head><body>${body}</body></html>`;
}

export function snapshotFromHtml(html: string, url = DEFAULT_URL, extra: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    url,
    finalUrl: url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    html,
    depth: 1,
    redirectChain: [],
    renderMode: 'static',
    ...extra,
  };
}

/** Builds a PageSnapshot from `html` (a fragment is wrapped in an English document) and parses it. */
export function pageFromHtml(
  html: string,
  url = DEFAULT_URL,
  extra: Partial<PageSnapshot> = {},
  opts: { lang?: string | null; title?: string; head?: string } = {},
): PageContext {
  return buildPageContext(snapshotFromHtml(doc(html, opts), url, extra));
}

export function siteOf(pages: PageContext[], records: UrlRecord[] = [], startUrl = 'https://community.example.com/'): SiteContext {
  return { siteUrl: 'https://community.example.com/', startUrl, pages, records };
}

/** extract on every page, then aggregate: what runSignals does for one signal. */
export function measure<O>(signal: Signal<O>, pages: PageContext[], records: UrlRecord[] = [], startUrl?: string): Measurement {
  const observations: PageObservation<O>[] = [];
  for (const page of pages) {
    const obs = signal.extract(page);
    if (obs !== null && obs !== undefined) observations.push({ page, obs });
  }
  return signal.aggregate(observations, siteOf(pages, records, startUrl));
}

/** Filler prose so that rate-per-1,000-words signals have enough words. */
export function filler(words: number, seed = 'the chain skips when I pedal hard uphill after the rain'): string {
  const base = seed.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(base[i % base.length]!);
  return out.join(' ') + '.';
}
