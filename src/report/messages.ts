// The one place a message from audit.json becomes words: the catalogues of every signal (beside its code), the
// shared signal messages, in the reader's language. Every renderer reaches signal words through here.
import { SIGNALS } from '../signals/registry.js';
import { COMMON_STRINGS } from '../signals/common-strings.js';
import { intlTag, type Locale } from '../i18n/index.js';
import { formatTemplate, type Message } from '../i18n/message.js';
import type { RequiredStrings } from '../signals/strings.js';

type Catalogue = Record<string, string>;

let byId: Map<string, Record<Locale, Catalogue>> | null = null;

/** Catalogue prefix → its strings per locale, built once from the registry. */
function catalogues(): Map<string, Record<Locale, Catalogue>> {
  if (byId) return byId;
  byId = new Map();
  for (const s of SIGNALS) byId.set(s.meta.id, s.strings as unknown as Record<Locale, Catalogue>);
  byId.set('common', COMMON_STRINGS);
  return byId;
}

/** The template for a message id (`<catalogue>.<key>`), in `locale`, falling back to English; undefined if unknown. */
export function template(id: string, locale: Locale = 'en'): string | undefined {
  const dot = id.lastIndexOf('.');
  if (dot < 0) return undefined;
  const cat = catalogues().get(id.slice(0, dot));
  const key = id.slice(dot + 1);
  return cat?.[locale]?.[key] ?? cat?.en?.[key];
}

/** Does the catalogue know this message (a saved audit.json from another version may carry ids it does not)? */
export function knows(m: Message): boolean {
  return template(m.id) !== undefined;
}

/** A message in words, in the reader's language. An unknown id gives '' (never the id itself: ids are not client text). */
export function say(m: Message | null | undefined, locale: Locale = 'en'): string {
  if (!m || typeof m.id !== 'string') return '';
  const t = template(m.id, locale);
  return t === undefined ? '' : formatTemplate(t, m.values ?? {}, intlTag(locale));
}

/** One of a signal's fixed strings (title, explanation, recommendation, impact); '' for a signal this version does not know. */
export function signalString(signalId: string, key: keyof RequiredStrings, locale: Locale = 'en'): string {
  return template(`${signalId}.${key}`, locale) ?? '';
}

export function signalTitle(signalId: string, locale: Locale = 'en'): string {
  return signalString(signalId, 'title', locale);
}
