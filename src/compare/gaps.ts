// The signals where the brands differ most, each with the reading and a quote or figure from every brand.
import type { AuditResult, Evidence, SignalResult } from '../result/types.js';
import type { Gap } from './schema.js';

export const MIN_GAPS = 5;
export const MAX_GAPS = 8;
/** A spread below this is not a difference worth a line, once the first five are in. */
export const MIN_SPREAD = 20;

/** The evidence that shows the reading: an item pointing the way the score leans, else the first. */
function telling(s: SignalResult): Evidence | null {
  return s.evidence.find((e) => e.points && e.points === s.leaning) ?? s.evidence[0] ?? null;
}

/**
 * Signals measured by at least two brands, ordered by how far apart the brands' scores are, weighted by the
 * signal's weight (ties keep the rubric's order): the first five always, up to eight while the spread is at least
 * MIN_SPREAD points.
 */
export function signalGaps(results: readonly AuditResult[]): Gap[] {
  const order: Array<{ id: string; question: SignalResult['question'] }> = [];
  for (const q of results[0]?.questions ?? []) for (const s of q.signals) order.push({ id: s.id, question: q.id });
  for (const r of results.slice(1))
    for (const q of r.questions) for (const s of q.signals) if (!order.some((o) => o.id === s.id)) order.push({ id: s.id, question: q.id });
  const find = (r: AuditResult, id: string): SignalResult | undefined => r.questions.flatMap((q) => q.signals).find((s) => s.id === id);
  const candidates: Array<Gap & { rankBy: number; order: number }> = [];
  order.forEach(({ id, question }, i) => {
    const readings = results.map((r) => ({ brand: r.brand, signal: find(r, id) }));
    const scores = readings.flatMap((x) => (x.signal?.status === 'measured' && x.signal.score !== null ? [x.signal.score] : []));
    if (scores.length < 2) return;
    const spread = Math.max(...scores) - Math.min(...scores);
    if (spread <= 0) return;
    const weights = readings.flatMap((x) => (x.signal ? [x.signal.weight] : []));
    const weight = weights.reduce((a, b) => a + b, 0) / weights.length;
    candidates.push({
      signal: id,
      question,
      spread,
      weight,
      rankBy: spread * weight,
      order: i,
      brands: readings.map(({ brand, signal }) => {
        if (!signal) return { brand, status: 'absent' as const, score: null, leaning: null, value: null, display: null, evidence: null };
        const e = signal.status === 'measured' ? telling(signal) : null;
        return {
          brand,
          status: signal.status,
          score: signal.score,
          leaning: signal.leaning,
          value: signal.value,
          display: signal.status === 'measured' ? signal.display : null,
          evidence: e ?? null,
        };
      }),
    });
  });
  candidates.sort((a, b) => b.rankBy - a.rankBy || a.order - b.order);
  return candidates.filter((g, i) => i < MIN_GAPS || (i < MAX_GAPS && g.spread >= MIN_SPREAD)).map(({ rankBy: _r, order: _o, ...gap }) => gap);
}
