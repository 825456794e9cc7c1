// Sampling for big sites: URLs are grouped by template (ID-like path segments replaced by `*`). A group that has
// used its share of the page budget sorts after every other group in the frontier (so thousands of thread pages
// cannot crowd out sign-up, help or policy pages, and a site with few templates is still crawled to the budget), and
// a group whose first requests all answered "not found" gets no more of the budget.

const NUMERIC = /^\d+$/;
const HEXISH = /^[0-9a-f]{8,}$/i;
/** Long tokens that mix letters and digits (abc123def, 3f2a-…-uuid, my-post-123). */
const ID_LIKE = /^(?=[^/]*\d)[0-9a-z_.~-]{6,}$/i;
/** Two or more words joined by - or _ (how-to-reset-password, acme_blender). */
const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)+$/i;

function segmentPattern(seg: string, index: number): string {
  const m = /^(.*?)(\.[a-z0-9]{1,5})?$/i.exec(seg);
  const base = m?.[1] ?? seg;
  const ext = m?.[2] ?? '';
  if (!base) return seg;
  if (NUMERIC.test(base) || HEXISH.test(base)) return `*${ext}`;
  // Top-level sections (/sign-up, /privacy-policy, /help) stay distinct: only deeper segments count as slugs/IDs.
  if (index > 0 && (ID_LIKE.test(base) || SLUG.test(base))) return `*${ext}`;
  return seg;
}

/** Template of a URL: `/forum/t/123/my-thread` → `/forum/t/*` + `/*`, query keys kept, values starred. */
export function urlTemplate(url: string, startHost?: string): string {
  const u = new URL(url);
  const segments = u.pathname.split('/');
  // segments[0] is the empty string before the leading slash.
  const path = segments.map((s, i) => (i === 0 || s === '' ? s : segmentPattern(decodeURIComponentSafe(s), i - 1))).join('/');
  const keys = [...new Set(u.searchParams.keys())].sort();
  const query = keys.length ? `?${keys.map((k) => `${k}=*`).join('&')}` : '';
  const host = startHost && u.host !== startHost ? u.host : '';
  return `${host}${path}${query}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface GroupStats {
  pattern: string;
  /** URLs of this template that passed scope, robots and trap rules. */
  discovered: number;
  fetched: number;
  /** URLs left waiting when the page budget ran out after the group had used its share ('sampled'). */
  skipped: number;
  /** Why the group got no more requests (its first pages answered 404/410), or null. */
  stopped: string | null;
}

/** A group whose first this-many answers were all 404/410 is stopped. */
export const FAILING_GROUP_AFTER = 3;
const GONE = new Set([404, 410]);

interface GroupState {
  discovered: number;
  started: number;
  sampled: number;
  /** HTTP statuses of the group's first answers (null: no answer), up to FAILING_GROUP_AFTER. */
  firstAnswers: Array<number | null>;
  stopped: string | null;
}

/** Per-template state: budget share used, the first answers, and the counts the report shows. */
export class Sampler {
  readonly cap: number;
  private groups = new Map<string, GroupState>();
  private groupOf = new Map<string, string>();
  constructor(
    maxPages: number,
    share: number,
    private startHost: string,
  ) {
    this.cap = share >= 1 ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(maxPages * Math.max(0, share)));
  }
  pattern(url: string): string {
    return this.groupOf.get(url) ?? urlTemplate(url, this.startHost);
  }
  private state(url: string): GroupState {
    const pattern = this.pattern(url);
    let g = this.groups.get(pattern);
    if (!g) this.groups.set(pattern, (g = { discovered: 0, started: 0, sampled: 0, firstAnswers: [], stopped: null }));
    return g;
  }
  /** Counts the URL as discovered; returns its group's pattern. */
  discover(url: string): string {
    const pattern = this.pattern(url);
    this.groupOf.set(url, pattern);
    this.state(url).discovered++;
    return pattern;
  }
  /** A request for the URL starts: it counts against its group's share. */
  start(url: string): void {
    this.state(url).started++;
  }
  /** The group has used its share of the page budget (monotonic: requests started only grow). */
  isCapped(pattern: string): boolean {
    return (this.groups.get(pattern)?.started ?? 0) >= this.cap;
  }
  /** A waiting URL of a capped group that the page budget then left out. */
  leftOut(url: string): void {
    this.state(url).sampled++;
  }
  /**
   * The answer a request of the URL's group got (an HTTP status, or null for none: timeout, network). Returns the
   * note when this answer stopped the group: its first FAILING_GROUP_AFTER answers were all 404/410.
   */
  noteAnswer(url: string, status: number | null): string | null {
    const g = this.state(url);
    if (g.stopped || g.firstAnswers.length >= FAILING_GROUP_AFTER) return null;
    g.firstAnswers.push(status);
    if (g.firstAnswers.length < FAILING_GROUP_AFTER || !g.firstAnswers.every((s) => s !== null && GONE.has(s))) return null;
    const statuses = [...new Set(g.firstAnswers)].sort().join(' or ');
    g.stopped = `the first ${FAILING_GROUP_AFTER} pages of group ${this.pattern(url)} answered ${statuses}`;
    return g.stopped;
  }
  /** Why the URL's group gets no more requests, or null. */
  stopped(url: string): string | null {
    return this.groups.get(this.pattern(url))?.stopped ?? null;
  }
  stats(isFetched: (url: string) => boolean): GroupStats[] {
    const fetched = new Map<string, number>();
    for (const [url, pattern] of this.groupOf) if (isFetched(url)) fetched.set(pattern, (fetched.get(pattern) ?? 0) + 1);
    return [...this.groups.entries()]
      .filter(([, g]) => g.discovered > 0)
      .map(([pattern, g]) => ({ pattern, discovered: g.discovered, fetched: fetched.get(pattern) ?? 0, skipped: g.sampled, stopped: g.stopped }))
      .sort((a, b) => b.discovered - a.discovered || a.pattern.localeCompare(b.pattern));
  }
}
