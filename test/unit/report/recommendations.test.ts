import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../../../src/signals/registry.js';
import { RECOMMENDATIONS, recommendationKey, weakestSignals } from '../../../src/report/recommendations.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { buildRecommendations, buildViewModel } from '../../../src/report/view-model.js';
import { loadFixture } from './helpers.js';

describe('recommendations', () => {
  // The registry's ids when this catalogue was written; a signal added later gets the generic fallback until a
  // text is written for it.
  const KNOWN = [
    'q1-open-content',
    'q1-registration-burden',
    'q1-social-login',
    'q1-content-asks',
    'q1-content-rewards',
    'q1-threads-answered',
    'q2-possessive-language',
    'q2-outbound-links',
    'q2-open-formats',
    'q2-licence-grab',
    'q2-exclusivity',
    'q2-open-identity',
    'q3-help-vs-sell',
    'q3-calls-to-buy',
    'q3-member-benefit',
    'q3-expert-answers',
    'q3-original-content',
    'q3-guides-present',
    'q4-third-party-trackers',
    'q4-capture-popups',
    'q4-site-search',
    'q4-help-reachable',
    'q4-wrapped-links',
    'q4-works-without-scripts',
    'q5-policies-linked',
    'q5-consent-choice',
    'q5-staff-labelled',
    'q5-sales-in-help',
    'q5-incentives-disclosed',
    'q5-brand-voice-share',
    'q5-contact-options',
  ];

  it('has an English and a German action for each registered signal', () => {
    const ids = SIGNALS.map((s) => s.meta.id as string);
    expect(ids.length).toBeGreaterThanOrEqual(20);
    for (const id of KNOWN.filter((k) => ids.includes(k))) {
      const r = RECOMMENDATIONS[recommendationKey(id)];
      expect(r, id).toBeDefined();
      expect(r!.en.length).toBeGreaterThan(30);
      expect(r!.de.length).toBeGreaterThan(30);
    }
    expect(Object.keys(RECOMMENDATIONS).sort()).toEqual([...KNOWN].sort());
    expect(recommendationKey('q1.open-content')).toBe('q1-open-content');
  });

  it('picks the weakest measured signals by (100 − score) × weight, at most 6, producer side only', () => {
    const r = loadFixture('sample');
    const weak = weakestSignals(r.questions, 6);
    expect(weak.length).toBeGreaterThan(0);
    expect(weak.length).toBeLessThanOrEqual(6);
    const gaps = weak.map((w) => w.gap);
    expect([...gaps].sort((a, b) => b - a)).toEqual(gaps);
    for (const w of weak) {
      expect(w.signal.status).toBe('measured');
      expect(w.signal.score!).toBeLessThan(50);
      expect(w.gap).toBe((100 - w.signal.score!) * w.signal.weight);
    }
    expect(weak[0]!.signal.id).toBe('q1.open-content');
  });

  it('ties each recommendation to its evidence URL and falls back for unknown ids', () => {
    const r = loadFixture('sample');
    const recs = buildRecommendations(r.questions, 'en', 6);
    expect(recs[0]!.action).toMatch(/sign-in wall/);
    expect(recs[0]!.evidence?.link.href).toMatch(/^https:\/\/community\.northwindhome\.example\//);
    expect(recs[0]!.why).toMatch(/scored 18\/100 at weight 3/);
    const unknown = {
      ...r,
      questions: r.questions.map((q, i) =>
        i === 0 ? { ...q, signals: q.signals.map((s, j) => (j === 0 ? { ...s, id: 'q1.brand-new-signal', title: 'A brand-new signal' } : s)) } : q,
      ),
    };
    const fallback = buildRecommendations(unknown.questions, 'en', 6).find((x) => x.signalId === 'q1.brand-new-signal')!;
    expect(fallback.action).toBe(
      'Review “A brand-new signal” and change what moves it towards the conductor end: let people reach their own aims on this point before the brand’s.',
    );
    expect(buildRecommendations(unknown.questions, 'de', 6).find((x) => x.signalId === 'q1.brand-new-signal')!.action).toMatch(/^„A brand-new signal“ prüfen/);
  });

  it('renders a Recommendations section and a short list in the executive summary', () => {
    const r = loadFixture('sample');
    const vm = buildViewModel(r);
    expect(vm.summary.todo.length).toBeLessThanOrEqual(3);
    const html = renderReportHtml(r);
    expect(html).toContain('id="recommendations"');
    expect(html).toContain('What to do about it');
    const section = html.slice(html.indexOf('id="recommendations"'), html.indexOf('</section>', html.indexOf('id="recommendations"')));
    expect(section.match(/class="rec card"/g)?.length).toBe(vm.recommendations.length);
    expect(section).toContain('href="https://community.northwindhome.example/forum/t/which-sofa-fabric-is-best-for-pets"');
  });

  it('says so when nothing points to the producer end', () => {
    const r = loadFixture('sample');
    const good = {
      ...r,
      questions: r.questions.map((q) => ({
        ...q,
        signals: q.signals.map((s) => ({ ...s, score: s.score === null ? null : 90, leaning: s.score === null ? null : ('conductor' as const) })),
      })),
    };
    expect(buildRecommendations(good.questions)).toEqual([]);
    expect(renderReportHtml(good)).toContain('No measured signal points clearly to the producer end');
  });

  it('keeps hostile evidence inert', () => {
    const recs = buildRecommendations(loadFixture('hostile').questions, 'en', 6);
    for (const rec of recs) {
      if (rec.evidence) expect(rec.evidence.link.href === null || /^https?:\/\//.test(rec.evidence.link.href)).toBe(true);
      expect(rec.why).not.toMatch(/[\u202E\u200B]/);
    }
  });
});
