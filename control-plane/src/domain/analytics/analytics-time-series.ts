// The dashboard's charts over time: one point per bucket of the period's granularity (empty buckets as zeros), and
// the previous period's points aligned one for one when comparing. One query reads both periods.
import { analyticsQuerySchema, type AnalyticsQuery, type AnalyticsTimePoint, type AnalyticsTimeSeries } from '@ott/contracts';
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { GRAIN_MS, periodOf, resolvePeriod } from './analytics-period.js';
import { tenantVideo } from './tenant-video.js';
import { EMPTY_SUMS, qoeOf, ROLLUP_SUMS, rollupScope, rollupTable, round, type RollupSums } from './rollup-scope.js';

export async function analyticsTimeSeries(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, query: AnalyticsQuery): Promise<AnalyticsTimeSeries> {
  const { videoId, range, filters, compare } = analyticsQuerySchema.parse(query);
  if (videoId !== undefined) await tenantVideo(deps, tenantId, videoId);
  const period = resolvePeriod(range, deps.clock.now());
  const since = compare ? period.previousFrom : period.from;
  const { rows } = await sql<RollupSums & { bucket: Date }>`
    select bucket, ${ROLLUP_SUMS} from ${rollupTable(period.granularity)}
    where ${rollupScope(tenantId, videoId, filters)} and bucket >= ${since} and bucket < ${period.to} group by bucket`.execute(deps.db);
  const byBucket = new Map(rows.map((row) => [new Date(row.bucket).getTime(), row]));
  const step = GRAIN_MS[period.granularity];
  const points = (from: Date, to: Date) => {
    const series: AnalyticsTimePoint[] = [];
    for (let at = Math.floor(from.getTime() / step) * step; at < to.getTime(); at += step) series.push(pointOf(at, byBucket.get(at) ?? EMPTY_SUMS));
    return series;
  };
  return {
    period: periodOf(period),
    granularity: period.granularity,
    points: points(period.from, period.to),
    previousPoints: compare ? points(period.previousFrom, period.from) : null,
  };
}

function pointOf(at: number, sums: RollupSums): AnalyticsTimePoint {
  const qoe = qoeOf(sums, null);
  return {
    at: new Date(at).toISOString(),
    views: Number(sums.views),
    watchSeconds: round(Number(sums.watch_seconds), 1),
    startupP50Ms: qoe.startupP50Ms,
    rebufferRatio: qoe.rebufferRatio,
    failures: Number(sums.failures),
  };
}
