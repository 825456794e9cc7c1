// Small pure functions that make crawled and configured strings safe and readable for display.

// C0/C1 controls (except tab/newline, which are collapsed below), zero-width characters, bidi embeddings,
// overrides and isolates, word joiners, the BOM and the line/paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

export const LIMITS = { snippet: 300, url: 200, title: 200, text: 2000, label: 80 } as const;

/** Removes control, zero-width and bidi-override characters and collapses whitespace. */
export function stripUnsafe(s: string): string {
  return s.replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
}

/** Cuts to at most `max` characters (counting code points), ending with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return chars.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}

/** stripUnsafe + truncate: the one call for any string that reaches the page. */
export function cleanText(s: string | null | undefined, max: number = LIMITS.text): string {
  if (s === null || s === undefined) return '';
  return truncate(stripUnsafe(String(s)), max);
}

/** The URL itself when it is an absolute http(s) URL, else null (javascript:, data:, file:, relative…). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const cleaned = stripUnsafe(url);
  let u: URL;
  try {
    u = new URL(cleaned);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return u.href;
}

export interface Link {
  /** What the reader sees (cleaned, ≤ 200 chars). */
  text: string;
  /** Only set for http/https URLs. */
  href: string | null;
}

/** A display link: text always, href only for http(s). Long URLs are shortened for display, not in the href. */
export function toLink(url: string | null | undefined, max: number = LIMITS.url): Link {
  const href = safeHref(url);
  return { text: cleanText(url ?? '', max), href };
}

/** Escapes text for SVG/XML text nodes and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A CSS string literal (with quotes) that cannot close the string, the rule or the style element. */
export function cssString(s: string): string {
  const out = Array.from(cleanText(s, LIMITS.label))
    .map((c) => (/[A-Za-z0-9 .,&()_-]/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16).padStart(6, '0')}`))
    .join('');
  return `"${out}"`;
}

/** Escapes crawled text for Markdown: backslash-escapes pipes, backticks, brackets and emphasis marks; < and > as entities. */
export function escapeMarkdown(s: string | null | undefined, max: number = LIMITS.text): string {
  return cleanText(s, max)
    .replace(/\\/g, '\\\\')
    .replace(/[|`[\]*_#!(){}~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * The document without what would send the page elsewhere with scripts off: a meta refresh (which would navigate
 * away mid-print, failing it or printing a blank page) and a <base> that would re-point its links.
 */
export function withoutNavigation(html: string): string {
  return html.replace(/<meta\b[^>]*http-equiv\s*=\s*["']?\s*refresh[^>]*>/gi, '').replace(/<base\b[^>]*>/gi, '');
}
