// Politeness per host: pacing between request starts (with jitter on remote hosts), Retry-After, a circuit breaker.

/** Waits `ms`, or less when `signal` aborts; the abort listener is removed when the wait ends (no listener leak). */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

export const MAX_RETRY_AFTER_MS = 120_000;

/** Retry-After as seconds or an HTTP date, in ms, uncapped; null when absent or unreadable. */
export function requestedRetryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  const secs = /^\d+(?:\.\d+)?$/.test(v) ? Number(v) : NaN;
  if (Number.isFinite(secs)) return secs * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Retry-After as seconds or an HTTP date, in ms (capped at 120 s); null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  const ms = requestedRetryAfterMs(value, now);
  return ms === null ? null : Math.min(ms, MAX_RETRY_AFTER_MS);
}

export const isLoopback = (host: string): boolean => {
  const name = host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\./.test(name);
};

/** Extra random delay on remote hosts (up to 20 % of the gap), none on loopback (a local snapshot). */
export function jitterMs(host: string, gapMs: number, random: () => number = Math.random): number {
  return isLoopback(host) ? 0 : Math.round(gapMs * 0.2 * random());
}

/**
 * Per-host pacing: actual request starts at least `gapMs` apart (+ jitter on remote hosts). Waiters for one host
 * go one after another and each measures from the previous real start, so a late timer on a busy machine cannot
 * squeeze two starts together.
 */
export class HostPacer {
  private lastStart = new Map<string, number>();
  private holdUntil = new Map<string, number>();
  private chain = new Map<string, Promise<void>>();
  constructor(private gapFor: (host: string) => number) {}
  wait(host: string, signal?: AbortSignal): Promise<void> {
    const turn = (this.chain.get(host) ?? Promise.resolve()).then(async () => {
      const gap = this.gapFor(host);
      const last = this.lastStart.get(host);
      const earliest = Math.max(last === undefined ? 0 : last + gap + jitterMs(host, gap), this.holdUntil.get(host) ?? 0);
      await sleep(earliest - Date.now(), signal);
      this.lastStart.set(host, Date.now());
    });
    this.chain.set(host, turn);
    return turn;
  }
  /** Nothing starts on `host` for `ms` (Retry-After / back-off). */
  pushBack(host: string, ms: number): void {
    this.holdUntil.set(host, Math.max(this.holdUntil.get(host) ?? 0, Date.now() + ms));
  }
}

export const BREAKER_CONSECUTIVE = 5;
export const BREAKER_WINDOW = 50;
export const BREAKER_RATIO = 0.2;
/** The ratio rule needs this many requests in the window, so one early failure does not stop a host. */
export const BREAKER_MIN_SAMPLE = 20;

/** Stops a host after 5 consecutive 429/5xx/timeouts, or > 20 % failures in its last 50 requests. */
export class CircuitBreaker {
  private consecutive = 0;
  private window: boolean[] = [];
  open: string | null = null;
  /** Records one request's outcome; returns the reason when this request opened the breaker. */
  note(failure: boolean): string | null {
    if (this.open) return null;
    this.window.push(failure);
    if (this.window.length > BREAKER_WINDOW) this.window.shift();
    this.consecutive = failure ? this.consecutive + 1 : 0;
    const fails = this.window.filter(Boolean).length;
    if (this.consecutive >= BREAKER_CONSECUTIVE) this.open = `${this.consecutive} consecutive failed requests (429/5xx/timeout/network)`;
    else if (this.window.length >= BREAKER_MIN_SAMPLE && fails / this.window.length > BREAKER_RATIO)
      this.open = `${fails} of the last ${this.window.length} requests failed (> ${BREAKER_RATIO * 100} %)`;
    return this.open;
  }
}
