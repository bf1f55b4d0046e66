// A tenant's usage: the period at a glance (meters against the plan, forecasts), by day (transcode minutes, egress,
// storage by class, plays and previews) over a chosen range, and by video with its cost.
import { z } from 'zod';
import { lastDays } from '../../domain/usage/time-buckets.js';
import { usageByDay } from '../../domain/usage/usage-reports.js';
import { usageOverview } from '../../domain/usage/usage-overview.js';
import { USAGE_RANGES, usageRange } from '../../domain/usage/usage-ranges.js';
import { usageByVideo, usageOfVideo } from '../../domain/videos/video-usage-costs.js';
import { adminProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

const window = z.object({ days: z.number().int().min(1, 'Ask for at least 1 day').max(366, 'Ask for at most 366 days').default(30) });

export const usageRouter = router({
  overview: adminProcedure.query(({ ctx }) => usageOverview(ctx.deps, ctx.admin.tenantId)),
  /** Days of one of the chart's ranges. */
  days: adminProcedure
    .input(z.object({ range: z.enum(USAGE_RANGES, { message: 'Choose this month, the last 30 days or the previous month' }) }))
    .query(({ ctx, input }) => usageByDay(ctx.deps, ctx.admin.tenantId, usageRange(ctx.deps.clock.now(), input.range))),
  summary: adminProcedure.input(window.default({ days: 30 })).query(({ ctx, input }) => usageByDay(ctx.deps, ctx.admin.tenantId, lastDays(ctx.deps.clock.now(), input.days))),
  byVideo: adminProcedure.input(window.default({ days: 30 })).query(async ({ ctx, input }) => {
    const range = lastDays(ctx.deps.clock.now(), input.days);
    return { ...range, videos: await usageByVideo(ctx.deps, ctx.admin.tenantId, range) };
  }),
  video: adminProcedure.input(window.extend({ videoId: uuid })).query(({ ctx, input }) => usageOfVideo(ctx.deps, ctx.admin.tenantId, input.videoId, lastDays(ctx.deps.clock.now(), input.days))),
});
