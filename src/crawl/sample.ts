// Sampling for big sites: URLs are grouped by template (ID-like path segments replaced by `*`), and each group may
// use at most a share of the page budget, so thousands of thread pages cannot crowd out sign-up, help or policy pages.
// Budget still unused when the frontier runs dry goes back to the left-out URLs (the crawler's spendLeftover).

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
  /** URLs left out because the group reached its share of the budget ('sampled'). */
  skipped: number;
}

/** Per-template caps: `admit` reserves a slot for a URL, or says the group is full. */
export class Sampler {
  readonly cap: number;
  private groups = new Map<string, { discovered: number; admitted: number; sampled: number }>();
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
  /** Counts the URL as discovered; true when its group still has room (the slot is then taken). */
  admit(url: string): boolean {
    const pattern = this.pattern(url);
    this.groupOf.set(url, pattern);
    let g = this.groups.get(pattern);
    if (!g) this.groups.set(pattern, (g = { discovered: 0, admitted: 0, sampled: 0 }));
    g.discovered++;
    if (g.admitted >= this.cap) {
      g.sampled++;
      return false;
    }
    g.admitted++;
    return true;
  }
  /** A URL `admit` left out gets a slot after all (leftover budget at the end of the crawl). */
  readmit(url: string): void {
    const g = this.groups.get(this.pattern(url));
    if (!g) return;
    g.sampled = Math.max(0, g.sampled - 1);
    g.admitted++;
  }
  /** A slot reserved by `admit` that the page budget then refused: give it back. */
  release(url: string): void {
    const g = this.groups.get(this.pattern(url));
    if (g) g.admitted--;
  }
  stats(isFetched: (url: string) => boolean): GroupStats[] {
    const fetched = new Map<string, number>();
    for (const [url, pattern] of this.groupOf) if (isFetched(url)) fetched.set(pattern, (fetched.get(pattern) ?? 0) + 1);
    return [...this.groups.entries()]
      .map(([pattern, g]) => ({ pattern, discovered: g.discovered, fetched: fetched.get(pattern) ?? 0, skipped: g.sampled }))
      .sort((a, b) => b.discovered - a.discovered || a.pattern.localeCompare(b.pattern));
  }
}
