import { z } from 'zod';
import { signedImageUrl } from '../../domain/images/signed-image-url.js';
import { adminProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

export const videoImagesRouter = router({
  /** A signed address of the video's picture at `timeSeconds`, `width` pixels wide, made on first request at the edge. */
  url: adminProcedure.input(z.object({ videoId: uuid, timeSeconds: z.number().min(0), width: z.number().int() })).query(({ ctx, input }) => signedImageUrl(ctx.deps, ctx.admin.tenantId, input)),
});
