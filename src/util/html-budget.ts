// A parse budget for crawled HTML. The HTML parser's time grows with the nesting depth times the element count, and
// the tree walkers recurse, so a hostile or broken page (100,000 unclosed <div>s) could stall or crash an audit.
// Before any parse, past the depth budget a plain container (div, span, section…) is dropped, its text kept; an
// element that carries meaning (a link, an image, a form field, a paragraph, a heading) first closes the innermost
// open one, so it becomes a sibling instead of a child. Every link and word stays, in order, only flatter. A page
// with more elements than the budget is cut after the last one allowed. Real pages nest a few dozen deep.

import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';

export const PARSE_LIMITS = { depth: 256, elements: 150_000 } as const;

export type ParseLimit = 'depth' | 'elements';

export interface BudgetedHtml {
  html: string;
  /** What was cut to keep the parse bounded; empty when the page fits. */
  limited: ParseLimit[];
}

/** Elements kept past the depth budget (as siblings): what the signals read. Everything else there is dropped. */
const MEANINGFUL = new Set(['a', 'img', 'iframe', 'form', 'input', 'select', 'option', 'textarea', 'button', 'label', 'p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'time', 'address', 'blockquote', 'pre', 'code', 'table', 'tr', 'td', 'th', 'article', 'main', 'noscript']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements a parser closes when another of the same name opens (an unclosed <li> does not nest). */
const SELF_CLOSING_SIBLINGS = new Set(['li', 'p', 'dt', 'dd', 'option', 'tr', 'td', 'th', 'thead', 'tbody']);
// Comments and raw-text elements first, so a "<div>" inside a script or a comment is not counted as a tag.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title|xmp|noembed|noframes)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>/gi;

interface Scan {
  maxDepth: number;
  elements: number;
}

/** Walks the tags once; `onTag` may rewrite each tag (return the replacement) or stop the walk (return null). */
function walk(html: string, onTag?: (tag: string, depth: number, index: number, count: number) => string | null): { scan: Scan; out: string | null } {
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  const parts: string[] = [];
  let last = 0;
  let maxDepth = 0;
  let elements = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    const name = m[3]?.toLowerCase();
    if (!name) continue; // a comment or a raw-text element: its content is not markup
    const closing = m[2] === '/';
    let tag = m[0];
    if (closing) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      else if ((dropped.get(name) ?? 0) > 0) {
        // The close of an element the budget already closed.
        dropped.set(name, dropped.get(name)! - 1);
        tag = '';
      }
    } else {
      elements++;
      const selfClosed = VOID.has(name) || m[0].endsWith('/>');
      if (SELF_CLOSING_SIBLINGS.has(name) && stack[stack.length - 1] === name) stack.pop();
      if (!selfClosed) {
        if (onTag && stack.length >= PARSE_LIMITS.depth) {
          if (MEANINGFUL.has(name)) {
            const top = stack.pop()!;
            dropped.set(top, (dropped.get(top) ?? 0) + 1);
            tag = `</${top}>${tag}`;
            stack.push(name);
          } else {
            dropped.set(name, (dropped.get(name) ?? 0) + 1);
            tag = ' ';
          }
        } else stack.push(name);
      }
      maxDepth = Math.max(maxDepth, stack.length);
    }
    if (onTag) {
      const replacement = onTag(tag, stack.length, m.index, elements);
      if (replacement === null) {
        parts.push(html.slice(last, m.index));
        return { scan: { maxDepth, elements }, out: parts.join('') };
      }
      parts.push(html.slice(last, m.index), replacement);
      last = m.index + m[0].length;
    }
  }
  if (onTag) parts.push(html.slice(last));
  return { scan: { maxDepth, elements }, out: onTag ? parts.join('') : null };
}

/** The page's HTML within the parse budget, and what was cut. The common case (a page that fits) is one scan. */
export function withinParseBudget(html: string): BudgetedHtml {
  const { scan } = walk(html);
  if (scan.maxDepth <= PARSE_LIMITS.depth && scan.elements <= PARSE_LIMITS.elements) return { html, limited: [] };
  const limited: ParseLimit[] = [];
  if (scan.maxDepth > PARSE_LIMITS.depth) limited.push('depth');
  if (scan.elements > PARSE_LIMITS.elements) limited.push('elements');
  const { out } = walk(html, (tag, _depth, _index, count) => (count > PARSE_LIMITS.elements ? null : tag));
  return { html: out ?? html, limited };
}

/**
 * A UTF-16 surrogate without its pair. parse5 throws (RangeError: Invalid code point) on two low surrogates in a row,
 * which a page decoded from broken UTF-16 holds: they become U+FFFD first.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Parses crawled HTML within the budget: every parse of a crawled page goes through here. */
export function loadHtml(html: string, options?: Parameters<typeof cheerio.load>[1]): { $: CheerioAPI; limited: ParseLimit[] } {
  const budgeted = withinParseBudget(html.replace(LONE_SURROGATE, '\ufffd'));
  return { $: cheerio.load(budgeted.html, options), limited: budgeted.limited };
}
