// Quality of experience in detail: the start-up histogram (filters apply), the error codes sessions failed with, and
// the renditions watched with their time to first frame (per video and day only: dimension filters do not apply).
import { analyticsQuerySchema, type AnalyticsQoeDetail, type AnalyticsQuery } from '@ott/contracts';
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { isoDay } from '../usage/time-buckets.js';
import { dayAfter, periodOf, resolvePeriod } from './analytics-period.js';
import { tenantVideo } from './tenant-video.js';
import { EMPTY_SUMS, ROLLUP_SUMS, rollupScope, rollupTable, round, type RollupSums } from './rollup-scope.js';
import { STARTUP_BUCKETS } from './startup-percentile.js';

const TOP_ERRORS = 10;

export async function analyticsQoe(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, query: AnalyticsQuery): Promise<AnalyticsQoeDetail> {
  const { videoId, range, filters } = analyticsQuerySchema.parse(query);
  if (videoId !== undefined) await tenantVideo(deps, tenantId, videoId);
  const period = resolvePeriod(range, deps.clock.now());
  const days = sql`tenant_id = ${tenantId} ${videoId === undefined ? sql`` : sql`and video_id = ${videoId}`} and day >= ${isoDay(period.from)}::date and day < ${dayAfter(period.to)}::date`;
  const [sums, errors, renditions] = await Promise.all([
    sql<RollupSums>`select ${ROLLUP_SUMS} from ${rollupTable(period.totalsGrain)} where ${rollupScope(tenantId, videoId, filters)} and bucket >= ${period.from} and bucket < ${period.to}`.execute(
      deps.db,
    ),
    sql<{ code: string; sessions: string }>`select code, sum(sessions) as sessions from analytics_errors where ${days} group by code order by 2 desc, code limit ${TOP_ERRORS}`.execute(deps.db),
    sql<{ height: number; watch_seconds: number; first_frames: string; first_frame_ms: string }>`
      select height, sum(watch_seconds) as watch_seconds, sum(first_frames) as first_frames, sum(first_frame_ms) as first_frame_ms
      from analytics_renditions where ${days} group by height order by height desc`.execute(deps.db),
  ]);
  const histogram = (sums.rows[0] ?? EMPTY_SUMS).startup_histogram.map(Number);
  const watched = renditions.rows.reduce((total, row) => total + Number(row.watch_seconds), 0);
  return {
    period: periodOf(period),
    startupHistogram: histogram.length > 0 ? histogram : Array.from({ length: STARTUP_BUCKETS }, () => 0),
    topErrors: errors.rows.map((row) => ({ code: row.code, sessions: Number(row.sessions) })),
    renditions: renditions.rows.map((row) => {
      const firstFrames = Number(row.first_frames);
      return {
        height: row.height,
        watchSeconds: round(Number(row.watch_seconds), 1),
        share: watched > 0 ? round(Number(row.watch_seconds) / watched, 4) : 0,
        firstFrames,
        averageTimeToFirstFrameMs: firstFrames > 0 ? Math.round(Number(row.first_frame_ms) / firstFrames) : null,
      };
    }),
  };
}
