// A browser-rendered audit is as reproducible as a static one: re-scoring its archive gives the same audit.json
// byte for byte, and the same report, screenshots included.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/api/run-audit.js';
import { auditFromFlags } from '../../../src/config/load-audit.js';
import { hasChrome } from '../../../src/util/chrome.js';
import { AuditResultSchema } from '../../../src/result/schema.js';
import { startJsAppServer, type JsAppServer } from '../crawl/helpers/js-app-server.js';

let site: JsAppServer;
let dir: string;

beforeAll(async () => {
  site = await startJsAppServer();
  dir = await mkdtemp(path.join(tmpdir(), 'ca-render-archive-'));
});
afterAll(async () => {
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasChrome())('runAudit with render: auto', () => {
  it('records rendering in audit.json and the report, and re-scores from the archive to identical outputs', async () => {
    const audit = auditFromFlags({ brand: 'Kitchen', site: { url: `${site.origin}/` }, crawl: { render: 'auto', delayMs: 0, timeoutMs: 10_000 } });
    const live = await runAudit({ audit, outDir: path.join(dir, 'live'), formats: ['json', 'html'] });
    const c = live.result.crawl;
    expect(c.render).toBe('auto');
    expect(c.pagesRendered).toBe(c.pages.filter((p) => p.render === 'browser').length);
    expect(c.pages.find((p) => p.url.endsWith('/app/hidden'))).toMatchObject({ outcome: 'fetched' }); // linked only by script
    expect(c.pages.find((p) => p.url.endsWith('/app/'))).toMatchObject({ outcome: 'fetched', render: 'browser' });
    expect(c.pages.find((p) => p.url.endsWith('/app/'))!.renderReason).toMatch(/app shell|JavaScript/);
    expect(c.renderGroups.some((g) => g.mode === 'browser')).toBe(true);
    expect(c.screenshots.length).toBeGreaterThan(0);
    expect(live.files.some((f) => f.endsWith('crawl.warc.gz'))).toBe(true);
    const html = await readFile(path.join(dir, 'live', 'report.html'), 'utf8');
    expect(html).toContain('Which page types needed the browser');
    expect(html.match(/<img src="data:image\/jpeg;base64,/g)?.length).toBe(c.screenshots.length);

    const again = await runAudit({ audit, fromArchive: path.join(dir, 'live'), outDir: path.join(dir, 'again'), formats: ['json', 'html'] });
    expect(AuditResultSchema.parse(again.result)).toBeTruthy();
    expect(await readFile(path.join(dir, 'again', 'audit.json'), 'utf8')).toBe(await readFile(path.join(dir, 'live', 'audit.json'), 'utf8'));
    expect(await readFile(path.join(dir, 'again', 'report.html'), 'utf8')).toBe(html);
  });
});
