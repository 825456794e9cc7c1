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
import { buildActionPlan, type ActionItem } from './action-plan.js';
import { say, signalString, signalTitle } from './messages.js';
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
  /** Crops of the headline findings' pages (src/report/finding-shots.ts), by `findingShotKey(signalId)`. */
  findingShots?: ReadonlyArray<{ key: string; data: Uint8Array; width: number; height: number }>;
  /** No browser was available for those crops: the headline findings say the screenshot was skipped. */
  shotSkipped?: boolean;
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
  /** Words from the site, verbatim (shown as a quotation); null when the item is the tool's own note. */
  quote: string | null;
  /** The tool's own statement about the page (styled as an observation, never in quotation marks). */
  note: string | null;
  label: string | null;
  /** "seen on 4 pages" when the same snippet was on several pages. */
  seenOn: string | null;
  /** Anchor of the screenshot of this very page in the coverage section, when one was taken. */
  shot: string | null;
  /** A crop of the page around these words, beside a headline finding (a data: URI of checked JPEG bytes). */
  crop: { src: string; alt: string; width: number; height: number } | null;
  /** A headline finding whose crop could not be made: no browser was available. */
  cropSkipped: boolean;
}

/** The key of a signal's first item of evidence, the one a headline finding shows (and its crop is made for). */
export const findingShotKey = (signalId: string): string => `${signalId}#0`;

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
  /** "12 pages read". */
  pagesText: string;
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
  /** What to do, from the signal's catalogue. */
  action: string;
  signal: string;
  /** "Q4 · Attention". */
  question: string;
  value: string;
  priority: 'high' | 'medium' | 'low';
  priorityText: string;
  effortText: string;
  /** "up to 3.2 index points". */
  pointsText: string;
  /** Why it matters to the business, or the legal risk. */
  impact: string;
  /** "Legal risk: consent" when the action answers one. */
  risk: string | null;
  /** "Seen on 12 pages" (or "12 pages or more" when the evidence was capped). */
  affectedText: string | null;
  examples: Link[];
  questionId: string;
  signalId: string;
  evidence: EvidenceVM | null;
}

export interface PlanSignalVM {
  question: string;
  title: string;
  value: string;
  score: string;
  reason: string;
  notApplicable: boolean;
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
  /** Every action, ranked (the summary shows the first three; Markdown lists them). */
  recommendations: RecommendationVM[];
  /** The action plan: actions grouped by priority; signals that already work; signals not measured, with why. */
  plan: {
    actions: RecommendationVM[];
    groups: Array<{ priority: string; title: string; full: boolean; compact: boolean; items: RecommendationVM[] }>;
    passed: PlanSignalVM[];
    notMeasured: PlanSignalVM[];
  };
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
  glossary: Array<{ id: string; title: string; weight: string; signals: Array<{ title: string; weight: string; explanation: string; direction: string }> }>;
  appendix: {
    /** URLs the crawler left out or could not fetch, grouped by address pattern and reason, with counts. */
    leftOut: Array<{ pattern: string; outcome: string; reason: string; count: string; example: Link }>;
    pages: Array<{ n: number; link: Link; depth: number; outcome: string; outcomeClass: string; status: string; type: string; note: string }>;
    omitted: number;
    omittedText: string | null;
  };
}

export const MAX_APPENDIX_ROWS = 1000;
/** Evidence items a signal card shows; the rest are counted (and kept in the audit data). */
export const MAX_EVIDENCE_PER_SIGNAL = 1;

/** Quotation marks the site's own text may already carry: the report adds its own, so they are never doubled. */
const OUTER_QUOTES = /^[\s"'“”„‚‘’«»‹›]+|[\s"'“”„‚‘’«»‹›]+$/gu;

export function quoteText(snippet: string): string {
  const text = cleanText(snippet, LIMITS.snippet);
  // Strip only a pair that wraps the whole snippet (or a lone one at either end), never quotes inside it.
  return text.replace(OUTER_QUOTES, '') || text;
}

function evidenceVM(e: Evidence, locale: Locale = 'en'): EvidenceVM {
  return {
    link: toLink(e.url),
    quote: e.snippet !== undefined ? quoteText(e.snippet) : null,
    note: e.note ? cleanText(say(e.note, locale), LIMITS.snippet) : null,
    label: e.label ? cleanText(say(e.label, locale), LIMITS.label) : null,
    seenOn: e.seenOn ? translator(locale)('evidence.seenOn', { n: formatCount(e.seenOn, locale) }) : null,
    shot: null,
    crop: null,
    cropSkipped: false,
  };
}

function signalVM(s: SignalResult, locale: Locale): SignalVM {
  const tr = translator(locale);
  const measured = s.status === 'measured' && s.score !== null;
  const more = Math.max(0, s.evidence.length - MAX_EVIDENCE_PER_SIGNAL);
  const reason = s.reason ? cleanText(say(s.reason, locale), 300) || null : null;
  const notApplicable = s.status === 'not-applicable';
  return {
    id: cleanText(s.id, LIMITS.label),
    title: signalName(s, locale),
    explanation: cleanText(signalString(s.id, 'explanation', locale), 900),
    measured,
    status: s.status,
    unscoredText: tr(notApplicable ? 'signal.notApplicable' : 'signal.notMeasured'),
    displayValue: notApplicable
      ? tr('signal.notApplicable')
      : s.status === 'not-measured'
        ? tr('signal.notMeasured')
        : cleanText(say(s.display, locale), LIMITS.title),
    score: formatScore(s.score),
    weight: formatWeight(s.weight),
    pagesObserved: formatCount(s.pagesObserved, locale),
    pagesText: tr('signal.pagesRead', { n: s.pagesObserved }),
    direction: tr(s.direction === 'conductor' ? 'signal.higherConductor' : 'signal.higherProducer'),
    leaning: s.leaning,
    reason,
    evidence: s.evidence.slice(0, MAX_EVIDENCE_PER_SIGNAL).map((e) => evidenceVM(e, locale)),
    moreEvidence: more,
    reasonText: reason ? tr(notApplicable ? 'signal.notApplicableReason' : 'signal.notMeasuredReason', { reason: lowerFirst(reason, locale) }) : null,
    moreEvidenceText: more ? tr(more === 1 ? 'signal.moreEvidenceOne' : 'signal.moreEvidenceMany', { n: more }) : null,
  };
}

export function formatWeight(w: number, locale: Locale = 'en'): string {
  return formatNumber(Math.round(w * 100) / 100, locale, 2);
}

/** A question's wording in the report's language, from the catalogue (audit.json carries only its id). */
function questionText(q: Pick<QuestionResult, 'id'>, field: 'title' | 'question', tr: Translate): string {
  return QUESTIONS[q.id] ? tr(`q.${q.id}.${field}` as MessageKey) : q.id;
}

/** A question's title in the report's language. */
export function questionTitle(q: Pick<QuestionResult, 'id'>, locale: Locale = 'en'): string {
  return questionText(q, 'title', translator(locale));
}

/** "Not measured: {reason}": a reason that is a sentence of its own reads on after the colon in lower case (not in German, whose nouns keep capitals). */
function lowerFirst(s: string, locale: Locale): string {
  if (locale === 'de' || !/^[A-Z][a-z]/.test(s)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The question's finding in a sentence or two, from its band and the signals that pull hardest each way. */
export function questionSummary(q: QuestionResult, locale: Locale = 'en'): string {
  const tr = translator(locale);
  const coverage = formatPercent(q.coverage, locale);
  if (q.status === 'not-applicable') return tr('question.summaryNotApplicable');
  if (q.score === null) return tr('question.summaryNone');
  const head =
    q.status === 'insufficient-evidence'
      ? tr('question.summaryInsufficient', { score: formatScore(q.score), coverage })
      : tr(q.coverage < 1 ? 'question.summary' : 'question.summaryFull', {
          band: capitalise(questionBandText(q, locale)),
          score: formatScore(q.score),
          coverage,
        });
  const byId = new Map(q.signals.map((sig) => [sig.id, sig]));
  const phrase = (id: string): string | null => {
    const sig = byId.get(id);
    if (!sig) return null;
    const title = signalTitle(id, locale);
    const value = say(sig.display, locale);
    return title ? (value ? tr('question.pullItem', { title: locale === 'de' ? title : title.toLowerCase(), value }) : title) : null;
  };
  const list = (ids: string[]) => ids.map(phrase).filter((x): x is string => Boolean(x));
  const toProducer = list(q.pulls.producer);
  const toConductor = list(q.pulls.conductor);
  const parts = [head];
  if (toProducer.length) parts.push(tr('question.pullsProducer', { list: toProducer.join('; ') }));
  if (toConductor.length) parts.push(tr('question.pullsConductor', { list: toConductor.join('; ') }));
  return parts.join(' ');
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
  const summary = cleanText(questionSummary(q, locale), 900);
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

/** One sentence explaining why a finding matters, e.g. "18% of 22 threads answered. It pulls Participation towards the producer end." */
export function findingSentence(f: FindingInput, locale: Locale = 'en'): string {
  const tr = translator(locale);
  const side = f.signal.leaning;
  const verb = tr(side === 'neutral' ? 'finding.holds' : 'finding.pulls');
  const end = tr(side === 'producer' ? 'finding.towardsProducer' : side === 'conductor' ? 'finding.towardsConductor' : 'finding.nearMiddle');
  const value = capitalise(cleanText(say(f.signal.display, locale), LIMITS.title));
  const question = cleanText(questionText(f.question, 'title', tr), 60);
  return tr('finding.sentence', { value, verb, question, end });
}

/** The "Since the last audit" box, with the question and signal titles of this audit in the reader's language. */
export function sinceLastFor(result: AuditResult, delta: RunDelta, locale: Locale = 'en'): SinceLastVM {
  const byId = new Map(result.questions.map((q) => [q.id as string, q]));
  return sinceLastVM(delta, {
    locale,
    questionTitle: (id) => {
      const q = byId.get(id);
      return q ? questionTitle(q, locale) : id;
    },
    signalTitle: (id) => signalTitle(id, locale),
    formatDate: (iso) => formatDate(iso, locale),
  });
}

/** The pull paragraph for the executive summary and Markdown, worded from the traffic result's typed fields. */
export function pullSentence(result: AuditResult, locale: Locale = 'en', brief = false): string {
  if (!result.traffic) return translator(locale)('traffic.none');
  return pullParagraph(result.traffic, locale, brief);
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
  const source = trafficSourceName(t.format, locale);
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

/** The product an export came from, by the importer that read it ("Google Analytics 4"); never the file's name. */
export function trafficSourceName(format: string, locale: Locale = 'en'): string {
  const tr = translator(locale);
  const product: Record<string, string> = {
    ga4: 'Google Analytics 4',
    ua: 'Universal Analytics',
    plausible: 'Plausible Analytics',
    gsc: 'Google Search Console',
    matomo: 'Matomo',
    similarweb: 'Similarweb',
    'google-trends': 'Google Trends',
  };
  const name = product[format.replace(/-(?:imported-)?(?:csv|json|zip)$/, '').replace(/-imported$/, '')];
  return name ? tr('traffic.sourceExport', { product: name }) : tr('traffic.sourceOwn');
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

/** A link to a page of the audited site shown by its path (the site is named on the cover); other sites in full. */
function onSiteLink(url: string, siteUrl: string): Link {
  const link = toLink(url);
  try {
    const u = new URL(url);
    if (u.host === new URL(siteUrl).host) return { ...link, text: cleanText(`${u.pathname}${u.search}`, LIMITS.url) || '/' };
  } catch {
    // not a URL: shown as it is
  }
  return link;
}

/** A skip or failure reason code in words ("a link that changes something: not followed"); unknown codes as a generic phrase. */
export function reasonText(code: string, locale: Locale = 'en'): string {
  const tr = translator(locale);
  const key = `reason.${code}` as MessageKey;
  return key in CATALOGUES.en ? tr(key) : tr('reason.other');
}

/** The URL's pattern for grouping: its path with the last segment (and any digits) generalised. */
function leftOutPattern(url: string, siteHost: string): string {
  try {
    const u = new URL(url);
    const host = u.host === siteHost ? '' : u.host;
    const parts = u.pathname.split('/');
    if (parts.length > 2 || (parts[1] ?? '') !== '') parts[parts.length - 1] = parts[parts.length - 1] ? '*' : '';
    return `${host}${parts.join('/').replace(/\d+/g, '*')}${u.search ? '?…' : ''}`;
  } catch {
    return cleanText(url, 60);
  }
}

/** Pages not fetched, by outcome, reason and address pattern, most frequent first, each with one example. */
export function leftOutGroups(pages: AuditResult['crawl']['pages'], siteUrl: string, locale: Locale = 'en'): ReportViewModel['appendix']['leftOut'] {
  const tr = translator(locale);
  let siteHost = '';
  try {
    siteHost = new URL(siteUrl).host;
  } catch {
    // an unparsable site URL: patterns keep their hosts
  }
  const groups = new Map<string, { pattern: string; outcome: string; reason: string; count: number; example: string }>();
  for (const p of pages) {
    if (p.outcome === 'fetched') continue;
    const reason =
      p.outcome === 'robots-blocked' ? 'robots' : p.outcome === 'failed' && p.status ? `http-${p.status >= 500 ? '5xx' : p.status}` : (p.reason ?? 'other');
    const pattern = leftOutPattern(p.url, siteHost);
    const key = `${p.outcome}\u0000${reason}\u0000${pattern}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { pattern, outcome: p.outcome, reason, count: 1, example: p.url });
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || a.pattern.localeCompare(b.pattern))
    .map((g) => ({
      pattern: cleanText(g.pattern, LIMITS.url),
      outcome: OUTCOME_KEY[g.outcome] ? tr(OUTCOME_KEY[g.outcome]!) : tr('outcome.skipped'),
      reason: g.reason.startsWith('http-') ? tr('reason.httpStatus', { status: g.reason.slice(5) }) : reasonText(g.reason, locale),
      count: formatCount(g.count, locale),
      example: toLink(g.example),
    }));
}

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

const PRIORITY_KEY = { high: 'rec.priorityHigh', medium: 'rec.priorityMedium', low: 'rec.priorityLow' } as const satisfies Record<string, MessageKey>;
const EFFORT_KEY = { low: 'rec.effortLow', medium: 'rec.effortMedium', high: 'rec.effortHigh' } as const satisfies Record<string, MessageKey>;
const RISK_KEY = { consent: 'rec.riskConsent', 'data-protection': 'rec.riskDataProtection', accessibility: 'rec.riskAccessibility' } as const satisfies Record<
  string,
  MessageKey
>;

/** Index points in words: one decimal, "under 0.5" below that (a plan should not promise tenths of nothing). */
function pointsText(points: number, locale: Locale): string {
  const tr = translator(locale);
  return points < 0.5 ? tr('rec.pointsSmall') : tr('rec.points', { points: formatNumber(Math.round(points * 10) / 10, locale, 1) });
}

/** A signal's title, or — for a signal a saved audit from another version carries and this one does not describe — a neutral name. */
function signalName(s: Pick<SignalResult, 'id' | 'question'>, locale: Locale): string {
  const title = cleanText(signalTitle(s.id, locale), LIMITS.title);
  return title || translator(locale)('signal.unknownTitle', { question: questionTitle({ id: s.question }, locale) });
}

function actionVM(a: ActionItem, rank: number, locale: Locale, siteUrl: string): RecommendationVM {
  const tr = translator(locale);
  const title = signalName(a.signal, locale);
  const evidence = a.signal.evidence.find((e) => e.points === 'producer') ?? a.signal.evidence[0];
  return {
    rank,
    action: cleanText(signalString(a.signal.id, 'recommendation', locale), 400) || tr('rec.generic', { signal: title }),
    signal: title,
    question: `${a.question.id} · ${cleanText(questionText(a.question, 'title', translator(locale)), 60)}`,
    value: cleanText(say(a.signal.display, locale), LIMITS.title),
    priority: a.priority,
    priorityText: tr(PRIORITY_KEY[a.priority]),
    effortText: tr(EFFORT_KEY[a.effort]),
    pointsText: pointsText(a.points, locale),
    impact: cleanText(signalString(a.signal.id, 'impact', locale), 400) || tr('rec.impactUnknown'),
    risk: a.risk ? tr(RISK_KEY[a.risk]) : null,
    affectedText: a.affected > 0 ? tr(a.affectedAtLeast ? 'rec.affectedAtLeast' : 'rec.affected', { n: a.affected }) : null,
    // Pages beyond the one the evidence item shows, by path: "seen on 6 pages, e.g. /forum/a, /reviews/b".
    examples: a.examples
      .filter((u) => u !== evidence?.url)
      .slice(0, 2)
      .map((u) => onSiteLink(u, siteUrl)),
    questionId: a.question.id,
    signalId: cleanText(a.signal.id, LIMITS.label),
    evidence: evidence ? evidenceVM(evidence, locale) : null,
  };
}

/** The action plan in the reader's words: actions grouped by priority, then what already works and what was not measured. */
export function buildPlan(result: AuditResult, locale: Locale = 'en'): ReportViewModel['plan'] {
  const tr = translator(locale);
  const plan = buildActionPlan(result);
  const actions = plan.actions.map((a, i) => actionVM(a, i + 1, locale, result.site.url));
  const groups = (['high', 'medium', 'low'] as const)
    // High priority: the full card with its evidence; next: the card without; the rest: one line each.
    .map((priority) => ({
      priority,
      title: tr(PRIORITY_KEY[priority]),
      full: priority === 'high',
      compact: priority !== 'high',
      items: actions.filter((a) => a.priority === priority),
    }))
    .filter((g) => g.items.length > 0);
  const brief = (x: { question: QuestionResult; signal: SignalResult }) => ({
    question: x.question.id,
    title: cleanText(signalTitle(x.signal.id, locale), LIMITS.title),
    value: cleanText(say(x.signal.display, locale), LIMITS.title),
    score: formatScore(x.signal.score),
    reason: x.signal.reason ? cleanText(say(x.signal.reason, locale), 300) : x.signal.status === 'not-applicable' ? tr('signal.notApplicable') : '',
    notApplicable: x.signal.status === 'not-applicable',
  });
  return { actions, groups, passed: plan.passed.map(brief), notMeasured: plan.notMeasured.map(brief) };
}

export interface RubricTableRow {
  id: string;
  title: string;
  weight: string;
  signals: Array<{ title: string; weight: string }>;
}

/** The rubric's questions and signals with their weights, each signal still joined to its id (the glossary reads its catalogue by it). */
function rubricRows(
  result: AuditResult,
  locale: Locale,
): Array<Omit<RubricTableRow, 'signals'> & { signals: Array<{ id: string; title: string; weight: string }> }> {
  return result.rubric.questions.map((rq) => ({
    id: rq.id,
    title: questionTitle({ id: rq.id }, locale),
    weight: formatNumber(rq.weight, locale, 2),
    signals: rq.signals
      .filter((sig) => signalTitle(sig.id, locale))
      .map((sig) => ({ id: sig.id, title: cleanText(signalTitle(sig.id, locale), LIMITS.title), weight: formatNumber(sig.weight, locale, 2) })),
  }));
}

/**
 * The rubric actually used, as the method appendix prints it: the weight of each question and signal. The mapping
 * from raw values to scores stays in the rubric data: it is not client reading.
 */
export function rubricTable(result: AuditResult, locale: Locale = 'en'): RubricTableRow[] {
  return rubricRows(result, locale).map((row) => ({ ...row, signals: row.signals.map(({ id: _id, ...sig }) => sig) }));
}

/** The signals by question, each with its weight and what it measures: the glossary appendix. */
export function glossaryVM(result: AuditResult, locale: Locale = 'en'): ReportViewModel['glossary'] {
  const tr = translator(locale);
  const direction = new Map(result.questions.flatMap((q) => q.signals.map((sig) => [sig.id, sig.direction] as const)));
  return rubricRows(result, locale).map((row) => ({
    ...row,
    signals: row.signals.map(({ id, ...sig }) => ({
      ...sig,
      explanation: cleanText(signalString(id, 'explanation', locale), 900),
      direction: capitalise(tr(direction.get(id) === 'producer' ? 'signal.higherProducer' : 'signal.higherConductor')),
    })),
  }));
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

/** The report's title: the audit file's own, or the default one in the reader's language. */
export function reportTitle(result: Pick<AuditResult, 'brand' | 'report'>, locale: Locale = 'en'): string {
  const brand = cleanText(result.brand, LIMITS.title) || translator(locale)('doc.unnamedBrand');
  const own = result.report.title ? cleanText(result.report.title, LIMITS.title) : '';
  return own || translator(locale)('doc.titleFallback', { brand });
}

export function buildViewModel(result: AuditResult, opts: ReportOptions = {}): ReportViewModel {
  const locale = resolveLocale(opts.locale);
  const tr = translator(locale);
  const accent = validateAccent(opts.accent) ?? DEFAULT_ACCENT;
  const paper: Paper = opts.paper === 'Letter' ? 'Letter' : 'A4';
  const brand = cleanText(result.brand, LIMITS.title) || tr('doc.unnamedBrand');
  const organisation = result.report.analyst.organisation ? cleanText(result.report.analyst.organisation, LIMITS.label) : null;
  const analyst = result.report.analyst.name ? cleanText(result.report.analyst.name, LIMITS.label) : null;
  const title = reportTitle(result, locale);
  const idx = result.index;
  const label = idx.status === 'scored' ? idx.label : null;
  const questions = result.questions.map((q) => questionVM(q, locale));
  const plan = buildPlan(result, locale);
  const recommendations = plan.actions;
  const findings = topFindings(result.questions, 3).map((f, i) => ({
    rank: i + 1,
    question: cleanText(questionText(f.question, 'title', tr), 60),
    questionId: f.question.id,
    title: cleanText(signalTitle(f.signal.id, locale), LIMITS.title),
    value: cleanText(say(f.signal.display, locale), LIMITS.title),
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
      .map(([reason, count]) => ({ reason: reasonText(reason, locale), count: formatCount(count, locale) }));
  // Fetched pages one by one; everything left out or failed, grouped by address pattern and reason (a crawl
  // meets many more links than it reads, and a row per skipped cart link is not reading).
  const fetched = c.pages.filter((p) => p.outcome === 'fetched');
  const pages = fetched.slice(0, MAX_APPENDIX_ROWS).map((p, i) => ({
    n: i + 1,
    link: onSiteLink(p.url, result.site.url),
    depth: p.depth,
    outcome: tr('outcome.fetched'),
    outcomeClass: p.outcome,
    status: p.status === undefined ? '' : String(p.status),
    type: pageTypeText(p, locale),
    note: p.render === 'browser' ? tr('appendix.rendered') : '',
  }));
  const leftOut = leftOutGroups(c.pages, result.site.url, locale);
  const screenshots = screenshotVMs(result, opts.screenshots ?? [], locale);
  const shotByUrl = new Map(screenshots.map((s) => [s.link.href, s.anchor]));
  const shotFor = (e: EvidenceVM): string | null => (e.link.href ? (shotByUrl.get(e.link.href) ?? null) : null);
  for (const q of questions) for (const sig of q.signals) for (const e of sig.evidence) e.shot = shotFor(e);
  for (const r of recommendations) if (r.evidence) r.evidence.shot = shotFor(r.evidence);
  // Crops beside the headline findings: the summary's three and each question's first measured card with evidence.
  const crops = new Map((opts.findingShots ?? []).map((c) => [c.key, c]));
  const placeCrop = (signalId: string, e: EvidenceVM | null | undefined) => {
    if (!e) return;
    const c = crops.get(findingShotKey(signalId));
    if (c && imageMime(c.data) === 'image/jpeg')
      e.crop = { src: `data:image/jpeg;base64,${Buffer.from(c.data).toString('base64')}`, alt: tr('evidence.cropAlt'), width: c.width, height: c.height };
    else e.cropSkipped = Boolean(opts.shotSkipped);
  };
  topFindings(result.questions, 3).forEach((f, i) => placeCrop(f.signal.id, findings[i]?.evidence));
  result.questions.forEach((q, qi) => {
    const si = q.signals.findIndex((sig) => sig.status === 'measured' && sig.evidence.length > 0);
    if (si >= 0) placeCrop(q.signals[si]!.id, questions[qi]?.signals[si]?.evidence[0]);
  });
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
    { anchor: 'glossary', title: tr('glossary.title'), level: 1, page: '' },
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
    plan,
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
      pull: pullSentence(result, locale, true),
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
    glossary: glossaryVM(result, locale),
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
        ...(result.community.found
          ? [
              { label: tr('coverage.memberPosts'), value: formatCount(result.community.memberPosts, locale) },
              { label: tr('coverage.threadPages'), value: formatCount(result.community.pageTypes.thread ?? 0, locale) },
              ...(result.community.platform ? [{ label: tr('coverage.platform'), value: cleanText(result.community.platform, 40) }] : []),
            ]
          : [{ label: tr('coverage.community'), value: tr('coverage.communityNone') }]),
      ],
      failed: reasons(c.failedByReason),
      skipped: reasons(c.skippedByReason),
      // Only the groups the page budget or a stop cut: the rest were read in full, which the totals already say.
      groups: c.groups
        .filter((g) => g.skipped > 0 || g.stopped)
        .map((g) => ({
          pattern: cleanText(g.pattern, LIMITS.url),
          discovered: formatCount(g.discovered, locale),
          fetched: formatCount(g.fetched, locale),
          skipped: formatCount(g.skipped, locale),
          stopped: g.stopped ? tr('coverage.groupStoppedWhy') : null,
        })),
      groupsStopped: c.groups.some((g) => g.stopped),
      renderGroups: c.renderGroups.map((g) => ({
        group: cleanText(g.group, LIMITS.url),
        mode: tr(g.mode === 'browser' ? 'coverage.renderGroupBrowser' : 'coverage.renderGroupStatic'),
        reason: '',
      })),
      screenshots,
      sitemaps: c.sitemaps.map((m) => ({
        url: toLink(m.url),
        urls: formatCount(m.urls, locale),
        note: m.status === 404 ? tr('coverage.sitemapNotFound') : m.status === null || m.status >= 400 ? tr('coverage.sitemapUnread') : '',
      })),
      robots: {
        url: toLink(c.robots.url),
        status: robotsStatus,
        policy: robotsPolicy,
        crawlDelay,
        note: '',
        line: tr('coverage.robotsLine', { status: robotsStatus, policy: robotsPolicy, delay: crawlDelay }),
      },
      userAgent: cleanText(c.userAgent, LIMITS.url),
      render: RENDER_KEY[c.render] ? tr(RENDER_KEY[c.render]!) : cleanText(c.render, 40),
      limits: tr('coverage.limitsValue', { pages: formatCount(c.maxPages, locale), depth: c.maxDepth }),
      stoppedEarly: c.stoppedEarly ? tr(c.stoppedEarly === 'interrupted' ? 'coverage.stoppedInterrupted' : 'coverage.stoppedBudget') : null,
      // The audit's warnings are the consultant's (printed by `run`); the report says what they mean for coverage.
      warnings: [],
      servedFrom,
    },
    appendix: {
      pages,
      leftOut,
      omitted: Math.max(0, fetched.length - MAX_APPENDIX_ROWS),
      omittedText: fetched.length > MAX_APPENDIX_ROWS ? tr('appendix.omitted', { n: formatCount(fetched.length - MAX_APPENDIX_ROWS, locale) }) : null,
    },
  };
}
