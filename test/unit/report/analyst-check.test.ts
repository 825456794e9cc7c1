import { describe, expect, it } from 'vitest';
import { analystNoteWarnings, checkAnalystNotes } from '../../../src/report/analyst-check.js';
import type { AuditResult, Evidence, QuestionId, SignalResult } from '../../../src/result/types.js';
import { loadFixture } from './helpers.js';
import { message, type Message } from '../../../src/i18n/message.js';

/** The label help-reachable gives the target it found: a message whose `kind` value names it. */
const linkLabel = (kind: 'help' | 'contact'): Message => message('q4-help-reachable.labelLink', { kind });

/** A measured signal; `producer`/`conductor` add that many evidence items pointing that way. */
function sig(
  id: string,
  value: number,
  opts: { producer?: number; conductor?: Message[]; strength?: number; status?: SignalResult['status'] } = {},
): SignalResult {
  const evidence: Evidence[] = [
    ...Array.from({ length: opts.producer ?? 0 }, (_, i) => ({
      url: `https://x.example/${i}`,
      snippet: `s${i}`,
      label: message('test.item', { i }),
      points: 'producer' as const,
    })),
    ...(opts.conductor ?? []).map((label, i) => ({ url: `https://x.example/c${i}`, snippet: `c${i}`, label, points: 'conductor' as const })),
  ];
  const status = opts.status ?? 'measured';
  return {
    id,
    question: id.slice(0, 2).toUpperCase() as QuestionId,
    direction: 'conductor',
    status,
    value: status === 'measured' ? value : null,
    // The check reads typed values and evidence, never the worded value.
    display: message('test.notReadByTheCheck'),
    score: status === 'measured' ? 50 : null,
    leaning: 'neutral',
    weight: 1,
    strength: opts.strength ?? 1,
    pagesObserved: 10,
    evidence,
  };
}

const SIGNALS = [
  sig('q1-threads-answered', 0.125),
  sig('q1-open-content', 0.2),
  sig('q4-third-party-trackers', 5.42, { producer: 6, strength: 0.25 }),
  sig('q4-site-search', 0),
  sig('q4-help-reachable', 1, { conductor: [linkLabel('help')] }),
  sig('q5-contact-options', 0),
  sig('q5-sales-in-help', 0.4),
];

function audit(notes: Partial<Record<QuestionId, string>>, signals: SignalResult[] = SIGNALS, scores: Partial<Record<QuestionId, number>> = {}): AuditResult {
  const base = loadFixture('sample');
  return {
    ...base,
    questions: base.questions.map((q) => ({
      ...q,
      score: scores[q.id] ?? 20,
      signals: signals.filter((s) => s.question === q.id),
      analyst: notes[q.id] ? { note: notes[q.id]! } : null,
    })),
  };
}

const claims = (notes: Partial<Record<QuestionId, string>>, signals?: SignalResult[], scores?: Partial<Record<QuestionId, number>>) =>
  checkAnalystNotes(audit(notes, signals, scores));

describe('analyst notes checked against the measurement', () => {
  it('finds the demo contradictions: seven tags per page where the crawl saw six companies, help said to be only behind sign-in', () => {
    const found = claims({
      Q4:
        'Each page loads seven third-party tags (Google, Meta, Hotjar, Bing, DoubleClick, Criteo, TikTok) behind a cookie banner that offers only "Accept all", ' +
        'and content pages open a 10%-off email pop-up. There is no site search and no contact route, and the help centre can only be reached from the sign-in and terms pages.',
    });
    expect(found.map((f) => [f.measure, f.noted, f.measured])).toEqual([
      ['trackers-per-page', 7, 5.42],
      ['help-reachable', false, true],
    ]);
    expect(found[0]).toMatchObject({ question: 'Q4', signalId: 'q4-third-party-trackers', kind: 'count', claim: 'seven third-party tags', measuredTotal: 6 });
    expect(found[1]!.claim).toMatch(/^the help centre can only be reached from the sign-in/);
  });

  it('compares a stated total with the companies seen, in digits or words, English or German', () => {
    for (const note of [
      'The site loads 7 trackers.',
      'We counted seven tracking companies.',
      'Die Seite lädt sieben Tracker.',
      'a dozen third-party scripts',
      'Es laden zwölf Drittanbieter-Tags.',
    ]) {
      const f = claims({ Q4: note });
      expect(f, note).toHaveLength(1);
      expect(f[0]).toMatchObject({ measure: 'trackers-distinct', measured: 6, measuredFloor: true });
    }
    expect(claims({ Q4: 'The site loads 6 trackers.' })).toEqual([]);
    expect(claims({ Q4: 'Sechs Tracker, darunter Google.' })).toEqual([]);
  });

  it('gives hedged, bounded and ranged figures room', () => {
    for (const note of [
      'about 7 trackers',
      'roughly six trackers',
      'at least 5 trackers',
      'up to 8 trackers',
      'between 5 and 7 trackers',
      '5–7 trackers',
      '6 or 7 trackers',
      'etwa sieben Tracker',
      'mindestens vier Tracker',
    ])
      expect(claims({ Q4: note }), note).toEqual([]);
    // The static reading is a floor: "at least 9" may be right; a browser-rendered count of 6 says otherwise.
    expect(claims({ Q4: 'at least 9 trackers' })).toEqual([]);
    const rendered = SIGNALS.map((s) => (s.id === 'q4-third-party-trackers' ? sig(s.id, 5.42, { producer: 6 }) : s));
    expect(claims({ Q4: 'at least 9 trackers' }, rendered)).toHaveLength(1);
    expect(claims({ Q4: 'at most 3 trackers' })).toHaveLength(1);
    // Part of what the signal counts: only more than the whole contradicts it.
    expect(claims({ Q4: 'seven advertising trackers' })[0]).toMatchObject({ measure: 'trackers-distinct', noted: 7, measured: 6 });
    // "about 7" is fine when the audit measured 7.
    const seven = SIGNALS.map((s) => (s.id === 'q4-third-party-trackers' ? sig(s.id, 6.1, { producer: 7 }) : s));
    expect(claims({ Q4: 'about 7 trackers' }, seven)).toEqual([]);
    expect(claims({ Q4: 'seven trackers' }, seven)).toEqual([]);
  });

  it('leaves alone numbers about something else: dates, years, "Q4", discounts, points, post tags, one-click', () => {
    for (const note of [
      'In 2024 the site added 3 new forums.',
      'On 12 March 2025 there were 7 trackers-free pages.',
      'Q4 is the weakest question; Q5 follows.',
      'Content pages open a 10%-off email pop-up.',
      'MegaPoints: 50 for a review, 100 for an idea.',
      'Threads carry seven tags each.',
      'A one-click JSON export and 24/7 support.',
      'one cookie-free analytics script and no ad trackers',
      'No trackers before consent is given.',
      'There is no search engine traffic to speak of.',
      'Google Tag Manager loads at least 3 more tags after consent.',
      'Across 3 visits in Q4 2025 we saw 6 different trackers.',
      'Only 2 ad trackers: Criteo and Meta.',
      'Zwei Werbe-Tracker laden erst nach dem Klick.',
    ])
      expect(claims({ Q4: note }), note).toEqual([]);
  });

  it('reads a per-page figure against the mean, and a total above what any page could load', () => {
    expect(claims({ Q4: 'Every page loads about five trackers.' })).toEqual([]);
    expect(claims({ Q4: 'Pro Seite laden sechs Tracker.' })).toEqual([]);
    expect(claims({ Q4: 'Jede Seite lädt neun Tracker.' })[0]).toMatchObject({ measure: 'trackers-per-page', noted: 9 });
    expect(claims({ Q4: 'On average 2 trackers per page.' })[0]).toMatchObject({ measure: 'trackers-per-page', noted: 2 });
  });

  it('checks shares of threads answered (either way round), walled content and sales pitches in help', () => {
    expect(claims({ Q1: 'Only 1 of 10 threads is answered.' })).toEqual([]);
    expect(claims({ Q1: '7 of 8 threads go unanswered.' })).toEqual([]);
    expect(claims({ Q1: 'Half the threads get an answer.' })).toEqual([]); // "half the" is not a share claim it reads
    expect(claims({ Q1: '60% of threads are answered.' })[0]).toMatchObject({ measure: 'threads-answered', noted: 0.6, measured: 0.125 });
    expect(claims({ Q1: '20% of threads go unanswered.' })[0]).toMatchObject({ measure: 'threads-answered', noted: 0.8 });
    expect(claims({ Q1: '80 % der Threads werden beantwortet.' })[0]).toMatchObject({ measure: 'threads-answered', noted: 0.8 });
    expect(claims({ Q1: '80% of content pages are behind a sign-in wall.' })).toEqual([]);
    expect(claims({ Q1: '30% of content pages are behind a sign-in wall.' })[0]).toMatchObject({ measure: 'content-walled', noted: 0.3 });
    expect(claims({ Q5: '40 % of help threads carry a sales pitch.' })).toEqual([]);
    expect(claims({ Q5: '90% of help threads carry a sales pitch.' })[0]).toMatchObject({ measure: 'help-sales', noted: 0.9, measured: 0.4 });
  });

  it('checks plain facts against typed values, and only where the measurement says otherwise', () => {
    const found = SIGNALS.map((s) =>
      s.id === 'q4-site-search' ? sig(s.id, 0.5) : s.id === 'q5-contact-options' ? sig(s.id, 2) : s.id === 'q4-help-reachable' ? sig(s.id, 2) : s,
    );
    expect(claims({ Q4: 'There is no site search.' }, found)[0]).toMatchObject({ measure: 'search-present', noted: false, measured: true });
    expect(claims({ Q4: 'Es gibt keine Suchfunktion.' }, found)).toHaveLength(1);
    expect(claims({ Q5: 'There is no way to contact the brand.' }, found)[0]).toMatchObject({ measure: 'contact-present' });
    expect(claims({ Q5: 'There is no contact form.' }, found)).toEqual([]); // a form is one kind of contact: not checked
    expect(claims({ Q4: 'There is no help centre.' }, found)[0]).toMatchObject({ measure: 'help-reachable' });
    expect(claims({ Q4: 'Das Hilfe-Center ist nur über die Anmeldeseite erreichbar.' }, found)).toHaveLength(1);
    expect(claims({ Q4: 'Help can be reached from the home page.' }, found)).toEqual([]);
    // A fact said of part of the site is not one the site-wide reading contradicts.
    for (const note of [
      'We found no tracking on the help pages.',
      'no tracking pixel in emails',
      'Help pages exist, but no help link in the header.',
      'There is no search on mobile.',
    ])
      expect(claims({ Q4: note }, found), note).toEqual([]);
    expect(claims({ Q4: 'There are no trackers on any page.' })).toHaveLength(1);
    expect(claims({ Q4: 'There are no trackers at all.' })[0]).toMatchObject({ measure: 'trackers-present' });
    // Where the audit agrees (or cannot tell which of help and contact it reached), nothing.
    expect(claims({ Q4: 'There is no site search and no contact route.' })).toEqual([]);
    const contactOnly = SIGNALS.map((s) => (s.id === 'q4-help-reachable' ? sig(s.id, 1, { conductor: [linkLabel('contact')] }) : s));
    expect(claims({ Q4: 'Help can only be reached from the sign-in page.' }, contactOnly)).toEqual([]);
    const unknown = SIGNALS.map((s) => (s.id === 'q4-help-reachable' ? sig(s.id, 1) : s));
    expect(claims({ Q4: 'Help can only be reached from the sign-in page.' }, unknown)).toEqual([]);
  });

  it('checks score claims with a tolerance, on the question named or the note’s own', () => {
    const scores = { Q2: 10, Q4: 16.6 };
    expect(claims({ Q4: 'Q4 scores 30.' }, SIGNALS, scores)[0]).toMatchObject({ kind: 'score', about: 'Q4', noted: 30, measured: 16.6 });
    expect(claims({ Q4: 'It scores about 30.' }, SIGNALS, scores)[0]).toMatchObject({ bound: 'about', noted: 30 });
    expect(claims({ Q4: 'It scores about 20.' }, SIGNALS, scores)).toEqual([]);
    expect(claims({ Q4: 'Q4 scores 17, and Q2 scores 40/100.' }, SIGNALS, scores).map((f) => [f.about, f.noted])).toEqual([['Q2', 40]]);
    expect(claims({ Q4: 'Reviews score 4 stars on average; a score of 4.5 out of 5.' }, SIGNALS, scores)).toEqual([]);
    expect(claims({ Q4: 'The index scores 80.' }, SIGNALS, scores)).toEqual([]); // the index is not checked
    expect(claims({ Q4: 'It scores 20 on Q1, as we expected.' }, SIGNALS, scores)).toEqual([]); // Q1 is 20 here
    expect(claims({ Q4: 'It scores 60 on Q1.' }, SIGNALS, scores)[0]).toMatchObject({ about: 'Q1', noted: 60 });
    // Something else's score is not ours.
    for (const note of ['The review scores 8 with members.', 'The score of 100 for an idea is MegaPoints.', 'Members score each other with 5 points per like.'])
      expect(claims({ Q4: note }, SIGNALS, scores), note).toEqual([]);
    expect(claims({ Q4: 'This question has a score of 60.' }, SIGNALS, scores)[0]).toMatchObject({ about: 'Q4', noted: 60 });
    expect(claims({ Q4: 'Q4 erreicht etwa 40 Punkte.' }, SIGNALS, scores)[0]).toMatchObject({ about: 'Q4', noted: 40, bound: 'about' });
  });

  it('says nothing when a signal was not measured', () => {
    const none = SIGNALS.map((s) => sig(s.id, 0, { status: 'not-measured' }));
    expect(claims({ Q4: 'Seven trackers, no site search, no help centre.', Q1: '90% of threads are answered.' }, none)).toEqual([]);
  });

  it('words one console line per finding, naming the file, the question, the note’s figure and the measured one', () => {
    const lines = analystNoteWarnings(audit({ Q4: 'Each page loads seven third-party tags. The site loads 9 trackers.' }), 'megamart.yaml');
    expect(lines).toEqual([
      'warning: megamart.yaml, Q4 analyst note says 7 third-party trackers per page (“seven third-party tags”); the audit measured 5.4 per page on average, 6 distinct companies in all.',
      'warning: megamart.yaml, Q4 analyst note says 9 third-party trackers (“9 trackers”); the audit measured 6 (distinct companies; a floor: tags loaded later may be unseen).',
    ]);
    expect(analystNoteWarnings(audit({}), 'x.yaml')).toEqual([]);
  });
});
