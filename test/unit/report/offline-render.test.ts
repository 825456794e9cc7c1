// The report render makes no network attempt of any kind: Chromium's background services are off, no name
// resolves, and every connection would go to a proxy — here a recorder on loopback that logs each attempt.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChrome } from '../../../src/util/chrome.js';
import { renderPdf } from '../../../src/report/render-pdf.js';
import { withoutNavigation } from '../../../src/report/text.js';

const CHROME = hasChrome();
const ROOT = path.resolve(import.meta.dirname, '../../..');

const hostile = `<!doctype html><html><head><title>Offline</title>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<link rel="preconnect" href="https://preconnect.evil.example"><link rel="dns-prefetch" href="//dns.evil.example">
<link rel="stylesheet" href="https://css.evil.example/x.css"></head>
<body><h1>Report</h1><p>Some text.</p><img src="https://img.evil.example/x.png"><iframe src="https://frame.evil.example/"></iframe>
<a href="https://link.evil.example/">a link</a></body></html>`;

/** Processes in a process group (Chromium is launched as the leader of its own). */
const groupSize = (pgid: number): number => Number(execFileSync('sh', ['-c', `ps -o pid= -g ${pgid} | wc -l`], { encoding: 'utf8' }).trim());

describe('a navigation-free report', () => {
  it('drops meta refresh and <base> before printing', () => {
    expect(withoutNavigation('<head><meta http-equiv="refresh" content="0;url=x"><base href="https://e.example/"><title>t</title></head>')).toBe(
      '<head><title>t</title></head>',
    );
  });
});

describe.skipIf(!CHROME)('the report render is offline', () => {
  let attempts: string[];
  let proxy: net.Server;
  let port: number;

  beforeAll(async () => {
    attempts = [];
    proxy = net.createServer((socket) => {
      socket.once('data', (d) => attempts.push(d.toString('latin1').split('\r\n')[0] ?? 'connection'));
      socket.on('error', () => undefined);
      setTimeout(() => socket.destroy(), 50);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    port = (proxy.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => proxy.close(r));
  });

  it('prints a page full of external references (and a meta refresh) with no connection attempt at all', async () => {
    const pdf = await renderPdf(hostile, { deterministic: true }, { offlineProxy: `127.0.0.1:${port}` });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Chromium starts its background services a little after launch: give them the chance to show up.
    await new Promise((r) => setTimeout(r, 1000));
    expect(attempts).toEqual([]);
  });

  it('leaves no Chromium behind when its parent is killed with SIGKILL mid-run', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ca-kill-'));
    const script = path.join(dir, 'hold.mjs');
    await writeFile(
      script,
      `import { createPdfRenderer } from ${JSON.stringify(path.join(ROOT, 'dist/report/render-pdf.js'))};\nawait createPdfRenderer();\nprocess.stdout.write('ready\\n');\nsetInterval(() => {}, 1000);\n`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', () => reject(new Error('the child exited before launching Chromium')));
    });
    // The browser this child launched: the one whose parent it is.
    const browserPid = Number(
      execFileSync('pgrep', ['-P', String(child.pid), '-f', '--', '-[-]conductor-audit-pdf='], { encoding: 'utf8' })
        .trim()
        .split('\n')[0],
    );
    expect(groupSize(browserPid)).toBeGreaterThan(1);
    child.kill('SIGKILL');
    let left = groupSize(browserPid);
    for (let i = 0; i < 50 && left > 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      left = groupSize(browserPid);
    }
    expect(left).toBe(0);
  });
});
