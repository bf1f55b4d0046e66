// Fixed-window request counters per (bucket, client address), in this process's memory. Enough to stop
// password guessing and sign-up floods against one API process; several processes each count their own.
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
