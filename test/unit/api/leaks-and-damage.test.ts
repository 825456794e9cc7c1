import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTitle } from '../../../src/report/render-pdf.js';
import { plainLine } from '../../../src/util/plain-line.js';
import { writeArchive } from '../../../src/crawl/archive.js';
import { loadCrawlArchive, scoreCrawl } from '../../../src/api/run-audit.js';
import { auditFromFlags } from '../../../src/config/load-audit.js';
import { UserError } from '../../../src/util/errors.js';
import type { CrawlResult } from '../../../src/crawl/types.js';

const emptyCrawl = (): CrawlResult => ({
  startUrl: 'https://acme.example/',
  userAgent: 'conductor-audit/test',
  render: 'static',
  startedAt: '2026-12-01T00:00:00.000Z',
  durationMs: 1,
  robots: { url: 'https://acme.example/robots.txt', status: 404, policy: 'allow-all', crawlDelaySec: null, note: 'none' },
  pages: [],
  records: [],
  stoppedEarly: null,
});

describe('escaping and leaks', () => {
  it('a $& or $$ in the report title stays text in the PDF title, and bidi controls are dropped', () => {
    const html = withTitle('<html><head><title>old</title></head></html>', 'Acme $& Co $$ \u202Eevil');
    expect(html).toContain('<title>Acme $&amp; Co $$ evil</title>');
  });

  it('terminal escape sequences and huge lines from a traffic file reach neither the terminal nor audit.json', async () => {
    expect(plainLine('\u001b[2J\u001b[31mred\u001b[0m text\u0007 \u001b]0;title\u0007done')).toBe('red text done');
    expect(plainLine('x'.repeat(1_000_000))).toHaveLength(400);
    const dir = await mkdtemp(path.join(tmpdir(), 'ca-leak-'));
    const csv = path.join(dir, 'traffic.csv');
    await writeFile(csv, `month,visits\n2024-01,100\n2024-02,\u001b[31m${'9'.repeat(200_000)}oops\u001b[0m\n`);
    const audit = { ...auditFromFlags({ brand: 'Acme', site: { url: 'https://acme.example/' } }), traffic: { file: csv } };
    const result = await scoreCrawl(audit, emptyCrawl());
    const text = result.warnings.join('\n');
    expect(text).toMatch(/Traffic/);
    expect(text).not.toContain('\u001b');
    for (const w of result.warnings) expect(w.length).toBeLessThanOrEqual(450);
  });

  it('an archive whose crawl record lacks fields is said to be damaged, not a TypeError', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ca-damaged-'));
    const { records: _drop, ...partial } = emptyCrawl();
    await writeArchive(dir, partial as unknown as CrawlResult, 'test');
    const err = await loadCrawlArchive(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/Cannot re-score from .*the crawl record in crawl\.warc\.gz is incomplete \(records: .*\): the archive is damaged/);
  });
});
