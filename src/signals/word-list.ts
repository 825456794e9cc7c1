// A list of things the tool names by id (kinds of personal data, licence terms, open formats), worded in the
// reader's language. A message's values carry ids, not words; `{xs, list}` joins the values as they are, so a list
// whose items need translating is written positionally: `{ kCount: 2, k0: 'birthday', k1: 'phone' }`, worded by a
// template that picks each item's word with a select and joins them as the language joins lists.
import type { MessageValue } from '../i18n/message.js';

/** Message values for `ids` under `prefix`: `<prefix>Count` and `<prefix>0`, `<prefix>1`, … */
export function listValues(prefix: string, ids: readonly string[]): Record<string, MessageValue> {
  const values: Record<string, MessageValue> = { [`${prefix}Count`]: ids.length };
  ids.forEach((id, i) => (values[`${prefix}${i}`] = id));
  return values;
}

/**
 * A template wording up to `max` items given by `listValues(prefix, …)`: each through the select `cases`
 * (`birthday {date of birth} phone {phone number} other {…}`), joined "a, b and c" with `and` as the last joiner.
 */
export function wordedList(prefix: string, max: number, cases: string, and: string): string {
  const word = (i: number) => `{${prefix}${i}, select, ${cases}}`;
  const arms: string[] = [];
  for (let n = 1; n <= max; n++) {
    const items = Array.from({ length: n }, (_, i) => word(i));
    arms.push(`=${n} {${n === 1 ? items[0] : `${items.slice(0, -1).join(', ')} ${and} ${items[n - 1]}`}}`);
  }
  return `{${prefix}Count, plural, ${arms.join(' ')} other {}}`;
}
