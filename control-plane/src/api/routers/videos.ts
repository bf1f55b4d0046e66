import { z } from 'zod';
import { issuePreviewToken } from '../../domain/playback/preview-tokens.js';
import { bulkDeleteVideos, bulkSetAccessMode, MAX_BULK_VIDEOS } from '../../domain/videos/bulk-video-actions.js';
import { completeReplacementUpload, createReplacementUpload, listReplacementParts, replacementPartUrls } from '../../domain/videos/replace-source.js';
import { completeUpload, createUpload, listUploadedParts, partUrls } from '../../domain/videos/uploads.js';
import { choosePosterFromThumbnail, MAX_POSTER_BYTES, uploadPoster } from '../../domain/videos/video-poster.js';
import { importVideoFromUrl } from '../../domain/videos/video-imports.js';
import { deleteVideo, getVideo, listVideos, updateVideo } from '../../domain/videos/video-library.js';
import { adminProcedure, router } from '../trpc.js';
import { accessMode, partNumbers, uploadFilename, uuid } from './fields.js';

const videoId = z.object({ videoId: uuid });
const bulkVideoIds = z.array(uuid).min(1, 'Select at least one video.').max(MAX_BULK_VIDEOS, `Select at most ${MAX_BULK_VIDEOS} videos at a time.`);

export const videosRouter = router({
  createUpload: adminProcedure
    .input(
      z.object({
        filename: uploadFilename,
        size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        title: z.string().trim().max(200).optional(),
        description: z.string().max(5000).optional(),
        accessMode: accessMode.optional(),
        /** Make static MP4 downloads in the transcode. */
        downloads: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => createUpload(ctx.deps, ctx.admin.tenantId, input)),
  /** The server fetches the original from a public http(s) address; the video fails with the reason when it cannot. */
  importFromUrl: adminProcedure
    .input(
      z.object({
        url: z.string().trim().min(1).max(2048),
        title: z.string().trim().max(200).optional(),
        description: z.string().max(5000).optional(),
        accessMode: accessMode.optional(),
      }),
    )
    .mutation(({ ctx, input }) => importVideoFromUrl(ctx.deps, ctx.admin.tenantId, input)),
  partUrls: adminProcedure.input(videoId.extend({ partNumbers })).mutation(({ ctx, input }) => partUrls(ctx.deps, ctx.admin.tenantId, input.videoId, input.partNumbers)),
  listParts: adminProcedure.input(videoId).query(({ ctx, input }) => listUploadedParts(ctx.deps, ctx.admin.tenantId, input.videoId)),
  completeUpload: adminProcedure.input(videoId).mutation(({ ctx, input }) => completeUpload(ctx.deps, ctx.admin.tenantId, input.videoId)),
  /** A new original for a ready video, keeping its id: the same part protocol, the current package playing until it is done. */
  createReplacementUpload: adminProcedure
    .input(videoId.extend({ filename: uploadFilename, size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }))
    .mutation(({ ctx, input }) => createReplacementUpload(ctx.deps, ctx.admin.tenantId, input)),
  replacementPartUrls: adminProcedure.input(videoId.extend({ partNumbers })).mutation(({ ctx, input }) => replacementPartUrls(ctx.deps, ctx.admin.tenantId, input.videoId, input.partNumbers)),
  listReplacementParts: adminProcedure.input(videoId).query(({ ctx, input }) => listReplacementParts(ctx.deps, ctx.admin.tenantId, input.videoId)),
  completeReplacementUpload: adminProcedure.input(videoId).mutation(({ ctx, input }) => completeReplacementUpload(ctx.deps, ctx.admin.tenantId, input.videoId)),
  /** One page of the library, newest first unless sorted otherwise; `cursor` is the previous page's `nextCursor`. */
  list: adminProcedure
    .input(
      z
        .object({
          search: z.string().trim().max(200).optional(),
          status: z.enum(['uploading', 'queued', 'processing', 'ready', 'failed']).optional(),
          access: accessMode.optional(),
          sort: z.enum(['newest', 'oldest', 'title']).optional(),
          limit: z.number().int().min(1).max(200).default(50),
          cursor: z.string().min(1).max(1000).optional(),
          /** Also count the matching videos, capped ("10,000+"): the portal asks on the first page only. */
          withTotal: z.boolean().optional(),
        })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => listVideos(ctx.deps, ctx.admin.tenantId, input)),
  get: adminProcedure.input(videoId).query(({ ctx, input }) => getVideo(ctx.deps, ctx.admin.tenantId, input.videoId)),
  /** A 15-minute playback credential for this admin's own video, whatever its access mode (portal previews). */
  previewToken: adminProcedure.input(videoId).mutation(({ ctx, input }) => issuePreviewToken(ctx.deps, ctx.admin.tenantId, input.videoId)),
  update: adminProcedure
    .input(videoId.extend({ title: z.string().trim().min(1).max(200).optional(), description: z.string().max(5000).optional(), accessMode: accessMode.optional() }))
    .mutation(({ ctx, input }) => updateVideo(ctx.deps, ctx.admin.tenantId, input.videoId, input)),
  delete: adminProcedure.input(videoId).mutation(async ({ ctx, input }) => {
    await deleteVideo(ctx.deps, ctx.admin.tenantId, input.videoId);
    return { deleted: true };
  }),
  /** One of the video's thumbnails becomes its poster (a new URL: caches and players fetch it fresh). */
  setPoster: adminProcedure
    .input(videoId.extend({ thumbnailPath: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => choosePosterFromThumbnail(ctx.deps, ctx.admin.tenantId, input.videoId, input.thumbnailPath)),
  /** An uploaded JPEG, PNG or WebP becomes the poster, re-encoded (the upload's bytes are never served). */
  uploadPoster: adminProcedure
    .input(videoId.extend({ imageBase64: z.string().max(Math.ceil((MAX_POSTER_BYTES * 4) / 3) + 4, `The image can be at most ${MAX_POSTER_BYTES / 1024} KB`) }))
    .mutation(({ ctx, input }) => uploadPoster(ctx.deps, ctx.admin.tenantId, input.videoId, Buffer.from(input.imageBase64, 'base64'))),
  /** The library's bulk actions: each answers which videos it was done to and which failed, and why. */
  bulkDelete: adminProcedure.input(z.object({ videoIds: bulkVideoIds })).mutation(({ ctx, input }) => bulkDeleteVideos(ctx.deps, ctx.admin.tenantId, input.videoIds)),
  bulkSetAccessMode: adminProcedure
    .input(z.object({ videoIds: bulkVideoIds, accessMode }))
    .mutation(({ ctx, input }) => bulkSetAccessMode(ctx.deps, ctx.admin.tenantId, input.videoIds, input.accessMode)),
});
