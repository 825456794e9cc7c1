// One Chromium per run: the crops beside the headline findings and the PDF come from the same browser, launched only
// when a report needs it and closed before the run returns. Launches are counted through CHROME_PATH, pointed at a
// wrapper that notes each report browser it starts.
import { chmodSync, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAudit } from '../../../src/api/render-audit.js';
import { runAudit } from '../../../src/api/run-audit.js';
import { auditFromFlags } from '../../../src/config/load-audit.js';
import { findChrome, hasChrome } from '../../../src/util/chrome.js';
import { serveSite, type BenchSite } from '../../../bench/site.js';

let site: BenchSite;
let dir: string;
let log: string;
let saved: string | undefined;

const launches = async (): Promise<number> => (existsSync(log) ? (await readFile(log, 'utf8')).split('\n').filter(Boolean).length : 0);

describe.skipIf(!hasChrome())('one browser per run', () => {
  beforeAll(async () => {
    site = await serveSite(40, 0);
    dir = await mkdtemp(path.join(tmpdir(), 'ca-one-browser-'));
    log = path.join(dir, 'launches.log');
    const wrapper = path.join(dir, 'chrome');
    await writeFile(wrapper, `#!/bin/sh\ncase "$*" in *--conductor-audit-pdf=*) echo launch >> '${log}';; esac\nexec '${findChrome()}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = wrapper;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.CHROME_PATH;
    else process.env.CHROME_PATH = saved;
    await site?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const audit = () => auditFromFlags({ brand: 'Spoke', site: { url: site.url }, crawl: { maxPages: 30, delayMs: 0, render: 'static' } });

  it('draws the crops and prints the PDF in one browser, for a run and for a re-render of its archive', async () => {
    await runAudit({ audit: audit(), allowPrivateNetwork: true, outDir: path.join(dir, 'run'), formats: ['pdf', 'html', 'json'] });
    expect(await launches()).toBe(1);
    const html = await readFile(path.join(dir, 'run', 'report.html'), 'utf8');
    expect(html).toContain('evidence-crop');
    expect((await readFile(path.join(dir, 'run', 'report.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');

    await renderAudit({ input: path.join(dir, 'run'), outDir: path.join(dir, 'de'), locale: 'de', formats: ['pdf', 'html'] });
    expect(await launches()).toBe(2);
    expect(await readFile(path.join(dir, 'de', 'report.html'), 'utf8')).toContain('evidence-crop');
  }, 180_000);

  it('launches none for JSON and Markdown alone', async () => {
    const before = await launches();
    await runAudit({ audit: audit(), allowPrivateNetwork: true, outDir: path.join(dir, 'json'), formats: ['json', 'md'] });
    expect(await launches()).toBe(before);
  });
});
