// The action plan (src/report/action-plan.ts, worded by buildPlan in view-model.ts): what to change first, with the
// index points each action would recover, its effort, the pages affected, and any legal risk.
import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../../../src/signals/registry.js';
import { ACTION_BELOW, MAX_PER_PRIORITY, PRIORITY_POINTS, buildActionPlan, pointsRecoverable, priorityOf } from '../../../src/report/action-plan.js';
import { renderReportHtml } from '../../../src/report/render-html.js';
import { buildPlan, buildViewModel } from '../../../src/report/view-model.js';
import { signalString } from '../../../src/report/messages.js';
import type { AuditResult, QuestionResult, SignalResult } from '../../../src/result/types.js';
import { loadFixture } from './helpers.js';

const find = (r: AuditResult, id: string): { question: QuestionResult; signal: SignalResult } => {
  for (const question of r.questions) for (const signal of question.signals) if (signal.id === id) return { question, signal };
  throw new Error(`no signal ${id}`);
};

/** The fixture with one signal changed (and the question it is in kept by identity for the others). */
function withSignal(r: AuditResult, id: string, change: Partial<SignalResult>): AuditResult {
  return { ...r, questions: r.questions.map((q) => ({ ...q, signals: q.signals.map((s) => (s.id === id ? { ...s, ...change } : s)) })) };
}

function withQuestion(r: AuditResult, qid: string, change: Partial<QuestionResult>): AuditResult {
  return { ...r, questions: r.questions.map((q) => (q.id === qid ? { ...q, ...change } : q)) };
}

describe('action plan: points recoverable', () => {
  it('is the question’s share of the index weight × the signal’s share of the question’s measured weight × (100 − score)', () => {
    const r = loadFixture('sample');
    // Five questions of weight 1; Q5 measures consent-choice (weight 2, score 10) and staff-labelled (weight 1);
    // incentives-disclosed (weight 1) was not measured and is not part of the measured weight.
    const { question, signal } = find(r, 'q5-consent-choice');
    expect([question.weight, signal.weight, signal.strength, signal.score]).toEqual([1, 2, 1, 10]);
    expect(pointsRecoverable(r, question, signal)).toBeCloseTo((1 / 5) * (2 / 3) * 90, 9);
    // Q1: open-content weight 3, score 18, of 3 + 2 + 2 measured.
    const q1 = find(r, 'q1-open-content');
    expect(pointsRecoverable(r, q1.question, q1.signal)).toBeCloseTo((1 / 5) * (3 / 7) * 82, 9);
    // Every action in the plan carries exactly that figure.
    for (const a of buildActionPlan(r).actions) expect(a.points).toBe(pointsRecoverable(r, a.question, a.signal));
  });

  it('weighs the signal at its strength, and leaves out of the index weight a question that does not apply', () => {
    const r = withSignal(loadFixture('sample'), 'q5-consent-choice', { strength: 0.5 });
    const { question, signal } = find(r, 'q5-consent-choice');
    // Signal share at strength: 2 × 0.5 of (2 × 0.5 + 1).
    expect(pointsRecoverable(r, question, signal)).toBeCloseTo((1 / 5) * (1 / 2) * 90, 9);
    const na = withQuestion(loadFixture('sample'), 'Q2', { status: 'not-applicable' });
    const c = find(na, 'q5-consent-choice');
    expect(pointsRecoverable(na, c.question, c.signal)).toBeCloseTo((1 / 4) * (2 / 3) * 90, 9);
    // A signal of a question that does not apply recovers nothing.
    const o = find(na, 'q2-outbound-links');
    expect(pointsRecoverable(na, o.question, o.signal)).toBe(0);
  });

  it('is damped below the question coverage floor, like the question’s contribution to the index', () => {
    const base = loadFixture('sample');
    expect(base.rubric.coverageFloor.question).toBe(0.5);
    const full = find(base, 'q5-consent-choice');
    const thin = withQuestion(base, 'Q5', { coverage: 0.25, status: 'insufficient-evidence' });
    const t = find(thin, 'q5-consent-choice');
    expect(pointsRecoverable(thin, t.question, t.signal)).toBeCloseTo(pointsRecoverable(base, full.question, full.signal) * 0.5, 9);
    // At or above the floor: no damping.
    const atFloor = withQuestion(base, 'Q5', { coverage: 0.5 });
    const f = find(atFloor, 'q5-consent-choice');
    expect(pointsRecoverable(atFloor, f.question, f.signal)).toBeCloseTo(pointsRecoverable(base, full.question, full.signal), 9);
  });

  it('is 0 for a signal that was not measured or weighs nothing', () => {
    const r = loadFixture('sample');
    const nm = find(r, 'q5-incentives-disclosed');
    expect(nm.signal.status).toBe('not-measured');
    expect(pointsRecoverable(r, nm.question, nm.signal)).toBe(0);
    const w0 = withSignal(r, 'q1-open-content', { weight: 0 });
    const z = find(w0, 'q1-open-content');
    expect(pointsRecoverable(w0, z.question, z.signal)).toBe(0);
    expect(buildActionPlan(w0).actions.map((a) => a.signal.id)).not.toContain('q1-open-content');
  });
});

describe('action plan: priorities', () => {
  it('is high from 2 points, medium from 0.75, low below; a legal risk scoring under 40 is always high', () => {
    expect(PRIORITY_POINTS).toEqual({ high: 2, medium: 0.75 });
    expect(priorityOf(2, null, 30)).toBe('high');
    expect(priorityOf(1.99, null, 30)).toBe('medium');
    expect(priorityOf(0.75, null, 30)).toBe('medium');
    expect(priorityOf(0.74, null, 30)).toBe('low');
    expect(priorityOf(0.1, 'consent', 39)).toBe('high');
    expect(priorityOf(0.1, 'data-protection', 40)).toBe('low');
    expect(priorityOf(1, 'accessibility', 55)).toBe('medium');
  });

  it('lists signals below 60 as actions, by priority then points; at most 5 "do first" and 6 "do next"', () => {
    const r = loadFixture('sample');
    const plan = buildActionPlan(r);
    expect(ACTION_BELOW).toBe(60);
    expect(MAX_PER_PRIORITY).toEqual({ high: 5, medium: 6 });
    for (const a of plan.actions) expect(a.signal.score!).toBeLessThan(ACTION_BELOW);
    const count = (p: string) => plan.actions.filter((a) => a.priority === p).length;
    // Twelve signals in the sample would all be "high" by their points; the plan must choose.
    expect(plan.actions.every((a) => priorityOf(a.points, a.risk, a.signal.score!) === 'high')).toBe(true);
    expect(plan.actions).toHaveLength(12);
    expect([count('high'), count('medium'), count('low')]).toEqual([5, 6, 1]);
    const rank = { high: 0, medium: 1, low: 2 };
    const ranks = plan.actions.map((a) => rank[a.priority]);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // Within a priority: legal risks first (the cap never demotes them before a point-driven action), then by points.
    const legal = (a: (typeof plan.actions)[number]) => a.risk !== null && a.signal.score! < 40;
    for (const p of ['high', 'medium', 'low']) {
      const group = plan.actions.filter((a) => a.priority === p);
      const firstPointDriven = group.findIndex((a) => !legal(a));
      if (firstPointDriven >= 0) expect(group.slice(firstPointDriven).some(legal), p).toBe(false);
      for (const part of [group.filter(legal), group.filter((a) => !legal(a))]) {
        const points = part.map((a) => a.points);
        expect([...points].sort((a, b) => b - a)).toEqual(points);
      }
    }
    expect(plan.actions[0]!.signal.id).toBe('q5-consent-choice');
    expect(plan.actions.slice(0, 5).map((a) => a.signal.id)).toEqual([
      'q5-consent-choice',
      'q4-third-party-trackers',
      'q1-registration-burden',
      'q1-open-content',
      'q3-help-vs-sell',
    ]);
    // The view model groups them under "Do first", "Do next" and "When there is time".
    const vm = buildPlan(r);
    expect(vm.groups.map((g) => [g.title, g.items.length, g.full])).toEqual([
      ['Do first', 5, true],
      ['Do next', 6, false],
      ['When there is time', 1, false],
    ]);
    expect(vm.actions.map((a) => a.rank)).toEqual(vm.actions.map((_, i) => i + 1));
  });

  it('is deterministic: ties keep question and signal order', () => {
    const r = loadFixture('sample');
    const tie = withSignal(withSignal(r, 'q2-outbound-links', { score: 10, weight: 2 }), 'q2-possessive-language', { score: 10, weight: 2 });
    const ids = buildActionPlan(tie).actions.map((a) => a.signal.id);
    expect(ids.indexOf('q2-possessive-language')).toBeLessThan(ids.indexOf('q2-outbound-links'));
    expect(buildActionPlan(tie).actions.map((a) => a.signal.id)).toEqual(ids);
  });
});

describe('action plan: risk, effort, affected pages', () => {
  it('flags consent and data protection as legal risks, and a weak consent signal is done first however few points it recovers', () => {
    const r = loadFixture('sample');
    const plan = buildActionPlan(r);
    const risk = Object.fromEntries(plan.actions.map((a) => [a.signal.id, a.risk]));
    expect(risk['q5-consent-choice']).toBe('consent');
    expect(risk['q4-third-party-trackers']).toBe('data-protection');
    expect(risk['q1-registration-burden']).toBe('data-protection');
    expect(risk['q1-open-content']).toBeNull();
    // An accept-only banner on a site where consent weighs little: still "do first", flagged as a legal risk (here
    // with the other signals passing, so the cap of five "do first" is not in play).
    const others = {
      ...r,
      questions: r.questions.map((q) => ({ ...q, signals: q.signals.map((s) => (s.score === null ? s : { ...s, score: 70, leaning: 'conductor' as const })) })),
    };
    const light = withSignal(others, 'q5-consent-choice', { weight: 0.02, score: 20, leaning: 'producer' });
    const c = buildActionPlan(light).actions.find((a) => a.signal.id === 'q5-consent-choice')!;
    expect(c.points).toBeLessThan(PRIORITY_POINTS.medium);
    expect(c.priority).toBe('high');
    const vm = buildPlan(light).actions.find((a) => a.signalId === 'q5-consent-choice')!;
    expect(vm.risk).toBe('legal risk: consent');
    expect(vm.pointsText).toBe('under half an index point');
    const html = renderReportHtml(light);
    const section = html.slice(html.indexOf('id="recommendations"'), html.indexOf('</section>', html.indexOf('id="recommendations"')));
    expect(section).toContain('<span class="rec-risk">legal risk: consent</span>');
  });

  it('takes the effort from the signal’s meta and words it', () => {
    const r = loadFixture('sample');
    const meta = new Map(SIGNALS.map((s) => [s.meta.id, s.meta]));
    for (const a of buildActionPlan(r).actions) expect(a.effort).toBe(meta.get(a.signal.id)!.effort);
    const vm = buildPlan(r);
    const byId = new Map(vm.actions.map((a) => [a.signalId, a]));
    expect(byId.get('q3-help-vs-sell')!.effortText).toBe('high effort');
    expect(byId.get('q2-outbound-links')!.effortText).toBe('low effort');
    expect(byId.get('q5-consent-choice')!.effortText).toBe('medium effort');
    expect(byId.get('q5-consent-choice')!.pointsText).toBe('up to 12 index points');
  });

  it('counts the pages the evidence shows the problem on, with up to three examples, and says "or more" when the evidence was capped', () => {
    const r = loadFixture('sample');
    const url = (n: number) => `https://community.northwindhome.example/t/${n}`;
    const evidence: SignalResult['evidence'] = [
      { url: url(1), snippet: 'Sign in to read', points: 'producer', seenOn: 4 },
      { url: url(2), snippet: 'Sign in to read', points: 'producer' },
      { url: url(3), snippet: 'Open', points: 'conductor' },
      { url: url(4), snippet: 'Sign in to read', points: 'producer' },
      { url: url(5), snippet: 'Sign in to read', points: 'producer' },
    ];
    const five = buildActionPlan(withSignal(r, 'q1-open-content', { evidence })).actions.find((a) => a.signal.id === 'q1-open-content')!;
    // 4 + 1 + 1 + 1 pages pointing the producer way; the conductor item is not a problem page.
    expect(five).toMatchObject({ affected: 7, affectedAtLeast: false, examples: [url(1), url(2), url(4)] });
    const capped = [...evidence, { url: url(6), snippet: 'Sign in to read', points: 'producer' as const }];
    const six = buildActionPlan(withSignal(r, 'q1-open-content', { evidence: capped })).actions.find((a) => a.signal.id === 'q1-open-content')!;
    expect(six).toMatchObject({ affected: 8, affectedAtLeast: true });
    const vm = buildPlan(withSignal(r, 'q1-open-content', { evidence: capped })).actions.find((a) => a.signalId === 'q1-open-content')!;
    expect(vm.affectedText).toBe('seen on 8 pages or more');
    // The view shows the examples beyond the page its evidence item names (that item is t/1), at most two.
    expect(vm.examples.map((l) => l.href)).toEqual([url(2), url(4)]);
    expect(vm.examples.map((l) => l.text)).toEqual(['/t/2', '/t/4']);
    // The card's evidence is an item pointing the producer way (what the action fixes).
    expect(vm.evidence?.quote).toBe('Sign in to read');
    expect(buildPlan(r).actions.find((a) => a.signalId === 'q5-consent-choice')!.affectedText).toBe('seen on 1 page');
  });
});

describe('action plan: passed and not measured', () => {
  it('collapses signals at 60 or more into a list, and lists those not measured with their reason', () => {
    const r = loadFixture('sample');
    const plan = buildActionPlan(r);
    expect(plan.passed.map((p) => p.signal.id)).toEqual(['q4-help-reachable', 'q5-staff-labelled']);
    for (const p of plan.passed) expect(p.signal.score!).toBeGreaterThanOrEqual(ACTION_BELOW);
    expect(plan.notMeasured.map((p) => p.signal.id)).toEqual(['q5-incentives-disclosed']);
    // Every weighted signal is in exactly one of the three lists.
    const all = r.questions.flatMap((q) => q.signals.filter((s) => s.weight > 0).map((s) => s.id));
    expect([...plan.actions.map((a) => a.signal.id), ...plan.passed.map((p) => p.signal.id), ...plan.notMeasured.map((p) => p.signal.id)].sort()).toEqual(
      all.sort(),
    );
    const vm = buildPlan(r);
    expect(vm.passed[0]).toMatchObject({ question: 'Q4', title: 'Help and contact within two clicks', score: '88', notApplicable: false });
    expect(vm.passed[0]!.value.length).toBeGreaterThan(0);
    expect(vm.notMeasured).toHaveLength(1);
    expect(vm.notMeasured[0]!.question).toBe('Q5');
    expect(vm.notMeasured[0]!.reason.length).toBeGreaterThan(10);
    const html = renderReportHtml(r);
    expect(html).toContain('Already working');
    expect(html).toContain('Not measured');
  });

  it('says why a signal does not apply', () => {
    const r = withSignal(loadFixture('sample'), 'q5-incentives-disclosed', { status: 'not-applicable', reason: undefined });
    const vm = buildPlan(r);
    expect(vm.notMeasured[0]).toMatchObject({ notApplicable: true, reason: 'not applicable' });
  });

  it('says so when nothing needs doing', () => {
    const r = loadFixture('sample');
    const good = {
      ...r,
      questions: r.questions.map((q) => ({
        ...q,
        signals: q.signals.map((s) => ({ ...s, score: s.score === null ? null : 90, leaning: s.score === null ? null : ('conductor' as const) })),
      })),
    };
    expect(buildActionPlan(good).actions).toEqual([]);
    expect(buildPlan(good).groups).toEqual([]);
    expect(buildActionPlan(good).passed).toHaveLength(14);
    expect(renderReportHtml(good)).toContain('No measured signal points clearly to the producer end');
  });
});

describe('action plan: words', () => {
  it('every registered signal has an action and a reason it matters, in English and German, and an effort', () => {
    expect(SIGNALS.length).toBeGreaterThanOrEqual(20);
    for (const s of SIGNALS) {
      const id = s.meta.id;
      for (const key of ['recommendation', 'impact'] as const) {
        const en = signalString(id, key, 'en');
        const de = signalString(id, key, 'de');
        expect(en.length, `${id}.${key}`).toBeGreaterThan(30);
        expect(de.length, `${id}.${key} de`).toBeGreaterThan(30);
        expect(de, `${id}.${key} de`).not.toBe(en);
      }
      expect(['low', 'medium', 'high']).toContain(s.meta.effort);
    }
  });

  it('words each action from its signal’s catalogue, with the finding and the business reason', () => {
    const r = loadFixture('sample');
    const vm = buildPlan(r);
    const open = vm.actions.find((a) => a.signalId === 'q1-open-content')!;
    expect(open.action).toBe(signalString('q1-open-content', 'recommendation'));
    expect(open.action).toMatch(/sign-in wall/);
    expect(open.impact).toBe(signalString('q1-open-content', 'impact'));
    expect(open).toMatchObject({
      signal: 'Community content readable without an account',
      question: 'Q1 · Participation',
      priority: 'high',
      priorityText: 'Do first',
    });
    expect(open.evidence?.link.href).toMatch(/^https:\/\/community\.northwindhome\.example\//);
    // No scoring internals in the words: no "scored 18/100 at weight 3".
    for (const a of vm.actions) expect(`${a.action} ${a.impact} ${a.pointsText}`).not.toMatch(/weight|\/100/);
  });

  it('falls back to a generic action for a signal this version does not know', () => {
    const r = withSignal(loadFixture('sample'), 'q1-open-content', { id: 'q1-brand-new-signal' });
    const fallback = buildPlan(r).actions.find((a) => a.signalId === 'q1-brand-new-signal')!;
    expect(fallback.action).toMatch(/^Review “.*” and change what moves it towards the conductor end/);
    // The catalogue has no title for it: the client must not read empty quotation marks.
    expect(fallback.action).not.toContain('“”');
    expect(buildPlan(r, 'de').actions.find((a) => a.signalId === 'q1-brand-new-signal')!.action).toMatch(/^„.*“ prüfen/);
    // Its effort is the default, and it has no legal risk it cannot know of.
    expect(buildActionPlan(r).actions.find((a) => a.signal.id === 'q1-brand-new-signal')).toMatchObject({ effort: 'medium', risk: null });
  });

  it('is German throughout in the German report', () => {
    const r = loadFixture('sample');
    const de = buildPlan(r, 'de');
    const en = buildPlan(r, 'en');
    expect(de.groups.map((g) => g.title)).toEqual(['Zuerst', 'Danach', 'Wenn Zeit ist']);
    const c = de.actions.find((a) => a.signalId === 'q5-consent-choice')!;
    expect(c).toMatchObject({
      priorityText: 'Zuerst',
      effortText: 'mittlerer Aufwand',
      pointsText: 'bis zu 12 Indexpunkte',
      risk: 'Rechtsrisiko: Einwilligung',
    });
    expect(c.affectedText).toBe('auf 1 Seite gesehen');
    expect(c.action).toBe(signalString('q5-consent-choice', 'recommendation', 'de'));
    expect(c.action).toMatch(/Einwilligung/);
    expect(de.actions.find((a) => a.signalId === 'q4-third-party-trackers')!.risk).toBe('Rechtsrisiko: Datenschutz');
    // German decimals: "bis zu 7 Indexpunkte" for 7.03 → one decimal with a comma.
    const open = de.actions.find((a) => a.signalId === 'q1-open-content')!;
    expect(open.pointsText).toBe('bis zu 7 Indexpunkte');
    expect(de.actions.find((a) => a.signalId === 'q2-possessive-language')!.pointsText).toBe('bis zu 5,8 Indexpunkte');
    // No English sentence of the plan is left in the German one.
    for (let i = 0; i < en.actions.length; i++) {
      for (const k of ['action', 'impact', 'signal', 'priorityText', 'effortText', 'pointsText'] as const)
        expect(de.actions[i]![k], k).not.toBe(en.actions[i]![k]);
    }
    expect(de.passed.map((p) => p.title)).not.toEqual(en.passed.map((p) => p.title));
    expect(de.notMeasured[0]!.reason).not.toBe(en.notMeasured[0]!.reason);
  });
});

describe('action plan in the report', () => {
  it('renders a Recommendations section, grouped by priority, and a short list in the executive summary', () => {
    const r = loadFixture('sample');
    const vm = buildViewModel(r);
    expect(vm.summary.todo.map((t) => t.signalId)).toEqual(vm.recommendations.slice(0, 3).map((t) => t.signalId));
    expect(vm.recommendations).toEqual(vm.plan.actions);
    const html = renderReportHtml(r);
    expect(html).toContain('id="recommendations"');
    expect(html).toContain('What to do about it');
    const section = html.slice(html.indexOf('id="recommendations"'), html.indexOf('</section>', html.indexOf('id="recommendations"')));
    // "Do first" as full cards, the rest one line each.
    expect(section.match(/class="rec card"/g)?.length).toBe(vm.plan.groups.find((g) => g.priority === 'high')!.items.length);
    expect(section.match(/<h2 class="rec-group/g)?.length).toBe(3);
    expect(section).toContain('Do first');
    expect(section).toContain('up to 12 index points');
    expect(section).toContain('href="https://community.northwindhome.example/forum/t/which-sofa-fabric-is-best-for-pets"');
    for (const a of vm.recommendations) expect(section).toContain(a.action.replace(/’/g, '’'));
  });

  it('keeps hostile evidence inert', () => {
    const r = loadFixture('hostile');
    const vm = buildPlan(r, 'en');
    expect(vm.actions.length).toBeGreaterThan(0);
    for (const rec of vm.actions) {
      if (rec.evidence) expect(rec.evidence.link.href === null || /^https?:\/\//.test(rec.evidence.link.href)).toBe(true);
      for (const ex of rec.examples) expect(ex.href === null || /^https?:\/\//.test(ex.href)).toBe(true);
      for (const text of [rec.action, rec.impact, rec.value, rec.affectedText ?? '', rec.evidence?.quote ?? '', rec.evidence?.note ?? ''])
        expect(text).not.toMatch(/[\u202E\u200B]/);
    }
    // The site's markup is quoted as text: escaped in the section, never live.
    expect(vm.actions.some((a) => a.evidence?.quote?.includes('<script>'))).toBe(true);
    const html = renderReportHtml(r);
    const section = html.slice(html.indexOf('id="recommendations"'), html.indexOf('</section>', html.indexOf('id="recommendations"')));
    expect(section).toContain('&lt;script&gt;');
    expect(section).not.toMatch(/<script|<iframe|<img|href="javascript:/i);
  });
});
