// When a failed delivery is tried again: exponential backoff with jitter spread over about three days, after which the
// delivery is given up (`failed`). Ten attempts in all; the waits add up to 2 days 20.6 hours before jitter.
const WAITS_SECONDS = [10, 60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600, 12 * 3600, 24 * 3600, 24 * 3600];

export const MAX_ATTEMPTS = WAITS_SECONDS.length + 1;

/** An endpoint whose attempts have all failed for this long is disabled: it has been failing for as long as a delivery is retried. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3600 * 1000;

/**
 * The wait after `attempts` failed attempts, or undefined when the delivery is given up. ±10 % jitter, so deliveries
 * that failed together (an endpoint that was down) do not all come back in the same second.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number | undefined {
  const wait = WAITS_SECONDS[attempts - 1];
  if (wait === undefined) return undefined;
  return Math.round(wait * 1000 * (0.9 + 0.2 * random()));
}
