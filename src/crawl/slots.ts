// Request slots: at most `total` requests started and unfinished (a pacing wait before a request holds its slot),
// at most `perHost` of them on one host. The crawler asks for room before it picks what to start, so the choice is
// made when a slot is actually free.

export class RequestSlots {
  private active = 0;
  private byHost = new Map<string, number>();
  constructor(
    private total: number,
    private perHost: number,
  ) {}

  /** Slots in use. */
  get busy(): number {
    return this.active;
  }

  /** A slot is free overall (and on `host`, when given). */
  hasRoom(host?: string): boolean {
    return this.active < this.total && (host === undefined || (this.byHost.get(host) ?? 0) < this.perHost);
  }

  /** Runs `task` in a slot on `host` (the caller checked hasRoom); the slot is free again when it settles. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    this.active++;
    this.byHost.set(host, (this.byHost.get(host) ?? 0) + 1);
    try {
      return await task();
    } finally {
      this.active--;
      const n = (this.byHost.get(host) ?? 1) - 1;
      if (n) this.byHost.set(host, n);
      else this.byHost.delete(host);
    }
  }
}
