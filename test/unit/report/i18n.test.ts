import { describe, expect, it } from 'vitest';
import { de } from '../../../src/i18n/de.js';
import { en } from '../../../src/i18n/en.js';
import { formatLongDate, formatShare, interpolate, monthName, resolveLocale, t } from '../../../src/i18n/index.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { formatChange, formatCount, formatDate, formatPercent } from '../../../src/report/view-model.js';
import { loadFixture, SECTION_HEADINGS, SECTION_HEADINGS_DE } from './helpers.js';

/** Visible text of an HTML document (style and tags removed, common entities decoded). */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The literal pieces of a catalogue message (between placeholders) long enough to be telling. */
function fragments(msg: string): string[] {
  return msg
    .split(/\{\w+\}/)
    .map((f) => f.trim())
    .filter((f) => f.length >= 14);
}

describe('message catalogues', () => {
  it('have the same keys in English and German, none empty in German', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(de)) expect(v.trim(), k).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en) as Array<keyof typeof en>) expect(ph(de[k]), k).toEqual(ph(en[k]));
  });

  it('fills placeholders and formats numbers and dates per locale', () => {
    expect(interpolate('a {x} b {y} {z}', { x: 1, y: 'two' })).toBe('a 1 b two {z}');
    expect(t('question.eyebrow', { n: 2 })).toBe('Question 2 of 5');
    expect(t('question.eyebrow', { n: 2 }, 'de')).toBe('Frage 2 von 5');
    expect(resolveLocale('fr')).toBe('en');
    expect(formatShare(0.73, 'en')).toBe('73%');
    expect(formatShare(0.73, 'de')).toBe('73\u00a0%');
    expect(formatPercent(0.734, 'de')).toBe('73\u00a0%');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(1234567, 'de')).toBe('1.234.567');
    expect(formatChange(-3.24, 'de')).toBe('\u22123,2\u00a0%');
    expect(formatDate('2026-11-20T23:59:00.000Z', 'de')).toBe('20. November 2026');
    expect(formatLongDate(new Date('2026-12-01T00:00:00Z'), 'en')).toBe('1 December 2026');
    expect(monthName(12, 'de')).toBe('Dezember');
  });
});

describe('German report', () => {
  const sample = loadFixture('sample');
  const htmlDe = renderReportHtml(sample, { locale: 'de' });
  const textDe = visibleText(htmlDe);
  const textEn = visibleText(renderReportHtml(sample));

  it('is marked as German and has German headings', () => {
    expect(htmlDe).toContain('<html lang="de">');
    for (const h of SECTION_HEADINGS_DE) expect(textDe).toContain(h);
    for (const h of SECTION_HEADINGS) expect(textDe).not.toMatch(new RegExp(`(?<![\\p{L}])${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u'));
    expect(textDe).toContain('Teilhabe');
    expect(textDe).toContain('20. November 2026');
    expect(textDe).toContain('Northwind Home: sozialer Produzent oder sozialer Dirigent?');
  });

  it('says in German that signal texts stay English', () => {
    expect(textDe).toContain(de['method.languageNote']);
    expect(textEn).not.toContain('Hinweis zur Sprache');
  });

  it('leaves no English catalogue string behind (and the English report no German one)', () => {
    const leftovers: string[] = [];
    for (const k of Object.keys(en) as Array<keyof typeof en>) {
      if (en[k] === de[k]) continue;
      for (const f of fragments(en[k])) if (textDe.includes(f)) leftovers.push(`${k}: ${f}`);
      for (const f of fragments(de[k])) if (textEn.includes(f)) leftovers.push(`(de in en) ${k}: ${f}`);
    }
    expect(leftovers).toEqual([]);
  });

  it('uses every heading-level catalogue key it renders from the German catalogue', () => {
    for (const k of ['summary.title', 'rec.title', 'method.title', 'coverage.title', 'appendix.title', 'toc.title', 'traffic.title'] as const) {
      expect(textDe).toContain(de[k]);
    }
  });
});
