// End to end: `conductor-audit compare` on the three bundled demo brands (sites served on 127.0.0.1, a bundled
// Google-Trends-shaped export for pull), every output read back: comparison.json against its schema, the PDF
// with poppler, the SVG charts parsed, the PNGs decoded.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { ComparisonResultSchema, type ComparisonResult } from '../../src/compare/schema.js';
import { decodeGreyPng } from '../unit/report/pixels.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/conductor-audit');
const DEMO = ['audits/demo/megamart.yaml', 'audits/demo/brightside.yaml', 'audits/demo/fernhill.yaml'];

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 16 << 20, env: { ...process.env, CI: 'true' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let tmp: string;
let out: string;
let first: { code: number; stdout: string; stderr: string };
let comparison: ComparisonResult;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'conductor-compare-'));
  out = path.join(tmp, 'demo');
  first = await cli(['compare', ...DEMO, '--trends', 'audits/demo/multiTimeline.csv', '--out', out]);
  comparison = ComparisonResultSchema.parse(JSON.parse(await readFile(path.join(out, 'comparison.json'), 'utf8')));
}, 300_000);

describe('conductor-audit compare on the demo brands', () => {
  it('runs the three audits (different hosts) and ranks conductor, middle case, producer', () => {
    expect(first.code).toBe(0);
    for (const b of ['MegaMart', 'Brightside Cycles', 'Fernhill Garden Supply']) expect(first.stderr).toContain(`auditing ${b}`);
    expect(comparison.ranking.map((e) => [e.brand, e.position])).toEqual([
      ['Brightside Cycles', 1],
      ['Fernhill Garden Supply', 2],
      ['MegaMart', 3],
    ]);
    const score = (b: string) => comparison.brands.find((x) => x.brand === b)!.index;
    expect(score('Brightside Cycles').label).toBe('conductor');
    expect(score('Fernhill Garden Supply').label).toBe('balanced');
    expect(score('MegaMart').label).toBe('producer');
    expect(comparison.unranked).toEqual([]);
    expect(comparison.mixed).toBeNull();
    expect(first.stdout).toMatch(/1\. Brightside Cycles: \d+\/100\n 2\. Fernhill Garden Supply: \d+\/100\n 3\. MegaMart: \d+\/100/);
  });

  it('writes every output and both forms of every chart', async () => {
    for (const f of ['comparison.pdf', 'comparison.html', 'comparison.json', 'comparison.md'])
      expect((await stat(path.join(out, f))).size).toBeGreaterThan(1000);
    expect((await readdir(path.join(out, 'charts'))).sort()).toEqual([
      'gaps.png',
      'gaps.svg',
      'index.png',
      'index.svg',
      'pull.png',
      'pull.svg',
      'questions.png',
      'questions.svg',
    ]);
    // The audits it ran keep their results for the next comparison.
    for (const b of ['megamart', 'brightside-cycles', 'fernhill-garden-supply'])
      expect((await stat(path.join(out, 'audits', b, 'audit.json'))).isFile()).toBe(true);
  });

  it('charts: the SVGs parse as SVG; each PNG is twice the SVG’s size and not blank', async () => {
    for (const name of ['index', 'questions', 'pull', 'gaps']) {
      const svg = await readFile(path.join(out, 'charts', `${name}.svg`), 'utf8');
      const $ = cheerio.load(svg, { xml: true });
      const root = $('svg');
      expect(root.length, name).toBe(1);
      expect(root.attr('xmlns')).toBe('http://www.w3.org/2000/svg');
      expect($('parsererror').length).toBe(0);
      expect(svg).not.toMatch(/<script|href=|url\(/i);
      const w = Number(root.attr('width'));
      const h = Number(root.attr('height'));
      const png = decodeGreyPng(await readFile(path.join(out, 'charts', `${name}.png`)));
      expect([png.width, png.height], name).toEqual([w * 2, h * 2]);
      const inked = png.data.filter((v) => v < 200).length / png.data.length;
      expect(inked, `${name}: share of drawn pixels`).toBeGreaterThan(0.01);
      expect(inked).toBeLessThan(0.6);
      // Not one flat colour: several grey levels (bars, text, rules).
      expect(new Set(png.data).size).toBeGreaterThan(8);
    }
  });

  it('pull comes from the one Trends export: one scale, a reversal for the middle case, the signal gaps paired', () => {
    expect(comparison.pull.sharedScale).toBe(true);
    expect(comparison.pull.brands.every((b) => b.from === 'trends' && b.traffic.metric === 'interest')).toBe(true);
    const fern = comparison.pull.brands.find((b) => b.brand === 'Fernhill Garden Supply')!;
    expect(fern.traffic.trend.segments.map((s) => s.direction)).toEqual(['rising', 'falling']);
    expect(comparison.gaps.length).toBeGreaterThanOrEqual(5);
    expect(comparison.gaps.length).toBeLessThanOrEqual(8);
    for (const g of comparison.gaps) expect(g.brands.filter((b) => b.evidence).length).toBeGreaterThanOrEqual(2);
  });

  it('the PDF reads as the comparison, and its words hold no file names or loopback addresses', async () => {
    const { stdout: text } = await run('pdftotext', ['-layout', path.join(out, 'comparison.pdf'), '-']);
    for (const h of [
      'The ranking',
      'Each brand in a paragraph',
      'The five questions side by side',
      'Where the brands differ most',
      'Pull side by side',
      'How to read this comparison',
    ])
      expect(text).toContain(h);
    expect(text).toMatch(/The trend reversed: rising until \w{3} 20\d\d/);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|audit\.json|multiTimeline|\.yaml|\.csv/);
    const md = await readFile(path.join(out, 'comparison.md'), 'utf8');
    expect(md).toContain('![Conductor index per brand (coverage on the right)](charts/index.png)');
    expect(md).not.toMatch(/127\.0\.0\.1|&lt;|\\\(/);
  });

  it('never overwrites an earlier comparison without --force, and reuses the audits it ran', async () => {
    const again = await cli(['compare', ...DEMO, '--out', out, '--formats', 'json,md']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds results of an earlier run \(comparison\.json, comparison\.md, charts\/index\.svg/);
    const forced = await cli(['compare', ...DEMO, '--out', out, '--formats', 'json', '--force', '--lang', 'de']);
    expect(forced.code).toBe(0);
    for (const b of ['MegaMart', 'Brightside Cycles', 'Fernhill Garden Supply']) expect(forced.stderr).toContain(`reusing the result for ${b}`);
    expect(forced.stderr).not.toContain('auditing');
  });

  it('refuses results scored with different rubrics (exit 2, the reason), and compares them with --allow-mixed', async () => {
    const mm = JSON.parse(await readFile(path.join(out, 'audits', 'megamart', 'audit.json'), 'utf8'));
    const other = path.join(tmp, 'megamart-other-rubric.json');
    await writeFile(other, JSON.stringify({ ...mm, rubric: { ...mm.rubric, name: 'house-rules', version: '9.9.9' } }));
    const bs = path.join(out, 'audits', 'brightside-cycles');
    const refused = await cli(['compare', other, bs, '--out', path.join(tmp, 'mixed'), '--formats', 'json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/scored with different rubrics, so their scores do not measure the same thing/);
    expect(refused.stderr).toMatch(/- rubric house-rules 9\.9\.9: MegaMart\n\s+- rubric default [^:]+: Brightside Cycles/);
    const allowed = await cli(['compare', other, bs, '--out', path.join(tmp, 'mixed'), '--formats', 'json,md', '--allow-mixed']);
    expect(allowed.code).toBe(0);
    expect(await readFile(path.join(tmp, 'mixed', 'comparison.md'), 'utf8')).toMatch(
      /These audits were scored with different rubrics or tool versions \(rubric house-rules 9\.9\.9 for MegaMart; rubric default [^)]+ for Brightside Cycles\) and compared anyway/,
    );
  });

  it('says what is wrong with bad inputs (exit 2)', async () => {
    const one = await cli(['compare', DEMO[0]!, '--out', path.join(tmp, 'one')]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/A comparison needs at least two audits/);
    const missing = await cli(['compare', DEMO[0]!, 'nope.yaml', '--out', path.join(tmp, 'missing')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml does not exist/);
    const term = await cli(['compare', DEMO[0]!, DEMO[1]!, '--out', path.join(tmp, 'term'), '--trends-term', 'MegaMart']);
    expect(term.code).toBe(2);
    expect(term.stderr).toMatch(/--trends-term maps brands to the search terms of a Google Trends export/);
  });
});
