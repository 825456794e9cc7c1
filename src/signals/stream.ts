// Signals while the crawl runs: each page is handed to a worker thread as it arrives (score-worker.ts), so parsing
// and extraction overlap the crawl instead of following it. One worker (the keeper) holds every extraction and
// aggregates the site; when it falls behind the crawl, helper workers extract too and hand their extractions to it,
// so a large crawl uses every core (on two cores the signals, not the crawl, were what the run waited for).
// The result is exactly what runSignalsOnSite gives for the final pages: the workers are used only when they were fed
// every final page as scored (checked field by field), and anything else (no worker where the code runs from
// TypeScript sources, a worker that failed, a page that changed) falls back to scoring the final pages here.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PageSnapshot, UrlRecord } from '../crawl/types.js';
import { copyPage, spoolRefOf } from '../crawl/spool.js';
import { FactsWriter, factsLine } from './facts.js';
import { SIGNALS } from './registry.js';
import { outcomeOf, runSignalsOnSite, type PageSummary, type SignalsOutcome } from './run-signals.js';
import type { FromWorker, ToWorker, WorkerSetup } from './score-worker.js';
import type { Community, Measurement } from './types.js';

/** The fields buildPageContext reads: a page fed to the worker counts only if these match the final page. */
const READ = ['finalUrl', 'depth', 'status', 'headers', 'redirectChain', 'renderMode', 'thirdPartyRequests', 'served'] as const;
const sameInput = (a: PageSnapshot, b: PageSnapshot): boolean => sameHtml(a, b) && READ.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
/** Copies of a spooled page share its reference: the same HTML without reading it back twice. */
const sameHtml = (a: PageSnapshot, b: PageSnapshot): boolean => {
  const ref = spoolRefOf(a);
  return (ref !== null && ref === spoolRefOf(b)) || a.html === b.html;
};

/** A page for a worker: a spooled page goes as its reference (the worker reads it), not as a copy of its HTML. */
function pageMessage(page: PageSnapshot): ToWorker {
  const spooled = spoolRefOf(page);
  return spooled ? { kind: 'page', page: copyPage(page, { html: '' }), spooled } : { kind: 'page', page };
}

/** Pages waiting at the least busy worker before another helper is started (a small crawl never needs one). */
const BACKLOG = 16;

interface Thread {
  worker: Worker;
  /** Pages (and, for the keeper, helpers' extractions) sent and not yet handled. */
  outstanding: number;
}

export interface SignalStreamOptions {
  /** Where the keeper writes each page's extraction for a later re-score (facts.ts); none when absent. */
  factsFile?: string;
  /** Most helper workers to start; by default one fewer than the cores, at most three. */
  helpers?: number;
}

export class SignalStream {
  private keeper: Thread | null = null;
  private readonly helpers: Thread[] = [];
  private readonly maxHelpers: number;
  private readonly factsFile: string | undefined;
  private failed = false;
  private closing = false;
  private readonly fed = new Map<string, PageSnapshot>();
  /** Told when no helper has work outstanding, or when a worker failed. */
  private onSettled: (() => void) | null = null;
  /** Told the keeper's answer to `finish` (or a failure). */
  private onReply: ((msg: FromWorker) => void) | null = null;

  constructor(opts: SignalStreamOptions = {}) {
    this.factsFile = opts.factsFile;
    this.maxHelpers = Math.max(0, opts.helpers ?? Math.min(3, availableParallelism() - 1));
    // Compiled code only: from TypeScript sources (most unit tests) the worker file cannot be loaded as is.
    if (!import.meta.url.endsWith('.js')) return;
    this.keeper = this.start({ role: 'keeper', factsFile: opts.factsFile });
  }

  /** Where finish() got its outcome: from the workers, or scored here after all (for tests and the bench). */
  scoredBy: 'workers' | 'here' | null = null;

  /** How many helper workers were started (for tests and the bench). */
  get helperCount(): number {
    return this.helpers.length;
  }

  private start(setup: WorkerSetup): Thread | null {
    try {
      const worker = new Worker(new URL('./score-worker.js', import.meta.url), { workerData: setup });
      // Unref'd while the crawl runs, so a worker never keeps a process alive alone; held while finish() waits.
      worker.unref();
      const thread: Thread = { worker, outstanding: 0 };
      worker.on('message', (msg: FromWorker) => this.received(thread, msg));
      worker.on('error', (e) => this.fail(e.message));
      worker.on('exit', () => this.closing || this.fail('a signals worker exited'));
      return thread;
    } catch {
      this.failed = true;
      return null;
    }
  }

  private received(thread: Thread, msg: FromWorker): void {
    if (msg.kind === 'handled') {
      thread.outstanding--;
      if (thread !== this.keeper) {
        // A helper's extraction goes to the keeper; one that is not plain JSON is extracted there again.
        const page = msg.line ? null : this.fed.get(msg.url);
        if (msg.line) this.send(this.keeper!, { kind: 'line', url: msg.url, line: msg.line });
        else if (page) this.send(this.keeper!, pageMessage(page));
        if (this.helpers.every((h) => h.outstanding === 0)) this.onSettled?.();
      }
      return;
    }
    if (msg.kind === 'failed') this.fail(msg.message);
    else this.onReply?.(msg);
  }

  private fail(message: string): void {
    this.failed = true;
    this.onSettled?.();
    this.onReply?.({ kind: 'failed', message });
  }

  private send(thread: Thread, msg: ToWorker): void {
    thread.outstanding++;
    thread.worker.postMessage(msg);
  }

  /** The least busy worker, after starting a helper when even that one has a backlog. */
  private pick(): Thread {
    let best = this.keeper!;
    for (const h of this.helpers) if (h.outstanding < best.outstanding) best = h;
    if (best.outstanding >= BACKLOG && this.helpers.length < this.maxHelpers) {
      const helper = this.start({ role: 'helper' });
      if (helper) {
        this.helpers.push(helper);
        return helper;
      }
    }
    return best;
  }

  /** A page as it will be scored (as it reads back from the archive). */
  add(page: PageSnapshot): void {
    if (!this.keeper || this.failed || this.fed.has(page.url)) {
      this.failed ||= this.fed.has(page.url);
      return;
    }
    this.fed.set(page.url, page);
    this.send(this.pick(), pageMessage(page));
  }

  /** The signals' outcome for the crawl's final pages: from the workers when they saw exactly them, else computed here. */
  async finish(input: { siteUrl: string; startUrl: string; pages: PageSnapshot[]; records: UrlRecord[] }): Promise<SignalsOutcome> {
    const usable =
      this.keeper &&
      !this.failed &&
      input.pages.length === this.fed.size &&
      input.pages.every((p) => this.fed.has(p.url) && sameInput(this.fed.get(p.url)!, p));
    if (usable) {
      const keeper = this.keeper!;
      for (const t of [keeper, ...this.helpers]) t.worker.ref();
      // Every helper's extraction handed to the keeper first: messages to it arrive in order, so `finish` comes last.
      if (this.helpers.some((h) => h.outstanding > 0)) await new Promise<void>((resolve) => (this.onSettled = resolve));
      this.onSettled = null;
      const reply = this.failed
        ? null
        : await new Promise<FromWorker>((resolve) => {
            this.onReply = resolve;
            keeper.worker.postMessage({
              kind: 'finish',
              siteUrl: input.siteUrl,
              startUrl: input.startUrl,
              records: input.records,
              order: input.pages.map((p) => p.url),
            } satisfies ToWorker);
          });
      this.onReply = null;
      this.fed.clear();
      await this.close();
      if (reply?.kind === 'done' && reply.measurements.length === SIGNALS.length) {
        this.scoredBy = 'workers';
        return {
          runs: SIGNALS.map((signal, i) => ({ signal, measurement: reply.measurements[i] as Measurement })),
          community: reply.community as Community,
          pages: reply.pages as PageSummary[],
        };
      }
    }
    this.fed.clear();
    await this.close();
    this.scoredBy = 'here';
    // Read here instead: the facts file is written from these pages (the worker's, if any, is replaced whole).
    const facts = this.factsFile ? new FactsWriter(this.factsFile) : null;
    try {
      return outcomeOf(runSignalsOnSite(input, SIGNALS, undefined, facts ? (snapshot, page) => facts.add(factsLine(snapshot, page)) : undefined));
    } finally {
      await facts?.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    const threads = [this.keeper, ...this.helpers.splice(0)].filter((t): t is Thread => t !== null);
    this.keeper = null;
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}
