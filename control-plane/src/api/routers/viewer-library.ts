// A signed-in viewer's own library on a tenant's site: continue watching (kept from their player's reports) and my list.
import { z } from 'zod';
import { continueWatching, forgetViewerPlace, myList, addToMyList, removeFromMyList } from '../../domain/viewers/viewer-library.js';
import { router, viewerProcedure } from '../trpc.js';
import { uuid } from './fields.js';

const aVideo = z.object({ videoId: uuid });

export const viewerLibraryRouter = router({
  continueWatching: viewerProcedure
    .input(z.object({ limit: z.number().int().min(1).max(50).default(20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => continueWatching(ctx.deps, ctx.viewer, input.limit)),
  /** "Remove from continue watching". */
  forgetPlace: viewerProcedure.input(aVideo).mutation(({ ctx, input }) => forgetViewerPlace(ctx.deps, ctx.viewer, input.videoId)),
  myList: viewerProcedure.query(({ ctx }) => myList(ctx.deps, ctx.viewer)),
  addToList: viewerProcedure.input(aVideo).mutation(({ ctx, input }) => addToMyList(ctx.deps, ctx.viewer, input.videoId)),
  removeFromList: viewerProcedure.input(aVideo).mutation(({ ctx, input }) => removeFromMyList(ctx.deps, ctx.viewer, input.videoId)),
});
