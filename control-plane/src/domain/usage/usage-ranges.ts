// The date ranges the usage chart offers, in UTC days: this calendar month so far, the last 30 days, the previous month.
import { addDays, lastDays, startOfDay, startOfMonth } from './time-buckets.js';

export const USAGE_RANGES = ['this-month', 'last-30-days', 'previous-month'] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

/** `from` included, `to` excluded; today is included in the ranges that reach it. */
export function usageRange(now: Date, range: UsageRange): { from: Date; to: Date } {
  const tomorrow = addDays(startOfDay(now), 1);
  switch (range) {
    case 'this-month':
      return { from: startOfMonth(now), to: tomorrow };
    case 'last-30-days':
      return lastDays(now, 30);
    case 'previous-month': {
      const thisMonth = startOfMonth(now);
      return { from: startOfMonth(addDays(thisMonth, -1)), to: thisMonth };
    }
  }
}
