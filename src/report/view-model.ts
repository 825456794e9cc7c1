// AuditResult → the plain object the templates render. Every decision about wording and formatting is made here,
// in small pure functions; the templates only place values.
import type { AuditResult, IndexLabel, QuestionResult, SignalResult } from '../result/types.js';
import { QUESTIONS } from '../score/questions.js';
import { renderQuestionBars, renderScaleSvg, renderTrafficFallback } from './charts.js';
import { cleanText, LIMITS, toLink, type Link } from './text.js';
import { DEFAULT_ACCENT, loadLogo, readableOn, tint, validateAccent } from './theme.js';

export type Paper = 'A4' | 'Letter';

export interface ReportOptions {
  /** Accent colour `#rgb` / `#rrggbb`; anything else falls back to the default. */
  accent?: string | null;
  /** Path to an svg/png/jpg logo, inlined as a data: URI. */
  logoPath?: string | null;
  paper?: Paper;
  /** Traffic chart SVG from src/traffic/chart.ts (trusted, generated in Node). */
  trafficChartSvg?: string | null;
  /** Folder whose partials override the built-in ones. */
  templatesDir?: string | null;
}

export const INDEX_BANDS_TABLE: ReadonlyArray<{ min: number; max: number; label: IndexLabel }> = [
  { min: 0, max: 19, label: 'producer' },
  { min: 20, max: 39, label: 'leaning producer' },
  { min: 40, max: 59, label: 'balanced' },
  { min: 60, max: 79, label: 'leaning conductor' },
  { min: 80, max: 100, label: 'conductor' },
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MINUS = '\u2212';

// ---------- formatting ----------

/** 0.734 → "73%"; null → "—". */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

/** Signed percent change: −16.4 → "−16%", 3.2 → "+3.2%" (one decimal below 10). */
export function formatChange(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—';
  const abs = Math.abs(pct);
  const num = abs < 10 ? (Math.round(abs * 10) / 10).toString() : Math.round(abs).toString();
  if (num === '0') return '0%';
  return `${pct < 0 ? MINUS : '+'}${num}%`;
}

/** Score 0–100 → "27"; null → "—". */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return String(Math.round(score));
}

/** Integer with thin thousands separators: 1234567 → "1,234,567". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** ISO date-time → "20 November 2026" (UTC, locale-independent so output is deterministic). */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return cleanText(iso, 40);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "2024-12" → "Dec 2024". */
export function formatMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return cleanText(ym, 20);
  return `${MONTHS[Number(m[2]) - 1]?.slice(0, 3) ?? m[2]} ${m[1]}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The index label for a 0–100 score (bands 0–19, 20–39, 40–59, 60–79, 80–100; a score below a band's lower
 * bound stays in the band beneath, as in src/score, so 39.6 is "leaning producer"). */
export function indexLabel(score: number | null): IndexLabel | null {
  if (score === null || !Number.isFinite(score)) return null;
  const s = score;
  for (let i = INDEX_BANDS_TABLE.length - 1; i >= 0; i--) if (s >= INDEX_BANDS_TABLE[i]!.min) return INDEX_BANDS_TABLE[i]!.label;
  return 'producer';
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Position of a score on the producer (0%) ↔ conductor (100%) scale, clamped. */
export function scalePosition(score: number | null): number | null {
  if (score === null || !Number.isFinite(score)) return null;
  return Math.min(100, Math.max(0, Math.round(score * 10) / 10));
}

/** The verdict in words, hedged by coverage. */
export function verdictSentence(brand: string, score: number | null, coverage: number): string {
  const label = indexLabel(score);
  if (label === null) {
    return `Not enough evidence was gathered to place ${brand} on the producer–conductor scale. See “Coverage and limits” for what the crawl could and could not see.`;
  }
  const core: Record<IndexLabel, string> = {
    producer: `${brand} behaves as a social producer: its community is run to create content, data and attention for the brand, and little comes back to the people who take part.`,
    'leaning producer': `${brand} leans towards the producer end: its community mainly serves the brand’s own aims — content, data and attention — though a few features let people pursue theirs.`,
    balanced: `${brand} sits between the two ends: some parts of the site let people pursue their own aims, others are built to serve the brand first.`,
    'leaning conductor': `${brand} leans towards the conductor end: people can mostly use the site to reach their own aims, with some features still built around the brand’s needs.`,
    conductor: `${brand} behaves as a social conductor: people can use the site to reach their own wants, needs and aims, whether or not those are the brand’s.`,
  };
  const thin = coverage < 0.7 ? ` The evidence is thin — only ${formatPercent(coverage)} of the question weight could be measured — so read this as provisional.` : '';
  return core[label] + thin;
}

// ---------- findings ----------

export interface FindingInput {
  question: QuestionResult;
  signal: SignalResult;
}

/** How telling a measured signal is: its weight × its distance from the midpoint 50. */
export function findingStrength(signal: SignalResult): number {
  if (signal.status !== 'measured' || signal.score === null) return 0;
  return signal.weight * Math.abs(signal.score - 50);
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

/** "points to the producer end" etc., from a signal score. */
export function leaning(score: number | null): 'producer' | 'conductor' | 'neutral' | null {
  if (score === null) return null;
  if (score < 45) return 'producer';
  if (score > 55) return 'conductor';
  return 'neutral';
}

// ---------- the view model ----------

export interface EvidenceVM {
  link: Link;
  snippet: string;
  label: string | null;
}

export interface SignalVM {
  id: string;
  title: string;
  explanation: string;
  measured: boolean;
  displayValue: string;
  score: string;
  weight: string;
  pagesObserved: string;
  direction: string;
  leaning: string | null;
  reason: string | null;
  evidence: EvidenceVM[];
  moreEvidence: number;
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
}

export interface ReportViewModel {
  lang: 'en';
  title: string;
  paper: Paper;
  theme: { accent: string; accentSoft: string; accentFaint: string; onAccent: string; footerLeft: string };
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
    findings: Array<{ rank: number; question: string; questionId: string; title: string; value: string; score: string; leaning: string | null; sentence: string; evidence: EvidenceVM | null }>;
    pull: string;
    questions: Array<{ id: string; title: string; score: string; band: string; coverage: string }>;
  };
  questions: QuestionVM[];
  traffic: {
    present: boolean;
    chartSvg: string | null;
    summary: string;
    source: string | null;
    period: string | null;
    stats: Array<{ label: string; value: string }>;
    warnings: string[];
  };
  method: {
    bands: Array<{ range: string; label: string; current: boolean }>;
    rubric: string;
    tool: string;
  };
  coverage: {
    stats: Array<{ label: string; value: string }>;
    failed: Array<{ reason: string; count: string }>;
    skipped: Array<{ reason: string; count: string }>;
    robots: { url: Link; status: string; policy: string; crawlDelay: string; note: string };
    userAgent: string;
    render: string;
    limits: string;
    stoppedEarly: string | null;
    warnings: string[];
    servedFrom: string | null;
  };
  appendix: {
    pages: Array<{ n: number; link: Link; depth: number; outcome: string; outcomeClass: string; status: string; note: string }>;
    omitted: number;
  };
}

export const MAX_APPENDIX_ROWS = 1000;
export const MAX_EVIDENCE_PER_SIGNAL = 3;

function evidenceVM(e: { url: string; snippet: string; label?: string | undefined }): EvidenceVM {
  return { link: toLink(e.url), snippet: cleanText(e.snippet, LIMITS.snippet), label: e.label ? cleanText(e.label, LIMITS.label) : null };
}

function signalVM(s: SignalResult): SignalVM {
  const measured = s.status === 'measured' && s.score !== null;
  return {
    id: cleanText(s.id, LIMITS.label),
    title: cleanText(s.title, LIMITS.title),
    explanation: cleanText(s.explanation, 600),
    measured,
    displayValue: cleanText(s.displayValue, LIMITS.title),
    score: formatScore(s.score),
    weight: formatWeight(s.weight),
    pagesObserved: formatCount(s.pagesObserved),
    direction: s.direction === 'conductor' ? 'higher values point to the conductor end' : 'higher values point to the producer end',
    leaning: leaning(s.score),
    reason: s.reason ? cleanText(s.reason, 300) : null,
    evidence: s.evidence.slice(0, MAX_EVIDENCE_PER_SIGNAL).map(evidenceVM),
    moreEvidence: Math.max(0, s.evidence.length - MAX_EVIDENCE_PER_SIGNAL),
  };
}

export function formatWeight(w: number): string {
  return Number.isInteger(w) ? String(w) : (Math.round(w * 100) / 100).toString();
}

function questionVM(q: QuestionResult): QuestionVM {
  const def = QUESTIONS[q.id];
  const a = q.analyst;
  const hasAnalyst = a && (a.note || a.score !== undefined || a.rationale);
  let differs: string | null = null;
  if (a?.score !== undefined && q.score !== null) {
    const d = Math.round(a.score) - Math.round(q.score);
    differs = d === 0 ? 'Agrees with the machine score' : `${d > 0 ? '+' : MINUS}${Math.abs(d)} points vs the machine score`;
  }
  return {
    id: q.id,
    anchor: `q-${q.id.toLowerCase()}`,
    number: q.id.slice(1),
    title: cleanText(q.title, LIMITS.title),
    question: cleanText(q.question, 400),
    producerEnd: def ? capitalise(def.producerEnd) : '',
    conductorEnd: def ? capitalise(def.conductorEnd) : '',
    score: formatScore(q.score),
    scorePosition: scalePosition(q.score),
    band: q.score === null ? 'not scored' : (indexLabel(q.score) ?? 'not scored'),
    coverage: formatPercent(q.coverage),
    coverageThin: q.coverage < 0.7,
    summary: cleanText(q.summary, 600),
    analyst: hasAnalyst
      ? {
          note: a.note ? cleanText(a.note, LIMITS.text) : null,
          score: a.score !== undefined ? formatScore(a.score) : null,
          rationale: a.rationale ? cleanText(a.rationale, LIMITS.text) : null,
          differs,
        }
      : null,
    signals: q.signals.map(signalVM),
  };
}

/** One sentence explaining why a finding matters, e.g. "Measured: 18% of 22 thread pages. Scored 18/100 at weight 3, it pulls Participation towards the producer end." */
export function findingSentence(f: FindingInput): string {
  const side = leaning(f.signal.score);
  const towards = side === 'producer' ? 'pulls' : side === 'conductor' ? 'pulls' : 'holds';
  const end = side === 'producer' ? 'towards the producer end' : side === 'conductor' ? 'towards the conductor end' : 'near the middle';
  const value = capitalise(cleanText(f.signal.displayValue, LIMITS.title));
  return `Measured: ${value}. Scored ${formatScore(f.signal.score)}/100 at weight ${formatWeight(f.signal.weight)}, it ${towards} ${cleanText(f.question.title, 60)} ${end}.`;
}

/** The pull sentence for the executive summary and Markdown. */
export function pullSentence(result: AuditResult): string {
  if (!result.traffic) return 'No traffic data was supplied, so pull — whether the brand’s activity draws more people to its site — is not assessed in this report.';
  return cleanText(result.traffic.trend.summary, 600);
}

function monthName(n: number | null): string {
  return n === null ? '—' : (MONTHS[n - 1] ?? '—');
}

function trafficVM(result: AuditResult, chartSvg: string | null, accent: string): ReportViewModel['traffic'] {
  const t = result.traffic;
  if (!t) {
    return { present: false, chartSvg: null, summary: pullSentence(result), source: null, period: null, stats: [], warnings: [] };
  }
  const first = t.months[0]?.month;
  const last = t.months[t.months.length - 1]?.month;
  const tr = t.trend;
  const stats = [
    { label: 'Direction', value: capitalise(tr.direction.replace('-', ' ')) },
    { label: 'First to last full month', value: formatChange(tr.changePct) },
    { label: 'Last 12 months vs previous 12', value: formatChange(tr.yoyPct) },
    { label: 'Trend per month', value: tr.slopePctPerMonth === null ? '—' : formatChange(tr.slopePctPerMonth) },
    { label: 'Statistically significant', value: tr.pValue === null ? '—' : `${tr.significant ? 'Yes' : 'No'} (p = ${tr.pValue < 0.001 ? '< 0.001' : tr.pValue.toFixed(3)})` },
    { label: 'Peak month', value: monthName(tr.peakMonth) },
    { label: 'December vs trend', value: formatChange(tr.decemberAboveTrendPct) + (tr.holidaySurge ? ' (holiday surge)' : '') },
  ];
  return {
    present: true,
    chartSvg: sanitiseTrustedSvg(chartSvg) ?? renderTrafficFallback(t.months, { accent }),
    summary: cleanText(tr.summary, 600),
    source: `${cleanText(t.source, 120)} (${cleanText(t.format, 40)})`,
    period: first && last ? `${formatMonth(first)} – ${formatMonth(last)} (${t.months.length} months)` : null,
    stats,
    warnings: t.warnings.map((w) => cleanText(w, 400)),
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

const OUTCOME_TEXT: Record<string, string> = { fetched: 'fetched', failed: 'failed', skipped: 'skipped', 'robots-blocked': 'blocked by robots.txt' };

export function buildViewModel(result: AuditResult, opts: ReportOptions = {}): ReportViewModel {
  const accent = validateAccent(opts.accent) ?? DEFAULT_ACCENT;
  const paper: Paper = opts.paper === 'Letter' ? 'Letter' : 'A4';
  const brand = cleanText(result.brand, LIMITS.title) || 'Unnamed brand';
  const organisation = result.report.analyst.organisation ? cleanText(result.report.analyst.organisation, LIMITS.label) : null;
  const analyst = result.report.analyst.name ? cleanText(result.report.analyst.name, LIMITS.label) : null;
  const title = cleanText(result.report.title, LIMITS.title) || `${brand}: social producer or social conductor?`;
  const idx = result.index;
  const label = idx.score === null ? null : (idx.label ?? indexLabel(idx.score));
  const questions = result.questions.map(questionVM);
  const findings = topFindings(result.questions, 3).map((f, i) => ({
    rank: i + 1,
    question: cleanText(f.question.title, 60),
    questionId: f.question.id,
    title: cleanText(f.signal.title, LIMITS.title),
    value: cleanText(f.signal.displayValue, LIMITS.title),
    score: formatScore(f.signal.score),
    leaning: leaning(f.signal.score),
    sentence: findingSentence(f),
    evidence: f.signal.evidence[0] ? evidenceVM(f.signal.evidence[0]) : null,
  }));
  const c = result.crawl;
  const reasons = (r: Record<string, number>) =>
    Object.entries(r)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([reason, count]) => ({ reason: cleanText(reason, 120), count: formatCount(count) }));
  const pages = c.pages.slice(0, MAX_APPENDIX_ROWS).map((p, i) => ({
    n: i + 1,
    link: toLink(p.url),
    depth: p.depth,
    outcome: OUTCOME_TEXT[p.outcome] ?? p.outcome,
    outcomeClass: p.outcome,
    status: p.status === undefined ? '' : String(p.status),
    note: cleanText([p.reason, p.detail].filter(Boolean).join(' — '), 160),
  }));
  const servedFrom = result.site.servedFrom ? cleanText(result.site.servedFrom, LIMITS.url) : null;

  return {
    lang: 'en',
    title: `${title} — ${brand}`,
    paper,
    theme: { accent, accentSoft: tint(accent, 0.82), accentFaint: tint(accent, 0.94), onAccent: readableOn(accent), footerLeft: organisation ?? brand },
    cover: {
      brand,
      title,
      site: toLink(result.site.url),
      servedFrom,
      date: formatDate(result.generatedAt),
      analyst,
      organisation,
      preparedBy: analyst && organisation ? `${analyst}, ${organisation}` : (analyst ?? organisation),
      logo: opts.logoPath ? loadLogo(opts.logoPath) : null,
    },
    summary: {
      verdict: verdictSentence(brand, idx.score, idx.coverage),
      indexScore: formatScore(idx.score),
      indexLabel: label ?? 'not scored',
      indexLabelTitle: label ? capitalise(label) : 'Not scored',
      indexCoverage: formatPercent(idx.coverage),
      scaleSvg: renderScaleSvg(scalePosition(idx.score), { accent }),
      questionChartSvg: renderQuestionBars(
        result.questions.map((q) => ({ id: q.id, title: cleanText(q.title, 40), score: q.score, analystScore: q.analyst?.score ?? null })),
        { accent },
      ),
      findings,
      pull: pullSentence(result),
      questions: questions.map((q) => ({ id: q.id, title: q.title, score: q.score, band: q.band, coverage: q.coverage })),
    },
    questions,
    traffic: trafficVM(result, opts.trafficChartSvg ?? null, accent),
    method: {
      bands: INDEX_BANDS_TABLE.map((b) => ({ range: `${b.min}–${b.max}`, label: capitalise(b.label), current: b.label === label })),
      rubric: `${cleanText(result.rubric.name, 60)} ${cleanText(result.rubric.version, 20)}`,
      tool: `${result.tool.name} ${cleanText(result.tool.version, 20)}`,
    },
    coverage: {
      stats: [
        { label: 'Pages fetched', value: formatCount(c.pagesFetched) },
        { label: 'Failed', value: formatCount(c.pagesFailed) },
        { label: 'Skipped', value: formatCount(c.pagesSkipped) },
        { label: 'Blocked by robots.txt', value: formatCount(c.robotsBlocked) },
        { label: 'Crawl time', value: formatDuration(c.durationMs) },
        { label: 'Question weight measured', value: formatPercent(idx.coverage) },
      ],
      failed: reasons(c.failedByReason),
      skipped: reasons(c.skippedByReason),
      robots: {
        url: toLink(c.robots.url),
        status: c.robots.status === null ? 'no response' : String(c.robots.status),
        policy: { parsed: 'rules parsed and obeyed', 'allow-all': 'no rules: everything allowed', 'disallow-all': 'everything disallowed' }[c.robots.policy],
        crawlDelay: c.robots.crawlDelaySec === null ? 'none set' : `${c.robots.crawlDelaySec} s`,
        note: cleanText(c.robots.note, 400),
      },
      userAgent: cleanText(c.userAgent, LIMITS.url),
      render: c.render === 'static' ? 'static (HTML as served, no JavaScript run)' : c.render,
      limits: `at most ${formatCount(c.maxPages)} pages, ${c.maxDepth} links deep`,
      stoppedEarly: c.stoppedEarly ? cleanText(c.stoppedEarly, 300) : null,
      warnings: result.warnings.map((w) => cleanText(w, 400)),
      servedFrom,
    },
    appendix: { pages, omitted: Math.max(0, c.pages.length - MAX_APPENDIX_ROWS) },
  };
}
