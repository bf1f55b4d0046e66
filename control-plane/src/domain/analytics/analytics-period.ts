// A dashboard's date range in UTC: the period it covers, the one before it of the same length (for comparison), the
// granularity of its time series, and the rollup table exact enough to answer it (the coarsest whose buckets its
// edges fall on).
import type { AnalyticsGranularity, AnalyticsPeriod, AnalyticsRange } from '@ott/contracts';
import { addDays, HOUR_MS, isoDay, lastDays, startOfDay } from '../usage/time-buckets.js';

export const GRAIN_MS: Record<AnalyticsGranularity, number> = { minute: 60_000, hour: HOUR_MS, day: 24 * HOUR_MS };
const MINUTE_SERIES_UP_TO_MS = 6 * HOUR_MS;
const HOUR_SERIES_UP_TO_MS = 7 * 24 * HOUR_MS;

export interface ResolvedPeriod {
  from: Date;
  to: Date;
  previousFrom: Date;
  granularity: AnalyticsGranularity;
  /** The rollup whose buckets both edges fall on, coarsest first: what totals are read from. */
  totalsGrain: AnalyticsGranularity;
}

export function resolvePeriod(range: AnalyticsRange, now: Date): ResolvedPeriod {
  const { from, to } = edges(range, now);
  const length = to.getTime() - from.getTime();
  const granularity: AnalyticsGranularity = length <= MINUTE_SERIES_UP_TO_MS ? 'minute' : length <= HOUR_SERIES_UP_TO_MS ? 'hour' : 'day';
  const aligned = (grain: AnalyticsGranularity) => from.getTime() % GRAIN_MS[grain] === 0 && to.getTime() % GRAIN_MS[grain] === 0;
  const totalsGrain: AnalyticsGranularity = aligned('day') ? 'day' : aligned('hour') ? 'hour' : 'minute';
  return { from, to, previousFrom: new Date(from.getTime() - length), granularity, totalsGrain };
}

export function periodOf(period: ResolvedPeriod): AnalyticsPeriod {
  return { from: period.from.toISOString(), to: period.to.toISOString() };
}

export function previousPeriodOf(period: ResolvedPeriod): AnalyticsPeriod {
  return { from: period.previousFrom.toISOString(), to: period.from.toISOString() };
}

function edges(range: AnalyticsRange, now: Date): { from: Date; to: Date } {
  switch (range.preset) {
    case 'today':
      return { from: startOfDay(now), to: addDays(startOfDay(now), 1) };
    case '7d':
      return lastDays(now, 7);
    case '30d':
      return lastDays(now, 30);
    case 'custom': {
      // Custom edges are cut to whole minutes: the finest rollup.
      const minute = (iso: string | undefined) => new Date(Math.floor(Date.parse(iso ?? '') / 60_000) * 60_000);
      return { from: minute(range.from), to: minute(range.to) };
    }
  }
}

/** The first UTC day a day table need not read for a period ending at `to` (its day, or the next when `to` is inside a day). */
export function dayAfter(to: Date): string {
  return isoDay(to.getTime() % GRAIN_MS.day === 0 ? to : addDays(startOfDay(to), 1));
}
