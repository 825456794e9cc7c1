import type { Evidence } from '../result/types.js';
import type { Message } from '../i18n/message.js';
import { oneLine, type PageContext } from './page-context.js';
import { findAll, snippetAround, truncate, type TextMatch } from './text.js';

/** Evidence items kept per signal: enough to check the claim, few enough to read. */
export const MAX_EVIDENCE = 6;

/** Which way an item points: the producer end, the conductor end, or neither (what was checked). */
export type Points = NonNullable<Evidence['points']>;

/** Words from the page around a match, verbatim: the report shows them as a quotation. */
export function textEvidence(page: PageContext, text: string, m: TextMatch, label?: Message, points?: Points): Evidence {
  return { url: page.url, snippet: oneLine(snippetAround(text, m.index, m.match.length)), ...(label ? { label } : {}), ...(points ? { points } : {}) };
}

/** Visible words of an element on the page, verbatim (a button's text, a heading): shown as a quotation. */
export function elementEvidence(page: PageContext, snippet: string, label?: Message, points?: Points): Evidence {
  return { url: page.url, snippet: truncate(oneLine(snippet), 280), ...(label ? { label } : {}), ...(points ? { points } : {}) };
}

/**
 * The tool's own statement about a page (what it found, counted or did not find, what a tag loads): a message the
 * report words and styles as the analyst's observation, never as a quotation. Never put markup or selectors in it.
 */
export function noteEvidence(page: Pick<PageContext, 'url'>, note: Message, label?: Message, points?: Points): Evidence {
  return { url: page.url, note, ...(label ? { label } : {}), ...(points ? { points } : {}) };
}

/** First match of `pattern` in the page's main text as evidence, or null. */
export function firstMatchEvidence(page: PageContext, pattern: RegExp, label?: Message, text = page.mainText, points?: Points): Evidence | null {
  const m = findAll(text, pattern)[0];
  return m ? textEvidence(page, text, m, label, points) : null;
}

/**
 * Deterministic pick: identical snippets collapse into one ("seen on N pages", the first URL kept), then at most
 * one item per URL first (spread over pages), ordered by URL, then fill up. Order by direction is the scorer's.
 */
export function pickEvidence(items: Evidence[], max = MAX_EVIDENCE): Evidence[] {
  const sorted = [...items].sort((a, b) => a.url.localeCompare(b.url) || itemText(a).localeCompare(itemText(b)));
  const bySnippet = new Map<string, { item: Evidence; urls: Set<string> }>();
  for (const e of sorted) {
    const key = `${e.label ? JSON.stringify(e.label) : ''}\u0000${itemText(e)}`;
    const prev = bySnippet.get(key);
    if (prev) prev.urls.add(e.url);
    else bySnippet.set(key, { item: e, urls: new Set([e.url]) });
  }
  const unique = [...bySnippet.values()].map(({ item, urls }) => (urls.size > 1 ? { ...item, seenOn: urls.size } : item));
  const seen = new Set<string>();
  const first: Evidence[] = [];
  const rest: Evidence[] = [];
  for (const e of unique) {
    if (seen.has(e.url)) rest.push(e);
    else {
      seen.add(e.url);
      first.push(e);
    }
  }
  return [...first, ...rest].slice(0, max);
}

/** What an item says, for ordering and collapsing: its quotation, or its note's id and values. */
function itemText(e: Evidence): string {
  return e.snippet ?? (e.note ? JSON.stringify(e.note) : '');
}
