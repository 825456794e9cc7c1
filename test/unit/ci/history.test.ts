// A brand's history from three stored runs: the table, history.html, and the chart as SVG and PNG (Chromium).
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runHistory } from '../../../src/ci/history.js';
import { hasChrome } from '../../../src/util/chrome.js';
import { DEFAULT_ACCENT } from '../../../src/report/theme.js';
import type { AuditResult } from '../../../src/result/schema.js';
import { UserError } from '../../../src/util/errors.js';
import { loadFixture } from '../report/helpers.js';
import { decodeGreyPng } from '../report/pixels.js';

let root: string;
const sample = loadFixture('sample');
const runs: Array<[string, number, string]> = [
  ['2026-10-30T06:00:00.000Z', 31.5, sample.tool.version],
  ['2026-11-06T06:00:00.000Z', 27.1, sample.tool.version],
  ['2026-11-13T06:00:00.000Z', 44.8, '0.2.0'],
];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'history-'));
  // Stored out of order on disk: the history sorts by the date of each crawl.
  for (const [i, [at, index, tool]] of [...runs.entries()].reverse()) {
    const r: AuditResult = structuredClone(sample);
    r.generatedAt = at;
    r.index.score = index;
    r.questions[3]!.score = 30 + i * 10;
    r.tool.version = tool;
    const dir = path.join(root, 'northwind-home', `run-${2 - i}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'audit.json'), JSON.stringify(r));
  }
  // A run an older version wrote: left out and named, not a reason to stop.
  await mkdir(path.join(root, 'northwind-home', 'run-old'), { recursive: true });
  await writeFile(path.join(root, 'northwind-home', 'run-old', 'audit.json'), JSON.stringify({ schemaVersion: 1, brand: 'Northwind Home' }));
});

describe('conductor-audit history', () => {
  it('prints a table of the runs, oldest first, and marks where the method changed', async () => {
    const r = await runHistory({ target: 'northwind-home', outputRoot: root, png: false });
    expect(r.runs).toBe(3);
    const lines = r.table.split('\n');
    expect(lines[0]).toMatch(/^Date\s+Index\s+Band\s+Q1\s+Q2\s+Q3\s+Q4\s+Q5\s+Pages\s+Rubric and tool$/);
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/).slice(0, 2))).toEqual([
      ['30 October 2026', '31.5'],
      ['6 November 2026', '27.1'],
      ['13 November 2026', '44.8'],
    ]);
    expect(lines[4]).toMatch(/◆ default .* · 0\.2\.0$/);
    expect(r.view.methodNote).toMatch(/not comparable/);
    expect(r.view.leftOutNote).toBe(`Left out, since this version cannot read their audit.json: ${path.join('run-old', 'audit.json')}.`);
    expect(r.files.map((f) => path.basename(f))).toEqual(['history.html', 'history.svg']);
  });

  it('draws the index and each question over time', async () => {
    const svg = await readFile(path.join(root, 'northwind-home', 'history.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.match(new RegExp(`<circle [^>]*fill="${DEFAULT_ACCENT}"`, 'g'))).toHaveLength(3); // the index, one dot per run
    expect(svg.match(/<path d="M[^"]*"/g)!.length).toBeGreaterThanOrEqual(6); // index + five questions
    expect(svg.match(/◆/g)).toHaveLength(1);
    for (const label of ['2026-10-30', '2026-11-06', '2026-11-13', 'Conductor index', 'Q4 Capture']) expect(svg).toContain(label);
    const html = await readFile(path.join(root, 'northwind-home', 'history.html'), 'utf8');
    expect(html).toContain('<title>History: Northwind Home</title>');
    expect(html).toContain(svg.trim());
    expect(html).toContain('3 audits from 30 October 2026 to 13 November 2026.');
    expect(html).not.toMatch(/<script/i);
  });

  it('never overwrites an earlier history unless asked', async () => {
    await expect(runHistory({ target: 'northwind-home', outputRoot: root, png: false })).rejects.toThrow(/--force/);
    await expect(runHistory({ target: 'northwind-home', outputRoot: root, png: false, force: true, locale: 'de' })).resolves.toMatchObject({
      view: { title: 'Verlauf: Northwind Home' },
    });
  });

  it('names the brands it knows when the slug is not one of them', async () => {
    const err = await runHistory({ target: 'nobody', outputRoot: root, png: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/Brands with runs there: northwind-home\./);
  });

  it.skipIf(!hasChrome())('renders the chart to PNG in Chromium', async () => {
    const out = path.join(root, 'png');
    const r = await runHistory({ target: path.join(root, 'northwind-home'), outDir: out });
    expect(r.files.map((f) => path.basename(f))).toEqual(['history.html', 'history.svg', 'history.png']);
    const png = decodeGreyPng(await readFile(path.join(out, 'history.png')));
    expect([png.width, png.height]).toEqual([r.view.chartSize.width * 2, r.view.chartSize.height * 2]);
    // The lines and dots are drawn: far more dark pixels than the axis labels alone would give.
    let dark = 0;
    for (const v of png.data) if (v < 160) dark++;
    expect(dark).toBeGreaterThan(4000);
  });
});
