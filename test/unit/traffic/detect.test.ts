// Format detection from the file's header, and the `traffic.format` override.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, detectFormat, parseTraffic } from '../../../src/traffic/import.js';
import { fails, fixture } from './helpers.js';

const text = (name: string) => decodeText(readFileSync(fixture(name))).replace(/^\uFEFF/, '');

describe('detectFormat', () => {
  it.each([
    ['monthly.csv', 'csv'],
    ['monthly.json', 'json'],
    ['ga4-nth-day.csv', 'ga4'],
    ['ga4-date.csv', 'ga4'],
    ['ua-audience-overview.csv', 'ua'],
    ['ua-channels-uk.csv', 'ua'],
    ['plausible-visitors.csv', 'plausible'],
    ['plausible-goal.csv', 'plausible'],
    ['imported_visitors_20240101_20240229.csv', 'plausible'],
    ['gsc-Dates.csv', 'gsc'],
    ['matomo-visits-summary-month.csv', 'matomo'],
    ['similarweb-traffic-overview.csv', 'similarweb'],
    ['umami-daily.csv', 'csv'],
  ])('%s → %s', (name, format) => {
    expect(detectFormat(text(name))).toBe(format);
  });
});

describe('traffic.format override', () => {
  it('forces a format, and a wrong one fails on the file rather than guessing', () => {
    expect(parseTraffic('date,visits\n2024-01,5\n', 'x.csv', { format: 'csv' }).format).toBe('generic-csv');
    expect(fails(() => parseTraffic('date,visits\n2024-01,5\n', 'x.csv', { format: 'ua' })).message).toMatch(/without a "Day Index" table/);
  });

  it('an unknown format lists the known ones and points to traffic.columns', () => {
    const e = fails(() => parseTraffic('date,visits\n2024-01,5\n', 'x.csv', { format: 'fathom' }));
    expect(e.message).toMatch(/unknown traffic format "fathom"\. Known formats: csv, json, ga4, ua, plausible, gsc, matomo, similarweb, google-trends\./);
    expect(e.message).toContain('columns: { date:');
  });
});
