// CSS selectors compiled once per process. Cheerio parses and compiles a selector string again on every `$(sel)`,
// `.find(sel)`, `.is(sel)` and `.closest(sel)`; the signals run the same few dozen long selectors (authors, dates,
// badges, posts) on every candidate of every page, and compiling them was a third of reading a page. These helpers
// answer exactly what those cheerio calls answer (the same css-select engine, in HTML mode), for standard CSS
// selectors; a selector css-select cannot compile (cheerio's own :first, :eq…) is handed to cheerio as before.
import { compile, selectAll } from 'css-select';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

type Query = (el: Element) => boolean;

const compiledQueries = new Map<string, Query | null>();
const traversals = new Map<string, boolean>();

/**
 * Does the selector combine elements (`h1 a`, `ul > li`)? cheerio's `.find()` scopes such a selector to the element
 * searched from (the `h1` must be inside it too), which a context-free compiled query cannot do: those go to cheerio.
 */
function combines(selector: string): boolean {
  let t = traversals.get(selector);
  if (t === undefined) {
    const bare = selector.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""').replace(/\[[^\]]*\]|\([^)]*\)/g, '[]');
    t = bare.split(',').some((part) => /[\s>+~]/.test(part.trim()));
    traversals.set(selector, t);
  }
  return t;
}

/** The selector compiled for HTML documents, cached; null when css-select cannot read it. */
export function compiled(selector: string): Query | null {
  let q = compiledQueries.get(selector);
  if (q === undefined) {
    try {
      q = compile<AnyNode, Element>(selector, { xmlMode: false });
    } catch {
      q = null;
    }
    compiledQueries.set(selector, q);
  }
  return q;
}

const isElement = (n: AnyNode | null | undefined): n is Element => !!n && (n.type === 'tag' || n.type === 'script' || n.type === 'style');

/** Descendants of `roots` matching `selector`, in document order: `$(roots).find(selector)`. Throws as cheerio does. */
export function queryAll($: CheerioAPI, roots: AnyNode | AnyNode[], selector: string): Element[] {
  const q = combines(selector) ? null : compiled(selector);
  if (!q)
    return $(roots as AnyNode)
      .find(selector)
      .toArray() as Element[];
  // As cheerio does: the roots' element children and their descendants (the roots themselves are not candidates).
  const children = (Array.isArray(roots) ? roots : [roots]).flatMap((r) => ('children' in r ? r.children.filter(isElement) : []));
  return children.length ? selectAll<AnyNode, Element>(q, children) : [];
}

/** Does `el` match `selector`: `$(el).is(selector)`. */
export function matches($: CheerioAPI, el: AnyNode, selector: string): boolean {
  const q = compiled(selector);
  if (!q) return $(el).is(selector);
  return isElement(el) && q(el);
}

/** `el` or its nearest ancestor matching `selector`: `$(el).closest(selector)[0]`. */
export function closest($: CheerioAPI, el: AnyNode, selector: string): Element | null {
  const q = compiled(selector);
  if (!q) return ($(el).closest(selector)[0] as Element | undefined) ?? null;
  for (let n: AnyNode | null = el; n; n = n.parent) if (isElement(n) && q(n)) return n;
  return null;
}

/** Is any ancestor of `el` (not `el` itself) matching `selector`: `$(el).parents(selector).length > 0`. */
export function hasAncestor($: CheerioAPI, el: AnyNode, selector: string): boolean {
  const parent = el.parent;
  return parent ? closest($, parent, selector) !== null : false;
}

/**
 * `$` whose document-wide queries, `$(selector)`, run the selector compiled once. A query from the document root is
 * not scoped (cheerio scopes only from an element with a parent), so the compiled query answers exactly what cheerio
 * would, combinators included. Anything else (a context, markup, an element, a selector css-select cannot compile)
 * goes to cheerio itself; every property of `$` (html, text, root…) is the loaded document's own.
 */
export function withCompiledQueries($: CheerioAPI): CheerioAPI {
  const root = $.root()[0]!;
  const fast = function (this: unknown, ...args: unknown[]) {
    const [selector] = args;
    if (args.length === 1 && typeof selector === 'string' && !selector.trimStart().startsWith('<')) {
      const q = compiled(selector);
      if (q) {
        const children = root.children.filter(isElement);
        return $(children.length ? selectAll<AnyNode, Element>(q, children) : []);
      }
    }
    return ($ as unknown as (...a: unknown[]) => unknown)(...args);
  };
  return Object.assign(fast, $) as unknown as CheerioAPI;
}

/** Is any ancestor of `el` (not `el` itself) in `set` (a Set or a Map's keys): "inside a post", "inside a known block". */
export function insideAny(el: AnyNode, set: { has(node: AnyNode): boolean }): boolean {
  for (let p = el.parent; p; p = p.parent) if (set.has(p)) return true;
  return false;
}
