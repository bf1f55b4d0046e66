// When to re-authorise: early enough that no request ever goes out with an expired grant, late enough not to
// hammer the API. Grants last ten minutes in production (refresh one minute before the end); short test
// grants refresh when a third of their life remains.
const MAX_MARGIN_MS = 60_000;
const MIN_DELAY_MS = 1_000;
/** A grant that looks already expired means this device's clock is off; retry on a slow, steady beat. */
const SKEWED_CLOCK_DELAY_MS = 30_000;

export function refreshDelayMs(expiresAt: Date, nowMs: number): number {
  const remaining = expiresAt.getTime() - nowMs;
  if (remaining <= 0) return SKEWED_CLOCK_DELAY_MS;
  return Math.max(MIN_DELAY_MS, remaining - Math.min(MAX_MARGIN_MS, remaining / 3));
}

/** After a failed refresh: 1 s, 2 s, 4 s … capped at 30 s, and never later than the refresh would be useful. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}
