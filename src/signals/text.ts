// Small text helpers shared by signals: whitespace, snippets, counting pattern matches.

export function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function wordCount(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}

/** A readable excerpt of `text` around `index`, cut at word boundaries, marked with ellipses. */
export function snippetAround(text: string, index: number, length: number, radius = 90): string {
  let start = Math.max(0, index - radius);
  let end = Math.min(text.length, index + length + radius);
  if (start > 0) {
    const sp = text.indexOf(' ', start);
    if (sp !== -1 && sp < index) start = sp + 1;
  }
  if (end < text.length) {
    const sp = text.lastIndexOf(' ', end);
    if (sp > index + length) end = sp;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

export function truncate(s: string, max = 240): string {
  const t = normaliseSpace(s);
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
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
