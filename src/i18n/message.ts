// Messages: what audit.json carries instead of sentences. A message is an id and its values; the words are made
// when a report is written, in the reader's language, from a catalogue template in a small subset of ICU
// MessageFormat (the syntax Lighthouse's UIStrings use):
//   {name}                      a value: numbers in the locale's format (at most one decimal), lists joined
//   {name, number}              a number with at most one decimal;  {name, number, integer} rounded
//   {name, percent}             a share 0–1 as a percentage
//   {name, plural, one {…} other {…}}   `#` inside is the number; `=0 {…}` matches exactly
//   {name, select, a {…} other {…}}     picks by a string value
//   {name, list}                a list of strings: "a, b and c" / "a, b und c"
import { z } from 'zod';

export type MessageValue = string | number | readonly string[];

export const MessageSchema = z
  .object({
    /** The message id: `<signal id>.<key>` for a signal's own strings, `common.<key>` for shared ones. */
    id: z.string(),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
  })
  .describe('Meaning, not prose: a message id and its values; the report words it in the reader’s language.');
export type Message = z.infer<typeof MessageSchema>;

/** A message with values, leaving out `values` when there are none (keeps audit.json small and stable). */
export function message(id: string, values?: Record<string, MessageValue>): Message {
  return values && Object.keys(values).length ? { id, values: values as Message['values'] } : { id };
}

type IntlTag = string;

function formatNumber(n: number, tag: IntlTag, digits = 1): string {
  return new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(n);
}

function formatValue(v: MessageValue | undefined, tag: IntlTag): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v, tag);
  if (typeof v === 'string') return v;
  return new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }).format(v);
}

/** Index just past the `}` closing the `{` at `open`, respecting nesting. -1 when unbalanced. */
function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** `one {…} other {…}` → { one: '…', other: '…' }. */
function parseCases(s: string): Map<string, string> {
  const cases = new Map<string, string>();
  let i = 0;
  while (i < s.length) {
    const m = /^\s*(=?[\w-]+)\s*\{/.exec(s.slice(i));
    if (!m) break;
    const open = i + m[0].length - 1;
    const close = matchBrace(s, open);
    if (close < 0) break;
    cases.set(m[1]!, s.slice(open + 1, close - 1));
    i = close;
  }
  return cases;
}

/** Fills an ICU-subset template with values, in a locale given as a BCP 47 tag. Unknown placeholders stay visible. */
export function formatTemplate(template: string, values: Record<string, MessageValue> = {}, tag: IntlTag = 'en-GB', hash?: string): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '#' && hash !== undefined) {
      out += hash;
      i++;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    const close = matchBrace(template, i);
    if (close < 0) {
      out += template.slice(i);
      break;
    }
    const body = template.slice(i + 1, close - 1);
    const m = /^\s*(\w+)\s*(?:,\s*(\w+)\s*(?:,([\s\S]*))?)?$/.exec(body);
    if (!m) {
      out += template.slice(i, close);
      i = close;
      continue;
    }
    const [, name, kind, rest] = m as unknown as [string, string, string | undefined, string | undefined];
    const v = values[name];
    if (!Object.prototype.hasOwnProperty.call(values, name)) out += template.slice(i, close);
    else if (!kind) out += formatValue(v, tag);
    else if (kind === 'number') out += formatNumber(Number(v), tag, rest?.trim() === 'integer' ? 0 : 1);
    else if (kind === 'percent') out += new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(Number(v));
    else if (kind === 'list') out += formatValue(Array.isArray(v) ? v : [String(v)], tag);
    else if (kind === 'plural') {
      const n = Number(v);
      const cases = parseCases(rest ?? '');
      const chosen = cases.get(`=${n}`) ?? cases.get(new Intl.PluralRules(tag).select(n)) ?? cases.get('other') ?? '';
      out += formatTemplate(chosen, values, tag, formatNumber(n, tag, 1));
    } else if (kind === 'select') {
      const cases = parseCases(rest ?? '');
      out += formatTemplate(cases.get(String(v)) ?? cases.get('other') ?? '', values, tag, hash);
    } else out += template.slice(i, close);
    i = close;
  }
  return out;
}
