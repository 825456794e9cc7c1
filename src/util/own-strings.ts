// Strings cut from a larger one (a substring, a split, a parsed attribute) are, in V8, views that keep the whole
// parent alive: a sentence's first 300 characters keep the page's whole main text, a link's address the page's whole
// HTML. What is kept for every page of a crawl until the site is aggregated is copied out of its parents here, so a
// page's document and texts can really be let go (issue 15: about half of what a kept extraction held).

/** Below this length V8 copies a substring instead of pointing into its parent (SlicedString::kMinLength). */
const SLICE_MIN = 13;

/** A string that owns its characters (the concatenation flattens into a new string; the slice points into that). */
const own = (s: string): string => (s.length < SLICE_MIN ? s : (' ' + s).slice(1));

/**
 * Replaces, in place, every string held by `value`'s plain objects and arrays with a copy that owns its characters.
 * Same values, same object identities; frozen objects, class instances and functions are left as they are.
 */
export function ownStrings<T>(value: T): T {
  const seen = new Set<object>();
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return own(v);
    if (v === null || typeof v !== 'object' || seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string' || (item !== null && typeof item === 'object')) v[i] = visit(item);
      }
      return v;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if ((proto !== Object.prototype && proto !== null) || Object.isFrozen(v)) return v;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      // Accessors (a retired page's fields) are not values to copy.
      if (!d || !('value' in d) || !d.writable) continue;
      const item = d.value as unknown;
      if (typeof item === 'string' || (item !== null && typeof item === 'object')) o[k] = visit(item);
    }
    return v;
  };
  return visit(value) as T;
}
