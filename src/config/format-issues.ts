// Turns zod issues into one line per problem, each naming the field (as written in the YAML) and the fix.
import type { z } from 'zod';

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Levenshtein distance, small inputs only (field names). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  // Short keys (Q7) are better answered with the list of allowed keys than with a guess.
  if (word.length <= 3) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** "https://user:secret@host/" → "https://***@host/": what an error message may show of a URL with credentials. */
export function redactCredentials(s: string): string {
  return s.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i, '$1***@');
}

function describeReceived(issue: z.core.$ZodIssue, input: unknown): string {
  let v: unknown = input;
  for (const key of issue.path) {
    if (v === null || typeof v !== 'object') return '';
    v = (v as Record<PropertyKey, unknown>)[key as PropertyKey];
  }
  if (v === undefined) return ' (it is missing)';
  // Numbers JSON cannot write (YAML's .inf, .nan) are shown as what they are, not as "null"; a URL's password never.
  const shown = typeof v === 'number' ? String(v) : typeof v === 'string' ? JSON.stringify(redactCredentials(v)) : (JSON.stringify(v) ?? String(v));
  return ` (found ${shown.length > 60 ? shown.slice(0, 57) + '...' : shown})`;
}

/**
 * @param knownKeys for unknown-key issues: the allowed keys at each path, so a typo gets a suggestion.
 */
export function formatZodIssues(error: z.ZodError, input: unknown, knownKeys: (path: ReadonlyArray<PropertyKey>) => readonly string[] = () => []): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = formatPath([...issue.path, key]);
        const allowed = knownKeys(issue.path);
        const guess = closest(key, allowed);
        const fix = guess ? `did you mean \`${guess}\`?` : allowed.length ? `remove it; allowed here: ${allowed.join(', ')}` : 'remove it';
        lines.push(`${field}: unknown field — ${fix}`);
      }
      continue;
    }
    if (issue.code === 'invalid_value' && 'values' in issue) {
      const options = (issue.values as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      lines.push(`${formatPath(issue.path)}: must be one of ${options}${describeReceived(issue, input)}`);
      continue;
    }
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      const received = describeReceived(issue, input);
      if (received === ' (it is missing)') {
        lines.push(`${formatPath(issue.path)}: is required — add it (expected ${issue.expected})`);
        continue;
      }
      if (!/must|is required/.test(message)) message = `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
      lines.push(`${formatPath(issue.path)}: ${message}${received}`);
      continue;
    }
    if (issue.code === 'too_small' || issue.code === 'too_big') {
      lines.push(`${formatPath(issue.path)}: ${message.replace(/^Too (?:small|big): expected \w+ to /i, 'must ')}${describeReceived(issue, input)}`);
      continue;
    }
    lines.push(`${formatPath(issue.path)}: ${message}${describeReceived(issue, input)}`);
  }
  return lines;
}
