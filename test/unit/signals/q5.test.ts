import { describe, expect, it } from 'vitest';
import policiesLinked, { findPolicyLinks } from '../../../src/signals/q5/policies-linked.js';
import consentChoice, { consentValue, inspectConsent } from '../../../src/signals/q5/consent-choice.js';
import staffLabelled, { findStaffLabel } from '../../../src/signals/q5/staff-labelled.js';
import salesInHelp, { isHelpThread, postsText } from '../../../src/signals/q5/sales-in-help.js';
import { measure, pageFromHtml } from '../../helpers/page.js';
import { en, evLabel, evText, expectDirection, expectEvidence, measured, notMeasured, notApplicable, valueText } from './score-helpers.js';

const T = (n: number) => `https://community.example.com/forum/t/${n}`;
const H = (n: number) => `https://community.example.com/help/article-${n}`;
const PRIVACY = 'https://community.example.com/privacy.html';

const footer = '<footer><a href="/privacy.html">Privacy</a> · <a href="/terms.html">Terms of use</a></footer>';

describe('q5-policies-linked', () => {
  it('findPolicyLinks uses rel first, then link text and path', () => {
    const rel = pageFromHtml('<main>x</main><footer><a rel="privacy-policy" href="/legal/p">Your data</a></footer>', T(1));
    expect(evText(findPolicyLinks(rel).privacy!)).toMatch(/^Privacy policy link → /);
    expect(evLabel(findPolicyLinks(rel).privacy!)).toBe('privacy policy link');
    expect(findPolicyLinks(rel).terms).toBeNull();
    const text = pageFromHtml(`<main>x</main>${footer}`, T(2));
    expect(evText(findPolicyLinks(text).privacy!)).toContain('/privacy.html');
    expect(evText(findPolicyLinks(text).terms!)).toContain('“Terms of use” →');
  });

  it('scores unlinked rules low and linked rules high', async () => {
    const producer = measure(policiesLinked, [pageFromHtml('<main>a</main>', T(1), {}, { title: 'Thread one' }), pageFromHtml('<main>b</main>', T(2))]);
    const pm = measured(producer);
    expect(pm.value).toBe(0);
    expect(valueText(pm)).toBe('privacy policy linked from 0%, terms from 0% of 2 pages; no privacy policy page found');
    expectEvidence(pm, [T(1), T(2)], 'Thread one: no link to a privacy policy');
    const conductor = measure(policiesLinked, [
      pageFromHtml(`<main>a</main>${footer}`, T(1)),
      pageFromHtml(`<main>b</main>${footer}`, T(2)),
      pageFromHtml('<main><h1>Privacy</h1></main>', PRIVACY),
    ]);
    const cm = measured(conductor);
    expect(cm.value).toBe(1);
    expect(cm.pagesObserved).toBe(2);
    expectEvidence(cm, [T(1), T(2)], '/privacy.html');
    await expectDirection(policiesLinked, producer, conductor);
  });

  it('is not measured when only the policy pages were fetched', () => {
    notMeasured(measure(policiesLinked, [pageFromHtml('<main>p</main>', PRIVACY)]));
  });
});

const gtm = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-XYZ"></script>';
const fb = '<script src="https://connect.facebook.net/en_US/fbevents.js"></script>';

describe('q5-consent-choice', () => {
  it('inspectConsent reads the banner controls; consentValue grades the choice', () => {
    const reject = inspectConsent(
      pageFromHtml(`<main>x</main><div id="cookie-banner"><p>We use cookies.</p><button>Accept all</button><button>Reject all</button></div>${gtm}`, T(1)),
    );
    expect(reject).toMatchObject({ trackers: 1, banner: 'reject' });
    expect(evText(reject.evidence!)).toContain('Reject all');
    expect(en(reject.evidence!.note)).toBe('Its buttons are “Accept all” and “Reject all”: refusing is as easy as accepting.');
    expect(evLabel(reject.evidence!)).toBe('consent banner (with a reject option)');
    expect(consentValue(reject)).toBe(1);
    const settings = inspectConsent(
      pageFromHtml(`<main>x</main><div class="consent-bar"><button>Accept</button><a href="#">Manage preferences</a></div>${gtm}`, T(2)),
    );
    expect(settings.banner).toBe('settings');
    expect(consentValue(settings)).toBe(0.5);
    const acceptOnly = inspectConsent(pageFromHtml(`<main>x</main><div class="gdpr-notice"><button>OK, got it</button></div>${gtm}`, T(3)));
    expect(acceptOnly.banner).toBe('accept-only');
    expect(en(acceptOnly.evidence!.note)).toBe('Its only button is “OK, got it”: there is no way to refuse.');
    expect(consentValue(acceptOnly)).toBe(0);
    const none = inspectConsent(pageFromHtml(`<main>x</main>${gtm}`, T(4)));
    expect(none).toEqual({ trackers: 1, banner: 'none', evidence: null });
    expect(consentValue(none)).toBe(0);
    // No banner is no choice, whatever the trackers: "nothing to consent to" is the tracker signal's finding, not this one's.
    expect(consentValue({ trackers: 0, banner: 'none', evidence: null })).toBe(0);
  });

  it('reads German banner buttons: a real reject, settings, or accept only', () => {
    const de = (buttons: string, n: number) =>
      inspectConsent(pageFromHtml(`<main>x</main><div id="cookie-banner"><p>Wir verwenden Cookies.</p>${buttons}</div>${gtm}`, T(n), {}, { lang: 'de' }));
    expect(de('<button>Alle akzeptieren</button><button>Nur notwendige Cookies</button>', 1).banner).toBe('reject');
    expect(de('<button>Alle akzeptieren</button><button>Alle ablehnen</button>', 2).banner).toBe('reject');
    expect(de('<button>Zustimmen</button><a href="#">Einstellungen</a>', 3).banner).toBe('settings');
    expect(de('<button>Einverstanden</button>', 4).banner).toBe('accept-only');
  });

  it('scores tracking without choice low and a real choice high', async () => {
    const producer = measure(consentChoice, [
      pageFromHtml(`<main>a</main>${gtm}${fb}`, T(1)),
      pageFromHtml(`<main>b</main><div class="cookie-notice"><button>Accept</button></div>${gtm}`, T(2)),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBe(0);
    expectEvidence(pm, [T(1), T(2)], '2 tracking companies and no consent banner');
    expect(valueText(pm)).toBe('2 of 2 pages track; banner: accept only');
    const conductor = measure(consentChoice, [
      pageFromHtml(`<main>a</main><div id="cookie-banner"><button>Accept</button><button>Necessary only</button></div>${gtm}`, T(1)),
      pageFromHtml('<main>b</main>', T(2)),
    ]);
    const cm = measured(conductor);
    expect(cm.value).toBe(1);
    expectEvidence(cm, [T(1)], 'Necessary only');
    expect(valueText(cm)).toBe('1 of 2 pages track; banner: with a reject option');
    await expectDirection(consentChoice, producer, conductor);
  });

  it('is not measured without pages, and not applicable where nothing tracks', () => {
    notMeasured(measure(consentChoice, []));
    expect(notApplicable(measure(consentChoice, [pageFromHtml('<main>a</main>', T(1))]))).toBe(
      'No tracker was seen on 1 page, so there was nothing to consent to.',
    );
  });

  it('names the legal risk of an accept-only banner, in both languages', () => {
    expect(consentChoice.meta.risk).toBe('consent');
    expect(consentChoice.strings.en.impact).toMatch(/as easy to refuse as to give/);
    expect(consentChoice.strings.en.impact).toMatch(/GDPR/);
    expect(consentChoice.strings.en.impact).toMatch(/ePrivacy/);
    expect(consentChoice.strings.de.impact).toMatch(/DSGVO/);
    expect(consentChoice.strings.de.impact).toMatch(/ePrivacy/);
  });
});

const staffThread = (n: number) =>
  pageFromHtml(
    `<main><article class="post"><span class="author">rider42</span><p>My brakes squeal.</p></article>
     <article class="post"><span class="author">Dana</span> <span class="badge">Staff</span><p>Clean the rotors with isopropyl alcohol.</p></article></main>`,
    T(n),
  );
const memberThread = (n: number) =>
  pageFromHtml(
    `<main><article class="post"><span class="author">rider42</span><p>My brakes squeal.</p></article><article class="post"><span class="author">bob</span><p>Same here.</p></article></main>`,
    T(n),
  );

describe('q5-staff-labelled', () => {
  it('findStaffLabel returns the labelled post as evidence', () => {
    const e = findStaffLabel(staffThread(1))!;
    expect(e.url).toBe(T(1));
    expect(evText(e)).toContain('Clean the rotors');
    expect(evLabel(e)).toBe('labelled Staff post');
    expect(findStaffLabel(memberThread(2))).toBeNull();
  });

  it('a "Staff picks" sidebar is not a labelled staff post', () => {
    const p = pageFromHtml(
      `<main><article class="post"><p>Question</p></article></main>
       <aside class="staff-picks"><h2>Staff picks</h2><ul><li><a href="/forum/t/9">Best tubeless sealant</a></li></ul></aside>`,
      T(3),
    );
    expect(findStaffLabel(p)).toBeNull();
  });

  it('scores absent staff low and labelled staff high', async () => {
    const producer = measure(staffLabelled, [memberThread(1), memberThread(2), memberThread(3)]);
    expect(measured(producer).value).toBe(0);
    expectEvidence(measured(producer), [T(1)], 'No labelled staff post in 3 threads');
    const conductor = measure(staffLabelled, [staffThread(1), staffThread(2), memberThread(3)]);
    const cm = measured(conductor);
    expect(cm.value).toBeCloseTo(2 / 3);
    expectEvidence(cm, [T(1), T(2)], 'Clean the rotors');
    await expectDirection(staffLabelled, producer, conductor);
  });

  it('is not applicable without threads', () => {
    notApplicable(measure(staffLabelled, [pageFromHtml('<main><span class="badge">Staff</span></main>', 'https://community.example.com/')]));
  });
});

describe('q5-sales-in-help', () => {
  it('isHelpThread: help pages, and threads in a help board or about a problem', () => {
    expect(isHelpThread(pageFromHtml('<main>x</main>', H(1)))).toBe(true);
    expect(isHelpThread(pageFromHtml('<main>x</main>', 'https://community.example.com/forum/support/t/5'))).toBe(true);
    expect(isHelpThread(pageFromHtml('<nav class="breadcrumb"><a>Forum</a> › <a>Troubleshoot</a></nav><main>x</main>', T(1)))).toBe(true);
    expect(isHelpThread(pageFromHtml('<main>x</main>', T(2), {}, { title: 'Oven not working after update' }))).toBe(true);
    expect(isHelpThread(pageFromHtml('<main>x</main>', T(3), {}, { title: 'Show us your summer rides' }))).toBe(false);
    expect(isHelpThread(pageFromHtml('<main>x</main>', 'https://community.example.com/deals/x.html', {}, { title: 'Help!' }))).toBe(false);
  });

  it('postsText reads posts, not the promo banner around them', () => {
    const p = pageFromHtml('<div class="promo-strip">Shop now: 20% off</div><main><article class="post"><p>Reset the router.</p></article></main>', H(1));
    expect(postsText(p)).toContain('Reset the router');
    expect(postsText(p)).not.toContain('Shop now');
  });

  it('scores pitches in answers low and plain answers high', async () => {
    const pitched = (n: number) =>
      pageFromHtml(
        `<main><article class="post"><p>My blender stopped working.</p></article><article class="post"><p>Sorry to hear that! Shop the deal on our new Blendmax 3000, 20% off with code FIX20.</p></article></main>`,
        H(n),
      );
    const answered = (n: number) =>
      pageFromHtml(
        `<main><article class="post"><p>My blender stopped working.</p></article><article class="post"><p>Check the thermal fuse under the base.</p></article></main>`,
        H(n),
      );
    const producer = measure(salesInHelp, [pitched(1), pitched(2), answered(3)]);
    const pm = measured(producer);
    expect(pm.value).toBeCloseTo(2 / 3);
    expectEvidence(pm, [H(1), H(2)], 'Shop the deal');
    const conductor = measure(salesInHelp, [answered(1), answered(2)]);
    expect(measured(conductor).value).toBe(0);
    expectEvidence(measured(conductor), [H(1)], 'No sales pitch in 2 help threads');
    await expectDirection(salesInHelp, producer, conductor);
  });

  it('is not applicable without help threads, and not measured on help threads in a language without a lexicon', () => {
    notApplicable(measure(salesInHelp, [pageFromHtml('<main>x</main>', T(1), {}, { title: 'Show us your rides' })]));
    notMeasured(measure(salesInHelp, [pageFromHtml('<main>Achetez maintenant</main>', H(1), {}, { lang: 'fr' })]));
  });
});
