// Fixed-window request counters in this process's memory, for high-volume counters only (the QoE beacons every
// player sends): a database write per beacon would cost more than a limit that holds per process is worth, and
// several processes each count their own. The doors an attacker hammers (sign-in, sign-up, refresh) count in the
// database instead, across processes: shared-rate-limiter.ts.
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  readonly #windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one attempt; returns the seconds to wait when over the limit, else undefined. */
  take(key: string, rule: RateLimit): number | undefined {
    const now = this.now();
    let window = this.#windows.get(key);
    if (!window || now - window.startedAt >= rule.windowMs) {
      if (this.#windows.size > 100_000) this.sweep(now, rule.windowMs);
      window = { startedAt: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return window.count > rule.limit ? Math.ceil((window.startedAt + rule.windowMs - now) / 1000) : undefined;
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, window] of this.#windows) if (now - window.startedAt >= windowMs) this.#windows.delete(key);
  }
}
