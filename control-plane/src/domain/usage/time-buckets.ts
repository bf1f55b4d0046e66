// UTC buckets: usage is rolled up by hour and day, and billed by calendar month, all in UTC so that a bucket
// means the same thing to every process, to Stripe and to CloudFront's logs.
export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function startOfHour(time: Date): Date {
  return new Date(Math.floor(time.getTime() / HOUR_MS) * HOUR_MS);
}

export function startOfDay(time: Date): Date {
  return new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);
}

export function startOfMonth(time: Date): Date {
  return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), 1));
}

export function startOfNextMonth(time: Date): Date {
  return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth() + 1, 1));
}

export function addHours(time: Date, hours: number): Date {
  return new Date(time.getTime() + hours * HOUR_MS);
}

export function addDays(time: Date, days: number): Date {
  return new Date(time.getTime() + days * DAY_MS);
}

/** `2026-11-21` */
export function isoDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/** The last `days` UTC days, today included. */
export function lastDays(now: Date, days: number): { from: Date; to: Date } {
  const to = addDays(startOfDay(now), 1);
  return { from: addDays(to, -days), to };
}
