// Validation set: small static sites spanning producer → conductor, each with the bands it must land in, written
// before the first scoring run (test/fixtures/validation/<name>/expected.yaml). Tune signals and the rubric, never
// the expectations.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runSignalsOnSite } from '../../src/signals/run-signals.js';
import { isMeasured } from '../../src/signals/types.js';
import { scoreAudit } from '../../src/score/score.js';
import { loadRubric, type Rubric } from '../../src/score/rubric.js';
import { QUESTION_IDS } from '../../src/result/schema.js';
import { loadSite } from './load-site.js';

const ROOT = fileURLToPath(new URL('../fixtures/validation/', import.meta.url));
type Band = [number, number] | null;
interface Expected {
  Q1: Band;
  Q2: Band;
  Q3: Band;
  Q4: Band;
  Q5: Band;
  index: Band;
  notMeasured?: string[];
  platforms?: string[];
}

const names = readdirSync(ROOT)
  .filter((n) => existsSync(join(ROOT, n, 'expected.yaml')))
  .sort();
let rubric: Rubric;
beforeAll(async () => {
  rubric = await loadRubric();
});

function audit(name: string) {
  const site = loadSite(ROOT + name, name);
  const { runs, site: context } = runSignalsOnSite(site);
  return { site, runs, platforms: (context.platforms ?? []).map((p) => p.name), result: scoreAudit(runs, rubric, {}, context.community) };
}

function expectBand(label: string, score: number | null, band: Band): void {
  if (band === null) expect(score, `${label} must be unscored`).toBeNull();
  else {
    expect(score, `${label} must be scored`).not.toBeNull();
    expect(score!, `${label} = ${score} outside [${band.join(', ')}]`).toBeGreaterThanOrEqual(band[0]);
    expect(score!, `${label} = ${score} outside [${band.join(', ')}]`).toBeLessThanOrEqual(band[1]);
  }
}

describe('validation set', () => {
  it('has at least eight sites of 1–12 pages each', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const n of names) expect(loadSite(ROOT + n, n).pages.length).toBeLessThanOrEqual(12);
  });

  it.each(names)('%s lands in its expected bands', (name) => {
    const expected = parse(readFileSync(join(ROOT, name, 'expected.yaml'), 'utf8')) as Expected;
    const { result, runs, site, platforms } = audit(name);
    const report = result.questions.map((q) => `${q.id}=${q.score}`).join(' ') + ` index=${result.index.score}`;
    for (const q of QUESTION_IDS) expectBand(`${name} ${q} (${report})`, result.questions.find((x) => x.id === q)!.score, expected[q]);
    expectBand(`${name} index (${report})`, result.index.score, expected.index);
    // `notMeasured` lists signals that must not be scored: not measured, or not applicable (nothing to read).
    for (const id of expected.notMeasured ?? []) {
      const run = runs.find((r) => r.signal.meta.id === id)!;
      expect(!isMeasured(run.measurement), `${name}: ${id} must be unscored`).toBe(true);
    }
    // Every measured signal is backed by evidence on the audited site.
    for (const r of runs) {
      if (!isMeasured(r.measurement)) continue;
      expect(r.measurement.evidence.length, `${name}: ${r.signal.meta.id} has evidence`).toBeGreaterThan(0);
      for (const e of r.measurement.evidence) expect(e.url.startsWith(site.siteUrl), `${name}: ${r.signal.meta.id} evidence ${e.url}`).toBe(true);
    }
    if (expected.platforms) expect(platforms).toEqual(expected.platforms);
    else expect(platforms, `${name}: no platform expected`).toEqual([]);
  });

  it('orders pure producer < both mixed cases < pure conductor', () => {
    const idx = (n: string) => audit(n).result.index.score!;
    const producer = idx('producer');
    const conductor = idx('conductor');
    for (const mixed of ['mixed-open-sales', 'mixed-walled-honest']) {
      expect(idx(mixed)).toBeGreaterThan(producer);
      expect(idx(mixed)).toBeLessThan(conductor);
    }
  });
});
