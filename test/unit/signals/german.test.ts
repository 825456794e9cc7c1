// The text signals on German pages (lexicon/de.ts): each in both directions and with nothing to find, written the way
// German community sites, shops and brand forums phrase things.
import { describe, expect, it } from 'vitest';
import openContent, { detectWall } from '../../../src/signals/q1/open-content.js';
import contentAsks, { countAsks } from '../../../src/signals/q1/content-asks.js';
import contentRewards from '../../../src/signals/q1/content-rewards.js';
import possessiveLanguage from '../../../src/signals/q2/possessive-language.js';
import exclusivity from '../../../src/signals/q2/exclusivity.js';
import licenceGrab from '../../../src/signals/q2/licence-grab.js';
import helpVsSell, { classifyRole } from '../../../src/signals/q3/help-vs-sell.js';
import callsToBuy from '../../../src/signals/q3/calls-to-buy.js';
import memberBenefit from '../../../src/signals/q3/member-benefit.js';
import expertAnswers, { findExpertAnswer } from '../../../src/signals/q3/expert-answers.js';
import guidesPresent, { inspectGuide } from '../../../src/signals/q3/guides-present.js';
import staffLabelled, { findStaffLabel } from '../../../src/signals/q5/staff-labelled.js';
import brandVoiceShare from '../../../src/signals/q5/brand-voice-share.js';
import salesInHelp, { isHelpThread } from '../../../src/signals/q5/sales-in-help.js';
import incentivesDisclosed from '../../../src/signals/q5/incentives-disclosed.js';
import { filler, measure, pageFromHtml } from '../../helpers/page.js';
import { evLabel, evText, expectDirection, expectEvidence, measured, notMeasured, notApplicable, valueText } from './score-helpers.js';

const HOME = 'https://community.example.com/';
const T = (n: number) => `https://community.example.com/forum/t/${n}`;
const R = (n: number) => `https://community.example.com/reviews/item-${n}`;
const D = (n: number) => `https://community.example.com/deals/deal-${n}.html`;
const G = (n: number) => `https://community.example.com/guides/guide-${n}`;
const H = (n: number) => `https://community.example.com/help/article-${n}`;
const TERMS = 'https://community.example.com/agb';

/** A German page. */
const de = (body: string, url: string, title?: string) => pageFromHtml(body, url, {}, { lang: 'de', ...(title ? { title } : {}) });
/** German filler prose for the per-1,000-words signals. */
const text = (words: number) => filler(words, 'die Kette springt am Berg wenn ich kräftig in die Pedale trete');
const post = (author: string, body: string, extra = '') =>
  `<article class="post"><header><span class="author">${author}</span>${extra}</header><p>${body}</p></article>`;

const openThread = (n: number) =>
  de(
    `<header><nav><a href="/anmelden">Anmelden</a> <a href="/registrieren">Registrieren</a></nav></header>
     <main><h1>Kette springt unter Last</h1>${post('radler_anna', 'Meine Kette springt auf den größten Ritzeln.')}
       ${post('bergziege', 'Prüf zuerst das Schaltauge, dann die Zugspannung.')}
       <p>Melde dich an, um zu antworten.</p></main>`,
    T(n),
  );

describe('q1-open-content (de)', () => {
  it('reads German sign-in walls, and an invitation to reply is not one', () => {
    const walled = de('<main><p>Erster Beitrag …</p><div class="cta">Melde dich an, um die ganze Diskussion und 30 Antworten zu lesen.</div></main>', T(1));
    expect(detectWall(walled)).toMatchObject({ walled: true, evidence: { url: T(1) } });
    expect(evLabel(detectWall(walled).evidence!)).toBe('sign-in wall');
    expect(evText(detectWall(walled).evidence!)).toContain('Melde dich an, um die ganze Diskussion');
    expect(detectWall(de('<main><p>Vorschau</p><p>Jetzt registrieren, um weiterzulesen.</p></main>', T(2))).walled).toBe(true);
    expect(detectWall(de('<main><p>Vorschau</p><p>Um alle Antworten zu sehen, musst du dich anmelden.</p></main>', T(3))).walled).toBe(true);
    expect(detectWall(de('<main><p>Dieser Beitrag ist nur für registrierte Mitglieder sichtbar.</p></main>', T(4))).walled).toBe(true);
    expect(detectWall(openThread(5))).toEqual({ walled: false, evidence: null });
  });

  it('scores walled German threads low and open ones high', async () => {
    const walled = [1, 2, 3].map((n) => de('<main><p>Vorschau</p><p>Bitte melden Sie sich an, um diesen Beitrag zu lesen.</p></main>', T(n)));
    const producer = measure(openContent, [...walled, openThread(4)]);
    expect(measured(producer).value).toBeCloseTo(1 / 4);
    expectEvidence(measured(producer), [T(1), T(2), T(3), T(4)], 'Bitte melden Sie sich an, um diesen Beitrag zu lesen');
    const conductor = measure(openContent, [openThread(1), openThread(2), openThread(3)]);
    expect(measured(conductor).value).toBe(1);
    await expectDirection(openContent, producer, conductor);
  });

  it('in a language without a lexicon only the structural checks apply; a page with no declared language is read as English', () => {
    expect(detectWall(pageFromHtml('<main><p>Intro</p><p>Sign in to read the full discussion.</p></main>', T(1), {}, { lang: 'fr' })).walled).toBe(false);
    expect(detectWall(pageFromHtml('<main><p>Intro</p><div class="login-wall">Connectez-vous</div></main>', T(2), {}, { lang: 'fr' })).walled).toBe(true);
    expect(detectWall(pageFromHtml('<main><p>Intro</p><p>Sign in to read the full discussion.</p></main>', T(3), {}, { lang: null })).walled).toBe(true);
  });

  it('is not applicable without content pages', () => {
    notApplicable(measure(openContent, [de('<main>Willkommen</main>', HOME)]));
  });
});

describe('q1-content-asks (de)', () => {
  it('countAsks separates asks for brand content from asks to help members', () => {
    const obs = countAsks(de('<main><p>Bewertung schreiben · Produkt bewerten</p><p>Weißt du die Antwort? Hilf anderen Mitgliedern.</p></main>', T(1)))!;
    expect(obs.brandAsks).toBe(2);
    expect(obs.memberAsks).toBe(2);
    expect(obs.evidence.map(evLabel)).toEqual(['asks for brand content', 'asks to help members']);
  });

  it('scores brand-serving asks low and member-to-member asks high', async () => {
    const producer = measure(contentAsks, [
      de('<main><p>Gefällt dir der Mixer? Schreibe eine Bewertung. Reiche deine Idee ein. Sag uns deine Meinung!</p></main>', T(1)),
      de('<main><p>Bewerte deinen Einkauf und hilf uns, besser zu werden.</p></main>', T(2)),
    ]);
    expect(measured(producer).value).toBe(1);
    expectEvidence(measured(producer), [T(1), T(2)], 'Schreibe eine Bewertung');
    const conductor = measure(contentAsks, [
      de('<main><p>Kennst du die Lösung? Hilf einem anderen Radler.</p></main>', T(3)),
      de('<main><p>Kannst du helfen? Teile deine Lösung, damit der Nächste sie findet.</p></main>', T(4)),
    ]);
    expect(measured(conductor).value).toBe(0);
    expectEvidence(measured(conductor), [T(3), T(4)], 'Kennst du die Lösung');
    await expectDirection(contentAsks, producer, conductor);
  });

  it('is not measured when a German page asks for nothing', () => {
    notMeasured(measure(contentAsks, [openThread(1)]));
  });
});

describe('q1-content-rewards (de)', () => {
  it('scores paid-for content low and no rewards high', async () => {
    const producer = measure(contentRewards, [
      de('<main><p>Sammle 500 MegaPunkte für jede freigegebene Bewertung!</p></main>', T(1)),
      de('<main><p>Erhalte einen 5-€-Gutschein, wenn du eine Bewertung mit Foto schreibst.</p></main>', T(2)),
      openThread(3),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBeCloseTo(2 / 3);
    expectEvidence(pm, [T(1), T(2)], 'Sammle 500 MegaPunkte');
    expect(pm.evidence.some((e) => evText(e).includes('5-€-Gutschein'))).toBe(true);
    const conductor = measure(contentRewards, [openThread(1), openThread(2)]);
    expect(measured(conductor).value).toBe(0);
    await expectDirection(contentRewards, producer, conductor);
  });

  it('with no offer on German pages the finding is "none found", not silence', () => {
    expectEvidence(measured(measure(contentRewards, [openThread(1)])), [T(1)], 'No offer of points');
  });
});

describe('q2-possessive-language (de)', () => {
  it('scores possessive framing low and plain talk high, per 1,000 words', async () => {
    const producer = measure(possessiveLanguage, [
      de(`<main><p>Unsere Kunden lieben MeinMegaMart. Angebote exklusiv für MegaMart-Mitglieder. ${text(120)}</p></main>`, T(1)),
      de(`<main><p>Danke an unsere Mitglieder. ${text(120)}</p></main>`, T(2)),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBeGreaterThan(8);
    expectEvidence(pm, [T(1), T(2)], 'Unsere Kunden');
    // Staff are not customers: "unsere Werkstatt-Mitarbeiter" is not ownership of people.
    const conductor = measure(possessiveLanguage, [
      de(`<main><p>Unsere Werkstatt-Mitarbeiter antworten, wenn sonst niemand weiterweiß. ${text(300)}</p></main>`, T(3)),
    ]);
    expect(measured(conductor).value).toBe(0);
    expectEvidence(measured(conductor), [T(3)], 'No possessive phrases');
    await expectDirection(possessiveLanguage, producer, conductor);
  });

  it('is not measured on too little German text', () => {
    notMeasured(measure(possessiveLanguage, [de('<main><p>Unsere Kunden zuerst.</p></main>', T(1))]));
  });
});

describe('q2-exclusivity (de)', () => {
  const p = (n: number, extra: string) => de(`<main><p>${text(30)} ${extra}</p></main>`, `${HOME}seite-${n}`);
  it('moves with the share of pages that fence access; "nur bei Regen" is not exclusivity', async () => {
    const producer = measure(exclusivity, [p(1, 'Exklusive Angebote und VIP-Preise, nur bei uns.'), p(2, 'Vorabzugang für Insider.'), p(3, '')]);
    expect(measured(producer).value).toBeCloseTo(2 / 3);
    expectEvidence(measured(producer), [`${HOME}seite-1`, `${HOME}seite-2`, `${HOME}seite-3`], /exklusive angebote|vorabzugang/i);
    const conductor = measure(exclusivity, [p(1, ''), p(2, ''), p(3, 'Die Bremse quietscht nur bei Regen, egal von welcher Marke.')]);
    expect(measured(conductor).value).toBe(0);
    await expectDirection(exclusivity, producer, conductor);
  });

  it('is not measured on German pages with too little text', () => {
    notMeasured(measure(exclusivity, [de('<main><p>Exklusive Angebote!</p></main>', HOME)]));
  });
});

const grabAgb = `<main><h1>Nutzungsbedingungen</h1>
  <p>Mit dem Hochladen räumst du der MegaMart GmbH ein unbefristetes, unwiderrufliches, weltweites, unentgeltliches, übertragbares und unterlizenzierbares Nutzungsrecht an deinen Inhalten ein.</p>
  <p>Eingereichte Ideen gehen in das alleinige Eigentum der MegaMart GmbH über.</p></main>`;
const fairAgb = `<main><h1>Nutzungsbedingungen</h1>
  <p>Du behältst alle Rechte an deinen Beiträgen. Du erlaubst uns, sie in diesem Forum anzuzeigen, und kannst sie jederzeit löschen.</p></main>`;

describe('q2-licence-grab (de)', () => {
  it('scores a perpetual licence plus ownership transfer low and author-keeps-ownership high', async () => {
    const producer = measure(licenceGrab, [de(grabAgb, TERMS), de('<main>x</main>', T(1))]);
    const pm = measured(producer);
    expect(pm.value).toBe(6 + 2);
    expect(valueText(pm)).toBe(
      'licence terms: irrevocable, perpetual, royalty-free, sublicensable, transferable and worldwide; content becomes the brand’s property',
    );
    expectEvidence(pm, [TERMS], 'unbefristetes, unwiderrufliches');
    expect(pm.evidence.some((e) => evText(e).includes('alleinige Eigentum der MegaMart GmbH'))).toBe(true);
    const conductor = measure(licenceGrab, [de(fairAgb, TERMS)]);
    const cm = measured(conductor);
    expect(cm.value).toBe(0);
    expect(valueText(cm)).toContain('authors keep ownership');
    expectEvidence(cm, [TERMS], 'Du behältst alle Rechte');
    await expectDirection(licenceGrab, producer, conductor);
  });

  it('counts synonyms once, reads "nicht übertragbar" as no breadth, and ignores breadth words outside a grant', () => {
    const synonyms = de(
      '<main><h1>AGB</h1><p>Sie räumen uns ein unbefristetes, zeitlich unbegrenztes und nicht übertragbares Nutzungsrecht ein.</p></main>',
      TERMS,
    );
    expect(valueText(measured(measure(licenceGrab, [synonyms])))).toBe('licence terms: perpetual');
    const outside = de('<main><h1>AGB</h1><p>Unsere weltweite Community ist kostenlos. Deine Beiträge bleiben dein Eigentum.</p></main>', TERMS);
    expect(measured(measure(licenceGrab, [outside])).value).toBe(0);
  });

  it('is not measured without a terms page', () => {
    notMeasured(measure(licenceGrab, [de('<main>Nutzungsrecht</main>', T(1))]));
  });
});

const dealPage = (n: number) =>
  de(`<main><h1>Knaller ${n}</h1><p>Jetzt 199,99 € statt 249,99 €. In den Warenkorb. Angebot endet heute!</p></main>`, D(n), `Knaller ${n}`);
const guidePage = (n: number) => de(`<main><h1>Anleitung: Schaltwerk einstellen</h1><p>${text(150)}</p></main>`, G(n), `Anleitung ${n}`);

describe('q3-help-vs-sell (de)', () => {
  it('counts German prices and calls to buy: a thread drowning in offers sells', () => {
    const drowned = de(
      '<main><p>Jetzt kaufen 10 €. Jetzt kaufen 12,99 €. In den Warenkorb: 1.299,00 EUR. 20 % Rabatt heute. Mit dem Code SPAR20.</p></main>',
      T(1),
    );
    const r = classifyRole(drowned);
    expect(r).toMatchObject({ role: 'sells', prices: 3 });
    expect(r.calls).toBeGreaterThanOrEqual(5);
    expect(classifyRole(guidePage(1)).role).toBe('helps');
  });

  it('scores a storefront low and a help site high', async () => {
    const producer = measure(helpVsSell, [dealPage(1), dealPage(2), dealPage(3), guidePage(1)]);
    expect(measured(producer).value).toBe(0.25);
    expectEvidence(measured(producer), [D(1), D(2), D(3), G(1)], 'Knaller 1');
    const conductor = measure(helpVsSell, [guidePage(1), guidePage(2), guidePage(3)]);
    expect(measured(conductor).value).toBe(1);
    await expectDirection(helpVsSell, producer, conductor);
  });

  it('is not measured when no German page helps or sells', () => {
    notMeasured(measure(helpVsSell, [de('<main><p>Über uns.</p></main>', `${HOME}ueber-uns`)]));
  });
});

describe('q3-calls-to-buy (de)', () => {
  it('scores promotion-heavy text low and plain help high', async () => {
    const producer = measure(callsToBuy, [
      de(
        `<main><p>Jetzt shoppen! 30 % Rabatt auf alles. Mit dem Gutscheincode SOMMER30 an der Kasse. Nur solange der Vorrat reicht. ${text(60)}</p></main>`,
        T(1),
      ),
      de(`<main><p>In den Warenkorb. Nur für kurze Zeit. ${text(150)}</p></main>`, T(2)),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBeGreaterThan(12);
    expectEvidence(pm, [T(1), T(2)], 'Jetzt shoppen');
    const conductor = measure(callsToBuy, [de(`<main><p>${text(400)}</p></main>`, T(3))]);
    expect(measured(conductor).value).toBe(0);
    await expectDirection(callsToBuy, producer, conductor);
  });

  it('a member who put something in the cart, or says there is no hurry, is not selling', () => {
    const calm = de(
      `<main><p>Keine Eile, antworte, wenn du Zeit hast. Ich habe das Teil in den Warenkorb gelegt, aber die Seite hängt. ${text(300)}</p></main>`,
      T(1),
    );
    expect(measured(measure(callsToBuy, [calm])).value).toBe(0);
  });

  it('is not measured on too little German text', () => {
    notMeasured(measure(callsToBuy, [de('<main><p>Jetzt kaufen!</p></main>', T(1))]));
  });
});

describe('q3-member-benefit (de)', () => {
  const JOIN = `${HOME}mitglied-werden.html`;
  const ABOUT = `${HOME}ueber-uns.html`;
  it('scores discount-only benefits low and benefits beyond discounts high', async () => {
    const producer = measure(memberBenefit, [
      de('<main><p>Mitglieder erhalten 10 % Rabatt auf jede Bestellung und doppelte Punkte am Donnerstag.</p></main>', JOIN),
      de('<main><p>Warum Mitglied werden? Exklusive Gutscheine und Sparvorteile.</p></main>', ABOUT),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBe(0);
    expectEvidence(pm, [JOIN, ABOUT], 'Mitglieder erhalten 10 % Rabatt');
    const conductor = measure(memberBenefit, [
      de('<main><p>Als Mitglied bekommst du kostenlose Reparaturkurse, einen Werkzeugverleih und Rat von unseren Mechanikern.</p></main>', JOIN),
    ]);
    const cm = measured(conductor);
    expect(cm.value).toBe(1);
    expectEvidence(cm, [JOIN], 'Reparaturkurse');
    await expectDirection(memberBenefit, producer, conductor);
  });

  it('silence is not measured on a small German crawl, and a finding (0) on a real sample', () => {
    notMeasured(
      measure(
        memberBenefit,
        [1, 2, 3].map((n) => de('<main><p>Beitrag.</p></main>', T(n))),
      ),
    );
    const many = Array.from({ length: 10 }, (_, i) => de('<main><p>Beitrag.</p></main>', T(i)));
    expect(measured(measure(memberBenefit, many)).value).toBe(0);
  });
});

describe('q3-expert-answers (de)', () => {
  const accepted = (n: number) =>
    de(`<main>${post('anna', 'Frage?')}${post('bob', 'Mach das so.', '<span class="badge">Akzeptierte Lösung</span>')}</main>`, T(n));
  const staff = (n: number) =>
    de(`<main>${post('anna', 'Frage?')}${post('Ruth', 'Antwort aus der Werkstatt.', '<span class="badge">Mitarbeiterin</span>')}</main>`, T(n));
  const plain = (n: number) => de(`<main>${post('anna', 'Frage?')}${post('bob', 'Vielleicht so.')}</main>`, T(n));
  it('finds German and English accepted marks on German threads, and German staff answers', () => {
    expect(evLabel(findExpertAnswer(accepted(1))!.evidence!)).toBe('accepted answer');
    expect(
      findExpertAnswer(de(`<main>${post('anna', 'Frage?')}${post('bob', 'So.', '<span class="badge">Beste Antwort</span>')}</main>`, T(2)))!.evidence,
    ).not.toBeNull();
    expect(
      findExpertAnswer(de(`<main>${post('anna', 'Frage?')}${post('bob', 'So.', '<span class="status">Solved</span>')}</main>`, T(3)))!.evidence,
    ).not.toBeNull();
    expect(evLabel(findExpertAnswer(staff(4))!.evidence!)).toBe('staff answer');
    expect(findExpertAnswer(plain(5))!.evidence).toBeNull();
    // English pages keep the English marks only.
    expect(
      findExpertAnswer(pageFromHtml(`<main>${post('ann', 'Q?')}${post('bob', 'Do this.', '<span class="badge">Gelöst</span>')}</main>`, T(6)))!.evidence,
    ).toBeNull();
  });

  it('scores settled threads high, unsettled low', async () => {
    const producer = measure(expertAnswers, [plain(1), plain(2), plain(3), plain(4)]);
    const conductor = measure(expertAnswers, [accepted(1), staff(2), plain(3)]);
    expectEvidence(measured(conductor), [T(1), T(2), T(3)], 'Mach das so');
    await expectDirection(expertAnswers, producer, conductor);
  });

  it('is not applicable without threads', () => {
    notApplicable(measure(expertAnswers, [de('<main><span class="badge">Gelöst</span></main>', HOME)]));
  });
});

describe('q3-guides-present (de)', () => {
  // Not under /guides/: the heading has to make the guide.
  const W = (n: number) => `${HOME}wissen/kette-${n}`;
  const steps = '<ol><li>Verschleiß mit der Lehre messen.</li><li>Alte Kette öffnen.</li><li>Neue Kette kürzen und schließen.</li></ol>';
  const guide = (n: number, heading = 'Kette wechseln: Schritt für Schritt') => de(`<main><h1>${heading}</h1>${steps}</main>`, W(n));
  const deal = (n: number) => de('<main><h1>So sparst du heute 20 %</h1><p>Zum Sale.</p></main>', D(n));
  it('finds German how-to headings over a list of steps, not a "So sparst du" promo', () => {
    expect(inspectGuide(guide(1))!.guide).toBe(true);
    for (const h of ['Anleitung: Kette wechseln', 'So wechselst du die Kette', 'Wie kann ich die Kette wechseln?', 'Kette wechseln in 3 Schritten'])
      expect(inspectGuide(guide(2, h))!.guide, h).toBe(true);
    expect(inspectGuide(guide(3, 'Kette springt unter Last'))!.guide).toBe(false);
    expect(inspectGuide(deal(1))!.guide).toBe(false);
  });

  it('a language without a lexicon has no heading rule; no declared language is read as English', () => {
    const howTo = '<main><h1>How to fix a puncture</h1><ol><li>Remove the wheel.</li><li>Find the hole.</li><li>Patch it.</li></ol></main>';
    expect(inspectGuide(pageFromHtml(howTo, W(4), {}, { lang: 'fr' }))!.guide).toBe(false);
    expect(inspectGuide(pageFromHtml(howTo, W(5), {}, { lang: null }))!.guide).toBe(true);
  });

  it('scores a site of guides high and a site of deals low', async () => {
    const producer = measure(guidesPresent, [deal(1), deal(2), deal(3), deal(4)]);
    const conductor = measure(guidesPresent, [guide(1), guide(2), deal(3)]);
    expectEvidence(measured(conductor), [W(1), W(2), D(3)], 'Schritt für Schritt: 3 steps');
    await expectDirection(guidesPresent, producer, conductor);
  });

  it('is not measured when only sign-in and legal pages were fetched', () => {
    notMeasured(measure(guidesPresent, [de('<main><h1>Anleitung</h1></main>', `${HOME}login`)]));
  });
});

const staffThread = (n: number, badge = 'Mitarbeiterin') =>
  de(
    `<main>${post('radler42', 'Meine Bremse quietscht.')}${post('Dana', 'Reinige die Scheibe mit Isopropanol.', `<span class="badge">${badge}</span>`)}</main>`,
    T(n),
  );
const memberThread = (n: number) =>
  de(`<main>${post('radler42', 'Meine Bremse quietscht.')}${post('bob', 'Bei mir auch.', '<span class="badge">Neues Mitglied</span>')}</main>`, T(n));

describe('q5-staff-labelled (de)', () => {
  it('reads German role badges, and English ones on German pages', () => {
    expect(findStaffLabel(staffThread(1))).toMatchObject({ url: T(1) });
    expect(evLabel(findStaffLabel(staffThread(1))!)).toBe('labelled Mitarbeiterin post');
    for (const badge of ['Moderator', 'Radwerk-Team', 'Offiziell', 'Staff']) expect(findStaffLabel(staffThread(2, badge)), badge).not.toBeNull();
    expect(findStaffLabel(memberThread(3))).toBeNull();
    // English pages keep the English labels only.
    const en = pageFromHtml(
      `<main>${post('rider42', 'My brakes squeal.')}${post('Dana', 'Clean the rotor.', '<span class="badge">Mitarbeiterin</span>')}</main>`,
      T(4),
    );
    expect(findStaffLabel(en)).toBeNull();
  });

  it('scores absent staff low and labelled staff high', async () => {
    const producer = measure(staffLabelled, [memberThread(1), memberThread(2), memberThread(3)]);
    expect(measured(producer).value).toBe(0);
    const conductor = measure(staffLabelled, [staffThread(1), staffThread(2), memberThread(3)]);
    expect(measured(conductor).value).toBeCloseTo(2 / 3);
    expectEvidence(measured(conductor), [T(1), T(2)], 'Reinige die Scheibe');
    await expectDirection(staffLabelled, producer, conductor);
  });

  it('is not applicable without threads', () => {
    notApplicable(measure(staffLabelled, [de('<main><span class="badge">Mitarbeiter</span></main>', HOME)]));
  });
});

describe('q5-brand-voice-share (de)', () => {
  const URL_ = (n: number) => `https://community.megamart.com/forum/t/${n}`;
  const brandy = (n: number) =>
    de(
      `<main>${post('Jonas', 'Schau dir unsere Angebote an!', '<span class="badge">Mitarbeiter</span>')}${post('Lena', 'Jetzt kaufen!', '<span class="role">Offiziell</span>')}${post('jo', 'ok')}</main>`,
      URL_(n),
    );
  const members = (n: number) =>
    de(
      `<main>${post('anna', 'Frage?')}${post('bob', 'Probier das.')}${post('cy', 'Hat geklappt.')}${post('Ruth', 'Bestätigt.', '<span class="badge">Moderatorin</span>')}</main>`,
      URL_(n),
    );
  it('scores brand-dominated German threads low and member threads high', async () => {
    const producer = measure(brandVoiceShare, [brandy(1), brandy(2)]);
    expect(measured(producer).value).toBeCloseTo(4 / 6, 2);
    expectEvidence(measured(producer), [URL_(1), URL_(2)], 'Schau dir unsere Angebote an');
    const conductor = measure(brandVoiceShare, [members(1), members(2)]);
    expect(measured(conductor).value).toBeCloseTo(0.25);
    await expectDirection(brandVoiceShare, producer, conductor);
  });

  it('is not measured when no post shows an author', () => {
    notMeasured(measure(brandVoiceShare, [de('<main><article class="post"><p>anonym</p></article></main>', T(1))]));
  });
});

describe('q5-sales-in-help (de)', () => {
  it('isHelpThread reads German titles and breadcrumbs', () => {
    expect(isHelpThread(de('<main>x</main>', T(1), 'Mixer funktioniert nicht mehr'))).toBe(true);
    expect(isHelpThread(de('<nav class="breadcrumb"><a>Forum</a> › <a>Hilfe &amp; Support</a></nav><main>x</main>', T(2)))).toBe(true);
    expect(isHelpThread(de('<main>x</main>', T(3), 'Bremsprobleme nach dem Regen'))).toBe(true);
    expect(isHelpThread(de('<main>x</main>', T(4), 'Zeigt her eure Sommertouren'))).toBe(false);
  });

  const pitched = (n: number) =>
    de(
      `<main>${post('anna', 'Mein Mixer geht nicht mehr an.')}${post('MegaMart', 'Das tut uns leid! Hol dir den neuen Blendmax 3000 – jetzt kaufen, 20 % Rabatt mit dem Code FIX20.')}</main>`,
      H(n),
    );
  const answered = (n: number) =>
    de(`<main>${post('anna', 'Mein Mixer geht nicht mehr an.')}${post('bob', 'Prüf die Thermosicherung unter dem Sockel.')}</main>`, H(n));
  it('scores pitches in answers low and plain answers high', async () => {
    const producer = measure(salesInHelp, [pitched(1), pitched(2), answered(3)]);
    expect(measured(producer).value).toBeCloseTo(2 / 3);
    expectEvidence(measured(producer), [H(1), H(2)], 'jetzt kaufen');
    const conductor = measure(salesInHelp, [answered(1), answered(2)]);
    expect(measured(conductor).value).toBe(0);
    expectEvidence(measured(conductor), [H(1)], 'No sales pitch in 2 help threads');
    await expectDirection(salesInHelp, producer, conductor);
  });

  it('is not applicable without help threads', () => {
    notApplicable(measure(salesInHelp, [de('<main>Jetzt kaufen</main>', T(1), 'Zeigt her eure Sommertouren')]));
  });
});

describe('q5-incentives-disclosed (de)', () => {
  const REWARDS = `${HOME}praemien`;
  const offer = de('<main><p>Schreib eine Bewertung und sammle 100 Punkte für jede freigegebene Bewertung.</p></main>', REWARDS);
  const undisclosed = (n: number) => de('<main><h1>Toller Mixer</h1><p>Ich liebe ihn, fünf Sterne.</p></main>', R(n));
  const disclosed = (n: number) =>
    de(
      n % 2
        ? '<main><h1>Toller Mixer</h1><p>Ich liebe ihn.</p><p>Ich habe das Produkt kostenlos erhalten im Austausch für eine ehrliche Bewertung.</p></main>'
        : '<main><h1>Toller Mixer</h1><p>#Werbung Ich liebe ihn.</p></main>',
      R(n),
    );
  it('scores undisclosed paid reviews low and disclosed ones high', async () => {
    const producer = measure(incentivesDisclosed, [offer, undisclosed(1), undisclosed(2)]);
    expect(measured(producer).value).toBe(0);
    expectEvidence(measured(producer), [REWARDS, R(1), R(2)], 'sammle 100 Punkte');
    const conductor = measure(incentivesDisclosed, [offer, disclosed(1), disclosed(2)]);
    expect(measured(conductor).value).toBe(1);
    expectEvidence(measured(conductor), [REWARDS, R(1), R(2)], 'im Austausch für eine ehrliche Bewertung');
    expectEvidence(measured(conductor), [REWARDS, R(1), R(2)], '#Werbung');
    await expectDirection(incentivesDisclosed, producer, conductor);
  });

  it('is not applicable when no incentive is seen anywhere', () => {
    notApplicable(measure(incentivesDisclosed, [undisclosed(1), undisclosed(2)]));
  });
});
