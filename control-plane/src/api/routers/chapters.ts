import { z } from 'zod';
import { getChapters, setChapters } from '../../domain/chapters/video-chapters.js';
import { adminProcedure, router } from '../trpc.js';
import { chapterList, uuid } from './fields.js';

export const chaptersRouter = router({
  get: adminProcedure.input(z.object({ videoId: uuid })).query(({ ctx, input }) => getChapters(ctx.deps, ctx.admin.tenantId, input.videoId)),
  /** Replaces every chapter (an empty list removes them); players see the change at their next authorisation. */
  set: adminProcedure.input(z.object({ videoId: uuid, chapters: chapterList })).mutation(({ ctx, input }) => setChapters(ctx.deps, ctx.admin.tenantId, input.videoId, input.chapters)),
});
