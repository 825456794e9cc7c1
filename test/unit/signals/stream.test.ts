// The signals' workers (stream.ts, score-worker.ts) give exactly what scoring the final pages in the main thread
// gives, whether one worker reads every page or helpers share the work. Workers load compiled code only, so this
// reads the build that `npm test` makes first (dist/).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf, runSignalsOnSite } from '../../../src/signals/run-signals.js';
import { demoSite } from '../../helpers/demo-sites.js';

type StreamModule = typeof import('../../../src/signals/stream.js');
type FactsModule = typeof import('../../../src/signals/facts.js');
const built = path.resolve('dist/signals/stream.js');

const plain = (o: ReturnType<typeof outcomeOf>) => JSON.stringify({ m: o.runs.map((r) => r.measurement), c: o.community, p: o.pages });

let dir: string;
let mod: StreamModule;
let facts: FactsModule;
beforeAll(async () => {
  if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
  mod = (await import(pathToFileURL(built).href)) as StreamModule;
  facts = (await import(pathToFileURL(path.resolve('dist/signals/facts.js')).href)) as FactsModule;
  dir = await mkdtemp(path.join(tmpdir(), 'ca-stream-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('signals while the crawl runs', () => {
  const input = demoSite('brightside');

  for (const helpers of [0, 2])
    it(`give the main thread's outcome, with ${helpers} helper workers, and keep every page's extraction`, async () => {
      const factsFile = path.join(dir, `facts-${helpers}.jsonl.gz`);
      const stream = new mod.SignalStream({ factsFile, helpers });
      for (const p of input.pages) stream.add(p);
      // Pages are fed faster than one worker reads them, so helpers start when allowed.
      expect(stream.helperCount).toBe(helpers);
      const outcome = await stream.finish(input);
      expect(stream.scoredBy).toBe('workers');
      expect(plain(outcome)).toBe(plain(outcomeOf(runSignalsOnSite(input))));
      expect((await facts.readFacts(factsFile)).size).toBe(input.pages.length);
    });

  it('read spooled pages from the spool: the same outcome, and the check of the final pages reads no HTML back', async () => {
    const spoolMod = (await import(pathToFileURL(path.resolve('dist/crawl/spool.js')).href)) as typeof import('../../../src/crawl/spool.js');
    const spool = new spoolMod.HtmlSpool(path.join(dir, 'pages.spool'));
    const pages = input.pages.map((p) => spool.spool({ ...p }));
    const stream = new mod.SignalStream({ helpers: 1 });
    for (const p of pages) stream.add(p);
    spool.close(); // from here a page's html cannot be read in this thread: the workers read the file themselves
    const outcome = await stream.finish({ ...input, pages });
    expect(stream.scoredBy).toBe('workers');
    expect(plain(outcome)).toBe(plain(outcomeOf(runSignalsOnSite(input))));
  });

  it('score the final pages here when one changed after it was fed', async () => {
    const stream = new mod.SignalStream({ helpers: 1 });
    for (const p of input.pages) stream.add(p);
    const changed = {
      ...input,
      pages: input.pages.map((p, i) => (i === 3 ? { ...p, html: p.html.replace('</body>', '<p>One more paragraph here.</p></body>') } : p)),
    };
    expect(plain(await stream.finish(changed))).toBe(plain(outcomeOf(runSignalsOnSite(changed))));
    expect(stream.scoredBy).toBe('here');
  });
});
