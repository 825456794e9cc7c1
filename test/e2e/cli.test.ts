// End to end: the built CLI against the bundled demo sites, served on 127.0.0.1, read back with poppler.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditResultSchema, type AuditResult } from '../../src/result/schema.js';
import { serveDirectory } from '../../src/crawl/static-server.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/conductor-audit');

interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 16 << 20, env: { ...process.env, CI: 'true', ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout;
}

let tmp: string;
const audits: Record<string, AuditResult> = {};
const stderr: Record<string, string> = {};

/** The demo's MegaMart notes say seven tags per page and help only behind sign-in: the audit measures otherwise. */
const MEGAMART_NOTE_WARNINGS = [
  /^warning: audits\/demo\/megamart\.yaml, Q4 analyst note says 7 third-party trackers per page \(“seven third-party tags”\); the audit measured [\d.]+ per page on average, 6 distinct companies in all\.$/,
  /^warning: audits\/demo\/megamart\.yaml, Q4 analyst note says help is not reachable from the home page \(“the help centre can only be reached from the sign-in”\); the audit found help within two clicks of the home page/,
];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'conductor-e2e-'));
  for (const brand of ['megamart', 'brightside']) {
    const out = path.join(tmp, brand);
    const r = await cli(['run', `audits/demo/${brand}.yaml`, '--out', out, '--quiet']);
    stderr[brand] = r.stderr;
    expect(r.code).toBe(0);
    audits[brand] = AuditResultSchema.parse(JSON.parse(await readFile(path.join(out, 'audit.json'), 'utf8')));
  }
}, 300_000);

describe('conductor-audit run on the bundled demo', () => {
  it('prints nothing on stderr with --quiet but the analyst notes the measurement contradicts, and keeps them out of the report', async () => {
    expect(stderr.brightside).toBe('');
    const lines = stderr.megamart!.trimEnd().split('\n');
    expect(lines).toHaveLength(MEGAMART_NOTE_WARNINGS.length);
    MEGAMART_NOTE_WARNINGS.forEach((re, i) => expect(lines[i]).toMatch(re));
    // The report still carries the analyst's note as written, and none of the check's words.
    const html = await readFile(path.join(tmp, 'megamart', 'report.html'), 'utf8');
    const md = await readFile(path.join(tmp, 'megamart', 'summary.md'), 'utf8');
    expect(html).toContain('seven third-party tags');
    for (const text of [html, md, JSON.stringify(audits.megamart)]) {
      expect(text).not.toMatch(/analyst note says|the audit measured|distinct companies in all/);
    }
  });

  it('warns of a score claim in a note that the measurement contradicts, re-scoring the archive', async () => {
    const file = path.join(tmp, 'noted.yaml');
    const yaml = (await readFile(path.join(ROOT, 'audits/demo/megamart.yaml'), 'utf8'))
      .replace('snapshot: ./megamart/site', `snapshot: ${path.join(ROOT, 'audits/demo/megamart/site')}`)
      .replace('traffic: { file: ./megamart/traffic.csv }', '')
      .replace(/, logo: \.\/northwind-logo\.svg/, '')
      .replace('analyst:\n  Q1:', 'analyst:\n  Q2:\n    note: Q2 scores about 60, and 3 of 4 threads are answered.\n  Q1:');
    await writeFile(file, yaml);
    const out = path.join(tmp, 'noted');
    const r = await cli(['run', file, '--from-archive', path.join(tmp, 'megamart'), '--out', out, '--quiet', '--formats', 'json,html']);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toContain(
      `warning: ${file}, Q2 analyst note says Q2 scores about 60 (“Q2 scores about 60”); the audit measured Q2 ${Math.round(audits.megamart!.questions[1]!.score! * 10) / 10}.`,
    );
    expect(
      lines.some((l) => l.startsWith(`warning: ${file}, Q2 analyst note says 75% of threads answered (“3 of 4 threads are answered”); the audit measured `)),
    ).toBe(true);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('Q2 scores about 60');
    expect(html).not.toMatch(/analyst note says|the audit measured/);
  });

  it('writes exactly the four outputs', async () => {
    for (const f of ['report.pdf', 'report.html', 'audit.json', 'summary.md']) {
      expect((await stat(path.join(tmp, 'megamart', f))).size).toBeGreaterThan(100);
    }
  });

  it('crawls the demo thoroughly and politely', () => {
    const c = audits.megamart!.crawl;
    expect(c.pagesFetched).toBeGreaterThanOrEqual(25);
    expect(c.robotsBlocked).toBeGreaterThanOrEqual(1);
    expect(c.pages.some((p) => /\/(logout|vote|cart\/add)/.test(p.url) && p.outcome === 'fetched')).toBe(false);
    // Evidence is reported under the canonical site URL, not the loopback port it was served from.
    expect(c.pages.every((p) => p.url.startsWith('https://community.megamart.example/') || p.outcome !== 'fetched')).toBe(true);
  });

  it('scores the producer-leaning brand below the conductor-leaning one, question by question', () => {
    const mm = audits.megamart!;
    const bs = audits.brightside!;
    expect(mm.index.score).not.toBeNull();
    expect(mm.index.score!).toBeLessThan(40);
    expect(bs.index.score!).toBeGreaterThan(60);
    for (let i = 0; i < 5; i++) expect(mm.questions[i]!.score!).toBeLessThan(bs.questions[i]!.score!);
  });

  it('backs every measured score with evidence on the audited site', () => {
    for (const audit of Object.values(audits)) {
      for (const q of audit.questions) {
        expect(q.signals.length).toBeGreaterThanOrEqual(2);
        for (const s of q.signals.filter((s) => s.status === 'measured')) {
          expect(s.evidence.length, `${s.id} has evidence`).toBeGreaterThan(0);
          for (const e of s.evidence) expect(e.url.startsWith(audit.site.url), `${s.id} evidence url ${e.url}`).toBe(true);
        }
      }
    }
  });

  it('carries analyst notes and the traffic trend', () => {
    const mm = audits.megamart!;
    expect(mm.questions.find((q) => q.id === 'Q1')!.analyst?.note).toBeTruthy();
    expect(mm.traffic).not.toBeNull();
    expect(mm.traffic!.months.length).toBe(36);
    expect(mm.traffic!.trend.direction).toBe('falling');
    expect(mm.traffic!.trend.holidaySurge).toBe(true);
    expect(audits.brightside!.traffic!.trend.direction).toBe('rising');
  });

  it('renders a PDF that reads as the audit', async () => {
    const text = await pdfText(path.join(tmp, 'megamart', 'report.pdf'));
    expect(text).toContain('MegaMart');
    for (const heading of ['Participation', 'Ownership', 'Value', 'Capture', 'Aims', 'Method', 'Coverage']) expect(text).toContain(heading);
    expect(text).toMatch(/leaning producer|producer/i);
    const { stdout } = await run('pdfinfo', [path.join(tmp, 'megamart', 'report.pdf')]);
    const pages = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThan(80);
  });

  it('archives the crawl as WARC, and re-scoring the archive gives a byte-identical audit.json with no network', async () => {
    const archive = path.join(tmp, 'megamart', 'archive', 'crawl.warc.gz');
    expect((await stat(archive)).size).toBeGreaterThan(1000);
    const out = path.join(tmp, 'rescored');
    const r = await cli(['run', 'audits/demo/megamart.yaml', '--from-archive', path.join(tmp, 'megamart'), '--out', out, '--quiet', '--formats', 'json']);
    expect(r.stderr).toBe(stderr.megamart);
    expect(r.code).toBe(0);
    expect(await readFile(path.join(out, 'audit.json'), 'utf8')).toBe(await readFile(path.join(tmp, 'megamart', 'audit.json'), 'utf8'));
  });

  it('says clearly when there is no archive to re-score', async () => {
    const r = await cli(['run', 'audits/demo/megamart.yaml', '--from-archive', tmp, '--out', path.join(tmp, 'nowhere'), '--formats', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No crawl archive found/);
  });

  it('renders the report in German with --lang de, from the archive', async () => {
    const out = path.join(tmp, 'german');
    const r = await cli([
      'run',
      'audits/demo/megamart.yaml',
      '--from-archive',
      path.join(tmp, 'megamart'),
      '--out',
      out,
      '--quiet',
      '--formats',
      'pdf',
      '--lang',
      'de',
    ]);
    expect(r.code).toBe(0);
    const text = await pdfText(path.join(out, 'report.pdf'));
    expect(text).toContain('Methode');
    expect(text).toContain('MegaMart');
  });

  it('writes a Markdown summary with the score table', async () => {
    const md = await readFile(path.join(tmp, 'megamart', 'summary.md'), 'utf8');
    expect(md).toContain('MegaMart');
    expect(md).toMatch(/\|\s*Q1/);
  });

  it('refuses to overwrite an earlier run unless --force is given', async () => {
    const out = path.join(tmp, 'megamart');
    const before = await readFile(path.join(out, 'audit.json'), 'utf8');
    const r = await cli(['run', 'audits/demo/megamart.yaml', '--out', out, '--quiet', '--formats', 'json', '--no-archive']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--force/);
    expect(await readFile(path.join(out, 'audit.json'), 'utf8')).toBe(before);
    const forced = await cli(['run', 'audits/demo/megamart.yaml', '--out', out, '--quiet', '--formats', 'json', '--force', '--no-archive']);
    expect(forced.code).toBe(0);
  });
});

describe('conductor-audit input handling', () => {
  it('stops before crawling, naming the fix, when --render auto has no browser to use', async () => {
    const r = await cli(['run', 'audits/demo/megamart.yaml', '--render', 'auto', '--formats', 'json', '--out', path.join(tmp, 'no-browser')], {
      CHROME_PATH: path.join(tmp, 'no-such-chrome'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/render: auto \(pages rendered in a browser\) needs one/);
    expect(r.stderr).toMatch(/--render static/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains every problem in a bad audit file, one line each, and exits 2', async () => {
    const file = path.join(tmp, 'bad.yaml');
    await writeFile(file, 'brand: Acme\nsite: { url: "not a url" }\ncrawl: { maxPage: 10, render: fast }\nreport: { theme: { accent: red } }\n');
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('site.url');
    expect(r.stderr).toMatch(/crawl\.maxPage: unknown field — did you mean `maxPages`\?/);
    expect(r.stderr).toContain('crawl.render');
    expect(r.stderr).toContain('report.theme.accent');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names a missing audit file', async () => {
    const r = await cli(['run', 'no/such/audit.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Audit file not found');
  });

  it('runs without a file from --brand and --url, and an unreachable site still gives a report', async () => {
    const server = await serveDirectory(path.join(ROOT, 'audits/demo/brightside/site'));
    const url = server.url;
    await server.close(); // the port is now closed: nothing answers
    const out = path.join(tmp, 'unreachable');
    const r = await cli(['run', '--brand', 'Nobody', '--url', url, '--out', out, '--quiet', '--formats', 'json,md']);
    expect(r.code).toBe(0);
    const audit = AuditResultSchema.parse(JSON.parse(await readFile(path.join(out, 'audit.json'), 'utf8')));
    expect(audit.crawl.pagesFetched).toBe(0);
    expect(audit.index.score).toBeNull();
    expect(audit.warnings.join(' ')).toMatch(/No page could be fetched/);
  });

  it('prints help and version', async () => {
    const help = await cli(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-pages');
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
