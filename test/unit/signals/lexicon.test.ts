// The word lists themselves: German has every English entry with the same flags (plus u), its word boundaries know
// umlauts and ß, and compounds are read as German writes them.
import { describe, expect, it } from 'vitest';
import { DE, EN, isLabel, lexiconFor } from '../../../src/signals/lexicon/index.js';
import { breadthTerms } from '../../../src/signals/q2/licence-grab.js';
import { findAll } from '../../../src/signals/text.js';

const hits = (text: string, re: RegExp) => findAll(text, re).map((m) => m.match);

describe('lexicons', () => {
  it('German has every English entry, with the same flags plus u (g where signals count matches, none where they test)', () => {
    expect(Object.keys(DE).sort()).toEqual(Object.keys(EN).sort());
    for (const key of Object.keys(EN) as Array<keyof typeof EN>) {
      expect(DE[key].flags, key).toBe([...new Set(`${EN[key].flags}u`)].sort().join(''));
    }
  });

  it('lexiconFor: German and English by language, English for no declared language, none for others', () => {
    expect(lexiconFor('de')).toBe(DE);
    expect(lexiconFor('en')).toBe(EN);
    expect(lexiconFor(null)).toBe(EN);
    expect(lexiconFor('fr')).toBeNull();
  });

  it('isLabel accepts English badges on any page and the page language’s badges on its own pages', () => {
    expect(isLabel('staffLabel', 'Staff', 'de')).toBe(true);
    expect(isLabel('staffLabel', 'Mitarbeiter', 'de')).toBe(true);
    expect(isLabel('staffLabel', 'Mitarbeiter', 'en')).toBe(false);
    expect(isLabel('staffLabel', 'Staff', 'fr')).toBe(true);
    expect(isLabel('acceptedLabel', 'Gelöst', 'de')).toBe(true);
    expect(isLabel('acceptedLabel', 'Gelöst', null)).toBe(false);
    expect(isLabel('acceptedLabel', 'Lösungsvorschlag', 'de')).toBe(false);
  });
});

describe('German word boundaries and compounds', () => {
  it('words that start or end with an umlaut or ß are whole words', () => {
    expect(hits('Exklusiv für Clubmitglieder', DE.possessive)).toEqual(['Exklusiv für Clubmitglieder']);
    expect(hits('Angebote nur für Mitglieder', DE.exclusivity)).toEqual(['nur für Mitglieder']);
    expect(hits('übertragbares', DE.licenceBreadth)).toEqual(['übertragbar']);
    expect(hits('Weißt du die Antwort?', DE.memberAsk)).toEqual(['Weißt du die Antwort']);
    // …and a word is not found inside a longer one: JavaScript's own \b sees a boundary between "un" and "übertragbar".
    expect(hits('ein unübertragbares Recht', DE.licenceBreadth)).toEqual([]);
    expect(/\bübertragbar/.test('unübertragbar')).toBe(true);
    expect(hits('Der Verkaufspreis ist jetzt kaufentscheidend.', DE.callToBuy)).toEqual([]);
  });

  it('compounds are read as German writes them', () => {
    expect(hits('Kundenbewertung schreiben', DE.brandAsk)).toEqual(['Kundenbewertung schreiben']);
    expect(hits('Sammle 500 Treuepunkte', DE.contentReward)).toEqual(['Sammle 500 Treuepunkte']);
    expect(hits('Mit dem Gutscheincode SOMMER', DE.callToBuy)).toEqual(['Gutscheincode']);
    expect(hits('Willkommen in der Radwerk-Familie', DE.possessive)).toEqual(['der Radwerk-Familie']);
    expect(DE.staffLabel.test('Radwerk-Team')).toBe(true);
    expect(DE.howToHeading.test('Reparaturanleitung: Scheibenbremse entlüften')).toBe(true);
  });

  it('German prices: decimal comma, thousands point, the euro sign on either side', () => {
    expect(hits('statt 1.299,00 € jetzt 999,- € oder EUR 49 oder 5 Euro; CHF 19.90', DE.price)).toEqual([
      '1.299,00 €',
      '999,- €',
      'EUR 49',
      '5 Euro',
      'CHF 19.90',
    ]);
    expect(hits('Ritzel mit 11 Zähnen, 2 Jahre alt', DE.price)).toEqual([]);
  });

  it('licence breadth: inflected and synonymous terms count once by their English name; negated ones not at all', () => {
    const s = 'Du räumst uns ein unbefristetes, zeitlich unbegrenztes, unwiderrufliches, weltweites und nicht übertragbares Nutzungsrecht ein.';
    expect(DE.licenceGrant.test(s)).toBe(true);
    expect([...new Set(breadthTerms(s, DE.licenceBreadth))].sort()).toEqual(['irrevocable', 'perpetual', 'worldwide']);
    expect(breadthTerms('a perpetual, royalty-free, sub-licensable licence', EN.licenceBreadth)).toEqual(['perpetual', 'royaltyfree', 'sublicensable']);
  });

  it('ownership: transferred, kept, and "werden nicht unser Eigentum" is neither a transfer nor a grant', () => {
    expect(hits('Eingereichte Ideen gehen in unser Eigentum über.', DE.ownershipTransfer)).toEqual(['in unser Eigentum über']);
    expect(hits('Deine Beiträge werden nicht unser Eigentum.', DE.ownershipTransfer)).toEqual([]);
    expect(DE.ownershipKept.test('Das Urheberrecht an deinen Fotos verbleibt bei dir.')).toBe(true);
    expect(DE.licenceGrant.test('Es gelten die gesetzlichen Gewährleistungsrechte.')).toBe(false);
  });

  it('a warranty replacement is not an incentive; a free product for a review is', () => {
    expect(hits('Das Gerät wurde kostenlos ausgetauscht und ich habe ein neues kostenlos bekommen.', DE.incentiveMention)).toEqual([]);
    expect(hits('Ich habe dieses Produkt kostenlos erhalten.', DE.incentiveMention)).toHaveLength(1);
    expect(hits('Anzeige pro Seite: 20', DE.incentiveDisclosure)).toEqual([]);
  });
});
