// ci.json → the words of a CI job, made once in the reader's language: the lines printed to stderr (failures
// first), the annotations' and JUnit's messages, the summary's headline and table, and "since the baseline" per
// brand. The Markdown summary, the annotations and the JUnit file (src/ci/) only place these.
import { formatNumber, translator, type Locale, type MessageKey } from '../i18n/index.js';
import type { AssertionResult, BrandCiResult, CiRun } from '../result/ci-schema.js';
import { deltaScore, signedChange, sinceLastVM, type SinceLastVM } from './since-last.js';
import { cleanText, LIMITS } from './text.js';
import { formatDate, formatPercent, formatScore, indexBandText } from './view-model.js';

export type CiLineKind = 'failure' | 'broken' | 'warning' | 'skipped' | 'pass';

export interface CiLineVM {
  kind: CiLineKind;
  slug: string;
  brand: string;
  /** `index minScore`, `Q4 maxDrop`, `q4-third-party-trackers minScore`; null for a brand that could not run. */
  assertion: string | null;
  level: 'warn' | 'error' | null;
  /** The assertion's outcome (`could-not-run` for a brand whose audit did not run). */
  outcome: AssertionResult['outcome'] | 'could-not-run';
  /** The whole line for stderr: level, brand, assertion, expected, found and the evidence URL where one exists. */
  line: string;
  /** The line without level and brand (annotations and JUnit carry those themselves). */
  message: string;
  url: string | null;
}

export interface CiBrandVM {
  slug: string;
  brand: string;
  label: string;
  audited: boolean;
  /** One line per assertion, in the normalised order; the first is the audit itself when it could not run. */
  checks: CiLineVM[];
  broken: CiLineVM | null;
  since: SinceLastVM | null;
  /** Where the baseline came from, when there was one. */
  baselineSource: string | null;
}

export interface CiViewModel {
  lang: Locale;
  title: string;
  exitCode: number;
  headline: string;
  shard: string | null;
  /** Error assertions that failed: the brand got worse or is below a threshold. Printed first. */
  failures: CiLineVM[];
  /** Brands that could not be audited: the job broke. */
  broken: CiLineVM[];
  /** Warn assertions that failed, and maxDrop checks that could not compare fairly. */
  warnings: CiLineVM[];
  table: { head: string[]; rows: string[][] };
  brands: CiBrandVM[];
  noise: string;
  titles: { failures: string; broken: string; warnings: string; brands: string; since: string };
}

function brandsText(n: number, locale: Locale): string {
  const tr = translator(locale);
  return n === 1 ? tr('ci.brandsOne') : tr('ci.brandsMany', { n: formatNumber(n, locale) });
}

/** The value an option reads, as the reader sees it. */
function valueText(a: AssertionResult, value: number, locale: Locale): string {
  if (a.option === 'minCoverage') return formatPercent(value, locale);
  if (a.option === 'minPagesFetched') return formatNumber(value, locale);
  return formatNumber(Math.round(value * 10) / 10, locale, 1);
}

function expectedText(a: AssertionResult, locale: Locale): string {
  const tr = translator(locale);
  const n = valueText(a, a.expected, locale);
  if (a.option === 'maxDrop') return tr('ci.dropAtMost', { n, noise: a.noise === null ? '—' : formatNumber(a.noise, locale, 1) });
  if (a.option === 'minPagesFetched') return tr('ci.pagesAtLeast', { n });
  return tr('ci.atLeast', { n });
}

function foundText(a: AssertionResult, locale: Locale): string {
  const tr = translator(locale);
  if (a.actual === null) return '—';
  if (a.option === 'maxDrop') {
    const n = formatNumber(Math.abs(Math.round(a.actual * 10) / 10), locale, 1);
    return a.actual < 0 ? tr('ci.rise', { n }) : tr('ci.drop', { n });
  }
  return valueText(a, a.actual, locale);
}

/** Why a target has no score, in words. */
function whyUnscored(a: AssertionResult, b: BrandCiResult, locale: Locale): string {
  const tr = translator(locale);
  switch (a.targetStatus) {
    case 'insufficient-evidence': {
      const coverage = a.kind === 'index' ? b.index?.coverage : b.questions.find((q) => q.id === a.target)?.coverage;
      const floor = a.kind === 'index' ? b.coverageFloor?.index : b.coverageFloor?.question;
      return tr('ci.whyInsufficient', { coverage: formatPercent(coverage ?? null, locale), floor: formatPercent(floor ?? null, locale) });
    }
    case 'not-applicable':
      return tr('ci.whyNotApplicable');
    case 'no-community':
      return tr('ci.whyNoCommunity');
    case 'not-in-rubric':
      return tr('ci.whyNotInRubric');
    default:
      return tr('ci.whyNotMeasured');
  }
}

function methodText(b: BrandCiResult, side: 'from' | 'to', locale: Locale): string {
  const tr = translator(locale);
  return (b.delta?.notComparable ?? []).map((n) => tr(n.what === 'rubric' ? 'since.rubric' : 'since.tool', { v: cleanText(n[side], 60) })).join(', ');
}

const CAUSE_KEY: Record<NonNullable<BrandCiResult['couldNotRun']>['kind'], MessageKey> = {
  unreachable: 'ci.causeUnreachable',
  'robots-refused': 'ci.causeRobots',
  'site-error': 'ci.causeSiteError',
  'no-pages': 'ci.causeNoPages',
  'browser-missing': 'ci.causeBrowser',
  'bad-input': 'ci.causeBadInput',
  failed: 'ci.causeFailed',
  'missing-shard': 'ci.causeMissingShard',
  interrupted: 'ci.causeInterrupted',
};

/** The words for one brand that could not be audited. */
export function brokenMessage(cause: NonNullable<BrandCiResult['couldNotRun']>, locale: Locale = 'en'): string {
  const tr = translator(locale);
  return tr('ci.broken', { why: tr(CAUSE_KEY[cause.kind], { detail: cleanText(cause.detail, 400) }) });
}

function checkLine(a: AssertionResult, b: BrandCiResult, locale: Locale): CiLineVM {
  const tr = translator(locale);
  const assertion = `${a.target} ${a.option}`;
  const brand = cleanText(b.brand, LIMITS.label);
  let check: string;
  let kind: CiLineKind;
  if (a.outcome === 'unscored') {
    check = tr('ci.checkUnscored', { assertion, expected: expectedText(a, locale), why: whyUnscored(a, b, locale) });
    kind = a.level === 'error' ? 'failure' : 'warning';
  } else if (a.outcome === 'not-comparable') {
    check = tr('ci.checkSkipped', { assertion, why: tr('ci.whyNotComparable', { from: methodText(b, 'from', locale), to: methodText(b, 'to', locale) }) });
    kind = 'warning';
  } else if (a.outcome === 'no-baseline' || a.outcome === 'not-run') {
    check = tr('ci.checkSkipped', { assertion, why: a.outcome === 'no-baseline' ? tr('ci.whyNoBaseline') : tr('ci.resultNotRun') });
    kind = 'skipped';
  } else {
    check = tr('ci.check', { assertion, expected: expectedText(a, locale), found: foundText(a, locale) });
    kind = a.outcome === 'pass' ? 'pass' : a.level === 'error' ? 'failure' : 'warning';
  }
  const url = a.evidenceUrl ? cleanText(a.evidenceUrl, LIMITS.url) : null;
  const message = url ? `${check} · ${tr('ci.evidence')}: ${url}` : check;
  // A check that could not compare fairly is a warning whatever its level: it must not turn the job red.
  const level = kind === 'warning' ? 'warn' : a.level;
  return {
    kind,
    slug: b.slug,
    brand,
    assertion,
    level,
    outcome: a.outcome,
    line: tr('ci.line', { level: tr(level === 'error' ? 'ci.levelError' : 'ci.levelWarn'), brand, check: message }),
    message,
    url,
  };
}

function brandVM(b: BrandCiResult, locale: Locale): CiBrandVM {
  const tr = translator(locale);
  const brand = cleanText(b.brand, LIMITS.label);
  const broken: CiLineVM | null = b.couldNotRun
    ? (() => {
        const message = brokenMessage(b.couldNotRun!, locale);
        return {
          kind: 'broken',
          slug: b.slug,
          brand,
          assertion: null,
          level: null,
          outcome: 'could-not-run',
          line: tr('ci.line', { level: tr('ci.levelBroken'), brand, check: message }),
          message,
          url: null,
        };
      })()
    : null;
  return {
    slug: b.slug,
    brand,
    label: cleanText(b.label, LIMITS.url),
    audited: b.status === 'audited',
    checks: b.assertions.map((a) => checkLine(a, b, locale)),
    broken,
    since: b.delta ? sinceLastVM(b.delta, { locale, signalTitle: (id) => id, formatDate: (iso) => formatDate(iso, locale) }) : null,
    baselineSource: b.delta?.baseline.source ? cleanText(b.delta.baseline.source, LIMITS.url) : null,
  };
}

/** The index change for the table: "−6 ▼" beyond the noise band, "+0.8" inside it. */
function changeCell(b: BrandCiResult, locale: Locale): string {
  const tr = translator(locale);
  if (!b.delta) return tr('ci.noBaseline');
  if (!b.delta.comparable) return tr('ci.notComparableShort');
  const d = b.delta.index;
  const mark = d.movement === 'up' ? ' ▲' : d.movement === 'down' ? ' ▼' : '';
  return `${signedChange(d, locale)}${mark}`;
}

/** A question's score for a table: the score when scored, (the score) with insufficient evidence, — otherwise. */
export function questionCell(q: { status: string; score: number | null }): string {
  if (q.status === 'scored') return formatScore(q.score);
  // Insufficient evidence: the score the index pulls toward the midpoint, in brackets (it has no band).
  return q.status === 'insufficient-evidence' && q.score !== null ? `(${formatScore(q.score)})` : '—';
}

function resultCell(b: BrandCiResult, locale: Locale): string {
  const tr = translator(locale);
  if (b.status !== 'audited') return tr('ci.resultNotRun');
  const checked = b.assertions.filter((a) => a.outcome !== 'not-run');
  const missed = (a: AssertionResult) => a.outcome === 'fail' || a.outcome === 'unscored';
  const failed = checked.filter((a) => a.level === 'error' && missed(a)).length;
  const warned = checked.filter((a) => (a.level === 'warn' && missed(a)) || a.outcome === 'not-comparable').length;
  return failed || warned ? tr('ci.resultCounts', { failed, warned, n: checked.length }) : tr('ci.resultHold', { n: checked.length });
}

export function buildCiViewModel(run: CiRun, opts: { locale?: Locale } = {}): CiViewModel {
  const locale = opts.locale ?? 'en';
  const tr = translator(locale);
  const brands = run.brands.map((b) => brandVM(b, locale));
  const all = brands.flatMap((b) => b.checks);
  const failures = all.filter((l) => l.kind === 'failure');
  const warnings = all.filter((l) => l.kind === 'warning');
  const broken = brands.flatMap((b) => (b.broken ? [b.broken] : []));
  const n = run.brands.length;
  const checks = run.brands.flatMap((b) => b.assertions).filter((a) => a.outcome !== 'not-run').length;
  const badInput = run.brands.filter((b) => b.couldNotRun?.kind === 'bad-input').length;
  const headline =
    run.exitCode === 2
      ? tr('ci.headlineBadInput', { n: badInput, brands: brandsText(n, locale) })
      : run.exitCode === 3
        ? tr('ci.headlineCouldNotRun', { n: broken.length, brands: brandsText(n, locale) })
        : run.exitCode === 1
          ? tr('ci.headlineFailed', { failed: failures.length, checks })
          : tr('ci.headlinePass', { brands: brandsText(n, locale) });
  const head = [
    tr('ci.colBrand'),
    tr('ci.colIndex'),
    tr('ci.colBand'),
    tr('ci.colChange'),
    'Q1',
    'Q2',
    'Q3',
    'Q4',
    'Q5',
    tr('ci.colPages'),
    tr('ci.colAssertions'),
  ];
  const rows = run.brands.map((b) => [
    cleanText(b.brand, LIMITS.label),
    b.index && b.index.status === 'scored' ? deltaScore(b.index.score, locale) : '—',
    b.index ? indexBandText(b.index, locale) : tr('ci.levelBroken'),
    changeCell(b, locale),
    ...(['Q1', 'Q2', 'Q3', 'Q4', 'Q5'] as const).map((id) => {
      const q = b.questions.find((x) => x.id === id);
      return q ? questionCell(q) : '—';
    }),
    b.pagesFetched === null ? '—' : formatNumber(b.pagesFetched, locale),
    resultCell(b, locale),
  ]);
  return {
    lang: locale,
    title: tr('ci.title'),
    exitCode: run.exitCode,
    headline,
    shard: run.shard
      ? tr('ci.shard', { index: run.shard.index, total: run.shard.total, brands: brandsText(n, locale), all: brandsText(run.slugs.length, locale) })
      : null,
    failures,
    broken,
    warnings,
    table: { head, rows },
    brands,
    noise: tr('ci.noise', {
      index: formatNumber(run.noise.index, locale, 1),
      question: formatNumber(run.noise.question, locale, 1),
      signal: formatNumber(run.noise.signal, locale, 1),
    }),
    titles: {
      failures: tr('ci.failuresTitle'),
      broken: tr('ci.brokenTitle'),
      warnings: tr('ci.warningsTitle'),
      brands: tr('ci.brandsTitle'),
      since: tr('ci.sinceTitle'),
    },
  };
}
