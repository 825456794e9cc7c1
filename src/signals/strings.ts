// A signal's words, in every shipped locale, beside its extract() — as Lighthouse's UIStrings are. The signal itself
// never writes a sentence: it returns messages (an id and values) that the report words in the reader's language.
import type { Locale } from '../i18n/index.js';
import { message, type Message, type MessageValue } from '../i18n/message.js';

/** Every signal has these three; the rest are its own value, evidence and reason texts (ICU subset, i18n/message.ts). */
export interface RequiredStrings {
  /** Short name, used as the card's heading and in lists. */
  title: string;
  /** One paragraph for the report: what it measures and why it separates producer from conductor. */
  explanation: string;
  /** The action for the client when this signal scores low: imperative, concrete, one or two sentences. */
  recommendation: string;
  /** Why the action matters to the business (or the legal risk), one sentence. */
  impact: string;
}

export type SignalStrings<K extends string = string> = Record<Locale, RequiredStrings & Record<K, string>>;

export interface SignalText<K extends string> {
  /** The catalogue, keyed by locale; the type makes every locale carry every key. */
  strings: SignalStrings<K>;
  /** A message from this signal's catalogue: `str('value', { n: 3 })` → { id: '<signal id>.value', values }. */
  str: (key: K | keyof RequiredStrings, values?: Record<string, MessageValue>) => Message;
}

/**
 * Declares a signal's strings: `en` first (its keys are the catalogue), then the same keys in every other locale.
 * The id prefixes every message, so audit.json says which catalogue a message comes from.
 */
export function signalText<const E extends RequiredStrings & Record<string, string>>(
  id: string,
  en: E,
  others: Record<Exclude<Locale, 'en'>, { [K in keyof E]: string }>,
): SignalText<Extract<keyof E, string>> {
  return {
    strings: { en, ...others } as unknown as SignalStrings<Extract<keyof E, string>>,
    str: (key, values) => message(`${id}.${String(key)}`, values),
  };
}
