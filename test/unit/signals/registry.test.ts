import { describe, expect, it } from 'vitest';
import { SIGNALS, signalById } from '../../../src/signals/registry.js';
import { runSignals } from '../../../src/signals/run-signals.js';
import { defineSignal, isMeasured } from '../../../src/signals/types.js';
import { loadRubric } from '../../../src/score/rubric.js';
import { QUESTION_IDS } from '../../../src/result/schema.js';
import { LOCALES } from '../../../src/i18n/index.js';
import { doc, filler, snapshotFromHtml } from '../../helpers/page.js';
import { en } from './score-helpers.js';
import type { Message } from '../../../src/i18n/message.js';

const REQUIRED = ['title', 'explanation', 'recommendation', 'impact'] as const;
/** A short string may be the same in both languages (“Live-Chat ({host})”); a longer one left in English is a missed translation. */
const MIN_UNTRANSLATED = 20;

describe('signal registry', () => {
  it('ids are unique and findable', () => {
    const ids = SIGNALS.map((s) => s.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(signalById(id)!.meta.id).toBe(id);
    expect(signalById('nope')).toBeUndefined();
  });

  it.each(SIGNALS.map((s) => [s.meta.id, s] as const))('%s has complete meta and strings', (id, s) => {
    expect(id).toMatch(new RegExp(`^${s.meta.question.toLowerCase()}-[a-z-]+$`));
    expect(QUESTION_IDS).toContain(s.meta.question);
    expect(['producer', 'conductor']).toContain(s.meta.direction);
    expect(s.meta.requires.length).toBeGreaterThan(0);
    for (const r of s.meta.requires) expect(['html', 'headers', 'rendered']).toContain(r);
    expect(['low', 'medium', 'high'], `${id} meta.effort`).toContain(s.meta.effort);
    if (s.meta.risk !== undefined) expect(['consent', 'data-protection', 'accessibility']).toContain(s.meta.risk);
    expect(s.strings.en.title.trim().length).toBeGreaterThan(5);
    expect(s.strings.en.explanation.trim().length).toBeGreaterThan(80);
    expect(typeof s.extract).toBe('function');
    expect(typeof s.aggregate).toBe('function');
  });

  it.each(SIGNALS.map((s) => [s.meta.id, s] as const))('%s has every string in every locale, translated', (id, s) => {
    const strings = s.strings as unknown as Record<string, Record<string, string>>;
    const enKeys = Object.keys(strings.en!).sort();
    for (const key of REQUIRED) expect(enKeys, `${id}: en lacks ${key}`).toContain(key);
    for (const locale of LOCALES) {
      const cat = strings[locale];
      expect(cat, `${id}: no ${locale} catalogue`).toBeDefined();
      expect(Object.keys(cat!).sort(), `${id}: ${locale} keys differ from en`).toEqual(enKeys);
      for (const key of enKeys) {
        expect(typeof cat![key], `${id}.${key} (${locale})`).toBe('string');
        expect(cat![key]!.trim().length, `${id}.${key} (${locale}) is empty`).toBeGreaterThan(0);
      }
    }
    for (const key of enKeys) {
      const english = strings.en![key]!;
      if (english.length > MIN_UNTRANSLATED) expect(strings.de![key], `${id}.${key}: German is the English string (missed translation)`).not.toBe(english);
    }
  });

  it('has at least two signals per question', () => {
    for (const q of QUESTION_IDS) expect(SIGNALS.filter((s) => s.meta.question === q).length).toBeGreaterThanOrEqual(2);
  });

  it('matches the default rubric both ways, each signal under its own question', async () => {
    const rubric = await loadRubric();
    for (const s of SIGNALS) {
      const entry = rubric.questions[s.meta.question]?.signals[s.meta.id];
      expect(entry, `${s.meta.id} missing from default rubric under ${s.meta.question}`).toBeDefined();
      expect(entry!.weight).toBeGreaterThan(0);
      // The rubric's points must map the signal's direction: a producer signal's score falls as its value rises.
      const first = entry!.points[0]![1];
      const last = entry!.points[entry!.points.length - 1]![1];
      if (s.meta.direction === 'conductor') expect(last).toBeGreaterThan(first);
      else expect(last).toBeLessThan(first);
    }
    for (const [qid, q] of Object.entries(rubric.questions)) {
      for (const id of Object.keys(q.signals)) expect(signalById(id)?.meta.question, id).toBe(qid);
    }
  });
});

/** A made-up signal's catalogue (it is in no registry: its messages are never worded). */
function testStrings(title: string) {
  return { title, explanation: 'A test signal.', recommendation: 'None.', impact: 'None.' };
}

describe('runSignals', () => {
  const page = snapshotFromHtml(doc(`<main><p>Hello. ${filler(80)}</p></main>`), 'https://community.example.com/');
  const input = { siteUrl: 'https://community.example.com/', startUrl: 'https://community.example.com/', pages: [page], records: [] };

  it('turns a signal that throws into not-measured, and keeps the others', () => {
    const boom = defineSignal<number>({
      meta: { id: 'q1-boom', question: 'Q1', direction: 'conductor', requires: ['html'], effort: 'low' },
      strings: { en: testStrings('Boom'), de: testStrings('Boom') },
      extract: () => {
        throw new Error('kaput');
      },
      aggregate: () => ({ value: 1, display: { id: 'q1-boom.title' }, evidence: [], pagesObserved: 1 }),
    });
    const ok = defineSignal<number>({
      meta: { id: 'q1-ok', question: 'Q1', direction: 'conductor', requires: ['html'], effort: 'low' },
      strings: { en: testStrings('Ok'), de: testStrings('Ok') },
      extract: () => 1,
      aggregate: (obs) => ({ value: obs.length, display: { id: 'q1-ok.title' }, evidence: [], pagesObserved: obs.length }),
    });
    const [a, b] = runSignals(input, [boom, ok]);
    expect(isMeasured(a!.measurement)).toBe(false);
    expect(en((a!.measurement as { notMeasured: Message }).notMeasured)).toContain('kaput');
    expect(b!.measurement).toMatchObject({ value: 1 });
  });

  it('runs every registered signal on a page without throwing', () => {
    const runs = runSignals(input);
    expect(runs.map((r) => r.signal.meta.id)).toEqual(SIGNALS.map((s) => s.meta.id));
    for (const r of runs) {
      if (!isMeasured(r.measurement)) expect(JSON.stringify(r.measurement)).not.toContain('common.failed');
    }
  });

  it('measures nothing on a near-empty crawl: too little content to judge', () => {
    const tiny = snapshotFromHtml(doc('<main><h1>Coming soon</h1><p>Opening next spring.</p></main>'), 'https://community.example.com/');
    const runs = runSignals({ ...input, pages: [tiny] });
    for (const r of runs) expect(en((r.measurement as { notMeasured: Message }).notMeasured)).toMatch(/Too little content to judge/);
  });
});
