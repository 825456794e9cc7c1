// Messages several signals (and the signal runner) share. Ids start with `common.`.
import type { Locale } from '../i18n/index.js';
import { message, type Message, type MessageValue } from '../i18n/message.js';

const en = {
  noPages: 'No pages were fetched.',
  tooLittleContent:
    'Too little content to judge: {words, plural, one {# word} other {# words}} of text on {pages, plural, one {# page} other {# pages}} crawled.',
  failed: 'The signal could not be computed on this site ({error}).',
  noCommunity: 'No community was found on the pages crawled (no threads, reviews, ideas or member posts, and no community platform), so this does not apply.',
  unknownLanguage: 'The pages are in a language this signal has no word list for ({language}).',
  notApplicable: 'not applicable',
  notMeasured: 'not measured',
} as const;

const de: Record<keyof typeof en, string> = {
  noPages: 'Es wurden keine Seiten abgerufen.',
  tooLittleContent:
    'Zu wenig Inhalt für ein Urteil: {words, plural, one {# Wort} other {# Wörter}} Text auf {pages, plural, one {# gecrawlten Seite} other {# gecrawlten Seiten}}.',
  failed: 'Das Signal ließ sich auf dieser Website nicht berechnen ({error}).',
  noCommunity:
    'Auf den gecrawlten Seiten wurde keine Community gefunden (keine Threads, Bewertungen, Ideen oder Beiträge von Mitgliedern und keine Community-Plattform), daher trifft dies nicht zu.',
  unknownLanguage: 'Die Seiten sind in einer Sprache, für die dieses Signal keine Wortliste hat ({language}).',
  notApplicable: 'nicht anwendbar',
  notMeasured: 'nicht gemessen',
};

export type CommonKey = keyof typeof en;
export const COMMON_STRINGS: Record<Locale, Record<CommonKey, string>> = { en, de };

export function common(key: CommonKey, values?: Record<string, MessageValue>): Message {
  return message(`common.${key}`, values);
}
