import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderMultiSeriesChart, renderTrafficChart, safeColour, thousands } from '../../../src/traffic/chart.js';
import { analyseTraffic } from '../../../src/traffic/trend.js';
import { noise, seriesFrom } from './helpers.js';

function surgeSeries(seed = 1) {
  const rnd = noise(seed);
  const values: Array<number | null> = Array.from({ length: 36 }, (_, i) => Math.round(20000 * 0.99 ** i * (i % 12 === 11 ? 1.5 : 1) * (1 + 0.03 * rnd())));
  values[7] = null; // a gap
  return analyseTraffic(seriesFrom('2023-01', values, [0, 35]));
}

/** Well-formedness: every opened tag is closed in order (the SVG we emit has no comments, CDATA or PIs). */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}

describe('renderTrafficChart', () => {
  const result = surgeSeries();
  const title = 'Visits to <Acme> & "friends"';
  const svg = renderTrafficChart(result, { title, accent: '#c0392b' });
  const $ = cheerio.load(svg, { xml: true });

  it('is well-formed, self-contained SVG with an accessible title', () => {
    expect(balanced(svg)).toBe(true);
    expect($('svg').attr('role')).toBe('img');
    expect($('svg').attr('aria-label')).toBe(title);
    expect($('svg > title').text()).toBe(title);
    expect(svg).toContain('Visits to &lt;Acme&gt; &amp; &quot;friends&quot;');
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/href=|url\(/);
  });

  it('is deterministic', () => {
    expect(renderTrafficChart(surgeSeries(), { title, accent: '#c0392b' })).toBe(svg);
  });

  it('draws the line with a break at the gap, hollow partial months, a dashed trend and the December peaks', () => {
    const paths = $('path');
    const seriesD = paths.filter((_, el) => $(el).attr('stroke') === '#c0392b').attr('d')!;
    expect(seriesD.match(/M/g)).toHaveLength(2); // one gap → two segments
    expect($('circle[fill="#ffffff"]')).toHaveLength(2); // first and last months are partial
    expect($('path[stroke-dasharray]')).toHaveLength(1);
    expect(result.trend.holidaySurge).toBe(true);
    expect($('circle[r="7"]')).toHaveLength(3); // three Decembers
  });

  it('labels the axes with thousands separators and month names', () => {
    const labels = $('text')
      .map((_, el) => $(el).text())
      .get();
    expect(labels).toContain('Jan 2023');
    expect(labels).toContain('Apr 2023');
    expect(labels.some((l) => /^\d{1,3}(,\d{3})+$/.test(l))).toBe(true);
  });

  it('refuses an accent that is not #rgb/#rrggbb', () => {
    const evil = renderTrafficChart(result, { accent: 'red" onload="alert(1)' });
    expect(evil).not.toContain('onload');
    expect(safeColour('#abc')).toBe('#abc');
    expect(safeColour('url(#x)')).toBe('#1f5fbf');
  });

  it('renders an empty result without throwing', () => {
    const empty = renderTrafficChart(analyseTraffic(seriesFrom('2025-01', [])));
    expect(balanced(empty)).toBe(true);
  });
});

describe('renderMultiSeriesChart', () => {
  it('aligns brands on calendar months and has an escaped legend', () => {
    const a = surgeSeries(1);
    const b = analyseTraffic(
      seriesFrom(
        '2024-01',
        Array.from({ length: 24 }, (_, i) => 5000 + i * 100),
      ),
    );
    const svg = renderMultiSeriesChart([
      { label: 'Acme & Co', result: a },
      { label: '<Beta>', result: b },
    ]);
    expect(balanced(svg)).toBe(true);
    expect(svg).toContain('Acme &amp; Co');
    expect(svg).toContain('&lt;Beta&gt;');
    expect(svg).not.toMatch(/<script/i);
    const $ = cheerio.load(svg, { xml: true });
    expect($('path').length).toBe(2);
    expect(
      renderMultiSeriesChart([
        { label: 'Acme & Co', result: a },
        { label: '<Beta>', result: b },
      ]),
    ).toBe(svg);
  });
});

describe('helpers', () => {
  it('escapeXml and thousands', () => {
    expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;');
    expect(thousands(1234567)).toBe('1,234,567');
    expect(thousands(999)).toBe('999');
  });
});
