// The word lists by language. Signals ask for the lexicon of a page's language; a page in a language without one is
// "not measured" rather than judged with another language's patterns.
import { EN, type Lexicon } from './en.js';
import { DE } from './de.js';

export type { Lexicon };
export { DE, EN };

export const LEXICONS: Record<string, Lexicon> = { en: EN, de: DE };

/** The lexicon for a page's language; pages that declare no language are read as English. */
export function lexiconFor(lang: string | null): Lexicon | null {
  return LEXICONS[lang ?? 'en'] ?? null;
}

/**
 * Does a badge's whole text read as a staff role or an accepted-answer mark? English badges are common on sites in
 * other languages (a German forum showing "Staff" or "Solved"), so a badge counts in English or in the page's
 * language; a page in a language without a lexicon is read with the English labels only.
 */
export function isLabel(kind: 'staffLabel' | 'acceptedLabel', text: string, lang: string | null): boolean {
  if (EN[kind].test(text)) return true;
  const lex = lexiconFor(lang);
  return lex !== null && lex !== EN && lex[kind].test(text);
}
