import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { glossaryVM, rubricTable } from '../../../src/report/view-model.js';
import { signalTitle } from '../../../src/report/messages.js';
import { loadFixture } from './helpers.js';

/** Control-point notation ("0.5 → 25"): scoring internals, kept in the rubric data and out of the client report. */
const CONTROL_POINTS = /\d\s*→\s*\d/;

describe('the method section and the glossary are generated from the rubric actually used', () => {
  it('lists every rubric signal with its title and weight, and no value → score mapping', () => {
    const result = loadFixture('sample');
    const rows = rubricTable(result);
    expect(rows.map((r) => r.id)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
    for (const [i, rq] of result.rubric.questions.entries()) {
      expect(rows[i]!.weight).toBe(String(rq.weight));
      expect(rows[i]!.signals.map((s) => [s.title, s.weight])).toEqual(rq.signals.map((s) => [signalTitle(s.id), String(s.weight)]));
    }
    expect(Object.keys(rows[0]!.signals[0]!).sort()).toEqual(['title', 'weight']);
    const html = renderReportHtml(result);
    expect(html).not.toMatch(CONTROL_POINTS);
    for (const rq of result.rubric.questions) for (const s of rq.signals) if (s.why) expect(html).not.toContain(s.why);
  });

  it('changes when the rubric’s weights change, and never prints its control points or reasons', () => {
    const result = loadFixture('sample');
    const edited = structuredClone(result);
    edited.rubric.questions[0]!.signals[0]!.weight = 2.5;
    edited.rubric.questions[0]!.signals[0]!.points = [
      [0, 10],
      [0.25, 55],
      [1, 90],
    ];
    edited.rubric.questions[0]!.signals[0]!.why = 'A reason only this rubric gives.';
    const title = signalTitle(edited.rubric.questions[0]!.signals[0]!.id);
    expect(glossaryVM(edited)[0]!.signals[0]).toMatchObject({ title, weight: '2.5' });
    expect(glossaryVM(result)[0]!.signals[0]!.weight).toBe(String(result.rubric.questions[0]!.signals[0]!.weight));
    const html = renderReportHtml(edited);
    expect(html).toContain(`<dt>${title} <span class="muted">· weight 2.5</span></dt>`);
    expect(renderReportHtml(result)).not.toContain('· weight 2.5<');
    expect(html).not.toContain('0 → 10 · 0.25 → 55 · 1 → 90');
    expect(html).not.toMatch(CONTROL_POINTS);
    expect(html).not.toContain('A reason only this rubric gives.');
  });

  it('prints German number formats in the German report', () => {
    const result = structuredClone(loadFixture('sample'));
    result.rubric.questions[0]!.signals[0]!.weight = 0.5;
    expect(rubricTable(result, 'de')[0]!.signals[0]!.weight).toBe('0,5');
    expect(glossaryVM(result, 'de')[0]!.signals[0]).toMatchObject({ weight: '0,5', title: signalTitle(result.rubric.questions[0]!.signals[0]!.id, 'de') });
    expect(renderReportHtml(result, { locale: 'de' })).toContain('· Gewicht 0,5</span>');
  });
});
