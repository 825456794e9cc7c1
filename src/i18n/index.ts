// A small message catalogue with `{name}` placeholders and Intl-based number/date formatting per locale.
import { de } from './de.js';
import { en, type Catalogue, type MessageKey } from './en.js';
import { formatTemplate } from './message.js';

export type Locale = 'en' | 'de';
export type { Catalogue, MessageKey };
export const LOCALES: readonly Locale[] = ['en', 'de'];
export const CATALOGUES: Record<Locale, Catalogue> = { en, de };
/** BCP 47 tags for Intl (British English spelling and formats for 'en'). */
const INTL_TAG: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };

export function isLocale(x: unknown): x is Locale {
  return x === 'en' || x === 'de';
}

/** 'en' for anything that is not a supported locale. */
export function resolveLocale(x: unknown): Locale {
  return isLocale(x) ? x : 'en';
}

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(params, k) ? String(params[k]) : m));
}

export type Translate = (key: MessageKey, params?: Params) => string;

/** The translate function for a locale. */
export function translator(locale: Locale): Translate {
  const cat = CATALOGUES[locale];
  // The catalogue's templates are the same ICU subset as signal messages ({n, plural, …}); plain {name} as before.
  return (key, params) => formatTemplate(cat[key] ?? en[key] ?? key, params, INTL_TAG[locale]);
}

export function t(key: MessageKey, params?: Params, locale: Locale = 'en'): string {
  return translator(locale)(key, params);
}

export function intlTag(locale: Locale): string {
  return INTL_TAG[locale];
}

/** Locale-aware number with at most `digits` fraction digits (grouping on). */
export function formatNumber(n: number, locale: Locale = 'en', digits = 0): string {
  return new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}

/** 0.734 → "73%" (en) / "73 %" (de). */
export function formatShare(share: number, locale: Locale = 'en'): string {
  return new Intl.NumberFormat(INTL_TAG[locale], { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A UTC date in long form: "20 November 2026" / "20. November 2026". */
export function formatLongDate(d: Date, locale: Locale = 'en'): string {
  return new Intl.DateTimeFormat(INTL_TAG[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Month name, 1-based: (12, 'de') → "Dezember"; `short` → "Dez." / "Dec". */
export function monthName(month: number, locale: Locale = 'en', short = false): string {
  return new Intl.DateTimeFormat(INTL_TAG[locale], { month: short ? 'short' : 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 15)));
}
