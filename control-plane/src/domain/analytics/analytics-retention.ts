// One video's audience retention: at each 1 % of its duration, the share of the period's views that reached it. The
// heartbeats are compressed at ingest to per-point counts per day (analytics_retention), so the curve is 101 sums.
// Dimension filters do not apply: the counts are per video and day only.
import { analyticsRetentionQuerySchema, type AnalyticsRetention, type AnalyticsRetentionQuery } from '@ott/contracts';
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { isoDay } from '../usage/time-buckets.js';
import { RETENTION_POINTS } from './analytics-event.js';
import { dayAfter, resolvePeriod } from './analytics-period.js';
import { tenantVideo } from './tenant-video.js';
import { round } from './rollup-scope.js';

export async function analyticsRetention(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, query: AnalyticsRetentionQuery): Promise<AnalyticsRetention> {
  const { videoId, range } = analyticsRetentionQuerySchema.parse(query);
  const video = await tenantVideo(deps, tenantId, videoId);
  const period = resolvePeriod(range, deps.clock.now());
  const { rows } = await sql<{ point: number; reached: string }>`
    select point, sum(reached) as reached from analytics_retention
    where tenant_id = ${tenantId} and video_id = ${videoId} and day >= ${isoDay(period.from)}::date and day < ${dayAfter(period.to)}::date
    group by point`.execute(deps.db);
  const reached = new Map(rows.map((row) => [row.point, Number(row.reached)]));
  // Every view reaches the start: point 0 counts the views the curve is a share of.
  const views = reached.get(0) ?? 0;
  const duration = video.durationSeconds ?? 0;
  return {
    videoId,
    durationSeconds: duration,
    views,
    points: Array.from({ length: RETENTION_POINTS }, (_, point) => [round((duration * point) / (RETENTION_POINTS - 1), 1), views > 0 ? round((reached.get(point) ?? 0) / views, 4) : 0]),
  };
}
