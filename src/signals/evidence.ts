import type { Evidence } from '../result/types.js';
import type { PageContext } from './page-context.js';
import { findAll, snippetAround, truncate, type TextMatch } from './text.js';

/** Evidence items kept per signal: enough to check the claim, few enough to read. */
export const MAX_EVIDENCE = 6;

export function textEvidence(page: PageContext, text: string, m: TextMatch, label?: string): Evidence {
  return { url: page.url, snippet: snippetAround(text, m.index, m.match.length), ...(label ? { label } : {}) };
}

export function elementEvidence(page: PageContext, snippet: string, label?: string): Evidence {
  return { url: page.url, snippet: truncate(snippet, 280), ...(label ? { label } : {}) };
}

/** First match of `pattern` in the page's main text as evidence, or null. */
export function firstMatchEvidence(page: PageContext, pattern: RegExp, label?: string, text = page.mainText): Evidence | null {
  const m = findAll(text, pattern)[0];
  return m ? textEvidence(page, text, m, label) : null;
}

/**
 * Deterministic pick: at most one item per URL first (spread over pages), ordered by URL, then fill up.
 */
export function pickEvidence(items: Evidence[], max = MAX_EVIDENCE): Evidence[] {
  const sorted = [...items].sort((a, b) => a.url.localeCompare(b.url) || a.snippet.localeCompare(b.snippet));
  const seen = new Set<string>();
  const first: Evidence[] = [];
  const rest: Evidence[] = [];
  for (const e of sorted) {
    if (seen.has(e.url)) rest.push(e);
    else {
      seen.add(e.url);
      first.push(e);
    }
  }
  return [...first, ...rest].slice(0, max);
}
