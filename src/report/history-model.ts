// A brand's stored runs → the words and chart of its history (the table the CLI prints, history.html, and the
// SVG/PNG chart), made once in the reader's language.
import { formatNumber, translator, type Locale } from '../i18n/index.js';
import type { AuditResult } from '../result/schema.js';
import { renderHistoryChart, chartLabels, type HistoryPoint } from './charts.js';
import { questionCell } from './ci-model.js';
import { deltaScore } from './since-last.js';
import { cleanText, LIMITS } from './text.js';
import { DEFAULT_ACCENT, validateAccent } from './theme.js';
import { formatDate, indexBandText, questionTitle } from './view-model.js';

export interface HistoryViewModel {
  lang: Locale;
  brand: string;
  title: string;
  intro: string;
  head: string[];
  rows: string[][];
  /** Set when the rubric or tool changed between two of the runs. */
  methodNote: string | null;
  /** Set when some runs' audit.json could not be read (an older version's, a damaged one). */
  leftOutNote: string | null;
  chartSvg: string;
  chartSize: { width: number; height: number };
  accent: string;
}

const method = (r: AuditResult) => `${r.rubric.name} ${r.rubric.version} · ${r.tool.version}`;

export function buildHistoryViewModel(
  runs: readonly AuditResult[],
  opts: { locale?: Locale; accent?: string | null; leftOut?: readonly string[] } = {},
): HistoryViewModel {
  const locale = opts.locale ?? 'en';
  const tr = translator(locale);
  const accent = validateAccent(opts.accent) ?? DEFAULT_ACCENT;
  const last = runs[runs.length - 1]!;
  const brand = cleanText(last.brand, LIMITS.title);
  const changed = runs.map((r, i) => i > 0 && method(r) !== method(runs[i - 1]!));
  const date = (r: AuditResult) => formatDate(r.generatedAt, locale);
  const qTitles = Object.fromEntries(last.questions.map((q) => [q.id, questionTitle(q, locale)]));
  const points: HistoryPoint[] = runs.map((r, i) => ({
    label: new Date(r.generatedAt).toISOString().slice(0, 10),
    index: r.index.status === 'scored' ? r.index.score : null,
    questions: r.questions.map((q) => ({ id: q.id, score: q.status === 'scored' ? q.score : null })),
    methodChanged: changed[i]!,
  }));
  const chartSize = { width: 720, height: 340 };
  return {
    lang: locale,
    brand,
    title: tr('history.title', { brand }),
    intro: tr('history.intro', { n: formatNumber(runs.length, locale), first: date(runs[0]!), last: date(last) }),
    head: [tr('history.colDate'), tr('history.colIndex'), tr('history.colBand'), 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', tr('history.colPages'), tr('history.colMethod')],
    rows: runs.map((r, i) => [
      date(r),
      r.index.status === 'scored' ? deltaScore(r.index.score, locale) : '—',
      indexBandText(r.index, locale),
      ...r.questions.map((q) => questionCell(q)),
      formatNumber(r.crawl.pagesFetched, locale),
      `${changed[i] ? '◆ ' : ''}${cleanText(method(r), 80)}`,
    ]),
    methodNote: changed.some(Boolean) ? tr('history.methodChanged') : null,
    leftOutNote: opts.leftOut?.length ? tr('history.leftOut', { files: opts.leftOut.map((f) => cleanText(f, LIMITS.url)).join(', ') }) : null,
    chartSvg: renderHistoryChart(points, {
      accent,
      ...chartSize,
      aria: tr('history.chartAria'),
      indexLabel: tr('history.legendIndex'),
      questionTitles: qTitles,
      labels: chartLabels(locale),
    }),
    chartSize,
    accent,
  };
}
