// Signals while the crawl runs: each page is handed to a worker thread as it arrives (score-worker.ts), so parsing
// and extraction overlap the crawl instead of following it. The result is exactly what runSignalsOnSite gives for the
// final pages: the worker is used only when it was fed every final page as scored (checked field by field), and
// anything else (no worker where the code runs from TypeScript sources, a worker that failed, a page that changed)
// falls back to scoring the final pages here.
import { Worker } from 'node:worker_threads';
import type { PageSnapshot, UrlRecord } from '../crawl/types.js';
import { FactsWriter, factsLine } from './facts.js';
import { SIGNALS } from './registry.js';
import { outcomeOf, runSignalsOnSite, type PageSummary, type SignalsOutcome } from './run-signals.js';
import type { FromWorker, ToWorker } from './score-worker.js';
import type { Community, Measurement } from './types.js';

/** The fields buildPageContext reads: a page fed to the worker counts only if these match the final page. */
const READ = ['finalUrl', 'depth', 'status', 'headers', 'redirectChain', 'renderMode', 'thirdPartyRequests', 'served'] as const;
const sameInput = (a: PageSnapshot, b: PageSnapshot): boolean => a.html === b.html && READ.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));

export class SignalStream {
  private worker: Worker | null = null;
  private failed = false;
  private readonly fed = new Map<string, PageSnapshot>();
  private readonly factsFile: string | undefined;

  /** `factsFile`: where the worker keeps each page's extraction for a later re-score (facts.ts); none when absent. */
  constructor(factsFile?: string) {
    this.factsFile = factsFile;
    // Compiled code only: from TypeScript sources (the unit tests) the worker file cannot be loaded as is.
    if (!import.meta.url.endsWith('.js')) return;
    try {
      this.worker = new Worker(new URL('./score-worker.js', import.meta.url), { workerData: { factsFile } });
      this.worker.unref();
      this.worker.on('error', () => (this.failed = true));
    } catch {
      this.failed = true;
    }
  }

  /** A page as it will be scored (as it reads back from the archive). */
  add(page: PageSnapshot): void {
    if (!this.worker || this.failed || this.fed.has(page.url)) {
      this.failed ||= this.fed.has(page.url);
      return;
    }
    this.fed.set(page.url, page);
    this.worker.postMessage({ kind: 'page', page } satisfies ToWorker);
  }

  /** The signals' outcome for the crawl's final pages: from the worker when it saw exactly them, else computed here. */
  async finish(input: { siteUrl: string; startUrl: string; pages: PageSnapshot[]; records: UrlRecord[] }): Promise<SignalsOutcome> {
    const usable =
      this.worker &&
      !this.failed &&
      input.pages.length === this.fed.size &&
      input.pages.every((p) => this.fed.has(p.url) && sameInput(this.fed.get(p.url)!, p));
    this.fed.clear();
    if (usable) {
      const worker = this.worker!;
      // Held while its answer is awaited (it is unref'd while the crawl runs, so it never keeps a process alive alone).
      worker.ref();
      const reply = await new Promise<FromWorker>((resolve) => {
        worker.once('message', resolve);
        worker.once('error', (e) => resolve({ kind: 'failed', message: e.message }));
        worker.once('exit', () => resolve({ kind: 'failed', message: 'the signals worker exited' }));
        worker.postMessage({
          kind: 'finish',
          siteUrl: input.siteUrl,
          startUrl: input.startUrl,
          records: input.records,
          order: input.pages.map((p) => p.url),
        } satisfies ToWorker);
      });
      await this.close();
      if (reply.kind === 'done' && reply.measurements.length === SIGNALS.length)
        return {
          runs: SIGNALS.map((signal, i) => ({ signal, measurement: reply.measurements[i] as Measurement })),
          community: reply.community as Community,
          pages: reply.pages as PageSummary[],
        };
    }
    await this.close();
    // Read here instead: the facts file is written from these pages (the worker's, if any, is replaced whole).
    const facts = this.factsFile ? new FactsWriter(this.factsFile) : null;
    try {
      return outcomeOf(runSignalsOnSite(input, SIGNALS, undefined, facts ? (snapshot, page) => facts.add(factsLine(snapshot, page)) : undefined));
    } finally {
      await facts?.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
