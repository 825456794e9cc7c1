// ComparisonResult → the plain object the comparison's HTML, PDF and Markdown place. Every word is made here, once,
// in the reader's language, from the comparison's typed fields; the charts get their words from here too.
import { say, signalTitle } from '../report/messages.js';
import { CATALOGUES, formatNumber, monthName, resolveLocale, translator, type Locale, type MessageKey, type Translate } from '../i18n/index.js';
import { dataWarningText, latestDirection, monthText, pullParagraph, signedPct } from '../report/pull-words.js';
import { cleanText, LIMITS, toLink, type Link } from '../report/text.js';
import { DEFAULT_ACCENT, readableOn, tint } from '../report/theme.js';
import {
  bandText,
  formatCount,
  formatDate,
  formatPercent,
  formatScore,
  questionBandText,
  questionTitle,
  quoteText,
  THIN_COVERAGE,
  verdictSentence,
} from '../report/view-model.js';
import type { AuditResult } from '../result/types.js';
import type { TrafficResult } from '../traffic/types.js';
import { FEW_PAGES, RANK_MARGIN } from './brands.js';
import { brandColour, renderGapsChart, renderIndexChart, renderPullChart, renderQuestionsChart } from './charts.js';
import type { ComparedBrand, ComparisonResult, Gap } from './schema.js';

export interface ChartVM {
  /** File name under charts/ (without extension). */
  name: string;
  svg: string;
  /** Alternative text, also the chart's caption. */
  alt: string;
}

export interface ComparisonViewModel {
  lang: Locale;
  messages: Record<string, string>;
  title: string;
  meta: { author: string; description: string; keywords: string };
  theme: { accent: string; accentSoft: string; accentFaint: string; onAccent: string; footerLeft: string; runningHeader: string };
  eyebrow: string;
  dateLine: string;
  lead: string[];
  ranking: {
    rows: Array<{
      position: string;
      brand: string;
      colour: string;
      colourIndex: number;
      score: string;
      band: string;
      coverage: string;
      pages: string;
      note: string;
    }>;
    notes: string[];
  };
  charts: { index: ChartVM; questions: ChartVM; pull: ChartVM | null; gaps: ChartVM | null };
  verdicts: Array<{ brand: string; colour: string; text: string }>;
  questions: { brands: string[]; rows: Array<{ id: string; title: string; cells: string[] }> };
  gaps: Array<{
    title: string;
    kicker: string;
    rows: Array<{ brand: string; colour: string; value: string; score: string; lean: string | null; quote: string | null; link: Link | null }>;
  }>;
  pull: {
    present: boolean;
    scaleNote: string | null;
    baseNote: string | null;
    missing: string | null;
    rows: Array<{ brand: string; measure: string; headline: string; trend: string; season: string }>;
    paragraphs: Array<{ brand: string; text: string; warnings: string[] }>;
  };
  method: { text: string; rubricLine: string; mixed: string | null; thinRule: string; opinion: string };
  audits: Array<{ brand: string; site: Link; observed: string; pages: string; tool: string; rubric: string }>;
}

export function joinNames(names: readonly string[], tr: Translate): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')}${tr('cmp.and')}${names[names.length - 1]}`;
}

const asIndex = (b: ComparedBrand): AuditResult['index'] => b.index;

function thinReasons(b: ComparedBrand, locale: Locale): string {
  const tr = translator(locale);
  const reasons: string[] = [];
  if (b.evidence.reasons.includes('low-coverage')) reasons.push(tr('cmp.reasonCoverage', { coverage: formatPercent(b.evidence.coverage, locale) }));
  if (b.evidence.reasons.includes('few-pages')) reasons.push(tr('cmp.reasonPages', { pages: formatCount(b.evidence.pagesFetched, locale) }));
  return joinNames(reasons, tr);
}

function noVerdictText(b: ComparedBrand, tr: Translate): string | null {
  if (b.index.status === 'scored' && b.index.score !== null) return null;
  return tr(
    b.index.status === 'no-community'
      ? 'cmp.noVerdictNoCommunity'
      : b.index.status === 'insufficient-evidence'
        ? 'cmp.noVerdictInsufficient'
        : 'cmp.noVerdictNone',
  );
}

/** The paragraph on one brand: the audit's own verdict, its best and worst question, what the crawl read. */
export function brandParagraph(b: ComparedBrand, locale: Locale): string {
  const tr = translator(locale);
  const brand = cleanText(b.brand, LIMITS.title);
  const parts = [verdictSentence(brand, asIndex(b), locale)];
  const scored = b.questions.filter((q) => q.status === 'scored' && q.score !== null);
  if (scored.length >= 2 && b.index.status === 'scored') {
    const best = scored.reduce((a, q) => (q.score! > a.score! ? q : a));
    const worst = scored.reduce((a, q) => (q.score! < a.score! ? q : a));
    if (best !== worst) {
      parts.push(
        tr('cmp.strongest', {
          best: questionTitle(best, locale),
          bscore: formatScore(best.score),
          bband: questionBandText(best, locale),
          worst: questionTitle(worst, locale),
          wscore: formatScore(worst.score),
          wband: questionBandText(worst, locale),
        }),
      );
    }
  }
  const pages = formatCount(b.evidence.pagesFetched, locale);
  parts.push(
    b.community.found
      ? tr('cmp.communityRead', {
          pages,
          posts: formatCount(b.community.memberPosts, locale),
          threads: formatCount(b.community.threadPages, locale),
          platform: b.community.platform ? tr('cmp.platform', { platform: cleanText(b.community.platform, 40) }) : '',
        })
      : tr('cmp.communityNone', { pages }),
  );
  let text = parts.join(' ');
  if (b.evidence.thin && b.index.status === 'scored') text += tr('cmp.thinVerdict', { reasons: thinReasons(b, locale) });
  return text;
}

function leadSentences(c: ComparisonResult, locale: Locale): string[] {
  const tr = translator(locale);
  const byName = new Map(c.brands.map((b) => [b.brand, b]));
  const name = (s: string) => cleanText(s, LIMITS.title);
  const out: string[] = [];
  const r = c.ranking;
  if (r.length === 0) out.push(tr('cmp.leadNone'));
  else if (r.length === 1) {
    const b = byName.get(r[0]!.brand)!;
    out.push(tr('cmp.leadOne', { brand: name(b.brand), score: formatScore(b.index.score), band: bandText(b.index.label, locale) }));
  } else if (r.every((e) => e.position === r[0]!.position)) {
    out.push(
      tr('cmp.leadLevel', {
        brands: joinNames(
          r.map((e) => name(e.brand)),
          tr,
        ),
      }),
    );
  } else {
    const first = r.filter((e) => e.position === r[0]!.position);
    const last = r.filter((e) => e.position === r[r.length - 1]!.position);
    const top = byName.get(first[0]!.brand)!;
    const bottom = byName.get(last[last.length - 1]!.brand)!;
    out.push(
      tr('cmp.leadRanked', {
        first: joinNames(
          first.map((e) => name(e.brand)),
          tr,
        ),
        score: formatScore(top.index.score),
        band: bandText(top.index.label, locale),
        last: joinNames(
          last.map((e) => name(e.brand)),
          tr,
        ),
        lscore: formatScore(bottom.index.score),
        lband: bandText(bottom.index.label, locale),
      }),
    );
  }
  for (const u of c.unranked) {
    const b = byName.get(u.brand)!;
    out.push(
      tr(u.reason === 'no-community' ? 'cmp.unrankedNoCommunity' : u.reason === 'insufficient-evidence' ? 'cmp.unrankedInsufficient' : 'cmp.unrankedNone', {
        brand: name(u.brand),
        coverage: formatPercent(b.index.coverage, locale),
      }),
    );
  }
  for (const e of r.filter((x) => x.provisional)) out.push(tr('cmp.provisional', { brand: name(e.brand), reasons: thinReasons(byName.get(e.brand)!, locale) }));
  if (r.some((e) => e.level)) out.push(tr('cmp.levelNote', { margin: RANK_MARGIN }));
  return out;
}

const MEASURE: Record<TrafficResult['metric'], MessageKey> = { visits: 'cmp.measureVisits', clicks: 'cmp.measureClicks', interest: 'cmp.measureInterest' };
const DIR: Record<string, MessageKey> = { rising: 'traffic.dirRising', falling: 'traffic.dirFalling', flat: 'traffic.dirFlat' };

/** Average of the last 12 full months (levels on a shared Trends scale). */
function recentLevel(t: TrafficResult): number | null {
  const full = t.months.filter((m) => !m.partial && m.visits !== null).slice(-12);
  return full.length ? full.reduce((a, m) => a + m.visits!, 0) / full.length : null;
}

function pullVM(c: ComparisonResult, locale: Locale): ComparisonViewModel['pull'] {
  const tr = translator(locale);
  const p = c.pull;
  const name = (s: string) => cleanText(s, LIMITS.title);
  if (!p.brands.length) return { present: false, scaleNote: tr('cmp.pullNone'), baseNote: null, missing: null, rows: [], paragraphs: [] };
  let scaleNote: string | null = null;
  if (p.sharedScale) {
    const levels = p.brands.flatMap((b) => {
      const v = recentLevel(b.traffic);
      return v === null ? [] : [tr('cmp.pullLevel', { brand: name(b.brand), value: formatNumber(Math.round(v * 10) / 10, locale, 1) })];
    });
    scaleNote = levels.length ? tr('cmp.pullShared', { levels: levels.join(', ') }) : tr('cmp.pullSharedNoLevels');
  } else if (p.levelsDiffer) scaleNote = tr(p.levelsDiffer === 'different-trends-exports' ? 'cmp.pullDifferentExports' : 'cmp.pullDifferentSources');
  const baseNote = p.base
    ? p.base.from === p.base.to
      ? tr('cmp.pullBase1', { from: monthText(p.base.from, locale) })
      : tr('cmp.pullBase12', { from: monthText(p.base.from, locale), to: monthText(p.base.to, locale) })
    : null;
  return {
    present: true,
    scaleNote,
    baseNote,
    missing: p.missing.length ? tr('cmp.pullMissing', { brands: joinNames(p.missing.map(name), tr) }) : null,
    rows: p.brands.map((b) => {
      const t = b.traffic.trend;
      const latest = latestDirection(t);
      return {
        brand: name(b.brand),
        measure: tr(MEASURE[b.traffic.metric]),
        headline: t.headline ? signedPct(t.headline.pct, locale) : '—',
        trend: latest ? tr(DIR[latest]!) : tr('traffic.dirInsufficient'),
        season:
          t.seasonal && t.peakToTrough !== null && t.peakMonth !== null
            ? tr('cmp.seasonValue', { ratio: formatNumber(Math.round(t.peakToTrough * 10) / 10, locale, 1), peak: monthName(t.peakMonth, locale) })
            : t.seasonalPValue === null
              ? '—'
              : tr('cmp.seasonNone'),
      };
    }),
    paragraphs: p.brands.map((b) => ({
      brand: name(b.brand),
      text: pullParagraph(b.traffic, locale),
      warnings: b.traffic.trend.dataWarnings.map((w) => dataWarningText(w, locale)),
    })),
  };
}

function gapValue(g: Gap['brands'][number], tr: Translate, locale: Locale): string {
  if (g.status === 'measured') return cleanText(say(g.display, locale), LIMITS.title);
  return tr(g.status === 'not-applicable' ? 'signal.notApplicable' : g.status === 'not-measured' ? 'signal.notMeasured' : 'cmp.signalAbsent');
}

function gapsVM(c: ComparisonResult, colours: Map<string, string>, locale: Locale): ComparisonViewModel['gaps'] {
  const tr = translator(locale);
  return c.gaps.map((g) => {
    const q = c.brands[0]!.questions.find((x) => x.id === g.question);
    const question = q ? `${g.question} ${questionTitle(q, locale)}` : g.question;
    return {
      title: cleanText(signalTitle(g.signal, locale), LIMITS.title),
      kicker: tr('cmp.gapSpread', { question, spread: Math.round(g.spread) }),
      rows: g.brands.map((b) => ({
        brand: cleanText(b.brand, LIMITS.title),
        colour: colours.get(b.brand)!,
        value: gapValue(b, tr, locale),
        score: formatScore(b.score),
        lean: b.leaning,
        quote: b.evidence?.snippet !== undefined ? quoteText(b.evidence.snippet) : null,
        note: b.evidence?.note ? cleanText(say(b.evidence.note, locale), LIMITS.snippet) : null,
        link: b.evidence ? toLink(b.evidence.url) : null,
      })),
    };
  });
}

function mixedText(c: ComparisonResult, locale: Locale): string | null {
  if (!c.mixed) return null;
  const tr = translator(locale);
  const parts: string[] = [];
  if (c.mixed.rubrics.length > 1)
    for (const r of c.mixed.rubrics)
      parts.push(
        tr('cmp.mixedRubric', {
          name: cleanText(r.name, 60),
          version: cleanText(r.version, 20),
          brands: joinNames(
            r.brands.map((b) => cleanText(b, LIMITS.title)),
            tr,
          ),
        }),
      );
  if (c.mixed.toolMajors.length > 1)
    for (const m of c.mixed.toolMajors)
      parts.push(
        tr('cmp.mixedTool', {
          major: m.major,
          brands: joinNames(
            m.brands.map((b) => cleanText(b, LIMITS.title)),
            tr,
          ),
        }),
      );
  return tr('cmp.mixedWarning', { what: parts.join('; ') });
}

export interface ComparisonViewOptions {
  locale?: Locale;
  accent?: string;
}

export function buildComparisonViewModel(c: ComparisonResult, opts: ComparisonViewOptions = {}): ComparisonViewModel {
  const locale = resolveLocale(opts.locale);
  const tr = translator(locale);
  const accent = opts.accent ?? DEFAULT_ACCENT;
  const name = (s: string) => cleanText(s, LIMITS.title);
  const colours = new Map(c.brands.map((b, i) => [b.brand, brandColour(i)]));
  const names = c.brands.map((b) => name(b.brand));
  const title = tr('cmp.title', { brands: joinNames(names, tr) });
  const dates = [...new Set(c.brands.map((b) => formatDate(b.auditedAt, locale)))];
  const axis = { producerEnd: tr('chart.producerEnd'), conductorEnd: tr('chart.conductorEnd') };
  const rankOf = new Map(c.ranking.map((e) => [e.brand, e]));
  // The ranking's order: ranked brands by position, then the ones with no verdict, as given.
  const ordered = [...c.ranking.map((e) => c.brands.find((b) => b.brand === e.brand)!), ...c.brands.filter((b) => !rankOf.has(b.brand))];

  const indexSvg = renderIndexChart(
    ordered.map((b) => ({
      brand: name(b.brand),
      colour: colours.get(b.brand)!,
      score: b.index.status === 'scored' ? b.index.score : null,
      coverage: tr('cmp.chartCoverage', { coverage: formatPercent(b.index.coverage, locale) }),
      noVerdict: noVerdictText(b, tr),
    })),
    { ...axis, title: tr('cmp.chartIndex') },
  );
  const qids = c.brands[0]!.questions.map((q) => q.id);
  const questionsSvg = renderQuestionsChart(
    c.brands[0]!.questions.map((q) => ({ id: q.id, title: questionTitle(q, locale) })),
    c.brands.map((b) => ({
      brand: name(b.brand),
      colour: colours.get(b.brand)!,
      scores: qids.map((id) => b.questions.find((q) => q.id === id)?.score ?? null),
    })),
    { ...axis, title: tr('cmp.chartQuestions'), notScored: tr('cmp.chartNotScored') },
  );
  const pullSvg = c.pull.brands.length
    ? renderPullChart(
        c.pull.brands.map((b) => ({ brand: name(b.brand), colour: colours.get(b.brand)!, points: b.indexed })),
        { title: tr('cmp.chartPull'), hundred: tr('cmp.chartHundred'), none: tr('cmp.chartNoPull') },
      )
    : null;
  const gapsSvg = c.gaps.length
    ? renderGapsChart(
        c.gaps.map((g) => ({
          label: cleanText(signalTitle(g.signal, locale), 60),
          values: g.brands.map((b) => ({ brand: name(b.brand), colour: colours.get(b.brand)!, score: b.status === 'measured' ? b.score : null })),
        })),
        c.brands.map((b) => ({ brand: name(b.brand), colour: colours.get(b.brand)! })),
        { ...axis, title: tr('cmp.chartGaps') },
      )
    : null;
  const pull = pullVM(c, locale);
  const rubric = c.rubric
    ? `${cleanText(c.rubric.name, 60)} ${cleanText(c.rubric.version, 20)}`
    : c.mixed!.rubrics.map((r) => `${cleanText(r.name, 60)} ${cleanText(r.version, 20)}`).join(', ');
  const tool = `${c.tool.name} ${cleanText(c.tool.version, 20)}`;

  return {
    lang: locale,
    messages: { ...CATALOGUES[locale] },
    title,
    meta: { author: names.join(', '), description: tr('cmp.subject', { brands: joinNames(names, tr) }), keywords: [tr('cmp.keywords'), ...names].join(', ') },
    theme: {
      accent,
      accentSoft: tint(accent, 0.82),
      accentFaint: tint(accent, 0.94),
      onAccent: readableOn(accent),
      footerLeft: joinNames(names, tr),
      runningHeader: tr('cmp.runningHeader'),
    },
    eyebrow: tr('cmp.eyebrow'),
    dateLine: tr('cmp.dateLine', { dates: dates.join(', ') }),
    lead: leadSentences(c, locale),
    ranking: {
      rows: ordered.map((b) => {
        const e = rankOf.get(b.brand);
        const note = !e
          ? tr('cmp.noteNotRanked')
          : [e.level ? tr('cmp.noteLevel') : '', e.provisional ? tr('cmp.noteProvisional') : ''].filter(Boolean).join('; ');
        return {
          position: e ? (e.level ? `=${e.position}` : String(e.position)) : '—',
          brand: name(b.brand),
          colour: colours.get(b.brand)!,
          colourIndex: c.brands.indexOf(b) % 8,
          score: e ? formatScore(b.index.score) : '—',
          band: b.index.status === 'scored' ? bandText(b.index.label, locale) : noVerdictText(b, tr)!.replace(/^[^:]*:\s*/, ''),
          coverage: formatPercent(b.index.coverage, locale),
          pages: formatCount(b.evidence.pagesFetched, locale),
          note,
        };
      }),
      notes: [],
    },
    charts: {
      index: { name: 'index', svg: indexSvg, alt: tr('cmp.chartIndex') },
      questions: { name: 'questions', svg: questionsSvg, alt: tr('cmp.chartQuestions') },
      pull: pullSvg ? { name: 'pull', svg: pullSvg, alt: tr('cmp.chartPull') } : null,
      gaps: gapsSvg ? { name: 'gaps', svg: gapsSvg, alt: tr('cmp.chartGaps') } : null,
    },
    verdicts: c.brands.map((b) => ({ brand: name(b.brand), colour: colours.get(b.brand)!, text: brandParagraph(b, locale) })),
    questions: {
      brands: names,
      rows: c.brands[0]!.questions.map((q0) => ({
        id: q0.id,
        title: questionTitle(q0, locale),
        cells: c.brands.map((b) => {
          const q = b.questions.find((x) => x.id === q0.id);
          return q ? tr('cmp.cell', { score: formatScore(q.score), band: questionBandText(q, locale) }) : '—';
        }),
      })),
    },
    gaps: gapsVM(c, colours, locale),
    pull,
    method: {
      text: tr('cmp.methodText'),
      rubricLine: tr('cmp.rubricLine', { rubric, tool }),
      mixed: mixedText(c, locale),
      thinRule: tr('cmp.thinRule', { coverage: formatPercent(THIN_COVERAGE, locale), pages: FEW_PAGES, margin: RANK_MARGIN }),
      opinion: tr('summary.note'),
    },
    audits: c.brands.map((b) => ({
      brand: name(b.brand),
      site: toLink(b.site),
      observed: formatDate(b.auditedAt, locale),
      pages: formatCount(b.evidence.pagesFetched, locale),
      tool: `conductor-audit ${cleanText(b.toolVersion, 20)}`,
      rubric: `${cleanText(b.rubric.name, 60)} ${cleanText(b.rubric.version, 20)}`,
    })),
  };
}
