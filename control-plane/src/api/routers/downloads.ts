import { z } from 'zod';
import { downloadLinks, getDownloads, setDownloadsEnabled } from '../../domain/videos/video-downloads.js';
import { adminProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

const videoId = z.object({ videoId: uuid });

/** Static MP4 downloads per video: switched on and off, and signed links to hand to a viewer. */
export const downloadsRouter = router({
  get: adminProcedure.input(videoId).query(({ ctx, input }) => getDownloads(ctx.deps, ctx.admin.tenantId, input.videoId)),
  setEnabled: adminProcedure.input(videoId.extend({ enabled: z.boolean() })).mutation(({ ctx, input }) => setDownloadsEnabled(ctx.deps, ctx.admin.tenantId, input.videoId, input.enabled)),
  /** One signed URL per file, valid as long as a playback grant. */
  links: adminProcedure.input(videoId).query(({ ctx, input }) => downloadLinks(ctx.deps, ctx.admin.tenantId, input.videoId)),
});
