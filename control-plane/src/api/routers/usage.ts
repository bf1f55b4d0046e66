// A tenant's usage: by day (transcode minutes, egress, storage by class, plays) and by video with its cost.
import { z } from 'zod';
import { lastDays } from '../../domain/usage/time-buckets.js';
import { usageByDay } from '../../domain/usage/usage-reports.js';
import { usageByVideo, usageOfVideo } from '../../domain/videos/video-usage-costs.js';
import { adminProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

const window = z.object({ days: z.number().int().min(1, 'Ask for at least 1 day').max(366, 'Ask for at most 366 days').default(30) });

export const usageRouter = router({
  summary: adminProcedure.input(window.default({ days: 30 })).query(({ ctx, input }) => usageByDay(ctx.deps, ctx.admin.tenantId, lastDays(ctx.deps.clock.now(), input.days))),
  byVideo: adminProcedure.input(window.default({ days: 30 })).query(async ({ ctx, input }) => {
    const range = lastDays(ctx.deps.clock.now(), input.days);
    return { ...range, videos: await usageByVideo(ctx.deps, ctx.admin.tenantId, range) };
  }),
  video: adminProcedure.input(window.extend({ videoId: uuid })).query(({ ctx, input }) => usageOfVideo(ctx.deps, ctx.admin.tenantId, input.videoId, lastDays(ctx.deps.clock.now(), input.days))),
});
