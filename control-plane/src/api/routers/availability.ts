import { z } from 'zod';
import { getAvailability, setAvailability } from '../../domain/videos/video-availability.js';
import { adminProcedure, router } from '../trpc.js';
import { availabilityChange, availabilityFields, uuid } from './fields.js';

const videoId = z.object({ videoId: uuid });

/** When and where each video may be watched: its publish window and country rule. */
export const availabilityRouter = router({
  get: adminProcedure.input(videoId).query(({ ctx, input }) => getAvailability(ctx.deps, ctx.admin.tenantId, input.videoId)),
  set: adminProcedure.input(videoId.extend(availabilityFields)).mutation(({ ctx, input }) => setAvailability(ctx.deps, ctx.admin.tenantId, input.videoId, availabilityChange(input))),
});
