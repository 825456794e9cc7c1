// AuditResult → the plain object the templates render. Every decision about wording and formatting is made here,
// in small pure functions; the templates only place values.
import type { AuditResult, Evidence, IndexLabel, QuestionResult, SignalResult } from '../result/types.js';
import { BANDS } from '../result/bands.js';
import { QUESTIONS } from '../score/questions.js';
import {
  CATALOGUES,
  formatLongDate,
  formatNumber,
  formatShare,
  monthName as intlMonthName,
  resolveLocale,
  translator,
  type Locale,
  type MessageKey,
  type Translate,
} from '../i18n/index.js';
import { chartLabels, renderQuestionBars, renderScaleSvg, renderTrafficFallback } from './charts.js';
import { recommendationText, weakestSignals } from './recommendations.js';
import { cleanText, LIMITS, toLink, type Link } from './text.js';
import { DEFAULT_ACCENT, loadLogo, readableOn, tint, validateAccent } from './theme.js';
import { secondaryMeasures, type Measure } from '../traffic/measures.js';
import { dataWarningText, pullParagraph, pullStats, signedPct } from './pull-words.js';
import type { RunDelta } from '../result/deltas.js';
import { sinceLastVM, type SinceLastVM } from './since-last.js';

export type Paper = 'A4' | 'Letter';

export interface ReportOptions {
  /** Accent colour `#rgb` / `#rrggbb`; anything else falls back to the default. */
  accent?: string | null;
  /** Path to an svg/png/jpg logo, inlined as a data: URI. */
  logoPath?: string | null;
  paper?: Paper;
  /** Traffic chart SVG from src/traffic/chart.ts (trusted, generated in Node). */
  trafficChartSvg?: string | null;
  /** Folder whose partials (and theme.css, appended after the built-in one) override the built-in ones. */
  templatesDir?: string | null;
  /** Language of everything the report itself says: 'en' (default) or 'de'. */
  locale?: Locale;
  /** Screenshot images from the crawl (browser and auto modes), matched by URL to audit.json's crawl.screenshots. */
  screenshots?: ReadonlyArray<{ url: string; data: Uint8Array }>;
  /** The comparison with an earlier audit of the brand: the summary gains a "Since the last audit" box. */
  delta?: RunDelta | null;
}

/** Below this coverage a verdict is said to rest on thin evidence (the rubric's floor, lower, withholds it). */
export const THIN_COVERAGE = 0.7;

/** The bands, from the one table the scorer uses (src/result/bands.ts). */
export const INDEX_BANDS_TABLE = BANDS;

const MINUS = '\u2212';

// ---------- formatting ----------

/** 0.734 → "73%"; null → "—". */
export function formatPercent(share: number | null | undefined, locale: Locale = 'en'): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return formatShare(Math.round(share * 100) / 100, locale);
}

/** Signed percent change: −16.4 → "−16%", 3.2 → "+3.2%" (one decimal below 10). */
export function formatChange(pct: number | null | undefined, locale: Locale = 'en'): string {
  return signedPct(pct, locale);
}

/** Score 0–100 → "27"; null → "—". */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return String(Math.round(score));
}

/** Integer with thin thousands separators: 1234567 → "1,234,567". */
export function formatCount(n: number | null | undefined, locale: Locale = 'en'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return formatNumber(Math.round(n), locale);
}

/** ISO date-time → "20 November 2026" (UTC, locale-independent so output is deterministic). */
export function formatDate(iso: string, locale: Locale = 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return cleanText(iso, 40);
  return formatLongDate(d, locale);
}

/** "2024-12" → "Dec 2024" / "Dez. 2024". */
export function formatMonth(ym: string, locale: Locale = 'en'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return cleanText(ym, 20);
  return `${intlMonthName(Number(m[2]), locale, true)} ${m[1]}`;
}

export function formatDuration(ms: number, locale: Locale = 'en'): string {
  const tr = translator(locale);
  const s = Math.round(ms / 1000);
  if (s < 60) return tr('duration.s', { s });
  const m = Math.floor(s / 60);
  return m < 60 ? tr('duration.ms', { m, s: s % 60 }) : tr('duration.hm', { h: Math.floor(m / 60), m: m % 60 });
}

const BAND_KEY: Record<IndexLabel, { band: MessageKey; scale: MessageKey; verdict: MessageKey }> = {
  producer: { band: 'band.producer', scale: 'scale.producer', verdict: 'verdict.producer' },
  'leaning producer': { band: 'band.leaningProducer', scale: 'scale.leaningProducer', verdict: 'verdict.leaningProducer' },
  balanced: { band: 'band.balanced', scale: 'scale.balanced', verdict: 'verdict.balanced' },
  'leaning conductor': { band: 'band.leaningConductor', scale: 'scale.leaningConductor', verdict: 'verdict.leaningConductor' },
  conductor: { band: 'band.conductor', scale: 'scale.conductor', verdict: 'verdict.conductor' },
};

/** The band label in the report's language ("leaning producer" / "eher Produzent"); `title` capitalises it. */
export function bandText(label: IndexLabel | null, locale: Locale = 'en', title = false): string {
  const tr = translator(locale);
  if (label === null) return tr(title ? 'band.notScoredTitle' : 'band.notScored');
  return tr(title ? BAND_KEY[label].scale : BAND_KEY[label].band);
}

/** A question's band, or what stands in its place: insufficient evidence, not applicable, not scored. */
export function questionBandText(q: Pick<QuestionResult, 'status' | 'band'>, locale: Locale = 'en', title = false): string {
  const tr = translator(locale);
  if (q.status === 'insufficient-evidence') return tr(title ? 'band.insufficientTitle' : 'band.insufficient');
  if (q.status === 'not-applicable') return tr(title ? 'band.notApplicableTitle' : 'band.notApplicable');
  return bandText(q.band, locale, title);
}

/** The index's band, or what stands in its place when there is no verdict. */
export function indexBandText(index: AuditResult['index'], locale: Locale = 'en', title = false): string {
  const tr = translator(locale);
  if (index.status === 'no-community') return tr(title ? 'band.noCommunityTitle' : 'band.noCommunity');
  if (index.status === 'insufficient-evidence') return tr(title ? 'band.insufficientTitle' : 'band.insufficient');
  return bandText(index.label, locale, title);
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Position of a score on the producer (0%) ↔ conductor (100%) scale, clamped. */
export function scalePosition(score: number | null): number | null {
  if (score === null || !Number.isFinite(score)) return null;
  return Math.min(100, Math.max(0, Math.round(score * 10) / 10));
}

/** The verdict in words, from the index's status and band, hedged by coverage. */
export function verdictSentence(brand: string, index: AuditResult['index'], locale: Locale = 'en'): string {
  const tr = translator(locale);
  const coverage = formatPercent(index.coverage, locale);
  if (index.status === 'no-community') return tr('verdict.noCommunity', { brand });
  if (index.status === 'insufficient-evidence') return tr('verdict.insufficient', { brand, coverage });
  if (index.status !== 'scored' || index.label === null) return tr('verdict.none', { brand });
  const thin = index.coverage < THIN_COVERAGE ? tr('verdict.thin', { coverage }) : '';
  return tr(BAND_KEY[index.label].verdict, { brand }) + thin;
}

// ---------- findings ----------

export interface FindingInput {
  question: QuestionResult;
  signal: SignalResult;
}

/** How telling a measured signal is: its weight at its strength × its distance from the midpoint 50. */
export function findingStrength(signal: SignalResult): number {
  if (signal.status !== 'measured' || signal.score === null) return 0;
  return signal.weight * signal.strength * Math.abs(signal.score - 50);
}

/** The n most telling measured signals, strongest first; ties keep question/signal order (deterministic). */
export function topFindings(questions: readonly QuestionResult[], n = 3): FindingInput[] {
  const all: Array<FindingInput & { strength: number; order: number }> = [];
  let order = 0;
  for (const question of questions) {
    for (const signal of question.signals) {
      const strength = findingStrength(signal);
      if (strength > 0) all.push({ question, signal, strength, order: order++ });
    }
  }
  all.sort((a, b) => b.strength - a.strength || a.order - b.order);
  return all.slice(0, n).map(({ question, signal }) => ({ question, signal }));
}

// ---------- the view model ----------

export interface EvidenceVM {
  link: Link;
  snippet: string;
  label: string | null;
  /** "seen on 4 pages" when the same snippet was on several pages. */
  seenOn: string | null;
  /** Anchor of the screenshot of this very page in the coverage section, when one was taken. */
  shot: string | null;
}

export interface ScreenshotVM {
  anchor: string;
  group: string;
  link: Link;
  /** data: URI of a JPEG or PNG whose bytes were checked (never a crawled URL). */
  src: string;
  caption: string;
}

export interface SignalVM {
  id: string;
  title: string;
  explanation: string;
  measured: boolean;
  /** measured, not-measured or not-applicable (a class for the card). */
  status: string;
  /** What stands in the pill where there is no score: "not measured" / "not applicable". */
  unscoredText: string;
  displayValue: string;
  score: string;
  weight: string;
  pagesObserved: string;
  direction: string;
  leaning: string | null;
  reason: string | null;
  evidence: EvidenceVM[];
  moreEvidence: number;
  reasonText: string | null;
  moreEvidenceText: string | null;
}

export interface QuestionVM {
  id: string;
  anchor: string;
  number: string;
  title: string;
  question: string;
  producerEnd: string;
  conductorEnd: string;
  score: string;
  scorePosition: number | null;
  band: string;
  coverage: string;
  coverageThin: boolean;
  summary: string;
  analyst: { note: string | null; score: string | null; rationale: string | null; differs: string | null } | null;
  signals: SignalVM[];
  eyebrow: string;
  coverageText: string;
}

export interface RecommendationVM {
  rank: number;
  action: string;
  why: string;
  questionId: string;
  signalId: string;
  evidence: EvidenceVM | null;
}

export interface TocEntryVM {
  anchor: string;
  title: string;
  level: number;
  /** Page number, filled in by the PDF renderer's second pass ('' in the HTML report). */
  page: string;
}

export interface ReportViewModel {
  lang: Locale;
  /** PDF/HTML metadata (author = analyst and organisation). */
  meta: { author: string; description: string; keywords: string };
  /** The report's message catalogue (read by the `t` template helper). */
  messages: Record<string, string>;
  toc: TocEntryVM[];
  recommendations: RecommendationVM[];
  title: string;
  paper: Paper;
  theme: { accent: string; accentSoft: string; accentFaint: string; onAccent: string; footerLeft: string; runningHeader: string };
  cover: {
    brand: string;
    title: string;
    site: Link;
    servedFrom: string | null;
    date: string;
    analyst: string | null;
    organisation: string | null;
    preparedBy: string | null;
    logo: string | null;
  };
  summary: {
    verdict: string;
    indexScore: string;
    indexLabel: string;
    indexLabelTitle: string;
    indexCoverage: string;
    scaleSvg: string;
    questionChartSvg: string;
    findings: Array<{
      rank: number;
      question: string;
      questionId: string;
      title: string;
      value: string;
      score: string;
      leaning: string | null;
      leaningText: string | null;
      sentence: string;
      evidence: EvidenceVM | null;
    }>;
    /** The first three recommendations, for the summary page. */
    todo: RecommendationVM[];
    pull: string;
    questions: Array<{ id: string; title: string; score: string; band: string; coverage: string }>;
  };
  /** "Since the last audit", when the report was made with a baseline. */
  sinceLast: SinceLastVM | null;
  questions: QuestionVM[];
  traffic: {
    present: boolean;
    chartSvg: string | null;
    summary: string;
    source: string | null;
    period: string | null;
    caption: string;
    stats: Array<{ label: string; value: string }>;
    /** Other measures the file carries (visitors, pageviews, bounce rate…): recent window and change. */
    /** `changeHeading` is null when the file does not reach a year further back (no change column then). */
    measures: { heading: string; changeHeading: string | null; rows: Array<{ label: string; value: string; change: string }> } | null;
    warnings: string[];
  };
  method: {
    bands: Array<{ range: string; label: string; current: boolean }>;
    rubric: string;
    tool: string;
    rubricLine: string;
    languageNote: string | null;
    /** The coverage floors and the pull toward the midpoint, with this rubric's numbers. */
    coverageRule: string;
    rubricTable: RubricTableRow[];
  };
  coverage: {
    stats: Array<{ label: string; value: string }>;
    failed: Array<{ reason: string; count: string }>;
    skipped: Array<{ reason: string; count: string }>;
    groups: Array<{ pattern: string; discovered: string; fetched: string; skipped: string; stopped: string | null }>;
    /** Some group got no more of the budget after its first pages were not found. */
    groupsStopped: boolean;
    renderGroups: Array<{ group: string; mode: string; reason: string }>;
    screenshots: ScreenshotVM[];
    sitemaps: Array<{ url: Link; urls: string; note: string }>;
    robots: { url: Link; status: string; policy: string; crawlDelay: string; note: string; line: string };
    userAgent: string;
    render: string;
    limits: string;
    stoppedEarly: string | null;
    warnings: string[];
    servedFrom: string | null;
  };
  appendix: {
    pages: Array<{ n: number; link: Link; depth: number; outcome: string; outcomeClass: string; status: string; type: string; note: string }>;
    omitted: number;
    omittedText: string | null;
  };
}

export const MAX_APPENDIX_ROWS = 1000;
export const MAX_EVIDENCE_PER_SIGNAL = 3;

function evidenceVM(e: Evidence, locale: Locale = 'en'): EvidenceVM {
  return {
    link: toLink(e.url),
    snippet: cleanText(e.snippet, LIMITS.snippet),
    label: e.label ? cleanText(e.label, LIMITS.label) : null,
    seenOn: e.seenOn ? translator(locale)('evidence.seenOn', { n: formatCount(e.seenOn, locale) }) : null,
    shot: null,
  };
}

function signalVM(s: SignalResult, locale: Locale): SignalVM {
  const tr = translator(locale);
  const measured = s.status === 'measured' && s.score !== null;
  const more = Math.max(0, s.evidence.length - MAX_EVIDENCE_PER_SIGNAL);
  const reason = s.reason ? cleanText(s.reason, 300) : null;
  const notApplicable = s.status === 'not-applicable';
  return {
    id: cleanText(s.id, LIMITS.label),
    title: cleanText(s.title, LIMITS.title),
    explanation: cleanText(s.explanation, 600),
    measured,
    status: s.status,
    unscoredText: tr(notApplicable ? 'signal.notApplicable' : 'signal.notMeasured'),
    displayValue: notApplicable ? tr('signal.notApplicable') : s.status === 'not-measured' ? tr('signal.notMeasured') : cleanText(s.displayValue, LIMITS.title),
    score: formatScore(s.score),
    weight: formatWeight(s.weight),
    pagesObserved: formatCount(s.pagesObserved, locale),
    direction: tr(s.direction === 'conductor' ? 'signal.higherConductor' : 'signal.higherProducer'),
    leaning: s.leaning,
    reason,
    evidence: s.evidence.slice(0, MAX_EVIDENCE_PER_SIGNAL).map((e) => evidenceVM(e, locale)),
    moreEvidence: more,
    reasonText: reason ? tr(notApplicable ? 'signal.notApplicableReason' : 'signal.notMeasuredReason', { reason }) : null,
    moreEvidenceText: more ? tr(more === 1 ? 'signal.moreEvidenceOne' : 'signal.moreEvidenceMany', { n: more }) : null,
  };
}

export function formatWeight(w: number, locale: Locale = 'en'): string {
  return formatNumber(Math.round(w * 100) / 100, locale, 2);
}

/**
 * A question's wording in the report's language: the catalogue text when audit.json carries the built-in English
 * wording (or for producer/conductor ends, which audit.json does not carry), else audit.json's own (custom) text.
 */
function questionText(q: Pick<QuestionResult, 'id' | 'title' | 'question'>, field: 'title' | 'question', tr: Translate): string {
  const def = QUESTIONS[q.id];
  const own = cleanText(q[field], field === 'title' ? LIMITS.title : 400);
  if (!def || stripForCompare(q[field]) !== stripForCompare(def[field])) return own;
  return tr(`q.${q.id}.${field}` as MessageKey);
}

/** A question's title in the report's language (see questionText). */
export function questionTitle(q: Pick<QuestionResult, 'id' | 'title' | 'question'>, locale: Locale = 'en'): string {
  return questionText(q, 'title', translator(locale));
}

function stripForCompare(s: string): string {
  return s.replace(/[‘’']/g, "'").trim();
}

function questionVM(q: QuestionResult, locale: Locale): QuestionVM {
  const tr = translator(locale);
  const def = QUESTIONS[q.id];
  const a = q.analyst;
  const hasAnalyst = a && (a.note || a.score !== undefined || a.rationale);
  let differs: string | null = null;
  if (a?.score !== undefined && q.score !== null) {
    const d = Math.round(a.score) - Math.round(q.score);
    differs = d === 0 ? tr('question.agrees') : tr('question.differs', { diff: `${d > 0 ? '+' : MINUS}${Math.abs(d)}` });
  }
  const band = questionBandText(q, locale);
  const coverage = formatPercent(q.coverage, locale);
  // audit.json's summary is English; other languages get a sentence built from the numbers.
  const summary =
    locale === 'en'
      ? cleanText(q.summary, 600)
      : q.status === 'not-applicable'
        ? tr('question.summaryNotApplicable')
        : q.score === null
          ? tr('question.summaryNone')
          : q.status === 'insufficient-evidence'
            ? tr('question.summaryInsufficient', { score: formatScore(q.score), coverage })
            : tr('question.summary', { band: capitalise(band), score: formatScore(q.score), coverage });
  return {
    id: q.id,
    anchor: `q-${q.id.toLowerCase()}`,
    number: q.id.slice(1),
    title: questionText(q, 'title', tr),
    question: questionText(q, 'question', tr),
    producerEnd: def ? tr(`q.${q.id}.producerEnd` as MessageKey) : '',
    conductorEnd: def ? tr(`q.${q.id}.conductorEnd` as MessageKey) : '',
    score: formatScore(q.score),
    scorePosition: scalePosition(q.score),
    band,
    coverage,
    coverageThin: q.coverage < THIN_COVERAGE,
    summary,
    eyebrow: tr('question.eyebrow', { n: q.id.slice(1) }),
    coverageText: tr('question.coverage', { coverage }),
    analyst: hasAnalyst
      ? {
          note: a.note ? cleanText(a.note, LIMITS.text) : null,
          score: a.score !== undefined ? formatScore(a.score) : null,
          rationale: a.rationale ? cleanText(a.rationale, LIMITS.text) : null,
          differs,
        }
      : null,
    signals: q.signals.map((sig) => signalVM(sig, locale)),
  };
}

/** One sentence explaining why a finding matters, e.g. "Measured: 18% of 22 thread pages. Scored 18/100 at weight 3, it pulls Participation towards the producer end." */
export function findingSentence(f: FindingInput, locale: Locale = 'en'): string {
  const tr = translator(locale);
  const side = f.signal.leaning;
  const verb = tr(side === 'neutral' ? 'finding.holds' : 'finding.pulls');
  const end = tr(side === 'producer' ? 'finding.towardsProducer' : side === 'conductor' ? 'finding.towardsConductor' : 'finding.nearMiddle');
  const value = capitalise(cleanText(f.signal.displayValue, LIMITS.title));
  const question = cleanText(questionText(f.question, 'title', tr), 60);
  return tr('finding.sentence', { value, score: formatScore(f.signal.score), weight: formatWeight(f.signal.weight, locale), verb, question, end });
}

/** The "Since the last audit" box, with the question and signal titles of this audit in the reader's language. */
export function sinceLastFor(result: AuditResult, delta: RunDelta, locale: Locale = 'en'): SinceLastVM {
  const signalTitles = new Map(result.questions.flatMap((q) => q.signals.map((sig) => [sig.id, sig.title] as const)));
  const byId = new Map(result.questions.map((q) => [q.id as string, q]));
  return sinceLastVM(delta, {
    locale,
    questionTitle: (id) => {
      const q = byId.get(id);
      return q ? questionTitle(q, locale) : id;
    },
    signalTitle: (id) => signalTitles.get(id) ?? id,
    formatDate: (iso) => formatDate(iso, locale),
  });
}

/** The pull paragraph for the executive summary and Markdown, worded from the traffic result's typed fields. */
export function pullSentence(result: AuditResult, locale: Locale = 'en'): string {
  if (!result.traffic) return translator(locale)('traffic.none');
  return pullParagraph(result.traffic, locale);
}

function trafficVM(result: AuditResult, chartSvg: string | null, accent: string, locale: Locale): ReportViewModel['traffic'] {
  const tr = translator(locale);
  const t = result.traffic;
  if (!t) {
    return {
      present: false,
      chartSvg: null,
      summary: pullSentence(result, locale),
      source: null,
      period: null,
      caption: '',
      stats: [],
      measures: null,
      warnings: [],
    };
  }
  const first = t.months[0]?.month;
  const last = t.months[t.months.length - 1]?.month;
  const source = `${cleanText(t.source, 120)} (${cleanText(t.format, 40)})`;
  const period = first && last ? tr('traffic.period', { first: formatMonth(first, locale), last: formatMonth(last, locale), n: t.months.length }) : null;
  const captionKey: MessageKey = t.metric === 'clicks' ? 'traffic.captionClicks' : t.metric === 'interest' ? 'traffic.captionInterest' : 'traffic.caption';
  return {
    present: true,
    chartSvg: sanitiseTrustedSvg(chartSvg) ?? renderTrafficFallback(t.months, { accent, locale, metric: t.metric }),
    summary: pullSentence(result, locale),
    source,
    period,
    caption: tr(captionKey, { period: period ? `, ${period}` : '', source }),
    stats: pullStats(t, locale),
    measures: measuresVM(t.months, locale),
    warnings: [...t.trend.dataWarnings.map((w) => dataWarningText(w, locale)), ...t.warnings.map((w) => cleanText(w, 400))],
  };
}

const MEASURE_KEY: Record<Measure['key'], MessageKey> = {
  visitorsPerMonth: 'traffic.mVisitors',
  pageviews: 'traffic.mPageviews',
  pagesPerVisit: 'traffic.mPagesPerVisit',
  bounceRate: 'traffic.mBounceRate',
  visitSeconds: 'traffic.mVisitTime',
  impressions: 'traffic.mImpressions',
};

/** The secondary measures as table rows: shares change in percentage points, everything else in per cent. */
function measuresVM(months: NonNullable<AuditResult['traffic']>['months'], locale: Locale): ReportViewModel['traffic']['measures'] {
  const tr = translator(locale);
  const list = secondaryMeasures(months);
  if (!list.length) return null;
  const value = (m: Measure, v: number): string =>
    m.kind === 'rate'
      ? formatPercent(v, locale)
      : m.kind === 'ratio'
        ? formatNumber(Math.round(v * 100) / 100, locale, 2)
        : m.kind === 'seconds'
          ? formatDuration(v * 1000, locale)
          : formatCount(v, locale);
  const change = (m: Measure): string => {
    if (m.earlier === null) return '—';
    if (m.kind === 'rate') {
      const pts = Math.round((m.recent - m.earlier) * 1000) / 10;
      return tr('traffic.points', { n: `${pts < 0 ? MINUS : pts > 0 ? '+' : ''}${formatNumber(Math.abs(pts), locale, 1)}` });
    }
    return m.earlier > 0 ? formatChange((m.recent / m.earlier - 1) * 100, locale) : '—';
  };
  const n = Math.max(...list.map((m) => m.months));
  return {
    heading: tr('traffic.measuresHeading', { n }),
    changeHeading: list.some((m) => m.earlier !== null) ? tr('traffic.measuresChange') : null,
    rows: list.map((m) => ({ label: tr(MEASURE_KEY[m.key]), value: value(m, m.recent), change: change(m) })),
  };
}

/**
 * Generated chart SVGs are inlined unescaped; as a last line of defence anything that is not a plain <svg>
 * element, or that carries script, event handlers, foreign content or external references, is dropped.
 */
export function sanitiseTrustedSvg(svg: string | null | undefined): string | null {
  if (!svg) return null;
  const s = svg.trim();
  if (!/^<svg[\s>]/i.test(s) || !/<\/svg>$/i.test(s)) return null;
  if (/<\s*(script|foreignObject|iframe|object|embed|image|use|style|a)\b/i.test(s)) return null;
  if (/\son[a-z]+\s*=/i.test(s) || /(?:href|src)\s*=/i.test(s) || /javascript:|url\s*\(\s*['"]?(?!#)/i.test(s)) return null;
  return s;
}

const BASIS_KEY: Partial<Record<NonNullable<AuditResult['crawl']['pages'][number]['pageTypeBasis']>, MessageKey>> = {
  posts: 'appendix.byPosts',
  listing: 'appendix.byListing',
  schema: 'appendix.bySchema',
  path: 'appendix.byPath',
  heading: 'appendix.byHeading',
};

/** "thread, from its posts · Discourse": what a fetched page was read as, and why. */
export function pageTypeText(p: AuditResult['crawl']['pages'][number], locale: Locale = 'en'): string {
  if (!p.pageType) return '';
  const tr = translator(locale);
  const basis = p.pageTypeBasis ? BASIS_KEY[p.pageTypeBasis] : undefined;
  const platform = p.platform ? ` · ${cleanText(p.platform, 40)}` : '';
  return `${tr(`pageType.${p.pageType}` as MessageKey)}${basis ? `, ${tr(basis)}` : ''}${platform}`;
}

const OUTCOME_KEY: Record<string, MessageKey> = {
  fetched: 'outcome.fetched',
  failed: 'outcome.failed',
  skipped: 'outcome.skipped',
  'robots-blocked': 'outcome.robotsBlocked',
};
const RENDER_KEY: Record<string, MessageKey> = { static: 'coverage.renderStatic', browser: 'coverage.renderBrowser', auto: 'coverage.renderAuto' };
const POLICY_KEY: Record<string, MessageKey> = {
  parsed: 'coverage.policyParsed',
  'allow-all': 'coverage.policyAllowAll',
  'disallow-all': 'coverage.policyDisallowAll',
};

/** Up to `max` recommendations from the weakest measured signals, each tied to its first evidence item. */
export function buildRecommendations(questions: readonly QuestionResult[], locale: Locale = 'en', max = 6): RecommendationVM[] {
  const tr = translator(locale);
  return weakestSignals(questions, max).map((w, i) => {
    const title = cleanText(w.signal.title, LIMITS.title);
    return {
      rank: i + 1,
      action: recommendationText(w.signal, locale, tr, title),
      why: tr('rec.why', {
        signal: title,
        score: formatScore(w.signal.score),
        weight: formatWeight(w.signal.weight, locale),
        question: `${w.question.id} ${cleanText(questionText(w.question, 'title', tr), 60)}`,
      }),
      questionId: w.question.id,
      signalId: cleanText(w.signal.id, LIMITS.label),
      evidence: w.signal.evidence[0] ? evidenceVM(w.signal.evidence[0], locale) : null,
    };
  });
}

export interface RubricTableRow {
  id: string;
  title: string;
  weight: string;
  signals: Array<{ title: string; weight: string; mapping: string; why: string }>;
}

/** The rubric actually used, as the method section prints it: weights, and each raw-value → score mapping. */
export function rubricTable(result: AuditResult, locale: Locale = 'en'): RubricTableRow[] {
  const titleOf = new Map(result.questions.flatMap((q) => q.signals.map((sig) => [sig.id, sig.title] as const)));
  return result.rubric.questions.map((rq) => {
    const q = result.questions.find((x) => x.id === rq.id);
    return {
      id: rq.id,
      title: q ? questionTitle(q, locale) : rq.id,
      weight: formatNumber(rq.weight, locale, 2),
      signals: rq.signals.map((sig) => ({
        title: cleanText(titleOf.get(sig.id) ?? sig.id, LIMITS.title),
        weight: formatNumber(sig.weight, locale, 2),
        mapping: sig.points.map(([v, sc]) => `${formatNumber(v, locale, 2)} → ${formatNumber(Math.round(sc), locale)}`).join(' · '),
        why: cleanText(sig.why ?? '', 300),
      })),
    };
  });
}

/** A JPEG or PNG by its first bytes: anything else is not put into the report. */
export function imageMime(data: Uint8Array): 'image/jpeg' | 'image/png' | null {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'image/png';
  return null;
}

/** The screenshots audit.json lists, with their images inlined; one without an image (or a bad one) is left out. */
function screenshotVMs(result: AuditResult, images: NonNullable<ReportOptions['screenshots']>, locale: Locale): ScreenshotVM[] {
  const tr = translator(locale);
  const byUrl = new Map(images.map((i) => [i.url, i.data]));
  const out: ScreenshotVM[] = [];
  for (const s of result.crawl.screenshots) {
    const data = byUrl.get(s.url);
    const mime = data ? imageMime(data) : null;
    if (!data || !mime) continue;
    const group = cleanText(s.group, LIMITS.url);
    out.push({
      anchor: `shot-${out.length + 1}`,
      group,
      link: toLink(s.url),
      src: `data:${mime};base64,${Buffer.from(data).toString('base64')}`,
      caption: tr('coverage.screenshotCaption', { group }),
    });
  }
  return out;
}

export function buildViewModel(result: AuditResult, opts: ReportOptions = {}): ReportViewModel {
  const locale = resolveLocale(opts.locale);
  const tr = translator(locale);
  const accent = validateAccent(opts.accent) ?? DEFAULT_ACCENT;
  const paper: Paper = opts.paper === 'Letter' ? 'Letter' : 'A4';
  const brand = cleanText(result.brand, LIMITS.title) || tr('doc.unnamedBrand');
  const organisation = result.report.analyst.organisation ? cleanText(result.report.analyst.organisation, LIMITS.label) : null;
  const analyst = result.report.analyst.name ? cleanText(result.report.analyst.name, LIMITS.label) : null;
  // The default title audit.json carries is English; other languages say it in their own words.
  const ownTitle = cleanText(result.report.title, LIMITS.title);
  const defaultEnglish = translator('en')('doc.titleFallback', { brand });
  const title = ownTitle && ownTitle !== defaultEnglish ? ownTitle : tr('doc.titleFallback', { brand });
  const idx = result.index;
  const label = idx.status === 'scored' ? idx.label : null;
  const questions = result.questions.map((q) => questionVM(q, locale));
  const recommendations = buildRecommendations(result.questions, locale, 6);
  const findings = topFindings(result.questions, 3).map((f, i) => ({
    rank: i + 1,
    question: cleanText(questionText(f.question, 'title', tr), 60),
    questionId: f.question.id,
    title: cleanText(f.signal.title, LIMITS.title),
    value: cleanText(f.signal.displayValue, LIMITS.title),
    score: formatScore(f.signal.score),
    leaning: f.signal.leaning,
    leaningText: f.signal.leaning ? tr(`lean.${f.signal.leaning}` as MessageKey) : null,
    sentence: findingSentence(f, locale),
    evidence: f.signal.evidence[0] ? evidenceVM(f.signal.evidence[0], locale) : null,
  }));
  const c = result.crawl;
  const reasons = (r: Record<string, number>) =>
    Object.entries(r)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([reason, count]) => ({ reason: cleanText(reason, 120), count: formatCount(count, locale) }));
  const pages = c.pages.slice(0, MAX_APPENDIX_ROWS).map((p, i) => ({
    n: i + 1,
    link: toLink(p.url),
    depth: p.depth,
    outcome: OUTCOME_KEY[p.outcome] ? tr(OUTCOME_KEY[p.outcome]!) : cleanText(p.outcome, 40),
    outcomeClass: p.outcome,
    status: p.status === undefined ? '' : String(p.status),
    type: pageTypeText(p, locale),
    note: cleanText([p.reason, p.detail, p.render === 'browser' ? tr('appendix.rendered') : ''].filter(Boolean).join(' — '), 160),
  }));
  const screenshots = screenshotVMs(result, opts.screenshots ?? [], locale);
  const shotByUrl = new Map(screenshots.map((s) => [s.link.href, s.anchor]));
  const shotFor = (e: EvidenceVM): string | null => (e.link.href ? (shotByUrl.get(e.link.href) ?? null) : null);
  for (const q of questions) for (const sig of q.signals) for (const e of sig.evidence) e.shot = shotFor(e);
  for (const r of recommendations) if (r.evidence) r.evidence.shot = shotFor(r.evidence);
  const servedFrom = result.site.servedFrom ? cleanText(result.site.servedFrom, LIMITS.url) : null;

  const labels = chartLabels(locale);
  const robotsStatus = c.robots.status === null ? tr('coverage.noResponse') : String(c.robots.status);
  const robotsPolicy = POLICY_KEY[c.robots.policy] ? tr(POLICY_KEY[c.robots.policy]!) : cleanText(c.robots.policy, 40);
  const crawlDelay = c.robots.crawlDelaySec === null ? tr('coverage.noDelay') : tr('coverage.seconds', { n: formatNumber(c.robots.crawlDelaySec, locale, 1) });
  const toc: TocEntryVM[] = [
    { anchor: 'summary', title: tr('summary.title'), level: 1, page: '' },
    { anchor: 'recommendations', title: tr('rec.title'), level: 1, page: '' },
    ...(questions[0] ? [{ anchor: questions[0].anchor, title: tr('toc.questions'), level: 1, page: '' }] : []),
    ...questions.map((q) => ({ anchor: q.anchor, title: tr('toc.question', { id: q.number, title: q.title }), level: 2, page: '' })),
    { anchor: 'pull', title: tr('traffic.title'), level: 1, page: '' },
    { anchor: 'method', title: tr('method.title'), level: 1, page: '' },
    { anchor: 'coverage', title: tr('coverage.title'), level: 1, page: '' },
    { anchor: 'appendix', title: tr('appendix.title'), level: 1, page: '' },
  ];
  const rubric = `${cleanText(result.rubric.name, 60)} ${cleanText(result.rubric.version, 20)}`;
  const tool = `${result.tool.name} ${cleanText(result.tool.version, 20)}`;

  return {
    lang: locale,
    meta: {
      author: [analyst, organisation].filter(Boolean).join(', ') || brand,
      description: tr('doc.subject', { brand, site: cleanText(result.site.url, LIMITS.url), score: formatScore(idx.score), label: indexBandText(idx, locale) }),
      keywords: [tr('doc.keywords'), brand].join(', '),
    },
    messages: { ...CATALOGUES[locale] },
    toc,
    recommendations,
    title: `${title} — ${brand}`,
    paper,
    theme: {
      accent,
      accentSoft: tint(accent, 0.82),
      accentFaint: tint(accent, 0.94),
      onAccent: readableOn(accent),
      footerLeft: organisation ?? brand,
      runningHeader: tr('doc.runningHeader'),
    },
    cover: {
      brand,
      title,
      site: toLink(result.site.url),
      servedFrom,
      date: formatDate(result.generatedAt, locale),
      analyst,
      organisation,
      preparedBy: analyst && organisation ? `${analyst}, ${organisation}` : (analyst ?? organisation),
      logo: opts.logoPath ? loadLogo(opts.logoPath) : null,
    },
    summary: {
      verdict: verdictSentence(brand, idx, locale),
      indexScore: formatScore(idx.status === 'scored' ? idx.score : null),
      indexLabel: indexBandText(idx, locale),
      indexLabelTitle: indexBandText(idx, locale, true),
      indexCoverage: formatPercent(idx.coverage, locale),
      scaleSvg: renderScaleSvg(scalePosition(idx.status === 'scored' ? idx.score : null), { accent, labels }),
      questionChartSvg: renderQuestionBars(
        result.questions.map((q) => ({
          id: q.id,
          title: cleanText(questionText(q, 'title', tr), 40),
          score: q.score,
          analystScore: q.analyst?.score ?? null,
          leaning: q.leaning,
        })),
        { accent, labels },
      ),
      findings,
      todo: recommendations.slice(0, 3),
      pull: pullSentence(result, locale),
      questions: questions.map((q) => ({ id: q.id, title: q.title, score: q.score, band: q.band, coverage: q.coverage })),
    },
    sinceLast: opts.delta ? sinceLastFor(result, opts.delta, locale) : null,
    questions,
    traffic: trafficVM(result, opts.trafficChartSvg ?? null, accent, locale),
    method: {
      bands: INDEX_BANDS_TABLE.map((b) => ({ range: `${b.min}–${b.max}`, label: bandText(b.label, locale, true), current: b.label === label })),
      rubric,
      tool,
      rubricLine: tr('method.rubric', { rubric, tool }),
      languageNote: tr('method.languageNote') || null,
      coverageRule: tr('method.coverageRule', {
        question: formatPercent(result.rubric.coverageFloor.question, locale),
        index: formatPercent(result.rubric.coverageFloor.index, locale),
      }),
      rubricTable: rubricTable(result, locale),
    },
    coverage: {
      stats: [
        { label: tr('coverage.pagesFetched'), value: formatCount(c.pagesFetched, locale) },
        { label: tr('coverage.failed'), value: formatCount(c.pagesFailed, locale) },
        { label: tr('coverage.skipped'), value: formatCount(c.pagesSkipped, locale) },
        { label: tr('coverage.robotsBlocked'), value: formatCount(c.robotsBlocked, locale) },
        { label: tr('coverage.crawlTime'), value: formatDuration(c.durationMs, locale) },
        ...(c.render !== 'static' ? [{ label: tr('coverage.pagesRendered'), value: formatCount(c.pagesRendered, locale) }] : []),
        ...(c.addressRefusals.length ? [{ label: tr('coverage.addressRefusals'), value: formatCount(c.addressRefusals.length, locale) }] : []),
        { label: tr('coverage.weightMeasured'), value: formatPercent(idx.coverage, locale) },
        {
          label: tr('coverage.community'),
          value: result.community.found
            ? tr('coverage.communityFound', {
                platform: result.community.platform ? `${cleanText(result.community.platform, 40)}; ` : '',
                posts: formatCount(result.community.memberPosts, locale),
                threads: formatCount(result.community.pageTypes.thread ?? 0, locale),
              })
            : tr('coverage.communityNone'),
        },
      ],
      failed: reasons(c.failedByReason),
      skipped: reasons(c.skippedByReason),
      groups: c.groups.map((g) => ({
        pattern: cleanText(g.pattern, LIMITS.url),
        discovered: formatCount(g.discovered, locale),
        fetched: formatCount(g.fetched, locale),
        skipped: formatCount(g.skipped, locale),
        stopped: g.stopped ? cleanText(g.stopped, 300) : null,
      })),
      groupsStopped: c.groups.some((g) => g.stopped),
      renderGroups: c.renderGroups.map((g) => ({
        group: cleanText(g.group, LIMITS.url),
        mode: tr(g.mode === 'browser' ? 'coverage.renderGroupBrowser' : 'coverage.renderGroupStatic'),
        reason: cleanText(g.reason, 300),
      })),
      screenshots,
      sitemaps: c.sitemaps.map((m) => ({ url: toLink(m.url), urls: formatCount(m.urls, locale), note: cleanText(m.note, 300) })),
      robots: {
        url: toLink(c.robots.url),
        status: robotsStatus,
        policy: robotsPolicy,
        crawlDelay,
        note: cleanText(c.robots.note, 400),
        line: tr('coverage.robotsLine', { status: robotsStatus, policy: robotsPolicy, delay: crawlDelay }),
      },
      userAgent: cleanText(c.userAgent, LIMITS.url),
      render: RENDER_KEY[c.render] ? tr(RENDER_KEY[c.render]!) : cleanText(c.render, 40),
      limits: tr('coverage.limitsValue', { pages: formatCount(c.maxPages, locale), depth: c.maxDepth }),
      stoppedEarly: c.stoppedEarly ? cleanText(c.stoppedEarly, 300) : null,
      warnings: result.warnings.map((w) => cleanText(w, 400)),
      servedFrom,
    },
    appendix: {
      pages,
      omitted: Math.max(0, c.pages.length - MAX_APPENDIX_ROWS),
      omittedText: c.pages.length > MAX_APPENDIX_ROWS ? tr('appendix.omitted', { n: formatCount(c.pages.length - MAX_APPENDIX_ROWS, locale) }) : null,
    },
  };
}
