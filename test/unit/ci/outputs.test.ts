// The words of a CI job (made once by src/report/ci-model.ts) and what places them: the stderr lines, GitHub
// annotations, the Markdown summary and the JUnit file, which is parsed back here.
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { githubAnnotations, stderrLines, useColour } from '../../../src/ci/annotations.js';
import { renderJunit } from '../../../src/ci/junit.js';
import { renderCiMarkdown } from '../../../src/ci/summary.js';
import { buildCiViewModel } from '../../../src/report/ci-model.js';
import { CiRunSchema } from '../../../src/result/ci-schema.js';
import { brandResult, ciRun } from '../../helpers/ci-run.js';
import { loadFixture } from '../report/helpers.js';

const sample = loadFixture('sample');
const q4 = sample.questions.find((q) => q.id === 'Q4')!;

// One brand below two thresholds (one error, one warning), one below a question's coverage floor, one that could
// not run, and one compared with a baseline made by another tool version.
const failing = brandResult(sample, { index: ['error', { minScore: 99 }], Q4: ['warn', { minScore: q4.score! + 5 }], Q3: ['error', { minScore: 10 }] });
const thinResult = structuredClone(sample);
thinResult.brand = 'Thin Brand';
thinResult.questions[1]!.status = 'insufficient-evidence';
thinResult.questions[1]!.coverage = 0.32;
const thin = brandResult(thinResult, { Q2: ['error', { minScore: 20 }] });
const brokenResult = structuredClone(sample);
brokenResult.brand = 'Gone Brand';
const broken = brandResult(
  brokenResult,
  {},
  { couldNotRun: { kind: 'unreachable', detail: 'robots.txt unreachable (ECONNREFUSED): disallow all (RFC 9309)' } },
);
const olderResult = structuredClone(sample);
olderResult.brand = 'Moved Brand';
const older = structuredClone(olderResult);
older.tool.version = '0.0.9';
const moved = brandResult(olderResult, { index: ['error', { maxDrop: 0 }] }, { baseline: older });
const run = ciRun([failing, thin, broken, moved]);

describe('the ci model', () => {
  const vm = buildCiViewModel(CiRunSchema.parse(run));

  it('says the job broke when an audit could not run, even with failures beside it', () => {
    expect(run.exitCode).toBe(3);
    expect(vm.headline).toBe('1 of 4 brands could not be audited: the job broke, and those brands were not judged. Exit code 3.');
  });

  it('makes one line per failure: brand, assertion, expected, found, and the evidence URL', () => {
    expect(vm.failures.map((l) => l.line)).toEqual([
      expect.stringMatching(/^error Northwind Home: index minScore — expected at least 99, found 27\.1 · evidence: https?:\/\/\S+$/),
      'error Thin Brand: Q2 minScore — expected at least 20, found no score: insufficient evidence (coverage 32%, below the floor of 50%)',
    ]);
    // Q3 holds (26.7 ≥ 10): no line.
    expect(failing.assertions.find((a) => a.target === 'Q3')).toMatchObject({ outcome: 'pass', actual: 26.7 });
    expect(vm.broken.map((l) => l.line)).toEqual([
      'could not run Gone Brand: the site did not answer (robots.txt unreachable (ECONNREFUSED): disallow all (RFC 9309)). The job broke; the brand was not judged.',
    ]);
    expect(vm.warnings.map((l) => l.line)).toEqual([
      expect.stringMatching(/^warning Northwind Home: Q4 minScore — expected at least [\d.]+, found [\d.]+/),
      expect.stringMatching(
        /^warning Moved Brand: index maxDrop — not checked: the baseline was made with conductor-audit 0\.0\.9, this run with conductor-audit 0\.1\.0, so the scores are not comparable$/,
      ),
    ]);
  });

  it('tabulates every brand once, with its change since the baseline', () => {
    expect(vm.table.rows.map((r) => r[0])).toEqual(['Northwind Home', 'Thin Brand', 'Gone Brand', 'Moved Brand']);
    expect(vm.table.rows[0]![3]).toBe('no baseline yet');
    expect(vm.table.rows[3]![3]).toBe('not comparable');
    expect(vm.table.rows[2]!.at(-1)).toBe('not run');
    expect(vm.table.rows[1]![5]).toMatch(/^\(\d+\)$/); // Q2 with insufficient evidence: its score in brackets
  });

  it('speaks German when asked', () => {
    const de = buildCiViewModel(run, { locale: 'de' });
    expect(de.headline).toMatch(/^1 von 4 Marken konnten nicht auditiert werden/);
    expect(de.failures.at(-1)!.line).toBe(
      'Fehler Thin Brand: Q2 minScore — erwartet mindestens 20, gefunden kein Wert: zu wenige Belege (Abdeckung 32\u00a0%, unter der Schwelle von 50\u00a0%)',
    );
    expect(de.broken[0]!.line).toMatch(/^nicht ausgeführt Gone Brand: die Website hat nicht geantwortet/);
  });
});

describe('stderr and annotations', () => {
  const vm = buildCiViewModel(run);

  it('prints failures first, then what could not run, then warnings; colour only on a terminal without NO_COLOR', () => {
    const lines = stderrLines(vm, false);
    expect(lines.map((l) => l.split(' ')[0])).toEqual([...vm.failures.map(() => 'error'), 'could', 'warning', 'warning']);
    expect(lines.join('')).not.toContain('\x1b[');
    expect(stderrLines(vm, true)[0]!.startsWith('\x1b[31merror ')).toBe(true);
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColour({ isTTY: false }, {})).toBe(false);
  });

  it('lets no control character of a brand name or a detail reach the terminal or the workflow log', () => {
    const hostile = buildCiViewModel(
      ciRun([brandResult({ ...structuredClone(sample), brand: 'Evil\x1b]0;pwned\x07 \x1b[2JCo' }, { index: ['error', { minScore: 99 }] })]),
    );
    const controlCharacters = (line: string): number[] =>
      [...line].map((c) => c.charCodeAt(0)).filter((code) => (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f);
    for (const line of [...stderrLines(hostile, false), ...githubAnnotations(hostile)]) expect(controlCharacters(line)).toEqual([]);
    expect(stderrLines(hostile, false)[0]).toContain('Evil');
  });

  it('writes ::error:: and ::warning:: workflow commands with their data escaped', () => {
    const notes = githubAnnotations(vm);
    expect(notes.filter((n) => n.startsWith('::error '))).toHaveLength(vm.failures.length + 1);
    expect(notes.filter((n) => n.startsWith('::warning '))).toHaveLength(2);
    expect(notes[0]).toMatch(/^::error title=conductor-audit%3A Northwind Home index minScore::index minScore — expected at least 99/);
    const tricky = buildCiViewModel(ciRun([brandResult({ ...structuredClone(sample), brand: 'A, B: 100%\nC' }, { index: ['error', { minScore: 99 }] })]));
    const line = githubAnnotations(tricky)[0]!;
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('title=conductor-audit%3A A%2C B%3A 100%25 C index minScore::');
  });
});

describe('the Markdown summary', () => {
  it('leads with the verdict and the failures, then every brand once, then what moved', () => {
    const md = renderCiMarkdown(buildCiViewModel(run));
    expect(md.indexOf('### Failed assertions')).toBeLessThan(md.indexOf('### Could not be audited'));
    expect(md.indexOf('### Could not be audited')).toBeLessThan(md.indexOf('### Warnings'));
    expect(md.indexOf('### Warnings')).toBeLessThan(md.indexOf('### Brands'));
    for (const brand of ['Northwind Home', 'Thin Brand', 'Gone Brand', 'Moved Brand']) expect(md.match(new RegExp(`^\\| ${brand} \\|`, 'gm'))).toHaveLength(1);
    expect(md).toContain('### Since the baseline');
    expect(md).toContain('**Moved Brand**: Compared with the audit of');
    expect(md).toMatch(/_Noise bands: a change of up to ±2 on the index, ±6 on a question and ±10 on a signal counts as no change\._/);
  });
});

describe('JUnit', () => {
  it('has one test case per assertion per brand (plus the audit itself), and reads back as the job went', () => {
    const xml = renderJunit(buildCiViewModel(run));
    const $ = cheerio.load(xml, { xml: true });
    const suites = $('testsuite');
    expect(suites).toHaveLength(4);
    expect(suites.map((_, s) => $(s).attr('name')).get()).toEqual([
      'Northwind Home (northwind-home)',
      'Thin Brand (thin-brand)',
      'Gone Brand (gone-brand)',
      'Moved Brand (moved-brand)',
    ]);
    for (const [i, b] of run.brands.entries()) {
      const cases = $(suites[i]).find('testcase');
      expect(cases.map((_, c) => $(c).attr('name')).get()).toEqual(['audit', ...b.assertions.map((a) => `${a.target} ${a.option}`)]);
      expect(cases.first().attr('classname')).toBe(`conductor-audit.${b.slug}`);
    }
    const nw = $(suites[0]);
    expect(nw.find('testcase[name="index minScore"] > failure').attr('message')).toMatch(/^index minScore — expected at least 99, found/);
    expect(nw.find('testcase[name="Q4 minScore"] > failure')).toHaveLength(0); // a warning: passes, with the warning in system-err
    expect(nw.find('testcase[name="Q4 minScore"] > system-err').text()).toMatch(/^warning Northwind Home: Q4 minScore/);
    expect($(suites[1]).find('testcase[name="Q2 minScore"] > failure').attr('message')).toMatch(/found no score: insufficient evidence/);
    const gone = $(suites[2]);
    expect(gone.find('testcase[name="audit"] > error').attr('type')).toBe('could-not-run');
    expect(gone.find('testcase[name="crawl minPagesFetched"] > skipped')).toHaveLength(1);
    expect($(suites[3]).find('testcase[name="index maxDrop"] > skipped').attr('message')).toMatch(/not comparable/);
    const totals = $('testsuites');
    expect(Number(totals.attr('tests'))).toBe(run.brands.reduce((n, b) => n + 1 + b.assertions.length, 0));
    expect(Number(totals.attr('errors'))).toBe(1);
    expect(Number(totals.attr('failures'))).toBe(buildCiViewModel(run).failures.length);
  });

  it('escapes what crawled and configured text could smuggle in', () => {
    const hostile = { ...structuredClone(sample), brand: 'Evil <x> & "co" \u0001' };
    const xml = renderJunit(buildCiViewModel(ciRun([brandResult(hostile, { index: ['error', { minScore: 99 }] })])));
    const $ = cheerio.load(xml, { xml: true });
    expect($('testsuite').attr('name')).toBe('Evil <x> & "co" (evil-x-co)');
    expect(xml).not.toContain('\u0001');
  });
});
