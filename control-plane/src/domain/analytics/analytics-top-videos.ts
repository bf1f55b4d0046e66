// The tenant's most viewed videos over the period, with their watch time and completion rate.
import { analyticsTopVideosQuerySchema, type AnalyticsTopVideo, type AnalyticsTopVideosQuery } from '@ott/contracts';
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { resolvePeriod } from './analytics-period.js';
import { rollupScope, rollupTable, round } from './rollup-scope.js';

export async function analyticsTopVideos(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, query: AnalyticsTopVideosQuery): Promise<AnalyticsTopVideo[]> {
  const { range, filters, limit } = analyticsTopVideosQuerySchema.parse(query);
  const period = resolvePeriod(range, deps.clock.now());
  const { rows } = await sql<{ video_id: string; title: string; views: string; watch_seconds: number; completions: string }>`
    select top.video_id, videos.title, top.views, top.watch_seconds, top.completions from (
      select video_id, sum(views) as views, sum(watch_seconds) as watch_seconds, sum(completions) as completions from ${rollupTable(period.totalsGrain)}
      where ${rollupScope(tenantId, undefined, filters)} and bucket >= ${period.from} and bucket < ${period.to}
      group by video_id order by views desc, video_id limit ${limit}
    ) as top join videos on videos.id = top.video_id and videos.tenant_id = ${tenantId}
    order by top.views desc, top.video_id`.execute(deps.db);
  return rows.map((row) => {
    const views = Number(row.views);
    return { videoId: row.video_id, title: row.title, views, watchSeconds: round(Number(row.watch_seconds), 1), completionRate: views > 0 ? round(Number(row.completions) / views, 4) : 0 };
  });
}
