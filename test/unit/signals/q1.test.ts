import { describe, expect, it } from 'vitest';
import openContent, { detectWall } from '../../../src/signals/q1/open-content.js';
import registrationBurden, { inspectRegistrationForms } from '../../../src/signals/q1/registration-burden.js';
import socialLogin, { findIdentityProviders } from '../../../src/signals/q1/social-login.js';
import contentAsks, { countAsks } from '../../../src/signals/q1/content-asks.js';
import contentRewards from '../../../src/signals/q1/content-rewards.js';
import threadsAnswered, { inspectAnswers } from '../../../src/signals/q1/threads-answered.js';
import { say } from '../../../src/report/messages.js';
import { measure, pageFromHtml } from '../../helpers/page.js';
import { evLabel, evText, expectDirection, expectEvidence, measured, notApplicable, notMeasured, valueText } from './score-helpers.js';

const T = (n: number) => `https://community.example.com/forum/t/${n}`;

const openThread = (n: number) =>
  pageFromHtml(
    `<header><nav><a href="/login">Sign in</a> <a href="/join">Join</a></nav></header>
     <main><h1>Chain skips under load</h1>
       <article class="post"><p>My chain skips in the two biggest cogs.</p></article>
       <article class="post"><p>Check the B-tension screw first, then the hanger alignment.</p></article>
       <p>Register to reply to this thread.</p></main>`,
    T(n),
  );

describe('q1-open-content', () => {
  it('detectWall finds sign-in wording, wall elements, sign-in redirects and password fields in content', () => {
    const phrase = pageFromHtml('<main><p>First post…</p><div class="cta">Sign in to read the full discussion and 30 replies.</div></main>', T(1));
    const w1 = detectWall(phrase);
    expect(w1.walled).toBe(true);
    expect(w1.evidence!.snippet).toContain('Sign in to read the full discussion');
    expect(w1.evidence!.url).toBe(T(1));

    const el = pageFromHtml('<main><p>First post</p><div class="login-wall"><p>Log in to view all 20 answers.</p></div></main>', T(2));
    expect(detectWall(el)).toMatchObject({ walled: true, evidence: { url: T(2) } });
    expect(evLabel(detectWall(el).evidence!)).toBe('sign-in wall');
    expect(detectWall(el).evidence!.snippet).toContain('Log in to view all 20 answers');

    const redirected = pageFromHtml('<main><form><input type="email"><input type="password"></form></main>', T(3), {
      finalUrl: 'https://community.example.com/login?next=/forum/t/3',
    });
    expect(detectWall(redirected).walled).toBe(true);
    expect(evLabel(detectWall(redirected).evidence!)).toBe('sign-in redirect');
    expect(evText(detectWall(redirected).evidence!)).toBe('Redirected to a sign-in page.');

    const pw = pageFromHtml(
      '<main><h1>Thread</h1><form action="/session"><label>Email <input type="email"></label><label>Password <input type="password"></label></form></main>',
      T(4),
    );
    expect(detectWall(pw).walled).toBe(true);

    expect(detectWall(openThread(5))).toEqual({ walled: false, evidence: null });
  });

  it('a social wall or a photo wall is not a sign-in wall; a regwall or member gate is', () => {
    const social = pageFromHtml(
      `<main><p>${'Members share rides here. '.repeat(10)}</p><div class="social-wall"><p>Latest photos from members</p></div><ul id="photo-wall"><li>pic</li></ul></main>`,
      T(7),
    );
    expect(detectWall(social).walled).toBe(false);
    expect(detectWall(pageFromHtml('<main><p>Intro</p><div class="js-regwall">Create an account</div></main>', T(8))).walled).toBe(true);
    expect(detectWall(pageFromHtml('<main><p>Intro</p><section id="member-gate">Members only</section></main>', T(9))).walled).toBe(true);
  });

  it('an invitation to reply is not a wall on reading', () => {
    const p = pageFromHtml('<main><article class="post"><p>Answer text.</p></article><p>Sign in to join the discussion.</p></main>', T(6));
    expect(detectWall(p).walled).toBe(false);
  });

  it('moves with the share of walled threads, counts 401/403 content URLs, and scores producer vs conductor', async () => {
    const walled = [1, 2, 3].map((n) => pageFromHtml('<main><p>Intro</p><p>Sign in to read the full discussion.</p></main>', T(n)));
    const denied = [{ url: T(9), depth: 1, outcome: 'failed' as const, reason: 'http-error' as const, status: 403 }];
    const producer = measure(openContent, [...walled, openThread(4)], denied);
    const m = measured(producer);
    expect(m.value).toBeCloseTo(1 / 5);
    expect(m.pagesObserved).toBe(5);
    expectEvidence(m, [T(1), T(2), T(3), T(4), T(9)], 'Sign in to read the full discussion');
    expect(m.evidence.some((e) => e.url === T(9) && evText(e) === 'HTTP 403: access refused without signing in.' && evLabel(e) === 'access refused')).toBe(
      true,
    );
    // Walls point to the producer end (the same wall wording on three pages is one item, seen on 3 pages); the open
    // page is counted on the conductor side.
    expect(m.evidence.filter((e) => e.points === 'producer').map((e) => [e.url, e.seenOn])).toEqual([
      [T(1), 3],
      [T(9), undefined],
    ]);
    expect(evText(m.evidence.find((e) => e.points === 'conductor')!)).toBe('1 of 5 community pages readable without an account, e.g. “Test page”.');
    expect(valueText(m)).toBe('20% of 5 content pages open (4 walled)');

    const conductor = measure(openContent, [openThread(1), openThread(2), openThread(3)]);
    expect(measured(conductor).value).toBe(1);
    await expectDirection(openContent, producer, conductor);
  });

  it('a 403 on a non-content URL (account, admin) is not a walled content page', () => {
    const records = [
      { url: 'https://community.example.com/account/settings', depth: 1, outcome: 'failed' as const, reason: 'http-error' as const, status: 403 },
    ];
    const m = measured(measure(openContent, [openThread(1)], records));
    expect(m.value).toBe(1);
  });

  it('is not applicable without content pages: there is nothing to wall', () => {
    const home = pageFromHtml('<main>Welcome</main>', 'https://community.example.com/');
    notApplicable(measure(openContent, [home]));
  });
});

const JOIN = 'https://community.example.com/join.html';

const heavyForm = `<main><h1>Join MegaMart Rewards</h1><form action="/register" method="post">
  <label for="fn">First name</label><input id="fn" name="first_name" required>
  <label for="ln">Last name</label><input id="ln" name="last_name" required>
  <label for="em">Email address</label><input id="em" type="email" name="email" required>
  <label for="dob">Date of birth</label><input id="dob" type="date" name="dob" autocomplete="bday" required>
  <label for="ph">Mobile phone</label><input id="ph" type="tel" name="phone" autocomplete="tel">
  <label for="st">Street address</label><input id="st" name="street" autocomplete="street-address">
  <label for="zip">ZIP code</label><input id="zip" name="zip" autocomplete="postal-code">
  <label>Gender <select name="gender"><option>Female</option><option>Male</option></select></label>
  <label for="pw">Password</label><input id="pw" type="password" autocomplete="new-password" required>
  <input type="checkbox" name="newsletter"> <button type="submit">Create account</button></form></main>`;

const lightForm = `<main><h1>Join the community</h1><form action="/register" method="post">
  <label for="email">Email address</label><input id="email" type="email" name="email" required>
  <label for="user">Username</label><input id="user" name="username" autocomplete="username" required>
  <label for="homepage">Homepage (optional)</label><input id="homepage" type="url" name="homepage">
  <label for="pw">Password</label><input id="pw" type="password" name="password" autocomplete="new-password" required>
  <button type="submit">Join</button></form></main>`;

describe('q1-registration-burden', () => {
  it('inspectRegistrationForms lists personal-data kinds from autocomplete tokens and labels', () => {
    const obs = inspectRegistrationForms(pageFromHtml(heavyForm, JOIN))!;
    expect(obs.personal).toEqual(['birthday', 'full name', 'gender', 'phone', 'postal address']);
    expect(obs.fields).toBe(9);
    expect(obs.required).toBe(5);
    expect(obs.evidence.url).toBe(JOIN);
    expect(obs.evidence.snippet).toBeUndefined();
    expect(evText(obs.evidence)).toBe('Sign-up form with 9 fields (5 required); asks for birthday, full name, gender, phone and postal address.');
    expect(evLabel(obs.evidence)).toBe('registration form');
  });

  it('an "Email address" label and an optional homepage are not personal data', () => {
    const obs = inspectRegistrationForms(pageFromHtml(lightForm, JOIN))!;
    expect(obs.personal).toEqual([]);
    expect(obs.fields).toBe(4);
    expect(evText(obs.evidence)).toBe('Sign-up form with 4 fields (3 required).');
  });

  it('a plain sign-in form on a thread is not a registration form', () => {
    const p = pageFromHtml('<main><form action="/session"><input type="email" name="email"><input type="password" name="password"></form></main>', T(1));
    expect(inspectRegistrationForms(p)).toBeNull();
  });

  it('scores a data-hungry form low and a light one high', async () => {
    const producer = measure(registrationBurden, [pageFromHtml(heavyForm, JOIN), openThread(1)]);
    const m = measured(producer);
    expect(m.value).toBe(5);
    expect(valueText(m)).toBe('5 kinds of personal data (birthday, full name, gender, phone and postal address) in 9 fields');
    expectEvidence(m, [JOIN], 'birthday');
    const conductor = measure(registrationBurden, [pageFromHtml(lightForm, JOIN)]);
    expect(measured(conductor).value).toBe(0);
    expect(valueText(conductor)).toBe('no personal data beyond the account in 4 fields');
    await expectDirection(registrationBurden, producer, conductor);
  });

  it('is not measured without a sign-up form', () => {
    notMeasured(measure(registrationBurden, [openThread(1)]));
  });
});

const SIGNIN = 'https://community.example.com/login';

describe('q1-social-login', () => {
  it('findIdentityProviders recognises OAuth endpoints and "continue with" labels', () => {
    const p = pageFromHtml(
      `<main><h1>Sign in</h1>
        <a href="https://accounts.google.com/o/oauth2/v2/auth?client_id=x">Google</a>
        <form action="/auth/apple" method="post"><button>Continue with Apple</button></form>
        <a href="https://github.com/login/oauth/authorize?client_id=y">GitHub</a>
        <form action="/session"><input type="email"><input type="password"></form></main>`,
      SIGNIN,
    );
    const obs = findIdentityProviders(p);
    expect(obs.providers).toEqual(['Apple', 'GitHub', 'Google']);
    expect(obs.evidence.every((e) => e.url === SIGNIN)).toBe(true);
    expect(obs.evidence.some((e) => evText(e) === '“Google” leads to Google’s sign-in at accounts.google.com.')).toBe(true);
    // A form posting to the site's own endpoint is named by its words, without a host.
    expect(obs.evidence.some((e) => evText(e) === '“Continue with Apple” leads to Apple’s sign-in.' && evLabel(e) === 'sign in with Apple')).toBe(true);
  });

  it('scores own-account-only low and several identities high', async () => {
    const own = pageFromHtml(
      '<main><h1>Sign in to MyMegaMart</h1><form action="/session"><input type="email"><input type="password"></form></main>',
      SIGNIN,
      {},
      { title: 'Sign in' },
    );
    const producer = measure(socialLogin, [own, openThread(1)]);
    const pm = measured(producer);
    expect(pm.value).toBe(0);
    expect(valueText(pm)).toBe('own account only');
    expectEvidence(pm, [SIGNIN], 'email and password only');
    expect(evText(pm.evidence[0]!)).toBe('Email and password only on “Sign in”, no external identity offered.');
    const withIds = pageFromHtml(
      '<main><a href="https://accounts.google.com/o/oauth2/auth?x=1">Sign in with Google</a><a href="https://appleid.apple.com/auth/authorize?x=1">Sign in with Apple</a></main>',
      SIGNIN,
    );
    const conductor = measure(socialLogin, [withIds]);
    expect(measured(conductor).value).toBe(2);
    expect(valueText(conductor)).toBe('2 identity providers (Apple and Google)');
    expectEvidence(measured(conductor), [SIGNIN], 'Sign in with Google');
    await expectDirection(socialLogin, producer, conductor);
  });

  it('is not measured without a sign-in or sign-up page', () => {
    notMeasured(measure(socialLogin, [openThread(1)]));
  });
});

describe('q1-content-asks', () => {
  it('countAsks separates asks for brand content from asks to help members', () => {
    const p = pageFromHtml('<main><p>Write a review and tell us what you think!</p><p>Know the answer? Help another member.</p></main>', T(1));
    const obs = countAsks(p)!;
    expect(obs.brandAsks).toBe(2);
    expect(obs.memberAsks).toBe(2);
    expect(obs.evidence.map(evLabel)).toEqual(['asks for brand content', 'asks to help members']);
    expect(countAsks(pageFromHtml('<main><p>Écrivez un avis.</p></main>', T(2), {}, { lang: 'fr' }))).toBeNull();
  });

  it('scores brand-serving asks low and member-to-member asks high', async () => {
    const producer = measure(contentAsks, [
      pageFromHtml('<main><p>Loved it? Write a review. Rate this product. Submit your idea to our board.</p></main>', T(1)),
      pageFromHtml('<main><p>Review this purchase to earn points.</p></main>', T(2)),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBe(1);
    expect(valueText(pm)).toMatch(/^100% of \d+ asks serve the brand \(\d+ brand, 0 member-to-member\)$/);
    expectEvidence(pm, [T(1), T(2)], 'Write a review');
    const conductor = measure(contentAsks, [
      pageFromHtml('<main><p>Know the answer? Help a fellow rider with this one.</p></main>', T(3)),
      pageFromHtml('<main><p>Can you help? Share your fix so the next person finds it.</p></main>', T(4)),
    ]);
    expect(measured(conductor).value).toBe(0);
    expectEvidence(measured(conductor), [T(3), T(4)], 'Know the answer');
    await expectDirection(contentAsks, producer, conductor);
  });

  it('is not measured when there are no asks, or the page is in a language without a lexicon', () => {
    notMeasured(measure(contentAsks, [openThread(1)]));
    notMeasured(measure(contentAsks, [pageFromHtml('<main><p>Écrivez un avis.</p></main>', T(2), {}, { lang: 'fr' })]));
  });
});

describe('q1-content-rewards', () => {
  it('scores paid-for content low and no rewards high', async () => {
    const producer = measure(contentRewards, [
      pageFromHtml('<main><p>Earn 500 MegaPoints for every approved review!</p></main>', T(1)),
      pageFromHtml('<main><p>Get a $5 coupon when you post a review with a photo.</p></main>', T(2)),
      openThread(3),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBeCloseTo(2 / 3);
    expectEvidence(pm, [T(1), T(2)], 'Earn 500 MegaPoints');
    expect(pm.evidence.some((e) => evText(e).includes('$5 coupon'))).toBe(true);
    expect(valueText(pm)).toBe('67% of 3 pages offer rewards for content');
    const conductor = measure(contentRewards, [openThread(1), openThread(2)]);
    expect(measured(conductor).value).toBe(0);
    expect(evText(measured(conductor).evidence[0]!)).toBe('No offer of points, coupons or credit for content on 2 pages.');
    expect(evLabel(measured(conductor).evidence[0]!)).toBe('none found');
    await expectDirection(contentRewards, producer, conductor);
  });

  it('is not measured when no page is in a language with a lexicon', () => {
    notMeasured(measure(contentRewards, [pageFromHtml('<main><p>Gagnez 500 points pour chaque avis.</p></main>', T(1), {}, { lang: 'fr' })]));
  });
});

describe('q1-threads-answered: its words', () => {
  const post = (author: string, text: string) => `<article class="post"><header><span class="author">${author}</span></header><p>${text}</p></article>`;
  const thread = (n: number, posts: string) => pageFromHtml(`<main><h1>Q${n}</h1>${posts}</main>`, T(n), {}, { title: `Brakes squeal ${n}` });

  it('says how many replies each thread shows, and the share answered', () => {
    const m = measured(measure(threadsAnswered, [thread(1, post('ann', 'Squeal.')), thread(2, post('ann', 'Squeal.') + post('bob', 'Clean the rotor.'))]));
    expect(valueText(m)).toBe('50% of 2 threads show at least one answer');
    const byLabel = Object.fromEntries(m.evidence.map((e) => [evLabel(e), evText(e)]));
    expect(byLabel).toEqual({ unanswered: '“Brakes squeal 1”: 0 replies on the page.', answered: '“Brakes squeal 2”: 1 reply on the page.' });
  });

  it('words declared answers without naming the markup, and a walled thread as hidden', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'QAPage',
      mainEntity: { '@type': 'Question', name: 'x', answerCount: 3, acceptedAnswer: { '@type': 'Answer', text: 'y' } },
    };
    const schema = pageFromHtml(
      '<main><h1>Q</h1><p>Text</p></main>',
      T(3),
      {},
      { title: 'Gears', head: `<script type="application/ld+json">${JSON.stringify(ld)}</script>` },
    );
    expect(evText(inspectAnswers(schema)!.evidence)).toBe('“Gears”: the page declares 3 answers, one marked as accepted.');
    const walled = pageFromHtml('<main><p>Intro</p><p>Sign in to read the full discussion.</p></main>', T(4), {}, { title: 'Locked' });
    const e = inspectAnswers(walled)!.evidence;
    expect([evText(e), evLabel(e)]).toEqual(['“Locked”: answers hidden behind sign-in.', 'answers not visible']);
    expect(say(e.note!, 'de')).toBe('„Locked“: Antworten hinter der Anmeldung verborgen.');
  });

  it('is not applicable without threads, not measured when their posts cannot be read', () => {
    expect(notApplicable(measure(threadsAnswered, [pageFromHtml('<main>Welcome</main>', 'https://community.example.com/')]))).toBe(
      'No discussion or question threads were found.',
    );
    // A thread URL whose page shows no posts (a script-only app): a thread, but nothing to read.
    const unreadable = pageFromHtml('<main><h1>Q</h1><p>Loading…</p></main>', T(5));
    expect(unreadable.type).toBe('thread');
    expect(notMeasured(measure(threadsAnswered, [unreadable]))).toBe('The posts of the 1 thread page found could not be read.');
  });
});
