// The signals' worker thread: pages arrive while the crawl runs and are parsed and read by every signal at once, on
// the second core, so little is left to do when the crawl ends. The same extractPage and aggregateSite as in the
// main thread, fed the same snapshots in the same order: the measurements are the same (stream.ts checks the input).
import { parentPort, workerData } from 'node:worker_threads';
import { FactsWriter, factsLine } from './facts.js';
import type { PageSnapshot, UrlRecord } from '../crawl/types.js';
import { aggregateSite, extractPage, outcomeOf, type ExtractedPage } from './run-signals.js';

export type ToWorker = { kind: 'page'; page: PageSnapshot } | { kind: 'finish'; siteUrl: string; startUrl: string; records: UrlRecord[]; order: string[] };
export type FromWorker = { kind: 'done'; measurements: unknown[]; community: unknown; pages: unknown[] } | { kind: 'failed'; message: string };

const extracted = new Map<string, ExtractedPage>();
/** Each page's extraction, kept for a later re-score from the archive (facts.ts). */
const { factsFile } = (workerData ?? {}) as { factsFile?: string };
const facts = factsFile ? new FactsWriter(factsFile) : null;
parentPort!.on('message', async (msg: ToWorker) => {
  try {
    if (msg.kind === 'page') {
      const page = extractPage(msg.page);
      extracted.set(msg.page.url, page);
      facts?.add(factsLine(msg.page, page));
      return;
    }
    await facts?.close();
    const inOrder = msg.order.map((url) => extracted.get(url)!);
    const outcome = outcomeOf(aggregateSite(inOrder, { siteUrl: msg.siteUrl, startUrl: msg.startUrl, records: msg.records }));
    const reply: FromWorker = { kind: 'done', measurements: outcome.runs.map((r) => r.measurement), community: outcome.community, pages: outcome.pages };
    parentPort!.postMessage(reply);
  } catch (e) {
    parentPort!.postMessage({ kind: 'failed', message: (e as Error).message } satisfies FromWorker);
  }
});
