import { z } from 'zod';
import { createClip } from '../../domain/videos/clips.js';
import { adminProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

const seconds = z
  .number()
  .finite()
  .min(0)
  .max(7 * 24 * 3600);

/** Clips: a new video from a time range of a ready one (the range is checked against the video's duration). */
export const clipsRouter = router({
  create: adminProcedure
    .input(z.object({ videoId: uuid, startSeconds: seconds, endSeconds: seconds, title: z.string().trim().max(200).optional() }))
    .mutation(({ ctx, input }) => createClip(ctx.deps, ctx.admin.tenantId, input)),
});
