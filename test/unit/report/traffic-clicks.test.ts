// A Search Console series is clicks from Google Search: the report must not call it visits.
import { describe, expect, it } from 'vitest';
import { loadTrafficChart } from '../../../src/report/render-html.js';
import { buildViewModel, pullSentence } from '../../../src/report/view-model.js';
import type { AuditResult } from '../../../src/result/types.js';
import { loadFixture } from './helpers.js';

function withClicks(): AuditResult {
  const r = loadFixture('sample');
  return { ...r, traffic: { ...r.traffic!, source: 'Dates.csv', format: 'gsc-csv', metric: 'clicks' } };
}

describe('traffic wording for search clicks', () => {
  it('captions and labels the chart as clicks from Google Search, in English and German', () => {
    const en = buildViewModel(withClicks(), { locale: 'en' });
    // The caption names the product the export came from, never the file or the importer id.
    expect(en.traffic.caption).toMatch(/^Monthly clicks from Google Search, not visits, .*Google Search Console/);
    expect(en.traffic.caption).not.toMatch(/Dates\.csv|gsc-csv/);
    expect(en.traffic.source).toMatch(/Google Search Console/);
    expect(en.traffic.chartSvg).toContain('aria-label="Monthly clicks from Google Search"');
    const de = buildViewModel(withClicks(), { locale: 'de' });
    expect(de.traffic.caption).toMatch(/^Monatliche Klicks aus der Google-Suche, keine Besuche.*Google Search Console/);
    expect(de.traffic.caption).not.toMatch(/Dates\.csv|gsc-csv/);
    expect(pullSentence(withClicks(), 'de')).toMatch(/^Gemessen in Klicks aus der Google-Suche, nicht in Besuchen\. /);
    expect(pullSentence(withClicks(), 'en')).toMatch(/^Measured in clicks from Google Search, not visits\. /);
  });

  it('keeps the visits wording for visits', () => {
    const r = loadFixture('sample');
    expect(buildViewModel(r).traffic.caption).toMatch(/^Monthly visits/);
    expect(pullSentence(r, 'de')).toMatch(/^Die letzten 12 vollständigen Monate \(Jan\.? 2025 – Dez\.? 2025\) lagen 16\u00a0% unter den 12 davor/);
    expect(pullSentence(r, 'en')).not.toMatch(/clicks|Measured/);
  });

  it('titles the generated chart and its points as clicks', async () => {
    const svg = await loadTrafficChart(withClicks(), null, 'en');
    expect(svg).toContain('<title>Monthly clicks from Google Search</title>');
    expect(svg).toMatch(/search clicks<\/title>/);
    expect(svg).not.toMatch(/ visits(<| \()/);
  });
});
