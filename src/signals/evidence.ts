import type { Evidence } from '../result/types.js';
import { oneLine, type PageContext } from './page-context.js';
import { findAll, snippetAround, truncate, type TextMatch } from './text.js';

/** Evidence items kept per signal: enough to check the claim, few enough to read. */
export const MAX_EVIDENCE = 6;

/** Which way an item points: the producer end, the conductor end, or neither (what was checked). */
export type Points = NonNullable<Evidence['points']>;

export function textEvidence(page: PageContext, text: string, m: TextMatch, label?: string, points?: Points): Evidence {
  return { url: page.url, snippet: oneLine(snippetAround(text, m.index, m.match.length)), ...(label ? { label } : {}), ...(points ? { points } : {}) };
}

export function elementEvidence(page: PageContext, snippet: string, label?: string, points?: Points): Evidence {
  return { url: page.url, snippet: truncate(oneLine(snippet), 280), ...(label ? { label } : {}), ...(points ? { points } : {}) };
}

/** First match of `pattern` in the page's main text as evidence, or null. */
export function firstMatchEvidence(page: PageContext, pattern: RegExp, label?: string, text = page.mainText, points?: Points): Evidence | null {
  const m = findAll(text, pattern)[0];
  return m ? textEvidence(page, text, m, label, points) : null;
}

/**
 * Deterministic pick: identical snippets collapse into one ("seen on N pages", the first URL kept), then at most
 * one item per URL first (spread over pages), ordered by URL, then fill up. Order by direction is the scorer's.
 */
export function pickEvidence(items: Evidence[], max = MAX_EVIDENCE): Evidence[] {
  const sorted = [...items].sort((a, b) => a.url.localeCompare(b.url) || a.snippet.localeCompare(b.snippet));
  const bySnippet = new Map<string, { item: Evidence; urls: Set<string> }>();
  for (const e of sorted) {
    const key = `${e.label ?? ''}\u0000${e.snippet}`;
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
