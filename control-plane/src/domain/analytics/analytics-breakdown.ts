// The period's figures by the values of one dimension (country, device type, …), most viewed first.
import { analyticsBreakdownQuerySchema, type AnalyticsBreakdown, type AnalyticsBreakdownQuery } from '@ott/contracts';
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { periodOf, resolvePeriod } from './analytics-period.js';
import { tenantVideo } from './tenant-video.js';
import { DIMENSION_COLUMNS, qoeOf, ROLLUP_SUMS, rollupScope, rollupTable, round, type RollupSums } from './rollup-scope.js';

export async function analyticsBreakdown(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, query: AnalyticsBreakdownQuery): Promise<AnalyticsBreakdown> {
  const { videoId, range, filters, dimension, limit } = analyticsBreakdownQuerySchema.parse(query);
  if (videoId !== undefined) await tenantVideo(deps, tenantId, videoId);
  const period = resolvePeriod(range, deps.clock.now());
  const column = sql.ref(DIMENSION_COLUMNS[dimension]);
  const { rows } = await sql<RollupSums & { value: string }>`
    select ${column} as value, ${ROLLUP_SUMS} from ${rollupTable(period.totalsGrain)}
    where ${rollupScope(tenantId, videoId, filters)} and bucket >= ${period.from} and bucket < ${period.to}
    group by 1 order by views desc, value limit ${limit}`.execute(deps.db);
  return {
    period: periodOf(period),
    dimension,
    rows: rows.map((row) => {
      const qoe = qoeOf(row, null);
      return {
        value: row.value,
        views: Number(row.views),
        watchSeconds: round(Number(row.watch_seconds), 1),
        startupP50Ms: qoe.startupP50Ms,
        rebufferRatio: qoe.rebufferRatio,
        failureRate: qoe.failureRate,
      };
    }),
  };
}
