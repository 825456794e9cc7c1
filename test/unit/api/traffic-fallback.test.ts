// Bad traffic data never sinks the audit: the result has no traffic section and a warning says why.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreCrawl } from '../../../src/api/run-audit.js';
import { auditFromFlags } from '../../../src/config/load-audit.js';
import type { CrawlResult } from '../../../src/crawl/types.js';

const emptyCrawl: CrawlResult = {
  startUrl: 'https://x.example/',
  userAgent: 'test',
  render: 'static',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
  robots: { url: 'https://x.example/robots.txt', status: 404, policy: 'allow-all', crawlDelaySec: null, note: '' },
  pages: [],
  records: [],
  stoppedEarly: null,
};

async function scoreWith(name: string, content: string | Uint8Array, traffic: Record<string, unknown> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'ca-traffic-'));
  const file = path.join(dir, name);
  await writeFile(file, content);
  const audit = auditFromFlags({ brand: 'X', site: { url: 'https://x.example/' }, traffic: { file, ...traffic } });
  return scoreCrawl(audit, emptyCrawl);
}

describe('scoreCrawl with traffic data', () => {
  it('leaves the traffic section out and names the file (not its folder) and the line when import fails', async () => {
    const result = await scoreWith('traffic.csv', 'month,visits\n2025-01,10\n2025-02,n/a\n');
    expect(result.traffic).toBeNull();
    const w = result.warnings.find((x) => x.startsWith('Traffic data left out:'));
    expect(w).toMatch(/^Traffic data left out: traffic\.csv line 3: visits "n\/a" is not a number/);
    expect(w).not.toContain(tmpdir());
  });

  it('passes traffic.columns through to the importer', async () => {
    const result = await scoreWith('umami.csv', 'Day,Hits\n2025-01,10\n2025-02,12\n', { columns: { date: 'Day', visits: 'Hits' } });
    expect(result.traffic?.months.map((m) => m.visits)).toEqual([10, 12]);
    expect(result.traffic?.metric).toBe('visits');
  });

  it('carries the clicks metric of a Search Console file into audit.json', async () => {
    const result = await scoreWith('Dates.csv', 'Date,Clicks,Impressions,CTR,Position\n2026-07-02,25,1200,2.08%,9\n2026-07-01,20,1100,1.82%,9\n');
    expect(result.traffic?.metric).toBe('clicks');
    expect(result.traffic?.format).toBe('gsc-csv');
  });
});
