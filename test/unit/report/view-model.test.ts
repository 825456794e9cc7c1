import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderQuestionBars, renderScaleSvg } from '../../../src/report/charts.js';
import { cleanText, cssString, safeHref, stripUnsafe, toLink, truncate } from '../../../src/report/text.js';
import { loadLogo, validateAccent } from '../../../src/report/theme.js';
import {
  buildViewModel,
  findingStrength,
  formatChange,
  formatDate,
  formatPercent,
  formatScore,
  indexBandText,
  questionBandText,
  sanitiseTrustedSvg,
  scalePosition,
  topFindings,
  verdictSentence,
} from '../../../src/report/view-model.js';
import { loadFixture } from './helpers.js';

describe('formatting', () => {
  it('formats percentages, changes, scores and dates', () => {
    expect(formatPercent(0.734)).toBe('73%');
    expect(formatPercent(null)).toBe('—');
    expect(formatChange(-16.4)).toBe('−16%');
    expect(formatChange(3.24)).toBe('+3.2%');
    expect(formatChange(null)).toBe('—');
    expect(formatScore(27.1)).toBe('27');
    expect(formatScore(null)).toBe('—');
    expect(formatDate('2026-11-20T23:59:00.000Z')).toBe('20 November 2026');
  });

  it('words the band audit.json gives, and what stands in its place when there is none', () => {
    const idx = (status: 'scored' | 'insufficient-evidence' | 'no-community' | 'not-measured', label: 'producer' | null = null) => ({
      status,
      score: 10,
      label,
      leaning: null,
      coverage: 1,
    });
    expect(indexBandText(idx('scored', 'producer'))).toBe('producer');
    expect(indexBandText(idx('no-community'), 'en', true)).toBe('No community found');
    expect(indexBandText(idx('insufficient-evidence'), 'de')).toBe('zu wenig Belege');
    expect(indexBandText(idx('not-measured'))).toBe('not scored');
    expect(questionBandText({ status: 'not-applicable', band: null })).toBe('not applicable');
    expect(questionBandText({ status: 'scored', band: 'leaning conductor' }, 'de')).toBe('eher Dirigent');
  });

  it('places scores on the scale, clamped', () => {
    expect(scalePosition(27.14)).toBe(27.1);
    expect(scalePosition(-5)).toBe(0);
    expect(scalePosition(140)).toBe(100);
    expect(scalePosition(null)).toBeNull();
  });

  it('words the verdict from the index status and band, and hedges a thin crawl', () => {
    const idx = (
      status: 'scored' | 'insufficient-evidence' | 'no-community' | 'not-measured',
      label: 'producer' | 'conductor' | 'balanced' | null,
      coverage = 1,
    ) => ({ status, score: 50, label, leaning: null, coverage });
    expect(verdictSentence('Acme', idx('scored', 'producer'))).toMatch(/^Acme behaves as a social producer/);
    expect(verdictSentence('Acme', idx('scored', 'conductor'))).toMatch(/social conductor/);
    expect(verdictSentence('Acme', idx('scored', 'balanced', 0.6))).toMatch(/provisional/);
    expect(verdictSentence('Acme', idx('not-measured', null, 0))).toMatch(/Not enough evidence/);
    expect(verdictSentence('Acme', idx('no-community', null))).toMatch(/^No community was found .* no producer–conductor verdict/);
    expect(verdictSentence('Acme', idx('insufficient-evidence', null, 0.3))).toMatch(/Too little of the evidence .* 30%/);
  });
});

describe('text safety', () => {
  it('strips control, zero-width and bidi characters', () => {
    expect(stripUnsafe('a\u202Eb\u200Bc\u0007d\u2066e\uFEFF')).toBe('abcde');
    expect(stripUnsafe('  a \n\t b ')).toBe('a b');
  });

  it('truncates long strings with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(Array.from(cleanText('x'.repeat(2000), 300))).toHaveLength(300);
    expect(toLink('https://e.example/' + 'a'.repeat(500)).text.length).toBeLessThanOrEqual(200);
  });

  it('only lets http(s) URLs become links', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('java\u200Bscript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('file:///etc/passwd')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
    expect(toLink('javascript:alert(1)')).toEqual({ text: 'javascript:alert(1)', href: null });
  });

  it('makes CSS strings that cannot break out', () => {
    const s = cssString('Org"; } body { display:none } </style><h1>x');
    expect(s.startsWith('"') && s.endsWith('"')).toBe(true);
    expect(s.slice(1, -1)).not.toMatch(/["{}<>;]/);
  });
});

describe('theme', () => {
  it('accepts only #rgb / #rrggbb accents', () => {
    expect(validateAccent('#0B6E4F')).toBe('#0b6e4f');
    expect(validateAccent('#abc')).toBe('#aabbcc');
    for (const bad of ['red', '#abcd', '#12345g', 'url(x)', '#fff; background:url(x)', '', null, undefined]) expect(validateAccent(bad)).toBeNull();
  });

  it('falls back to the default accent for an invalid value', () => {
    const vm = buildViewModel(loadFixture('sample'), { accent: 'red;}</style>' });
    expect(vm.theme.accent).toBe('#0b6e4f');
  });

  it('inlines svg/png logos as data: URIs and rejects others', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'logo-'));
    const svg = path.join(dir, 'logo.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(loadLogo(svg)).toMatch(/^data:image\/svg\+xml;base64,/);
    const png = path.join(dir, 'logo.png');
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    expect(loadLogo(png)).toMatch(/^data:image\/png;base64,/);
    const gif = path.join(dir, 'logo.gif');
    writeFileSync(gif, 'GIF89a');
    expect(() => loadLogo(gif)).toThrow(/\.svg, \.png or \.jpg/);
    const fake = path.join(dir, 'fake.png');
    writeFileSync(fake, '<html>not an image</html>');
    expect(() => loadLogo(fake)).toThrow(/not a valid/);
    const big = path.join(dir, 'big.png');
    writeFileSync(big, Buffer.alloc(2048, 0));
    expect(() => loadLogo(big, 1024)).toThrow(/limit/);
    expect(() => loadLogo(path.join(dir, 'missing.svg'))).toThrow(/cannot be read/);
  });
});

describe('findings', () => {
  it('ranks measured signals by weight × distance from 50', () => {
    const r = loadFixture('sample');
    const top = topFindings(r.questions, 3);
    expect(top.map((f) => f.signal.id)).toEqual(['q1-open-content', 'q5-consent-choice', 'q1-registration-burden']);
    const strengths = top.map((f) => findingStrength(f.signal));
    expect([...strengths].sort((a, b) => b - a)).toEqual(strengths);
    for (const f of top) expect(f.signal.status).toBe('measured');
  });

  it('ignores unmeasured signals', () => {
    const r = loadFixture('sample');
    const notMeasured = r.questions[4]!.signals.find((s) => s.status === 'not-measured')!;
    expect(findingStrength(notMeasured)).toBe(0);
  });
});

describe('view model', () => {
  it('builds the summary, questions and traffic from the sample', () => {
    const vm = buildViewModel(loadFixture('sample'));
    expect(vm.cover.brand).toBe('Northwind Home');
    expect(vm.cover.date).toBe('20 November 2026');
    expect(vm.summary.indexScore).toBe('27');
    expect(vm.summary.indexLabel).toBe('leaning producer');
    expect(vm.summary.findings).toHaveLength(3);
    expect(vm.questions).toHaveLength(5);
    expect(vm.questions[0]!.analyst?.score).toBe('15');
    expect(vm.questions[0]!.analyst?.differs).toMatch(/2 points/);
    expect(vm.questions[4]!.coverage).toBe('75%');
    expect(vm.traffic.present).toBe(true);
    expect(vm.traffic.chartSvg).toMatch(/^<svg/);
    expect(vm.method.bands.find((b) => b.current)?.label).toBe('Leaning producer');
    expect(vm.paper).toBe('A4');
  });

  it('says so when no traffic data was supplied', () => {
    const r = { ...loadFixture('sample'), traffic: null };
    const vm = buildViewModel(r);
    expect(vm.traffic.present).toBe(false);
    expect(vm.traffic.summary).toMatch(/No traffic data was supplied/);
  });

  it('cleans hostile strings and never links non-http URLs', () => {
    const hostile = loadFixture('hostile');
    const vm = buildViewModel(hostile);
    expect(vm.cover.site.href).toBeNull();
    // A card shows one item of evidence: the hostile fixture's first is a javascript: URL.
    const sig = vm.questions[0]!.signals[0]!;
    expect(sig.evidence).toHaveLength(1);
    expect(sig.moreEvidence).toBe(2);
    expect(sig.evidence[0]!.link.href).toBeNull();
    // Each of the three, shown first in turn: the over-long snippet is cut, the data: URL is not linked.
    const items = hostile.questions[0]!.signals[0]!.evidence;
    const shown = items.map((_, i) => {
      const reordered = {
        ...hostile,
        questions: hostile.questions.map((q, qi) =>
          qi === 0 ? { ...q, signals: q.signals.map((s, si) => (si === 0 ? { ...s, evidence: [items[i]!, ...items.filter((_, j) => j !== i)] } : s)) } : q,
        ),
      };
      return buildViewModel(reordered).questions[0]!.signals[0]!.evidence[0]!;
    });
    expect(items[1]!.snippet!.length).toBeGreaterThan(300);
    expect(Array.from(shown[1]!.quote!).length).toBeLessThanOrEqual(300);
    expect(shown[2]!.link.href).toBeNull();
    for (const e of shown) {
      expect(e.link.href === null || /^https?:\/\//.test(e.link.href)).toBe(true);
      expect(e.quote ?? '').not.toMatch(/[\u202E\u200B]/);
      // Never doubled quotation marks: the report adds its own.
      expect(e.quote ?? '').not.toMatch(/^["“„]/);
    }
    for (const p of vm.appendix.pages) expect(p.link.href === null || /^https?:\/\//.test(p.link.href)).toBe(true);
    for (const g of vm.appendix.leftOut) expect(g.example.href === null || /^https?:\/\//.test(g.example.href)).toBe(true);
  });

  it('keeps bidi overrides and zero-width characters out of every question, signal and finding text', () => {
    const vm = buildViewModel(loadFixture('hostile'));
    expect(JSON.stringify(vm.questions)).not.toMatch(/[\u202E\u200B]/);
    expect(JSON.stringify(vm.summary)).not.toMatch(/[\u202E\u200B]/);
    expect(JSON.stringify(vm.cover)).not.toMatch(/[\u202E\u200B]/);
  });

  it('only accepts plain chart SVGs as trusted', () => {
    expect(sanitiseTrustedSvg('<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>')).toMatch(/^<svg/);
    expect(sanitiseTrustedSvg('<svg><script>alert(1)</script></svg>')).toBeNull();
    expect(sanitiseTrustedSvg('<svg onload="x()"></svg>')).toBeNull();
    expect(sanitiseTrustedSvg('<svg><image href="file:///etc/passwd"/></svg>')).toBeNull();
    expect(sanitiseTrustedSvg('<div></div>')).toBeNull();
  });
});

describe('charts', () => {
  it('escapes labels inside generated SVG', () => {
    const svg = renderQuestionBars([{ id: 'Q1', title: '<script>x</script>', score: 40, analystScore: 30 }], { accent: '#123456' });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('analyst score');
    // The scale and the bars use the producer/conductor colours, never the brand accent.
    expect(renderScaleSvg(27, { accent: '#123456' })).not.toContain('#123456');
  });
});
