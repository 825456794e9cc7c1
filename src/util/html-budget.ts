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
const MEANINGFUL = new Set([
  'a',
  'img',
  'iframe',
  'form',
  'input',
  'select',
  'option',
  'textarea',
  'button',
  'label',
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'time',
  'address',
  'blockquote',
  'pre',
  'code',
  'table',
  'tr',
  'td',
  'th',
  'article',
  'main',
  'noscript',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements a parser closes when another of the same name opens (an unclosed <li> does not nest). */
const SELF_CLOSING_SIBLINGS = new Set(['li', 'p', 'dt', 'dd', 'option', 'tr', 'td', 'th', 'thead', 'tbody']);
/**
 * The HTML parser's "special" elements (WHATWG §13.2.4.2). An end tag of an ordinary element (span, b, font, a custom
 * tag) that meets one of them on the way down the open elements is ignored: `<span><div></span>` leaves both open.
 */
const SPECIAL = new Set(
  'address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes noscript object ol p param plaintext pre script search section select source style summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp mi mo mn ms mtext annotation-xml foreignobject desc'.split(
    ' ',
  ),
);
/** Elements that bound "has an element in scope": an end tag of a special element does not reach past them. */
const SCOPE = new Set([
  'applet',
  'caption',
  'html',
  'table',
  'td',
  'th',
  'marquee',
  'object',
  'template',
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);
/** The end tags of a table's parts see only table scope: `</table>` closes the table through an open cell. */
const TABLE_PARTS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup']);
const TABLE_SCOPE = new Set(['html', 'table', 'template']);
/** `</li>` sees list-item scope, `</p>` button scope: narrower than the default. */
const LIST_ITEM_SCOPE = new Set([...SCOPE, 'ol', 'ul']);
const BUTTON_SCOPE = new Set([...SCOPE, 'button']);
// Comments (including the empty <!--> and <!---> and the --!> ending, as the parser reads them) and raw-text
// elements first, so a "<div>" inside a script or a comment is not counted as a tag. A raw-text element ends where
// the parser ends it: its name followed by space, "/" or ">" (</script/> and </script x> close it too).
const TOKEN =
  /<!--(?:-?>|[\s\S]*?(?:--!?>|$))|(<(script|style|textarea|title|xmp|noembed|noframes)\b[^>]*>)[\s\S]*?(?:<\/\2(?:[\t\n\f\r /][^>]*)?>|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>/gi;

interface Scan {
  maxDepth: number;
  elements: number;
  /** The walk stopped at the element budget (rewriting). */
  cut: boolean;
}

/**
 * Where an end tag closes to, as the parser would: the index in the open elements it pops back to, or -1 when the
 * parser ignores it. The scan must never close what the parser keeps open, or a page could nest past the budget
 * unseen (`<div><table><tr><td></div>` repeated: the </div> cannot reach past the cell).
 */
function closesTo(stack: string[], name: string): number {
  const boundary = TABLE_PARTS.has(name) ? TABLE_SCOPE : name === 'li' ? LIST_ITEM_SCOPE : name === 'p' ? BUTTON_SCOPE : SPECIAL.has(name) ? SCOPE : SPECIAL;
  for (let i = stack.length - 1; i >= 0; i--) {
    if (stack[i] === name) return i;
    if (boundary.has(stack[i]!)) return -1;
  }
  return -1;
}

/**
 * Walks the tags once; `onTag` may rewrite each tag (return the replacement) or stop the walk (return null). Without
 * `onTag` the walk stops as soon as the depth budget is exceeded: past it the open elements are unbounded, and
 * looking through them for every end tag would make the scan itself quadratic.
 */
function walk(html: string, onTag?: (tag: string, depth: number, index: number, count: number) => string | null): { scan: Scan; out: string | null } {
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  const parts: string[] = [];
  let last = 0;
  let maxDepth = 0;
  let elements = 0;
  let foreign = 0; // open <svg> and <math>: inside them <title>, <style>… hold markup, not raw text
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    let name = m[4]?.toLowerCase();
    let tag = m[0];
    if (m[1] && foreign > 0) {
      // Read as an ordinary start tag; its content is scanned.
      name = m[2]!.toLowerCase();
      tag = m[1];
      TOKEN.lastIndex = m.index + m[1].length;
    }
    const consumed = tag.length;
    if (!name) continue; // a comment or a raw-text element: its content is not markup
    const closing = m[3] === '/';
    if (closing) {
      const at = closesTo(stack, name);
      if (at >= 0) {
        for (let i = at; i < stack.length; i++) if (stack[i] === 'svg' || stack[i] === 'math') foreign--;
        stack.length = at;
      } else if (!stack.includes(name) && (dropped.get(name) ?? 0) > 0) {
        // The close of an element the budget already closed.
        dropped.set(name, dropped.get(name)! - 1);
        tag = '';
      }
    } else {
      elements++;
      const selfClosed = VOID.has(name) || tag.endsWith('/>');
      if (SELF_CLOSING_SIBLINGS.has(name) && stack[stack.length - 1] === name) stack.pop();
      if (!selfClosed) {
        if (onTag && stack.length >= PARSE_LIMITS.depth) {
          if (MEANINGFUL.has(name)) {
            const top = stack.pop()!;
            if (top === 'svg' || top === 'math') foreign--;
            dropped.set(top, (dropped.get(top) ?? 0) + 1);
            tag = `</${top}>${tag}`;
            stack.push(name);
          } else {
            dropped.set(name, (dropped.get(name) ?? 0) + 1);
            tag = ' ';
          }
        } else {
          // The parser adds the parts a table's cell needs (<table><td> is table > tbody > tr > td).
          const top = stack[stack.length - 1];
          if ((name === 'td' || name === 'th') && top === 'table') stack.push('tbody', 'tr');
          else if ((name === 'td' || name === 'th') && (top === 'tbody' || top === 'thead' || top === 'tfoot')) stack.push('tr');
          else if (name === 'tr' && top === 'table') stack.push('tbody');
          stack.push(name);
          if (name === 'svg' || name === 'math') foreign++;
        }
      }
      maxDepth = Math.max(maxDepth, stack.length);
      if (!onTag && maxDepth > PARSE_LIMITS.depth) return { scan: { maxDepth, elements, cut: false }, out: null };
    }
    if (onTag) {
      const replacement = onTag(tag, stack.length, m.index, elements);
      if (replacement === null) {
        parts.push(html.slice(last, m.index));
        return { scan: { maxDepth, elements, cut: true }, out: parts.join('') };
      }
      parts.push(html.slice(last, m.index), replacement);
      last = m.index + consumed;
    }
  }
  if (onTag) parts.push(html.slice(last));
  return { scan: { maxDepth, elements, cut: false }, out: onTag ? parts.join('') : null };
}

/** The page's HTML within the parse budget, and what was cut. The common case (a page that fits) is one scan. */
export function withinParseBudget(html: string): BudgetedHtml {
  const { scan } = walk(html);
  if (scan.maxDepth <= PARSE_LIMITS.depth && scan.elements <= PARSE_LIMITS.elements) return { html, limited: [] };
  const rewritten = walk(html, (tag, _depth, _index, count) => (count > PARSE_LIMITS.elements ? null : tag));
  const limited: ParseLimit[] = [];
  if (scan.maxDepth > PARSE_LIMITS.depth) limited.push('depth');
  if (rewritten.scan.cut) limited.push('elements');
  return { html: rewritten.out ?? html, limited };
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
