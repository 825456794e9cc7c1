// Pull in words: every sentence about a traffic series is made here, in the reader's language, from the traffic
// result's typed fields (headline, trend, segments, seasonality, data warnings). audit.json carries no sentence.
import { formatNumber, monthName, translator, type Locale, type MessageKey } from '../i18n/index.js';
import type { TrafficDataWarning, TrafficResult, TrendSegment } from '../traffic/types.js';
import { cleanText } from './text.js';

const MINUS = '\u2212';

/** Signed percent: −16.4 → "−16%", 3.2 → "+3.2%"; "—" for null. */
export function signedPct(pct: number | null | undefined, locale: Locale): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—';
  const abs = Math.abs(pct);
  const rounded = abs < 10 ? Math.round(abs * 10) / 10 : Math.round(abs);
  const pc = locale === 'de' ? '\u00a0%' : '%';
  if (rounded === 0) return `0${pc}`;
  return `${pct < 0 ? MINUS : '+'}${formatNumber(rounded, locale, 1)}${pc}`;
}

/** Unsigned percent for "23% below": never "−0%". */
function plainPct(pct: number, locale: Locale): string {
  return signedPct(Math.abs(pct), locale).replace(/^\+/, '');
}

/** "p < 0.001", "p = 0.03" (a significant 0.046 never reads as "0.05"); German with a decimal comma. */
export function pValueText(p: number | null, locale: Locale): string {
  if (p === null || !Number.isFinite(p)) return '—';
  if (p < 0.001) return `p < ${formatNumber(0.001, locale, 3)}`;
  if (p < 0.01) return `p = ${formatNumber(p, locale, 3)}`;
  const two = Math.round(p * 100) / 100;
  const shown = p < 0.05 && two >= 0.05 ? Math.floor(p * 1000) / 1000 : two;
  return `p = ${formatNumber(shown, locale, 3)}`;
}

/** "2024-12" → "Dec 2024" / "Dez. 2024". */
export function monthText(ym: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return cleanText(ym, 20);
  return `${monthName(Number(m[2]), locale, true)} ${m[1]}`;
}

function span(from: string, to: string, locale: Locale): string {
  return from === to ? monthText(from, locale) : `${monthText(from, locale)} – ${monthText(to, locale)}`;
}

const WORD: Record<TrendSegment['direction'], MessageKey> = { rising: 'pull.wordRising', falling: 'pull.wordFalling', flat: 'pull.wordFlat' };
const LINE: Record<TrendSegment['direction'], MessageKey> = { rising: 'pull.lineRising', falling: 'pull.lineFalling', flat: 'pull.lineFlat' };

/** The direction a reader should be told now: the last stretch of a reversal, or a significant recent trend. */
export function latestDirection(t: TrafficResult['trend']): TrendSegment['direction'] | null {
  if (t.direction === 'insufficient-data') return null;
  const last = t.segments[t.segments.length - 1];
  if (last) return last.direction;
  if (t.recent?.significant && t.recent.direction !== t.direction) return t.recent.direction;
  return t.direction;
}

/** A slope is only stated beside a direction it agrees with (a rank test and a median slope can disagree in sign). */
function slopeText(slope: number | null, direction: TrendSegment['direction'], locale: Locale): string {
  if (slope === null) return '—';
  if ((direction === 'rising' && slope < 0) || (direction === 'falling' && slope > 0)) return '—';
  return signedPct(slope, locale);
}

/** The headline change, like with like, or why there is none. */
export function headlineSentence(t: TrafficResult['trend'], locale: Locale): string {
  const tr = translator(locale);
  const h = t.headline;
  if (!h)
    return tr(
      t.headlineMissing === 'gaps' ? 'pull.noHeadlineGaps' : t.headlineMissing === 'partial-months' ? 'pull.noHeadlinePartial' : 'pull.noHeadlineShort',
    );
  const recent = span(h.recent.from, h.recent.to, locale);
  const earlier = span(h.earlier.from, h.earlier.to, locale);
  if (h.pct === null) return tr('pull.headlineNoBase', { recent, earlier });
  const level = Math.abs(h.pct) < 0.5;
  const key: MessageKey =
    h.basis === 'twelve-months'
      ? level
        ? 'pull.headline12Level'
        : h.pct > 0
          ? 'pull.headline12Up'
          : 'pull.headline12Down'
      : level
        ? 'pull.headlineMonthLevel'
        : h.pct > 0
          ? 'pull.headlineMonthUp'
          : 'pull.headlineMonthDown';
  return tr(key, { recent, earlier, pct: plainPct(h.pct, locale) });
}

/** The trend: a reversal as such, a recent stretch that contradicts the whole period, or the whole period. */
export function trendSentence(t: TrafficResult['trend'], fullMonths: number, locale: Locale): string {
  const tr = translator(locale);
  const [first, second] = t.segments;
  if (first && second) {
    return tr('pull.reversal', {
      first: tr(WORD[first.direction]),
      until: monthText(first.to, locale),
      slope1: slopeText(first.slopePctPerMonth, first.direction, locale),
      p1: pValueText(first.pValue, locale),
      second: tr(WORD[second.direction]),
      since: monthText(second.from, locale),
      slope2: slopeText(second.slopePctPerMonth, second.direction, locale),
      p2: pValueText(second.pValue, locale),
    });
  }
  if (t.direction === 'insufficient-data') return fullMonths === 0 ? tr('pull.noData') : tr('pull.tooShort', { n: fullMonths });
  const whole = t.direction;
  const slope = slopeText(t.slopePctPerMonth, whole, locale);
  const p = pValueText(t.pValue, locale);
  // Never "rising" while the last 24 months fell significantly (or the other way round).
  if (t.recent?.significant && t.recent.direction !== whole) {
    return tr('pull.recentDiffers', {
      whole: tr(WORD[whole]),
      slope,
      p,
      from: monthText(t.recent.from, locale),
      to: monthText(t.recent.to, locale),
      recent: tr(WORD[t.recent.direction]),
      slope2: slopeText(t.recent.slopePctPerMonth, t.recent.direction, locale),
      p2: pValueText(t.recent.pValue, locale),
    });
  }
  return tr(whole === 'rising' ? 'pull.trendRising' : whole === 'falling' ? 'pull.trendFalling' : 'pull.trendFlat', { n: fullMonths, slope, p });
}

/** The seasonal swing when it is significant (peak ÷ trough, the peak month), or why nothing is claimed. */
export function seasonSentence(t: TrafficResult['trend'], fullMonths: number, locale: Locale): string {
  const tr = translator(locale);
  if (t.seasonalPValue === null) return fullMonths >= 6 && fullMonths < 24 ? tr('pull.seasonShort') : '';
  if (!t.seasonal || t.peakMonth === null || t.troughMonth === null || t.peakToTrough === null)
    return tr('pull.noSwing', { p: pValueText(t.seasonalPValue, locale) });
  let out = tr('pull.swing', {
    peak: monthName(t.peakMonth, locale),
    trough: monthName(t.troughMonth, locale),
    ratio: formatNumber(Math.round(t.peakToTrough * 10) / 10, locale, 1),
    p: pValueText(t.seasonalPValue, locale),
  });
  const line = latestDirection(t);
  if (t.holidaySurge && line) out += tr('pull.holidaySurge', { dec: plainPct(t.decemberAboveTrendPct ?? 0, locale), line: tr(LINE[line]) });
  return out;
}

/** One data warning in words. */
export function dataWarningText(w: TrafficDataWarning, locale: Locale): string {
  const tr = translator(locale);
  switch (w.code) {
    case 'zero-run':
      return tr(w.atEnd ? 'pull.warnZeroRunEnd' : 'pull.warnZeroRun', { n: w.months, from: monthText(w.from, locale), to: monthText(w.to, locale) });
    case 'partial-months':
      return tr('pull.warnPartial', { count: w.count, of: w.of });
    case 'gaps': {
      const shown = w.months.slice(0, 6).map((m) => monthText(m, locale));
      return tr('pull.warnGaps', { count: w.count, months: shown.join(', ') + (w.months.length > 6 ? ', …' : '') });
    }
  }
}

const fullMonthCount = (t: TrafficResult): number => t.months.filter((m) => !m.partial && m.visits !== null).length;

/**
 * The pull paragraph: a zero run at the end first (it changes how everything else reads), then the headline
 * change, the trend, and the seasonal swing.
 */
/** `brief`: the headline and the trend only (the summary page); the pull section adds the seasonal swing. */
export function pullParagraph(traffic: TrafficResult, locale: Locale, brief = false): string {
  const tr = translator(locale);
  const t = traffic.trend;
  const n = fullMonthCount(traffic);
  const parts: string[] = [];
  if (traffic.metric === 'clicks') parts.push(tr('pull.leadClicks'));
  if (traffic.metric === 'interest') parts.push(tr('pull.leadInterest'));
  const zeroEnd = t.dataWarnings.find((w): w is Extract<TrafficDataWarning, { code: 'zero-run' }> => w.code === 'zero-run' && w.atEnd);
  if (zeroEnd) parts.push(tr('pull.zeroEnd', { n: zeroEnd.months, from: monthText(zeroEnd.from, locale) }));
  if (n >= 13 || t.headline) parts.push(headlineSentence(t, locale));
  parts.push(trendSentence(t, n, locale));
  if (t.direction !== 'insufficient-data' && !brief) {
    const season = seasonSentence(t, n, locale);
    if (season) parts.push(season);
  }
  return parts.join(' ');
}

/** Rows for the pull table: label and value, in the reader's language. */
export function pullStats(traffic: TrafficResult, locale: Locale): Array<{ label: string; value: string }> {
  const tr = translator(locale);
  const t = traffic.trend;
  const dir = (d: string): string =>
    tr(d === 'rising' ? 'traffic.dirRising' : d === 'falling' ? 'traffic.dirFalling' : d === 'flat' ? 'traffic.dirFlat' : 'traffic.dirInsufficient');
  const h = t.headline;
  const rows: Array<{ label: string; value: string }> = [
    { label: tr('traffic.direction'), value: dir(t.direction) },
    {
      label: !h
        ? tr('traffic.headlineNone')
        : h.basis === 'twelve-months'
          ? tr('traffic.headline12')
          : tr('traffic.headlineMonth', { recent: monthText(h.recent.from, locale), earlier: monthText(h.earlier.from, locale) }),
      value: h ? signedPct(h.pct, locale) : '—',
    },
    { label: tr('traffic.slope'), value: t.direction === 'insufficient-data' ? '—' : slopeText(t.slopePctPerMonth, t.direction, locale) },
    {
      label: tr('traffic.significant'),
      value: t.pValue === null ? '—' : `${tr(t.significant ? 'traffic.yes' : 'traffic.no')} (${pValueText(t.pValue, locale)})`,
    },
  ];
  const [first, second] = t.segments;
  if (first && second) {
    rows.push({
      label: tr('traffic.reversal'),
      value: tr('traffic.reversalValue', { first: tr(WORD[first.direction]), until: monthText(first.to, locale), second: tr(WORD[second.direction]) }),
    });
  }
  if (t.recent)
    rows.push({
      label: tr('traffic.recent'),
      value: `${dir(t.recent.direction)} (${slopeText(t.recent.slopePctPerMonth, t.recent.direction, locale)}, ${pValueText(t.recent.pValue, locale)})`,
    });
  rows.push({ label: tr('traffic.peak'), value: t.peakMonth === null ? '—' : monthName(t.peakMonth, locale) });
  if (t.seasonalPValue !== null) {
    rows.push({
      label: tr('traffic.swing'),
      value:
        t.seasonal && t.peakToTrough !== null && t.peakMonth !== null && t.troughMonth !== null
          ? tr('traffic.swingValue', {
              ratio: formatNumber(Math.round(t.peakToTrough * 10) / 10, locale, 1),
              peak: monthName(t.peakMonth, locale, true),
              trough: monthName(t.troughMonth, locale, true),
              p: pValueText(t.seasonalPValue, locale),
            })
          : tr('traffic.swingNone', { p: pValueText(t.seasonalPValue, locale) }),
    });
  }
  rows.push({ label: tr('traffic.december'), value: signedPct(t.decemberAboveTrendPct, locale) + (t.holidaySurge ? tr('traffic.holidaySurge') : '') });
  return rows;
}

/** The chart title for the series' metric. */
export function metricChartTitle(traffic: Pick<TrafficResult, 'metric'>, locale: Locale): string {
  const tr = translator(locale);
  return tr(traffic.metric === 'clicks' ? 'chart.monthlyClicks' : traffic.metric === 'interest' ? 'chart.monthlyInterest' : 'chart.monthlyVisits');
}
