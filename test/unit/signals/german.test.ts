// The text signals on German pages (lexicon/de.ts): each in both directions and with nothing to find, written the way
// German community sites, shops and brand forums phrase things.
import { describe, expect, it } from 'vitest';
import contentAsks, { countAsks } from '../../../src/signals/q1/content-asks.js';
import contentRewards from '../../../src/signals/q1/content-rewards.js';
import possessiveLanguage from '../../../src/signals/q2/possessive-language.js';
import exclusivity from '../../../src/signals/q2/exclusivity.js';
import licenceGrab from '../../../src/signals/q2/licence-grab.js';
import helpVsSell, { classifyRole } from '../../../src/signals/q3/help-vs-sell.js';
import callsToBuy from '../../../src/signals/q3/calls-to-buy.js';
import memberBenefit from '../../../src/signals/q3/member-benefit.js';
import salesInHelp from '../../../src/signals/q5/sales-in-help.js';
import incentivesDisclosed from '../../../src/signals/q5/incentives-disclosed.js';
import { filler, measure, pageFromHtml } from '../../helpers/page.js';
import { expectDirection, expectEvidence, measured, notMeasured } from './score-helpers.js';

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
const post = (author: string, body: string, extra = '') => `<article class="post"><header><span class="author">${author}</span>${extra}</header><p>${body}</p></article>`;

const openThread = (n: number) =>
  de(
    `<header><nav><a href="/anmelden">Anmelden</a> <a href="/registrieren">Registrieren</a></nav></header>
     <main><h1>Kette springt unter Last</h1>${post('radler_anna', 'Meine Kette springt auf den größten Ritzeln.')}
       ${post('bergziege', 'Prüf zuerst das Schaltauge, dann die Zugspannung.')}
       <p>Melde dich an, um zu antworten.</p></main>`,
    T(n),
  );

describe('q1-content-asks (de)', () => {
  it('countAsks separates asks for brand content from asks to help members', () => {
    const obs = countAsks(de('<main><p>Bewertung schreiben · Produkt bewerten</p><p>Weißt du die Antwort? Hilf anderen Mitgliedern.</p></main>', T(1)))!;
    expect(obs.brandAsks).toBe(2);
    expect(obs.memberAsks).toBe(2);
    expect(obs.evidence.map((e) => e.label)).toEqual(['asks for brand content', 'asks to help members']);
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
    expect(pm.evidence.some((e) => e.snippet.includes('5-€-Gutschein'))).toBe(true);
    const conductor = measure(contentRewards, [openThread(1), openThread(2)]);
    expect(measured(conductor).value).toBe(0);
    await expectDirection(contentRewards, producer, conductor);
  });

  it('with no offer on German pages the finding is "none found", not silence', () => {
    expectEvidence(measured(measure(contentRewards, [openThread(1)])), [T(1)], 'No page offers points');
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
    const conductor = measure(possessiveLanguage, [de(`<main><p>Unsere Werkstatt-Mitarbeiter antworten, wenn sonst niemand weiterweiß. ${text(300)}</p></main>`, T(3))]);
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
    expect(pm.displayValue).toBe('licence terms: irrevocable, perpetual, royaltyfree, sublicensable, transferable, worldwide; content becomes the brand’s property');
    expectEvidence(pm, [TERMS], 'unbefristetes, unwiderrufliches');
    expect(pm.evidence.some((e) => e.snippet.includes('alleinige Eigentum der MegaMart GmbH'))).toBe(true);
    const conductor = measure(licenceGrab, [de(fairAgb, TERMS)]);
    const cm = measured(conductor);
    expect(cm.value).toBe(0);
    expect(cm.displayValue).toContain('authors keep ownership');
    expectEvidence(cm, [TERMS], 'Du behältst alle Rechte');
    await expectDirection(licenceGrab, producer, conductor);
  });

  it('counts synonyms once, reads "nicht übertragbar" as no breadth, and ignores breadth words outside a grant', () => {
    const synonyms = de('<main><h1>AGB</h1><p>Sie räumen uns ein unbefristetes, zeitlich unbegrenztes und nicht übertragbares Nutzungsrecht ein.</p></main>', TERMS);
    expect(measured(measure(licenceGrab, [synonyms])).displayValue).toBe('licence terms: perpetual');
    const outside = de('<main><h1>AGB</h1><p>Unsere weltweite Community ist kostenlos. Deine Beiträge bleiben dein Eigentum.</p></main>', TERMS);
    expect(measured(measure(licenceGrab, [outside])).value).toBe(0);
  });

  it('is not measured without a terms page', () => {
    notMeasured(measure(licenceGrab, [de('<main>Nutzungsrecht</main>', T(1))]));
  });
});

const dealPage = (n: number) => de(`<main><h1>Knaller ${n}</h1><p>Jetzt 199,99 € statt 249,99 €. In den Warenkorb. Angebot endet heute!</p></main>`, D(n), `Knaller ${n}`);
const guidePage = (n: number) => de(`<main><h1>Anleitung: Schaltwerk einstellen</h1><p>${text(150)}</p></main>`, G(n), `Anleitung ${n}`);

describe('q3-help-vs-sell (de)', () => {
  it('counts German prices and calls to buy: a thread drowning in offers sells', () => {
    const drowned = de('<main><p>Jetzt kaufen 10 €. Jetzt kaufen 12,99 €. In den Warenkorb: 1.299,00 EUR. 20 % Rabatt heute. Mit dem Code SPAR20.</p></main>', T(1));
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
      de(`<main><p>Jetzt shoppen! 30 % Rabatt auf alles. Mit dem Gutscheincode SOMMER30 an der Kasse. Nur solange der Vorrat reicht. ${text(60)}</p></main>`, T(1)),
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
    const calm = de(`<main><p>Keine Eile, antworte, wenn du Zeit hast. Ich habe das Teil in den Warenkorb gelegt, aber die Seite hängt. ${text(300)}</p></main>`, T(1));
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
    notMeasured(measure(memberBenefit, [1, 2, 3].map((n) => de('<main><p>Beitrag.</p></main>', T(n)))));
    const many = Array.from({ length: 10 }, (_, i) => de('<main><p>Beitrag.</p></main>', T(i)));
    expect(measured(measure(memberBenefit, many)).value).toBe(0);
  });
});

describe('q5-sales-in-help (de)', () => {
  const pitched = (n: number) =>
    de(`<main>${post('anna', 'Mein Mixer geht nicht mehr an.')}${post('MegaMart', 'Das tut uns leid! Hol dir den neuen Blendmax 3000 – jetzt kaufen, 20 % Rabatt mit dem Code FIX20.')}</main>`, H(n));
  const answered = (n: number) => de(`<main>${post('anna', 'Mein Mixer geht nicht mehr an.')}${post('bob', 'Prüf die Thermosicherung unter dem Sockel.')}</main>`, H(n));
  it('scores pitches in answers low and plain answers high', async () => {
    const producer = measure(salesInHelp, [pitched(1), pitched(2), answered(3)]);
    expect(measured(producer).value).toBeCloseTo(2 / 3);
    expectEvidence(measured(producer), [H(1), H(2)], 'jetzt kaufen');
    const conductor = measure(salesInHelp, [answered(1), answered(2)]);
    expect(measured(conductor).value).toBe(0);
    expectEvidence(measured(conductor), [H(1)], 'No sales pitch in 2 help threads');
    await expectDirection(salesInHelp, producer, conductor);
  });

  it('is not measured without help threads', () => {
    notMeasured(measure(salesInHelp, [de('<main>Jetzt kaufen</main>', T(1), 'Zeigt her eure Sommertouren')]));
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

  it('is not measured when no incentive is seen anywhere', () => {
    notMeasured(measure(incentivesDisclosed, [undisclosed(1), undisclosed(2)]));
  });
});
