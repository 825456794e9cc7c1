// The pull section's words come from the traffic result's typed fields, in English and German.
import { describe, expect, it } from 'vitest';
import { dataWarningText, pullParagraph, pullStats, pValueText } from '../../../src/report/pull-words.js';
import { analyseTraffic } from '../../../src/traffic/trend.js';
import { noise, seriesFrom } from '../traffic/helpers.js';

function reversing() {
  const rnd = noise(4);
  return analyseTraffic(
    seriesFrom(
      '2012-01',
      Array.from({ length: 84 }, (_, i) => Math.round(1000 * (i < 48 ? 1.02 ** i : 1.02 ** 48 * 0.97 ** (i - 48)) * (1 + 0.04 * rnd()))),
    ),
  );
}

describe('pull words', () => {
  it('p-values: a significant 0.0496 never reads as 0.05; German uses a decimal comma', () => {
    expect(pValueText(0.0004, 'en')).toBe('p < 0.001');
    expect(pValueText(0.0496, 'en')).toBe('p = 0.049');
    expect(pValueText(0.031, 'de')).toBe('p = 0,03');
    expect(pValueText(0.0004, 'de')).toBe('p < 0,001');
  });

  it('a reversal in German, and in the table', () => {
    const r = reversing();
    expect(r.trend.segments.map((s) => s.direction)).toEqual(['rising', 'falling']);
    expect(pullParagraph(r, 'de')).toMatch(
      /Der Trend hat sich umgekehrt: bis \S+ 201\d steigend \(\+2\s% pro Monat, p < 0,001\), seit \S+ 201\d fallend \(\u2212\d(,\d)?\s% pro Monat, p < 0,001\)\./,
    );
    const rows = pullStats(r, 'en');
    expect(rows.find((x) => x.label === 'Trend reversed')!.value).toMatch(/^rising until \w{3} 201\d, falling since$/);
    expect(rows.find((x) => x.label === 'Last 24 months')!.value).toMatch(/^Falling/);
  });

  it('data warnings in both languages, with their numbers', () => {
    const zero = { code: 'zero-run' as const, months: 37, from: '2020-01', to: '2023-01', atEnd: true };
    expect(dataWarningText(zero, 'en')).toBe(
      'The last 37 months (Jan 2020 – Jan 2023) are all 0: the site may have moved, or the source stopped measuring it. Read the trend with that in mind.',
    );
    expect(dataWarningText({ ...zero, atEnd: false }, 'de')).toMatch(/^37 Monate in Folge \(Jan\.? 2020 – Jan\.? 2023\) steht der Wert auf 0/);
    expect(dataWarningText({ code: 'partial-months', count: 24, of: 60 }, 'en')).toMatch(/^24 of the 60 months inside the series are partial/);
    expect(dataWarningText({ code: 'gaps', count: 2, months: ['2025-03', '2025-04'] }, 'de')).toBe(
      'Für 2 Monate fehlen Daten (März 2025, Apr. 2025): als Lücken gezeigt, nie als Nullen.'
        .replace('März', new Intl.DateTimeFormat('de-DE', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, 2, 15))))
        .replace('Apr.', new Intl.DateTimeFormat('de-DE', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, 3, 15)))),
    );
  });

  it('says relative search interest, never visits, for a Google Trends term', () => {
    const r = { ...reversing(), metric: 'interest' as const };
    expect(pullParagraph(r, 'en')).toMatch(/^Measured as relative search interest on Google Trends, not visits\. /);
    expect(pullParagraph(r, 'de')).toMatch(/^Gemessen als relatives Suchinteresse in Google Trends, nicht in Besuchen\. /);
  });
});
