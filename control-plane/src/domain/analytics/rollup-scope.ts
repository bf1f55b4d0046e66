// What every dashboard query over the rollups shares: the table of a grain, the tenant (and video) it reads, the
// filters on the dimensions, and the sums it reads from a group of rollup rows.
import { ANALYTICS_DIMENSIONS, type AnalyticsDimension, type AnalyticsFilters, type AnalyticsGranularity, type EngagementTotals, type QoeTotals } from '@ott/contracts';
import { sql, type RawBuilder } from 'kysely';
import { histogramSumSql, startupPercentile } from './startup-percentile.js';

export const DIMENSION_COLUMNS: Record<AnalyticsDimension, string> = {
  country: 'country',
  deviceType: 'device_type',
  os: 'os',
  browser: 'browser',
  referrerOrigin: 'referrer_origin',
  playerVersion: 'player_version',
  accessMode: 'access_mode',
};

export function rollupTable(grain: AnalyticsGranularity): RawBuilder<unknown> {
  return sql.table(`analytics_${grain}`);
}

/** `tenant_id = … [and video_id = …] [and country in (…) …]` */
export function rollupScope(tenantId: string, videoId: string | undefined, filters: AnalyticsFilters): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`tenant_id = ${tenantId}`];
  if (videoId !== undefined) conditions.push(sql`video_id = ${videoId}`);
  for (const dimension of ANALYTICS_DIMENSIONS) {
    const values = filters[dimension];
    if (values !== undefined && values.length > 0) conditions.push(sql`${sql.ref(DIMENSION_COLUMNS[dimension])} = any(${values}::text[])`);
  }
  return sql.join(conditions, sql` and `);
}

/** Sums over a group of rollup rows, as `RollupSums` reads them. */
export const ROLLUP_SUMS = sql.raw(
  `coalesce(sum(sessions), 0) as sessions, coalesce(sum(views), 0) as views, coalesce(sum(failures), 0) as failures, coalesce(sum(completions), 0) as completions,
   coalesce(sum(watch_seconds), 0) as watch_seconds, coalesce(sum(rebuffer_ms), 0) as rebuffer_ms, coalesce(sum(rebuffer_count), 0) as rebuffer_count,
   ${histogramSumSql('startup_histogram')} as startup_histogram`,
);

/** A row of ROLLUP_SUMS as PostgreSQL returns it (bigint sums as strings). */
export interface RollupSums {
  sessions: string;
  views: string;
  failures: string;
  completions: string;
  watch_seconds: number;
  rebuffer_ms: string;
  rebuffer_count: string;
  startup_histogram: string[];
}

export const EMPTY_SUMS: RollupSums = { sessions: '0', views: '0', failures: '0', completions: '0', watch_seconds: 0, rebuffer_ms: '0', rebuffer_count: '0', startup_histogram: [] };

export function engagementOf(sums: RollupSums, uniqueViewers: number): EngagementTotals {
  const views = Number(sums.views);
  const watchSeconds = round(Number(sums.watch_seconds), 1);
  return {
    views,
    uniqueViewers,
    watchSeconds,
    averageViewSeconds: views > 0 ? round(watchSeconds / views, 1) : 0,
    completionRate: views > 0 ? round(Number(sums.completions) / views, 4) : 0,
  };
}

export function qoeOf(sums: RollupSums, averageBitrateKbps: number | null): QoeTotals {
  const histogram = sums.startup_histogram.map(Number);
  const sessions = Number(sums.sessions);
  const watchMs = Number(sums.watch_seconds) * 1000;
  const rebufferMs = Number(sums.rebuffer_ms);
  return {
    sessions,
    startupP50Ms: startupPercentile(histogram, 0.5),
    startupP95Ms: startupPercentile(histogram, 0.95),
    rebufferRatio: rebufferMs + watchMs > 0 ? round(rebufferMs / (rebufferMs + watchMs), 4) : 0,
    rebuffersPerHour: watchMs > 0 ? round(Number(sums.rebuffer_count) / (watchMs / 3_600_000), 2) : 0,
    failureRate: sessions > 0 ? round(Number(sums.failures) / sessions, 4) : 0,
    averageBitrateKbps,
  };
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
