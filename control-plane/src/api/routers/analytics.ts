// Viewer analytics for the tenant's admins (the portal's dashboard): each panel one query, all over the rollups the
// players' beacons feed. The operator's view across tenants is operator.analytics (billing.ts's operator router).
import { analyticsBreakdownQuerySchema, analyticsQuerySchema, analyticsRetentionQuerySchema, analyticsTopVideosQuerySchema } from '@ott/contracts';
import { analyticsBreakdown } from '../../domain/analytics/analytics-breakdown.js';
import { analyticsOverview } from '../../domain/analytics/analytics-overview.js';
import { analyticsQoe } from '../../domain/analytics/analytics-qoe.js';
import { analyticsRetention } from '../../domain/analytics/analytics-retention.js';
import { analyticsTimeSeries } from '../../domain/analytics/analytics-time-series.js';
import { analyticsTopVideos } from '../../domain/analytics/analytics-top-videos.js';
import { adminProcedure, router } from '../trpc.js';

export const analyticsRouter = router({
  overview: adminProcedure.input(analyticsQuerySchema).query(({ ctx, input }) => analyticsOverview(ctx.deps, ctx.admin.tenantId, input)),
  timeSeries: adminProcedure.input(analyticsQuerySchema).query(({ ctx, input }) => analyticsTimeSeries(ctx.deps, ctx.admin.tenantId, input)),
  retention: adminProcedure.input(analyticsRetentionQuerySchema).query(({ ctx, input }) => analyticsRetention(ctx.deps, ctx.admin.tenantId, input)),
  breakdown: adminProcedure.input(analyticsBreakdownQuerySchema).query(({ ctx, input }) => analyticsBreakdown(ctx.deps, ctx.admin.tenantId, input)),
  topVideos: adminProcedure.input(analyticsTopVideosQuerySchema).query(({ ctx, input }) => analyticsTopVideos(ctx.deps, ctx.admin.tenantId, input)),
  qoe: adminProcedure.input(analyticsQuerySchema).query(({ ctx, input }) => analyticsQoe(ctx.deps, ctx.admin.tenantId, input)),
});
