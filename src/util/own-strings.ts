// Strings cut from a larger one (a substring, a split, a parsed attribute) are, in V8, views that keep the whole
// parent alive: a sentence's first 300 characters keep the page's whole main text, a link's address the page's whole
// HTML. What is kept for every page of a crawl until the site is aggregated is copied out of its parents here, so a
// page's document and texts can really be let go (issue 15: about half of what a kept extraction held).

/** Below this length V8 copies a substring instead of pointing into its parent (SlicedString::kMinLength). */
const SLICE_MIN = 13;

/** A string that owns its characters (the concatenation flattens into a new string; the slice points into that). */
const own = (s: string): string => (s.length < SLICE_MIN ? s : (' ' + s).slice(1));

/** A string to copy or an object to look into; anything else is left where it is (not even written back). */
const holdsStrings = (v: unknown): boolean => typeof v === 'string' || (v !== null && typeof v === 'object');

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
    // Frozen (a shared constant an observation points to): not ours to write, arrays included.
    if (Object.isFrozen(v)) return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (holdsStrings(v[i])) v[i] = visit(v[i]);
      }
      return v;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return v;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      // Accessors (a retired page's fields) are not values to copy.
      if (!d || !('value' in d) || !d.writable) continue;
      if (holdsStrings(d.value)) o[k] = visit(d.value);
    }
    return v;
  };
  return visit(value) as T;
}
