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
