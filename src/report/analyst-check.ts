// Analyst notes checked against the measurement: a note that states a count, a share, a score or a plain fact
// ("seven third-party tags", "3 of 10 threads answered", "Q4 scores 30", "there is no site search") that the audit
// measured otherwise gives a finding, and `run` (and `render`) print one warning line per finding for the
// consultant. The report is never changed by it.
//
// Pure, and reads only the AuditResult's typed fields (signal ids, status, value, strength, question scores, the
// direction evidence points): never a displayValue, which is worded for the reader. Conservative by design: a
// false warning costs the consultant more than a missed one, so a claim is only read where its words are tied to
// one signal's meaning, and hedged, bounded and ranged figures get room.
import { TRACKER_EVIDENCE } from '../signals/q4/third-party-trackers.js';
import type { AuditResult, QuestionId, SignalResult } from '../result/types.js';
import { plainLine } from '../util/plain-line.js';

/** What a claim is compared with: each one is one measurement with one meaning. */
export type Measure =
  | 'trackers-distinct' // companies in all (q4-third-party-trackers' producer evidence, one per company)
  | 'trackers-per-page' // mean companies per page (q4-third-party-trackers' value)
  | 'threads-answered' // share of threads with an answer (q1-threads-answered)
  | 'content-walled' // share of content pages behind a wall (1 − q1-open-content)
  | 'help-sales' // share of help threads with a sales pitch (q5-sales-in-help)
  | 'trackers-present' // fact: any third-party tracker
  | 'search-present' // fact: a site search on some page
  | 'help-reachable' // fact: help within two clicks of the home page
  | 'contact-present' // fact: any way to reach a person (q5-contact-options)
  | 'score'; // a question's machine score

/** How the note bounds its figure. */
export type Bound = 'exact' | 'about' | 'at-least' | 'at-most';

export interface AnalystNoteFinding {
  /** The question whose note (or rationale) holds the claim. */
  question: QuestionId;
  field: 'note' | 'rationale';
  /** The question the claim is about (a score claim may name another question). */
  about: QuestionId;
  signalId: string | null;
  kind: 'count' | 'share' | 'score' | 'fact';
  measure: Measure;
  /** The words matched in the note. */
  claim: string;
  /** The note's figure (a count, a share 0–1, a score) or fact (false: "there is none"). */
  noted: number | boolean;
  bound: Bound;
  /** The measured figure or fact. */
  measured: number | boolean;
  /** The measured figure is a lower bound (trackers beyond the evidence kept, or read from static HTML). */
  measuredFloor: boolean;
  /** Tracker claims: the distinct companies the audit saw in all, beside a per-page mean. */
  measuredTotal?: number;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  'a dozen': 12,
  dozen: 12,
  // German: "ein/eine" are articles far more often than counts, so one is left out.
  eins: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwölf: 12,
  dreizehn: 13,
  vierzehn: 14,
  fünfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
  zwanzig: 20,
  'ein dutzend': 12,
  dutzend: 12,
};

const WORD_ALT = Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** A count: digits (not part of "Q4", "2024-05", "24/7", "1.2.3") or a number word. */
const NUM = `(?<![\\p{L}\\d.,/:-])(?:\\d+(?:[.,]\\d+)?|${WORD_ALT})(?![\\p{L}\\d/-]|[.,]\\d)`;
const PERCENT = `(?<![\\p{L}\\d.,/:-])\\d+(?:[.,]\\d+)?\\s?(?:%|percent|per cent|Prozent)(?![\\p{L}\\d-])`;
const FRACTION = `(?<![\\p{L}\\d.,/:-])\\d+\\s(?:of|out of|von|in)\\s\\d+(?![\\p{L}\\d.,/-])`;
const SHARE = `(?:${FRACTION}|${PERCENT}|half|die Hälfte)`;

const APPROX = /(?:about|around|roughly|approximately|some|nearly|almost|close to|~|c(?:a)?\.|etwa|ungefähr|rund|circa|fast|knapp)\s*$/iu;
const AT_LEAST = /(?:at least|more than|over|upwards of|no fewer than|mindestens|mehr als|über|wenigstens)\s*$/iu;
const AT_MOST = /(?:up to|at most|fewer than|less than|under|no more than|bis zu|höchstens|weniger als|maximal|unter)\s*$/iu;
/** A figure inside a range or an alternative ("5–7", "5 to 7", "6 or 7", "zwischen 5 und 7"): not checked. */
const RANGE_BEFORE = /(?:\d|\p{L})\s*(?:[–—-]|to|or|bis|oder|und)\s*$|(?:between|zwischen)\s+\S+\s+(?:and|und)\s*$/iu;
const RANGE_AFTER = /^\s*(?:[–—-]\s*\d|(?:to|or|bis|oder|and|und)\s+(?:\d|\p{L}+\s))/iu;

function parseNumber(raw: string): number | null {
  const w = raw.toLowerCase().replace(/\s+/g, ' ');
  if (w in NUMBER_WORDS) return NUMBER_WORDS[w]!;
  // "5,4" is German for 5.4; a thousands separator does not reach here (counts in notes are small).
  const n = Number(w.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

function parseShare(raw: string): number | null {
  const t = raw.trim();
  if (/^(?:half|die hälfte)$/i.test(t)) return 0.5;
  const frac = /^(\d+)\s(?:of|out of|von|in)\s(\d+)$/i.exec(t);
  if (frac) {
    const [a, b] = [Number(frac[1]), Number(frac[2])];
    return b > 0 && a <= b ? a / b : null;
  }
  const pct = /^(\d+(?:[.,]\d+)?)/.exec(t);
  const n = pct ? Number(pct[1]!.replace(',', '.')) : NaN;
  return Number.isFinite(n) && n <= 100 ? n / 100 : null;
}

/** How the words just before a figure bound it. */
function boundBefore(before: string): Bound {
  if (AT_LEAST.test(before)) return 'at-least';
  if (AT_MOST.test(before)) return 'at-most';
  if (APPROX.test(before)) return 'about';
  return 'exact';
}

/** Sentences (and clauses after a semicolon); a decimal point is not an end. */
function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?;])\s+(?=[\p{Lu}\d"“„(])|;\s+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface Hit {
  claim: string;
  index: number;
  before: string;
  after: string;
  groups: Record<string, string | undefined>;
}

function hits(sentence: string, pattern: RegExp): Hit[] {
  const out: Hit[] = [];
  for (const m of sentence.matchAll(pattern)) {
    const index = m.index ?? 0;
    out.push({
      claim: m[0].trim(),
      index,
      before: sentence.slice(Math.max(0, index - 40), index),
      after: sentence.slice(index + m[0].length, index + m[0].length + 40),
      groups: m.groups ?? {},
    });
  }
  return out;
}

// ----- the claims -----------------------------------------------------------------------------------------------

/** Words a tracker count can carry between the figure and its noun ("seven third-party tags"). */
const TRACKER_FILLER = String.raw`(?:(?:distinct|different|separate|external|third[- ]party|ad|advertising|marketing|tracking|social|analytics|unterschiedliche|verschiedene|externe|Drittanbieter-?|Werbe-?|Tracking-?)\s*){0,3}`;
/** A tracker noun: bare "trackers", or tags/scripts/pixels when the filler said they track. */
const TRACKER_COUNT = new RegExp(
  String.raw`(?<num>${NUM})\s+(?:(?<bare>${TRACKER_FILLER}(?:trackers?|tracking (?:companies|services|vendors)|tracking-?pixel|Tracker(?:n|-Firmen|-Dienste)?|Drittanbieter(?:n|-Dienste)?))|(?<tagged>(?:(?:third[- ]party|ad|advertising|marketing|tracking|analytics|Drittanbieter-?|Werbe-?|Tracking-?)\s*){1,3}(?:tags?|scripts?|pixels?|Tags|Skripte|Pixel)))(?![\p{L}-])`,
  'giu',
);
const PER_PAGE =
  /\b(?:each|every|per|a single|any one)\s+(?:\p{L}+\s+)?page\b|\bon average\b|\baverage\b|\b(?:jede[rsn]?|pro|je)\s+(?:\p{L}+\s+)?Seite\b|\bdurchschnittlich\b|\bim (?:Schnitt|Mittel)\b/iu;

const THREAD_NOUN = String.raw`(?:(?:forum|discussion|community|help|support|question|member)\s+)?(?:threads?|discussions?|questions?|Threads|Diskussionen|Fragen|Beiträge)`;
const THREADS_ANSWERED = new RegExp(
  String.raw`(?<share>${SHARE})\s+(?:(?:of|der)\s+(?:the\s+|all\s+)?)?${THREAD_NOUN}\s+(?:(?<no>(?:are|were|go|went|remain|stay|sind|bleiben|blieben)\s+unanswered|unanswered|unbeantwortet|(?:get|got|have|had|receive|received|bekommen|erhalten|haben)\s+no\s+(?:answers?|repl(?:y|ies))|without (?:an?\s+|any\s+)?(?:answers?|repl(?:y|ies))|ohne Antwort|(?:bleiben|blieben|sind|waren) unbeantwortet|(?:bekommen|erhalten) keine Antwort)|(?<yes>(?:are|were|get|got|have|had|show|receive|received|sind|wurden|werden|bekommen|erhalten|haben)\s+(?:an?\s+|any\s+|at least one\s+|eine\s+)?(?:answers?|answered|repl(?:y|ies)|responses?|beantwortet|Antworten?)|answered|beantwortet))(?![\p{L}])`,
  'giu',
);
const CONTENT_WALLED = new RegExp(
  String.raw`(?<share>${SHARE})\s+(?:(?:of|der)\s+(?:the\s+|all\s+)?)?(?:(?:community\s+)?content(?:\s+pages)?|(?:content\s+)?pages|threads|reviews|posts|Inhalte|Seiten|Beiträge)\s+(?:(?:is|are|sind|liegen|stehen)\s+)?(?:behind an?\s+(?:sign-?in|log-?in|registration|member(?:ship)?|account)\s+wall|walled|gated|locked|hinter (?:einer|der) (?:Anmelde|Login|Registrierungs)(?:wand|sperre|schranke)|gesperrt)(?![\p{L}])`,
  'giu',
);
const HELP_SALES = new RegExp(
  String.raw`(?<share>${SHARE})\s+(?:(?:of|der)\s+(?:the\s+|all\s+)?)?(?:help|support|Hilfe|Support)[- ]?(?:threads|Threads|Beiträge|Fragen)\s+(?:\p{L}+\s+){0,3}(?:an?\s+|einen?\s+)?(?:sales[- ]pitch(?:es)?|upsells?|product pitch(?:es)?|Verkaufs(?:gespräch|argument|pitch)\p{L}*)`,
  'giu',
);

/** "no trackers", "keine Tracker": not "no ad trackers" (the signal counts analytics too), not "until consent". */
const NO_TRACKERS =
  /(?<![\p{L}-])(?:no|zero|without any|keine|ohne)\s+(?:third[- ]party\s+|Drittanbieter-?)?(?:trackers?|tracking\s+(?:scripts|tags|pixels|companies)|tracking(?=\s*(?:[.,;:!)]|$|\s(?:at all|whatsoever|and|or)\b))|Tracker|Tracking(?=\s*(?:[.,;:!)]|$)))(?![\p{L}-])(?!\s+(?:before|until|unless|prior|without|except|other than|besides|beyond|apart|vor|bis|ohne|außer|ausser))/giu;
/**
 * A fact said of a part of the site ("no trackers on the help pages", "no help link in the header") is not one the
 * audit's site-wide reading can contradict; said of the whole site ("on any page") it is.
 */
const SCOPED =
  /^\s*(?:on|in|from|for|within|inside|across|at|under|auf|im|in|bei|für|unter)\s+(?!(?:any|every|all|the whole|the entire|allen|jeder|keiner)\b|the site\b|der (?:ganzen )?Seite\b)/iu;
const NO_SEARCH =
  /(?<![\p{L}-])(?:(?:there is|there's|has|have|offers?)\s+)?(?:no|without an?|keine|ohne)\s+(?:site[- ]?|on-?site\s+|Seiten|Volltext)?(?:search(?:\s*(?:box|function|field|bar|feature))?|[Ss]uch(?:e|funktion|feld|leiste|maske))(?![\p{L}-])(?!\s+(?:engine|results|index|traffic|ranking|visibility|Maschine|Ergebnis))/giu;
const NO_CONTACT =
  /(?<![\p{L}-])(?:no|without any|keine|ohne)\s+(?:(?:way|route|means|option|channel|path)s?\s+(?:to|of)\s+(?:contact|reach)(?:ing)?(?:\s+(?:the brand|anyone|a person|a human|staff|support|them|it|MegaMart|\p{Lu}\p{L}+))?|contact\s+(?:route|option|channel|details|information|path)s?|(?:Kontaktmöglichkeit|Kontaktweg|Kontaktdaten|Möglichkeit,?\s+(?:jemanden\s+)?zu\s+kontaktieren)\p{L}*)(?![\p{L}-])/giu;
/** Help only behind sign-in or terms pages, not reachable, or missing. */
const HELP_NOUN = String.raw`(?:help(?:[- ]?(?:cent(?:re|er)|desk|pages?|section))?|support(?:[- ]?(?:cent(?:re|er)|pages?))?|FAQ|Hilfe(?:-?(?:Center|Bereich|Seiten?))?|Hilfeseiten?|Hilfebereich)`;
const GATE_PAGE = String.raw`(?:the\s+|den\s+|der\s+|die\s+)?(?:sign-?in|log-?in|sign[- ]up|registration|terms|account|Anmelde|Login|Registrierungs|AGB|Konto|Nutzungsbedingungen)\p{L}*`;
const HELP_NOT_REACHABLE = [
  // "the help centre can only be reached from the sign-in and terms pages"
  new RegExp(
    String.raw`(?<![\p{L}-])(?:the\s+)?${HELP_NOUN}\s+(?:\p{L}+\s+){0,3}?(?:only|nur)\s+(?:be\s+|\p{L}+\s+){0,2}?(?:reach(?:ed|able)?|found|linked|accessible|available)\s+(?:from|via|through|on|behind)\s+${GATE_PAGE}`,
    'giu',
  ),
  // "das Hilfe-Center ist nur über die Anmeldeseite erreichbar"
  new RegExp(
    String.raw`(?<![\p{L}-])${HELP_NOUN}\s+(?:ist|sind|wird|werden)\s+nur\s+(?:über|von|auf|aus|hinter)\s+${GATE_PAGE}(?:\s+\p{L}+){0,3}?\s+(?:erreichbar|verlinkt|zu finden|aufrufbar)`,
    'giu',
  ),
  // "help is not reachable from the home page"
  new RegExp(
    String.raw`(?<![\p{L}-])(?:the\s+)?${HELP_NOUN}\s+(?:is|are|was|were|can(?:not|'t|\s+not)?|could(?:n't|\s+not)?)\s+(?:not\s+|never\s+)?(?:be\s+)?(?:reachable|reached)\s+(?:from\s+(?:the\s+)?(?:home|start|front)\s*page|within two clicks)`,
    'giu',
  ),
  // "no help centre", "no link to the help pages", "keine Hilfeseite"
  /(?<![\p{L}-])(?:no|keine)\s+(?:(?:link|route|path|way)s?\s+to\s+(?:the\s+|any\s+)?help(?:[- ]?(?:cent(?:re|er)|pages?))?|help[- ]?(?:cent(?:re|er)|pages?|section|link|area)s?|Hilfe(?:seiten?|bereich|-Center)?)(?![\p{L}-])/giu,
];
// The negated help pattern above must be read where its words negate: "can only be reached from" is a claim of
// not-from-home, while "can be reached from the home page" (no "not") is not one.
const HELP_NEGATED = /\b(?:not|never|cannot|can't|couldn't|no|keine|nur|only)\b/iu;

const SCORE_HEDGE = String.raw`(?<hedge>about|around|roughly|approximately|nearly|almost|close to|just under|just over|at least|at most|etwa|ungefähr|rund|circa|knapp|mindestens|höchstens|fast)`;
/** Not a score of ours: star ratings, marks out of 5 or 10, percentages. */
const NOT_A_SCORE = String.raw`(?!\s*(?:stars?|Sterne|%|/\s*(?:5|10)\b|out of (?:5|10)\b|von (?:5|10)\b))(?!\d|[.,/]\d)`;
const SCORE = new RegExp(
  String.raw`(?:(?<q>Q[1-5])\s*(?:\(\p{L}+\)\s*)?|(?<index>(?:the\s+)?(?:conductor\s+)?index|der\s+Index|overall)\s+)?(?<![\p{L}])(?:(?:scores|scored|score|gets|got|comes out at|lands at|sits at|erreicht|erzielt|kommt auf|liegt bei)\s+|score\s+(?:of|is|was)\s+|score\s*:\s*|Punktzahl\s+(?:von\s+)?|Punktwert\s+(?:von\s+)?)(?:${SCORE_HEDGE}\s+)?(?<num>\d{1,3}(?:[.,]\d)?)${NOT_A_SCORE}`,
  'giu',
);
/** The words before a score verb that make the note's own question its subject. */
const SCORE_SUBJECT =
  /(?:^|[\s,;:(])(?:it|this question|the question|this|the machine|the tool|the audit|the machine score|its score|our score|die Frage|diese Frage|sie|der Maschinenwert)\s+(?:(?:now|only|still|just|currently|nur|noch)\s+)?(?:has\s+|is\s+|hat\s+)?(?:a\s+|an\s+|einen?\s+)?$/iu;
const SCORE_OVER_100 = /(?:(?<q>Q[1-5])\s*(?::|=|–|-|at|is|gets|scores|erreicht)?\s*)?(?<![\d.,])(?<num>\d{1,3})\s*(?:\/\s*100|out of 100|von 100)(?!\d)/giu;

// ----- comparing ------------------------------------------------------------------------------------------------

const signal = (result: AuditResult, id: string): SignalResult | undefined =>
  result.questions.flatMap((q) => q.signals).find((s) => s.id === id && s.status === 'measured' && s.value !== null);

/** q4-third-party-trackers keeps one evidence item per company, at most this many. */
const TRACKER_EVIDENCE_CAP = TRACKER_EVIDENCE;

function distinctTrackers(s: SignalResult): { n: number; floor: boolean } {
  const n = s.evidence.filter((e) => e.points === 'producer').length;
  return { n, floor: n >= TRACKER_EVIDENCE_CAP || s.strength < 1 };
}

function countDiffers(noted: number, measured: number, bound: Bound, measuredFloor: boolean, slack = 0): boolean {
  switch (bound) {
    case 'at-least':
      return !measuredFloor && measured < noted - slack;
    case 'at-most':
      return measured > noted + slack;
    case 'about':
      return Math.abs(noted - measured) > Math.max(1, 0.2 * noted, slack) && !(measuredFloor && measured >= TRACKER_EVIDENCE_CAP && noted > measured);
    default:
      return Math.abs(noted - measured) > slack && !(measuredFloor && measured >= TRACKER_EVIDENCE_CAP && noted > measured);
  }
}

/** Shares are compared with room: the note may count a different sample than the crawl read. */
const SHARE_TOLERANCE = { exact: 0.15, about: 0.2 };
function shareDiffers(noted: number, measured: number, bound: Bound): boolean {
  if (bound === 'at-least') return measured < noted - SHARE_TOLERANCE.exact;
  if (bound === 'at-most') return measured > noted + SHARE_TOLERANCE.exact;
  return Math.abs(noted - measured) > (bound === 'about' ? SHARE_TOLERANCE.about : SHARE_TOLERANCE.exact);
}

/** Score claims: within 5 points when stated flat, 10 when hedged. */
const SCORE_TOLERANCE = { exact: 5, about: 10 };

/** Whether help (not only contact) is within two clicks: true, false, or unknown. */
function helpReachable(s: SignalResult): boolean | null {
  if (s.value === 2) return true;
  if (s.value === 0) return false;
  // One of the two: the signal's conductor evidence names which target it found (its label or, once labels are
  // message ids, an id containing the target's kind). Undecided → no finding.
  const found = s.evidence.filter((e) => e.points === 'conductor').map((e) => String(e.label?.values?.kind ?? e.label?.id ?? ''));
  if (found.some((l) => /help/i.test(l)) && !found.some((l) => /contact/i.test(l))) return true;
  if (found.some((l) => /contact/i.test(l)) && !found.some((l) => /help/i.test(l))) return false;
  return null;
}

function boundFromHedge(hedge: string | undefined): Bound {
  if (!hedge) return 'exact';
  return boundBefore(hedge);
}

interface Context {
  result: AuditResult;
  question: QuestionId;
  field: 'note' | 'rationale';
}

function checkSentence(sentence: string, ctx: Context): AnalystNoteFinding[] {
  const out: AnalystNoteFinding[] = [];
  const base = { question: ctx.question, field: ctx.field };
  const inRange = (h: Hit) => RANGE_BEFORE.test(h.before) || RANGE_AFTER.test(h.after);

  // Tracker counts: a total against the companies seen, a per-page figure against the mean.
  const trackers = signal(ctx.result, 'q4-third-party-trackers');
  if (trackers) {
    const { n, floor } = distinctTrackers(trackers);
    for (const h of hits(sentence, TRACKER_COUNT)) {
      const noted = parseNumber(h.groups.num!);
      if (noted === null || noted > 200 || inRange(h)) continue;
      // "two ad trackers" counts part of what the signal counts (ads, analytics, social, marketing together): only
      // a part larger than the whole the audit saw contradicts it.
      const subset = /(?<![\p{L}])(?:ad|advertising|marketing|social|analytics|Werbe)(?![\p{L}])/iu.test(h.claim);
      const bound = boundBefore(h.before);
      const perPage = PER_PAGE.test(sentence.slice(Math.max(0, h.index - 50), h.index + h.claim.length + 30));
      const found = { ...base, about: 'Q4' as QuestionId, signalId: trackers.id, kind: 'count' as const, claim: h.claim, noted, bound };
      const perPageFinding = {
        ...found,
        measure: 'trackers-per-page' as const,
        measured: trackers.value!,
        measuredFloor: trackers.strength < 1,
        measuredTotal: n,
      };
      const totalFinding = { ...found, measure: 'trackers-distinct' as const, measured: n, measuredFloor: floor };
      if (subset) {
        if (bound !== 'at-most' && noted > n && n < TRACKER_EVIDENCE_CAP && (n > 0 || !floor)) out.push(perPage ? perPageFinding : totalFinding);
      } else if (perPage) {
        // No page can load more companies than the whole crawl saw; otherwise the mean is compared with a point's room.
        const impossible = !floor && bound !== 'at-most' && noted > n;
        if (impossible || countDiffers(noted, trackers.value!, bound, false, 1)) out.push(perPageFinding);
      } else if ((n > 0 || !floor) && countDiffers(noted, n, bound, floor)) out.push(totalFinding);
    }
    for (const h of hits(sentence, NO_TRACKERS)) {
      if (n > 0 && !SCOPED.test(h.after)) {
        out.push({
          ...base,
          about: 'Q4',
          signalId: trackers.id,
          kind: 'fact',
          measure: 'trackers-present',
          claim: h.claim,
          noted: false,
          bound: 'exact',
          measured: true,
          measuredFloor: false,
        });
      }
    }
  }

  const shares: Array<{ id: string; pattern: RegExp; measure: Measure; about: QuestionId; value: (s: SignalResult) => number }> = [
    { id: 'q1-threads-answered', pattern: THREADS_ANSWERED, measure: 'threads-answered', about: 'Q1', value: (s) => s.value! },
    { id: 'q1-open-content', pattern: CONTENT_WALLED, measure: 'content-walled', about: 'Q1', value: (s) => 1 - s.value! },
    { id: 'q5-sales-in-help', pattern: HELP_SALES, measure: 'help-sales', about: 'Q5', value: (s) => s.value! },
  ];
  for (const spec of shares) {
    const s = signal(ctx.result, spec.id);
    if (!s) continue;
    for (const h of hits(sentence, spec.pattern)) {
      let noted = parseShare(h.groups.share!);
      if (noted === null || inRange(h)) continue;
      // "3 of 10 threads go unanswered" states the unanswered share: turn it round to the signal's meaning.
      if (spec.measure === 'threads-answered' && h.groups.no) noted = 1 - noted;
      const bound = boundBefore(h.before);
      const measured = spec.value(s);
      const b = spec.measure === 'threads-answered' && h.groups.no ? flip(bound) : bound;
      if (shareDiffers(noted, measured, b))
        out.push({
          ...base,
          about: spec.about,
          signalId: s.id,
          kind: 'share',
          measure: spec.measure,
          claim: h.claim,
          noted,
          bound: b,
          measured,
          measuredFloor: false,
        });
    }
  }

  const facts: Array<{ id: string; patterns: RegExp[]; measure: Measure; about: QuestionId; present: (s: SignalResult) => boolean | null }> = [
    { id: 'q4-site-search', patterns: [NO_SEARCH], measure: 'search-present', about: 'Q4', present: (s) => s.value! > 0 },
    { id: 'q5-contact-options', patterns: [NO_CONTACT], measure: 'contact-present', about: 'Q5', present: (s) => s.value! > 0 },
    { id: 'q4-help-reachable', patterns: HELP_NOT_REACHABLE, measure: 'help-reachable', about: 'Q4', present: helpReachable },
  ];
  for (const spec of facts) {
    const s = signal(ctx.result, spec.id);
    if (!s || spec.present(s) !== true) continue;
    const found = spec.patterns
      .flatMap((p) => hits(sentence, p))
      .filter((h) => !SCOPED.test(h.after) && (spec.measure !== 'help-reachable' || HELP_NEGATED.test(h.claim)));
    if (found.length)
      out.push({
        ...base,
        about: spec.about,
        signalId: s.id,
        kind: 'fact',
        measure: spec.measure,
        claim: found[0]!.claim,
        noted: false,
        bound: 'exact',
        measured: true,
        measuredFloor: false,
      });
  }

  // Scores: "Q4 scores 30", "scores about 30", "a score of 30", "30/100".
  const scoreHits = [...hits(sentence, SCORE), ...hits(sentence, SCORE_OVER_100)];
  const seen = new Set<string>();
  for (const h of scoreHits) {
    const noted = parseNumber(h.groups.num!);
    if (noted === null || noted > 100 || inRange(h)) continue;
    if (h.groups.index) continue; // the index is a weighted mean the note seldom states exactly: not checked
    // Whose score: the question named before it ("Q4 scores 30") or after it ("scores 8 on Q1"), or the note's own
    // question when the subject is the question itself ("it scores about 30"); anything else ("the review scores 8",
    // "a score of 100 for an idea") is not a claim about our score.
    const named = /^\s*(?:on|for|in|bei|für)\s+(Q[1-5])\b/i.exec(h.after)?.[1];
    const scopedElsewhere = !named && /^\s*(?:on|for|in|bei|für)\s/i.test(h.after);
    const ownSubject = SCORE_SUBJECT.test(h.before);
    if (scopedElsewhere || (!h.groups.q && !named && !ownSubject)) continue;
    const about = ((h.groups.q ?? named)?.toUpperCase() as QuestionId | undefined) ?? ctx.question;
    const key = `${about}:${noted}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const q = ctx.result.questions.find((x) => x.id === about);
    if (!q || q.score === null) continue;
    const bound = h.groups.hedge ? boundFromHedge(h.groups.hedge) : boundBefore(h.before);
    const tol = bound === 'exact' ? SCORE_TOLERANCE.exact : SCORE_TOLERANCE.about;
    const differs = bound === 'at-least' ? q.score < noted - tol : bound === 'at-most' ? q.score > noted + tol : Math.abs(q.score - noted) > tol;
    if (differs)
      out.push({ ...base, about, signalId: null, kind: 'score', measure: 'score', claim: h.claim, noted, bound, measured: q.score, measuredFloor: false });
  }
  return out;
}

function flip(b: Bound): Bound {
  return b === 'at-least' ? 'at-most' : b === 'at-most' ? 'at-least' : b;
}

/** Every claim in the analyst notes (and rationales) that the measurement contradicts. */
export function checkAnalystNotes(result: AuditResult): AnalystNoteFinding[] {
  const out: AnalystNoteFinding[] = [];
  for (const q of result.questions) {
    for (const field of ['note', 'rationale'] as const) {
      const text = q.analyst?.[field];
      if (!text) continue;
      for (const s of sentences(text)) out.push(...checkSentence(s, { result, question: q.id, field }));
    }
  }
  return out;
}

// ----- words for the consultant (tool output, English) -----------------------------------------------------------

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const BOUND_WORDS: Record<Bound, string> = { exact: '', about: 'about ', 'at-least': 'at least ', 'at-most': 'at most ' };

function describe(f: AnalystNoteFinding): { noted: string; measured: string } {
  const b = BOUND_WORDS[f.bound];
  const n = f.noted as number;
  const m = f.measured as number;
  switch (f.measure) {
    case 'trackers-distinct':
      return {
        noted: `${b}${num(n)} third-party trackers`,
        measured: `${f.measuredFloor && m >= TRACKER_EVIDENCE_CAP ? 'at least ' : ''}${num(m)} (distinct companies${f.measuredFloor ? '; a floor: tags loaded later may be unseen' : ''})`,
      };
    case 'trackers-per-page':
      return {
        noted: `${b}${num(n)} third-party trackers per page`,
        measured: `${m.toFixed(1)} per page on average${f.measuredTotal !== undefined ? `, ${f.measuredTotal} distinct companies in all` : ''}`,
      };
    case 'threads-answered':
      return { noted: `${b}${pct(n)} of threads answered`, measured: `${pct(m)} answered` };
    case 'content-walled':
      return { noted: `${b}${pct(n)} of content behind a wall`, measured: `${pct(m)} walled` };
    case 'help-sales':
      return { noted: `${b}${pct(n)} of help threads with a sales pitch`, measured: `${pct(m)}` };
    case 'trackers-present':
      return { noted: 'there are no third-party trackers', measured: 'third-party trackers (q4-third-party-trackers)' };
    case 'search-present':
      return { noted: 'there is no site search', measured: 'a site search on some pages (q4-site-search)' };
    case 'contact-present':
      return { noted: 'there is no way to contact the brand', measured: 'at least one way to reach a person (q5-contact-options)' };
    case 'help-reachable':
      return { noted: 'help is not reachable from the home page', measured: 'help within two clicks of the home page (q4-help-reachable)' };
    case 'score':
      return { noted: `${f.about} scores ${b}${num(n)}`, measured: `${f.about} ${num(Math.round(m * 10) / 10)}` };
  }
}

/**
 * One console line per contradicted claim, for the consultant (never for the report): `sourceLabel` names the
 * audit file or saved result the notes came from.
 */
export function analystNoteWarnings(result: AuditResult, sourceLabel: string): string[] {
  return checkAnalystNotes(result).map((f) => {
    const { noted, measured } = describe(f);
    const where = f.field === 'note' ? 'analyst note' : 'analyst rationale';
    const verb = f.kind === 'fact' ? 'found' : 'measured';
    return plainLine(`warning: ${sourceLabel}, ${f.question} ${where} says ${noted} (“${f.claim}”); the audit ${verb} ${measured}.`);
  });
}
