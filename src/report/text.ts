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

/**
 * Cuts to at most `max` characters (counting code points), ending with an ellipsis when cut: at the last word
 * boundary when there is one in the last 40 % (a snippet is never cut mid-word), else at the limit.
 */
export function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  const head = chars.slice(0, Math.max(0, max - 1)).join('');
  const space = head.search(/\s\S*$/);
  const cut = space > 0 && Array.from(head.slice(0, space)).length >= max * 0.6 ? head.slice(0, space) : head;
  return cut.replace(/[\s,;:–—-]+$/u, '') + '…';
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
    // The space after an escape ends it (and is eaten by CSS): without it, a space after ":" would vanish.
    .map((c) => (/[A-Za-z0-9 .,&()_-]/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16).padStart(6, '0')} `))
    .join('');
  return `"${out}"`;
}

// Markdown that pastes cleanly into GitHub (cmark-gfm), Ghost (markdown-it) and WordPress (showdown): no HTML
// entities and no backslash before a character that cannot start anything, so the text reads as written in every
// editor; yet crawled text never becomes a live link, an image, emphasis or HTML.
// - `[` and `]` are escaped (`\[`, known to every Markdown since Markdown.pl): no link or image can form, so
//   parentheses need nothing.
// - `<` before a letter, `/`, `!` or `?` gets a space after it: no renderer reads `< b>` as a tag, and showdown
//   has no `\<`.
// - URLs and e-mail addresses become code spans, which no renderer autolinks (GitHub links bare URLs otherwise).
// - `*`, `` ` ``, `~`, `\` and `_` at a word's edge are escaped (emphasis, code, strike-through); a line-start
//   marker (`#`, `>`, `-`, `+`, `1.`) at the very start too.
// - In table cells `|` is escaped (GFM); elsewhere it is text.
// - WordPress runs shortcodes on the rendered text: `[embed]` and its kin get a space so none is recognised.
const URL_TOKEN = /\b(?:https?:\/\/|www\.)[^\s<>]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gi;
const SHORTCODES = /\[(\/?)(embed|gallery|audio|video|caption|wp_caption|playlist)\b/gi;

function escapeInline(s: string, cell: boolean): string {
  const out = s
    .replace(/[\\`*~[\]]/g, (c) => `\\${c}`)
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
    .replace(/<(?=[A-Za-z/!?])/g, '< ');
  return cell ? out.replace(/\|/g, '\\|') : out;
}

/** A code span around `s` that no backtick inside can close (pipes still escaped in a table cell, as GFM reads them). */
function codeSpan(s: string, cell: boolean): string {
  const longest = Math.max(0, ...Array.from(s.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const body = cell ? s.replace(/\|/g, '\\|') : s;
  return /^`|`$/.test(body) ? `${fence} ${body} ${fence}` : `${fence}${body}${fence}`;
}

/**
 * Crawled or configured text for Markdown (see above). `cell` escapes pipes for a table cell. The result never
 * holds an HTML entity.
 */
export function escapeMarkdown(s: string | null | undefined, max: number = LIMITS.text, opts: { cell?: boolean } = {}): string {
  const text = cleanText(s, max).replace(SHORTCODES, (_, slash: string, name: string) => `[${slash} ${name}`);
  const cell = Boolean(opts.cell);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_TOKEN)) {
    // Trailing punctuation belongs to the sentence, not the address.
    const token = m[0].replace(/[.,;:!?)\]]+$/, '');
    out += escapeInline(text.slice(last, m.index), cell) + codeSpan(token, cell);
    last = m.index + token.length;
  }
  out += escapeInline(text.slice(last), cell);
  // A line-start marker at the very start (the text may begin a line or a list item).
  return out.replace(/^([#>+-]|\d+[.)])(?=\s|$)/, (c) => (/^\d/.test(c) ? c.replace(/([.)])$/, '\\$1') : `\\${c}`));
}

/** escapeMarkdown for a GFM table cell (pipes escaped). */
export function escapeMarkdownCell(s: string | null | undefined, max: number = LIMITS.text): string {
  return escapeMarkdown(s, max, { cell: true });
}

/** A validated http(s) URL as a Markdown autolink (`<https://…>`); '' for anything else. */
export function markdownUrl(url: string | null | undefined): string {
  const href = safeHref(url);
  return href && !/[\s<>]/.test(href) ? `<${href}>` : '';
}

/**
 * The document without what would send the page elsewhere with scripts off: a meta refresh (which would navigate
 * away mid-print, failing it or printing a blank page) and a <base> that would re-point its links.
 */
export function withoutNavigation(html: string): string {
  return html.replace(/<meta\b[^>]*http-equiv\s*=\s*["']?\s*refresh[^>]*>/gi, '').replace(/<base\b[^>]*>/gi, '');
}
