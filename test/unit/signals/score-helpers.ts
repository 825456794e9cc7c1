// Shared by signal tests: score a measurement with the default rubric.
import { expect } from 'vitest';
import { loadRubric, type Rubric } from '../../../src/score/rubric.js';
import { scoreSignal } from '../../../src/score/score.js';
import { isMeasured, isNotApplicable, type Measured, type Measurement, type Signal } from '../../../src/signals/types.js';
import { knows, say } from '../../../src/report/messages.js';
import type { Evidence } from '../../../src/result/types.js';
import type { Message } from '../../../src/i18n/message.js';

/** A message in English words, failing the test when its id is in no catalogue (a typo would print nothing). */
export function en(m: Message | null | undefined): string {
  if (!m) return '';
  expect(knows(m), `unknown message id ${m.id}`).toBe(true);
  return say(m, 'en');
}

/** What an evidence item says in English: its quotation from the site, or the tool's note in words. */
export function evText(e: Evidence): string {
  return e.snippet ?? en(e.note);
}

/** An evidence item's label in English ('' without one). */
export function evLabel(e: Evidence): string {
  return en(e.label);
}

/** A measurement's value in English words. */
export function valueText(m: Measurement): string {
  return en(measured(m).display);
}

let rubric: Rubric | null = null;
export async function defaultRubric(): Promise<Rubric> {
  rubric ??= await loadRubric();
  return rubric;
}

export async function scoreOf(signal: Signal<any>, m: Measurement): Promise<number | null> {
  return scoreSignal({ signal, measurement: m }, await defaultRubric()).result.score;
}

export function measured(m: Measurement): Measured {
  if (!isMeasured(m)) throw new Error(`expected a measurement, got ${JSON.stringify(m)}`);
  return m;
}

/** Not measured: the signal could not read what it needs (a gap in coverage). */
export function notMeasured(m: Measurement): string {
  expect(isMeasured(m)).toBe(false);
  expect(isNotApplicable(m), `expected not measured, got not applicable: ${JSON.stringify(m)}`).toBe(false);
  const reason = en((m as { notMeasured: Message }).notMeasured);
  expect(reason.length).toBeGreaterThan(10);
  return reason;
}

/** Not applicable: the site has nothing the signal reads (left out of coverage). */
export function notApplicable(m: Measurement): string {
  expect(isNotApplicable(m), `expected not applicable, got ${JSON.stringify(m).slice(0, 200)}`).toBe(true);
  const reason = en((m as { notApplicable: Message }).notApplicable);
  expect(reason.length).toBeGreaterThan(10);
  return reason;
}

/** Every evidence item names a page URL from `urls`; at least one snippet contains `text` (case-insensitive). */
export function expectEvidence(m: Measured, urls: string[], text: string | RegExp): void {
  expect(m.evidence.length).toBeGreaterThan(0);
  for (const e of m.evidence) expect(urls).toContain(e.url);
  const re = typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : text;
  expect(
    m.evidence.some((e) => re.test(evText(e)) || re.test(evLabel(e))),
    `no evidence snippet matches ${re}: ${JSON.stringify(m.evidence)}`,
  ).toBe(true);
}

/** Producer-looking set scores low, conductor-looking set scores high, and the raw values point the signal's way. */
export async function expectDirection(signal: Signal<any>, producer: Measurement, conductor: Measurement): Promise<void> {
  const p = measured(producer);
  const c = measured(conductor);
  if (signal.meta.direction === 'conductor') expect(c.value).toBeGreaterThan(p.value);
  else expect(p.value).toBeGreaterThan(c.value);
  const ps = (await scoreOf(signal, p))!;
  const cs = (await scoreOf(signal, c))!;
  expect(ps).toBeLessThan(40);
  expect(cs).toBeGreaterThan(60);
}
