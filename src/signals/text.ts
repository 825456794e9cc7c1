// Small text helpers shared by signals: whitespace, snippets, counting pattern matches.

export function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Words in `text`: the matches of /[\p{L}\p{N}][\p{L}\p{N}'’-]*\/gu, counted in one pass without building them
 * (every page's text is counted several times; the array of matches was most of the cost).
 */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let wordChar: boolean;
    if (c < 128) wordChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    else {
      // A surrogate pair is one code point: test it whole and step over its second half.
      const cp = text.codePointAt(i)!;
      wordChar = LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
    }
    if (wordChar) {
      if (!inWord) count++;
      inWord = true;
    } else if (inWord) inWord = c === 39 || c === 0x2019 || c === 45; // ' ’ - continue a word, never start one
  }
  return count;
}

/**
 * A readable excerpt of `text` around `index`, cut at word boundaries and marked with ellipses. It stays inside the
 * match's block (text keeps blocks on lines of their own), so a label is not run together with the next field.
 */
export function snippetAround(text: string, index: number, length: number, radius = 90): string {
  const blockStart = text.lastIndexOf('\n', index - 1) + 1;
  const nl = text.indexOf('\n', index + length);
  const blockEnd = nl === -1 ? text.length : nl;
  let start = Math.max(blockStart, index - radius);
  let end = Math.min(blockEnd, index + length + radius);
  if (start > blockStart) {
    const sp = text.indexOf(' ', start);
    if (sp !== -1 && sp < index) start = sp + 1;
  }
  if (end < blockEnd) {
    const sp = text.lastIndexOf(' ', end);
    if (sp > index + length) end = sp;
  }
  return `${start > blockStart ? '…' : ''}${text.slice(start, end).trim()}${end < blockEnd ? '…' : ''}`;
}

/** Cuts at the last word boundary before `max` (never mid-word, unless one word fills 40 % of it), with an ellipsis. */
export function truncate(s: string, max = 240): string {
  const t = normaliseSpace(s);
  if (t.length <= max) return t;
  const head = t.slice(0, max - 1);
  const space = head.search(/\s\S*$/);
  const cut = space >= max * 0.6 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:–—-]+$/u, '')}…`;
}

export interface TextMatch {
  match: string;
  index: number;
}

/** All matches of a global regex in `text`. */
export function findAll(text: string, pattern: RegExp): TextMatch[] {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const out: TextMatch[] = [];
  for (const m of text.matchAll(re)) out.push({ match: m[0], index: m.index ?? 0 });
  return out;
}

export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
