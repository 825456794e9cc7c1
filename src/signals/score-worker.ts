// The signals' worker threads: pages arrive while the crawl runs and are parsed and read by every signal at once, off
// the main thread, so little is left to do when the crawl ends. One worker, the keeper, holds every page's extraction,
// writes the facts file and aggregates the site; helpers, started when the keeper falls behind (stream.ts), only
// extract, and hand each extraction back as its facts line, which the keeper restores (facts.ts: the same page
// extractPage would give, proven by test/unit/signals/facts.test.ts). The same extractPage and aggregateSite as in the
// main thread, in the crawl's order: the measurements are the same (stream.ts checks the input).
import { parentPort, workerData } from 'node:worker_threads';
import { FactsWriter, factsLine, restoreLine } from './facts.js';
import type { PageSnapshot, UrlRecord } from '../crawl/types.js';
import { readSpooled, type SpoolRef } from '../crawl/spool.js';
import { aggregateSite, extractPage, outcomeOf, type ExtractedPage } from './run-signals.js';
import { ownStrings } from '../util/own-strings.js';

export type WorkerRole = 'keeper' | 'helper';
export interface WorkerSetup {
  role: WorkerRole;
  /** The keeper's facts file (facts.ts), when the run keeps one. */
  factsFile?: string;
}

export type ToWorker =
  /** A page; a spooled one comes without its HTML, which the worker reads from the spool (crawl/spool.ts). */
  | { kind: 'page'; page: PageSnapshot; spooled?: SpoolRef }
  /** To the keeper: a page a helper extracted, as its facts line. */
  | { kind: 'line'; url: string; line: string }
  | { kind: 'finish'; siteUrl: string; startUrl: string; records: UrlRecord[]; order: string[] };
export type FromWorker =
  /** A page or line handled (the keeper: stored; a helper: `line` is its extraction, null when not plain JSON). */
  | { kind: 'handled'; url: string; line?: string | null }
  | { kind: 'done'; measurements: unknown[]; community: unknown; pages: unknown[] }
  | { kind: 'failed'; message: string };

const { role, factsFile } = (workerData ?? { role: 'keeper' }) as WorkerSetup;
const extracted = new Map<string, ExtractedPage>();
/** Each page's extraction, kept for a later re-score from the archive (facts.ts). */
const facts = role === 'keeper' && factsFile ? new FactsWriter(factsFile) : null;
const post = (msg: FromWorker) => parentPort!.postMessage(msg);

parentPort!.on('message', async (msg: ToWorker) => {
  try {
    if (msg.kind === 'page') {
      const snapshot = msg.spooled ? { ...msg.page, html: readSpooled(msg.spooled) } : msg.page;
      const page = extractPage(snapshot);
      const line = factsLine(snapshot, page);
      if (role === 'helper') return post({ kind: 'handled', url: snapshot.url, line });
      // Kept as its line reads back, like a helper's: strings parsed from JSON are flat, where strings copied out of
      // the page each carry a slice of a copy (own-strings.ts); 15–20 % less held a page, on the bench and on a real forum.
      extracted.set(snapshot.url, line ? restoreLine(line) : ownStrings(page));
      facts?.add(line);
      return post({ kind: 'handled', url: snapshot.url });
    }
    if (msg.kind === 'line') {
      extracted.set(msg.url, restoreLine(msg.line));
      facts?.add(msg.line);
      return post({ kind: 'handled', url: msg.url });
    }
    await facts?.close();
    const inOrder = msg.order.map((url) => {
      const page = extracted.get(url);
      if (!page) throw new Error(`the signals worker never received ${url}`);
      return page;
    });
    const outcome = outcomeOf(aggregateSite(inOrder, { siteUrl: msg.siteUrl, startUrl: msg.startUrl, records: msg.records }));
    post({ kind: 'done', measurements: outcome.runs.map((r) => r.measurement), community: outcome.community, pages: outcome.pages });
  } catch (e) {
    post({ kind: 'failed', message: (e as Error).message });
  }
});
