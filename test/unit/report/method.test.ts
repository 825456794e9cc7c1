import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { rubricTable } from '../../../src/report/view-model.js';
import { loadFixture } from './helpers.js';

describe('the method section is generated from the rubric actually used', () => {
  it('lists every rubric signal with its weight and value → score mapping', () => {
    const result = loadFixture('sample');
    const rows = rubricTable(result);
    expect(rows.map((r) => r.id)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
    const first = result.rubric.questions[0]!.signals[0]!;
    const row = rows[0]!.signals[0]!;
    expect(row.weight).toBe(String(first.weight));
    expect(row.mapping).toBe(first.points.map(([v, s]) => `${v} → ${Math.round(s)}`).join(' · '));
  });

  it('changes when the rubric changes', () => {
    const result = loadFixture('sample');
    const edited = structuredClone(result);
    edited.rubric.questions[0]!.signals[0]!.points = [
      [0, 10],
      [0.25, 55],
      [1, 90],
    ];
    edited.rubric.questions[0]!.signals[0]!.why = 'A reason only this rubric gives.';
    const html = renderReportHtml(edited);
    expect(html).toContain('0 → 10 · 0.25 → 55 · 1 → 90');
    expect(html).toContain('A reason only this rubric gives.');
    expect(renderReportHtml(result)).not.toContain('A reason only this rubric gives.');
  });

  it('prints German number formats in the German report', () => {
    const result = structuredClone(loadFixture('sample'));
    result.rubric.questions[0]!.signals[0]!.points = [
      [0, 0],
      [0.5, 40],
    ];
    expect(rubricTable(result, 'de')[0]!.signals[0]!.mapping).toBe('0 → 0 · 0,5 → 40');
  });
});
