// The dashboard's headline figures: engagement and quality over the period (and the one before, when comparing),
// read from the rollups, and the viewers watching now, read from the last two minutes of raw events.
import type { AnalyticsOverview, AnalyticsQuery } from '@ott/contracts';
import { analyticsQuerySchema } from '@ott/contracts';
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { isoDay } from '../usage/time-buckets.js';
import { dayAfter, periodOf, previousPeriodOf, resolvePeriod } from './analytics-period.js';
import { tenantVideo } from './tenant-video.js';
import { EMPTY_SUMS, engagementOf, qoeOf, ROLLUP_SUMS, rollupScope, rollupTable, round, type RollupSums } from './rollup-scope.js';

/** A session whose last beacon is this recent is watching now (players beacon every 30 s). */
export const CONCURRENT_WINDOW_MS = 120_000;

export async function analyticsOverview(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, query: AnalyticsQuery): Promise<AnalyticsOverview> {
  const { videoId, range, filters, compare } = analyticsQuerySchema.parse(query);
  if (videoId !== undefined) await tenantVideo(deps, tenantId, videoId);
  const now = deps.clock.now();
  const period = resolvePeriod(range, now);
  const scope = rollupScope(tenantId, videoId, filters);
  const since = compare ? period.previousFrom : period.from;
  // A viewer counts once a day however many videos they watched that day (the table keeps one row per video).
  const [sums, viewers, bitrates, concurrent] = await Promise.all([
    sql<RollupSums & { current: boolean }>`
      select bucket >= ${period.from} as current, ${ROLLUP_SUMS} from ${rollupTable(period.totalsGrain)}
      where ${scope} and bucket >= ${since} and bucket < ${period.to} group by 1`.execute(deps.db),
    sql<{ current: boolean; viewers: string }>`
      select day >= ${isoDay(period.from)}::date as current, count(distinct (day, viewer_hash)) as viewers from analytics_viewer_days
      where tenant_id = ${tenantId} ${videoId === undefined ? sql`` : sql`and video_id = ${videoId}`} and day >= ${isoDay(since)}::date and day < ${dayAfter(period.to)}::date
      group by 1`.execute(deps.db),
    sql<{ current: boolean; kbps: number | null }>`
      select day >= ${isoDay(period.from)}::date as current, sum(kilobits) / nullif(sum(watch_seconds), 0) as kbps from analytics_renditions
      where tenant_id = ${tenantId} ${videoId === undefined ? sql`` : sql`and video_id = ${videoId}`} and day >= ${isoDay(since)}::date and day < ${dayAfter(period.to)}::date
      group by 1`.execute(deps.db),
    sql<{ sessions: string }>`
      select count(distinct session_id) as sessions from analytics_events
      where ${scope} and received_at > ${new Date(now.getTime() - CONCURRENT_WINDOW_MS)}`.execute(deps.db),
  ]);
  const of = <T extends { current: boolean }>(rows: T[], current: boolean) => rows.find((row) => row.current === current);
  const bitrate = (current: boolean) => {
    const kbps = of(bitrates.rows, current)?.kbps;
    return kbps === undefined || kbps === null ? null : round(Number(kbps), 0);
  };
  const figures = (current: boolean) => ({
    engagement: engagementOf(of(sums.rows, current) ?? EMPTY_SUMS, Number(of(viewers.rows, current)?.viewers ?? 0)),
    qoe: qoeOf(of(sums.rows, current) ?? EMPTY_SUMS, bitrate(current)),
  });
  const current = figures(true);
  const previous = compare ? figures(false) : null;
  return {
    period: periodOf(period),
    previousPeriod: compare ? previousPeriodOf(period) : null,
    engagement: current.engagement,
    previousEngagement: previous?.engagement ?? null,
    qoe: current.qoe,
    previousQoe: previous?.qoe ?? null,
    concurrentViewersNow: Number(concurrent.rows[0]?.sessions ?? 0),
  };
}
