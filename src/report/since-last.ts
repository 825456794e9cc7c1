// "Since the last audit": a few sentences made from a RunDelta, in the reader's language. The report's summary
// box and the ci summary both read these (words made once).
import { DEFAULTS } from '../config/defaults.js';
import { formatNumber, translator, type Locale, type MessageKey } from '../i18n/index.js';
import type { RunDelta, ScoreDelta } from '../result/deltas.js';
import { cleanText, LIMITS } from './text.js';

export interface SinceLastVM {
  title: string;
  intro: string;
  /** One sentence each: the index, the questions, the signals, the pages. */
  lines: string[];
  /** Set when the rubric or the tool changed: the deltas do not measure the brand. */
  notComparable: string | null;
  /** The index change in a few words ("down 6", "no change beyond the noise band of ±2"), for tables. */
  indexChange: string;
}

const MINUS = '\u2212';

/** A score as the reader sees it in a delta: one decimal, "—" without one. */
export function deltaScore(score: number | null, locale: Locale = 'en'): string {
  return score === null ? '—' : formatNumber(Math.round(score * 10) / 10, locale, 1);
}

/** "up 6", "down 3.5", "no change beyond the noise band of ±2", "no score to compare". */
export function changeText(d: ScoreDelta, locale: Locale = 'en'): string {
  const tr = translator(locale);
  if (d.movement === 'no-score' || d.change === null) return tr('since.noScore');
  if (d.movement === 'within-noise') return tr('since.within', { noise: formatNumber(d.noise, locale, 1) });
  const n = formatNumber(Math.abs(d.change), locale, 1);
  return tr(d.movement === 'up' ? 'since.up' : 'since.down', { n });
}

/** A signed change for a table cell: "+6", "−3.5", "±0" inside the noise band. */
export function signedChange(d: ScoreDelta, locale: Locale = 'en'): string {
  if (d.change === null) return '—';
  const n = formatNumber(Math.abs(d.change), locale, 1);
  return d.change > 0 ? `+${n}` : d.change < 0 ? `${MINUS}${n}` : `±${n}`;
}

function listWithMore(items: string[], max: number, locale: Locale): string {
  const tr = translator(locale);
  const shown = items.slice(0, max);
  return items.length > max ? `${shown.join('; ')}; ${tr('since.more', { n: items.length - max })}` : shown.join('; ');
}

export function sinceLastVM(
  delta: RunDelta,
  opts: { locale?: Locale; questionTitle?: (id: string) => string; signalTitle?: (id: string) => string; formatDate: (iso: string) => string },
): SinceLastVM {
  const locale = opts.locale ?? 'en';
  const tr = translator(locale);
  const qTitle = opts.questionTitle ?? ((id: string) => tr(`q.${id}.title` as MessageKey));
  const sTitle = opts.signalTitle ?? ((id: string) => id);
  const lines: string[] = [];
  lines.push(
    tr('since.index', { from: deltaScore(delta.index.from, locale), to: deltaScore(delta.index.to, locale), change: changeText(delta.index, locale) }),
  );
  const moved = delta.questions.filter((q) => q.movement === 'up' || q.movement === 'down');
  lines.push(
    moved.length
      ? tr('since.questionsMoved', {
          list: moved
            .map(
              (q) =>
                `${tr('since.move', { title: `${q.id} ${qTitle(q.id)}`, from: deltaScore(q.from, locale), to: deltaScore(q.to, locale) })} (${changeText(q, locale)})`,
            )
            .join('; '),
        })
      : tr('since.questionsStill', { noise: formatNumber(delta.noise.question, locale, 1) }),
  );
  if (delta.signals.length) {
    const items = delta.signals.map((s) =>
      tr('since.move', { title: cleanText(sTitle(s.id), LIMITS.title), from: deltaScore(s.from, locale), to: deltaScore(s.to, locale) }),
    );
    lines.push(tr('since.signalsMoved', { list: listWithMore(items, DEFAULTS.ci.signalsListed, locale) }));
  }
  const { appeared, vanished } = delta.pages;
  lines.push(
    appeared.length || vanished.length
      ? tr('since.pages', { appeared: formatNumber(appeared.length, locale), vanished: formatNumber(vanished.length, locale) })
      : tr('since.pagesSame'),
  );
  const method = (what: 'rubric' | 'tool', v: string) => tr(what === 'rubric' ? 'since.rubric' : 'since.tool', { v: cleanText(v, 60) });
  const notComparable = delta.comparable
    ? null
    : tr('since.notComparable', {
        from: delta.notComparable.map((n) => method(n.what, n.from)).join(', '),
        to: delta.notComparable.map((n) => method(n.what, n.to)).join(', '),
      });
  return {
    title: tr('since.title'),
    intro: tr('since.intro', { date: opts.formatDate(delta.baseline.generatedAt) }),
    lines,
    notComparable,
    indexChange: delta.comparable ? changeText(delta.index, locale) : tr('ci.notComparableShort'),
  };
}
