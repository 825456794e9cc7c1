// The crawl frontier: URLs found and allowed, waiting for a request slot. Nothing is reserved when a link is found;
// whenever a slot frees up the crawler takes the best URL here, so the page parsed first cannot spend the budget in
// its own document order. Best means, in this order:
//   1. its group has not used its share of the budget (a capped group sorts last, and still gets what is left);
//   2. a key page (home, sign-up, help, policies…);
//   3. nearer the start (lower depth);
//   4. found on a page before found in a sitemap (sitemap URLs come after the start page's own links);
//   5. a content group (threads, reviews, listings) before other groups, and those before people, tag and search;
//   6. in turns across the pages that linked to it: the first link of every listing, then the second of every
//      listing…, so one sub-forum's 300 topics cannot crowd out the first topics of the others;
//   7. the order it was found in.

export interface FrontierItem {
  url: string;
  depth: number;
  /** URL template (the sampler's group). */
  group: string;
  key: boolean;
  /** Class rank of the group: 0 content, 1 other, 2 people/tag/search (priority.ts). */
  classRank: number;
  /** The page the link was found on ('' for the start URL), or 'sitemap'. */
  referrer: string;
  fromSitemap: boolean;
}

interface Entry extends FrontierItem {
  /** This entry's turn among the links its referrer gave in its class. */
  turn: number;
  /** When the referrer gave its first link. */
  referrerSeq: number;
  seq: number;
  /** False once taken, or replaced by a shallower find of the same URL. */
  live: boolean;
}

/** Priority of `a` over `b` ignoring group caps (the caller keeps capped groups apart). */
function before(a: Entry, b: Entry): boolean {
  if (a.key !== b.key) return a.key;
  if (a.depth !== b.depth) return a.depth < b.depth;
  if (a.fromSitemap !== b.fromSitemap) return !a.fromSitemap;
  if (a.classRank !== b.classRank) return a.classRank < b.classRank;
  if (a.turn !== b.turn) return a.turn < b.turn;
  if (a.referrerSeq !== b.referrerSeq) return a.referrerSeq < b.referrerSeq;
  return a.seq < b.seq;
}

/** A binary min-heap under `before`. */
class Heap {
  private items: Entry[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Entry | undefined {
    return this.items[0];
  }
  push(e: Entry): void {
    const a = this.items;
    a.push(e);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): Entry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < a.length && before(a[l]!, a[best]!)) best = l;
        if (r < a.length && before(a[r]!, a[best]!)) best = r;
        if (best === i) break;
        [a[i], a[best]] = [a[best]!, a[i]!];
        i = best;
      }
    }
    return top;
  }
}

/** One host's URLs: those of groups under their cap, and those of capped groups (moved over lazily). */
interface HostLane {
  open: Heap;
  capped: Heap;
}

export class Frontier {
  private lanes = new Map<string, HostLane>();
  private byUrl = new Map<string, Entry>();
  private turns = new Map<string, number>();
  private referrers = new Map<string, number>();
  private seq = 0;
  /** `isCapped` must be monotonic: once a group reached its cap it stays capped. */
  constructor(private isCapped: (group: string) => boolean) {}

  /** URLs waiting. */
  get size(): number {
    return this.byUrl.size;
  }

  has(url: string): boolean {
    return this.byUrl.has(url);
  }

  /** Queues a URL; one already waiting is replaced only by a find nearer the start. Returns whether it was queued. */
  add(item: FrontierItem): boolean {
    const old = this.byUrl.get(item.url);
    if (old && old.depth <= item.depth) return false;
    if (old) old.live = false;
    let referrerSeq = this.referrers.get(item.referrer);
    if (referrerSeq === undefined) this.referrers.set(item.referrer, (referrerSeq = this.referrers.size));
    const turnKey = `${item.classRank}\n${item.referrer}`;
    const turn = this.turns.get(turnKey) ?? 0;
    this.turns.set(turnKey, turn + 1);
    const entry: Entry = { ...item, turn, referrerSeq, seq: this.seq++, live: true };
    this.byUrl.set(item.url, entry);
    this.lane(new URL(item.url).host).open.push(entry);
    return true;
  }

  /** Takes the best URL on a host that `canStart`, or null when there is none. */
  take(canStart: (host: string) => boolean): FrontierItem | null {
    let best: { entry: Entry; heap: Heap; capped: boolean } | null = null;
    for (const [host, lane] of this.lanes) {
      if (!canStart(host)) continue;
      const top = this.top(lane);
      if (!top) continue;
      if (!best || (top.capped !== best.capped ? !top.capped : before(top.entry, best.entry))) best = top;
    }
    if (!best) return null;
    best.heap.pop();
    best.entry.live = false;
    this.byUrl.delete(best.entry.url);
    return strip(best.entry);
  }

  /** Empties the frontier: what was still waiting, best first (groups under their cap before capped ones). */
  drain(): FrontierItem[] {
    const out: FrontierItem[] = [];
    for (let next = this.take(() => true); next; next = this.take(() => true)) out.push(next);
    return out;
  }

  private lane(host: string): HostLane {
    let lane = this.lanes.get(host);
    if (!lane) this.lanes.set(host, (lane = { open: new Heap(), capped: new Heap() }));
    return lane;
  }

  /** A lane's best live entry; entries of groups that reached their cap move to the capped heap on the way. */
  private top(lane: HostLane): { entry: Entry; heap: Heap; capped: boolean } | null {
    for (let e = lane.open.peek(); e; e = lane.open.peek()) {
      if (!e.live) lane.open.pop();
      else if (this.isCapped(e.group)) lane.capped.push(lane.open.pop()!);
      else return { entry: e, heap: lane.open, capped: false };
    }
    for (let e = lane.capped.peek(); e; e = lane.capped.peek()) {
      if (!e.live) lane.capped.pop();
      else return { entry: e, heap: lane.capped, capped: true };
    }
    return null;
  }
}

function strip(e: Entry): FrontierItem {
  return { url: e.url, depth: e.depth, group: e.group, key: e.key, classRank: e.classRank, referrer: e.referrer, fromSitemap: e.fromSitemap };
}
