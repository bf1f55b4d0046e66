// A video's audio tracks: the source's and the dubs a tenant adds for a language (the portal's audio section, the CLI,
// the node SDK). A dub's file uploads with the multipart protocol of a video's original: addDub → part URLs → complete.
import { MEDIA_TRACK_LIMITS } from '@ott/contracts';
import { z } from 'zod';
import { completeDubUpload, createDubUpload, dubPartUrls, listDubParts } from '../../domain/videos/dub-uploads.js';
import { listAudioTracks, removeDub, updateDub } from '../../domain/videos/dub-tracks.js';
import { adminProcedure, router } from '../trpc.js';
import { partNumbers, uploadFilename, uuid } from './fields.js';

const dub = z.object({ videoId: uuid, trackId: uuid });
const language = z.string().trim().min(2, 'Give the language as a tag such as fr, es or pt-BR').max(35);
const name = z.string().trim().min(1, 'Give the dub a name, such as "Français"').max(MEDIA_TRACK_LIMITS.labelCharacters, `A name can have at most ${MEDIA_TRACK_LIMITS.labelCharacters} characters`);

export const audioTracksRouter = router({
  /** The source's tracks of the package being played, then the dubs, whatever their state. */
  list: adminProcedure.input(z.object({ videoId: uuid })).query(({ ctx, input }) => listAudioTracks(ctx.deps, ctx.admin.tenantId, input.videoId)),
  /** Starts a dub's upload: the ticket carries the new track's id and the first part URLs. */
  addDub: adminProcedure
    .input(z.object({ videoId: uuid, filename: uploadFilename, size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), language, name: name.optional() }))
    .mutation(({ ctx, input }) => createDubUpload(ctx.deps, ctx.admin.tenantId, input)),
  dubPartUrls: adminProcedure.input(dub.extend({ partNumbers })).mutation(({ ctx, input }) => dubPartUrls(ctx.deps, ctx.admin.tenantId, input.videoId, input.trackId, input.partNumbers)),
  listDubParts: adminProcedure.input(dub).query(({ ctx, input }) => listDubParts(ctx.deps, ctx.admin.tenantId, input.videoId, input.trackId)),
  /** The file is whole: it is encoded, and the dub joins the master when ready (or fails with a reason). */
  completeDub: adminProcedure.input(dub).mutation(({ ctx, input }) => completeDubUpload(ctx.deps, ctx.admin.tenantId, input.videoId, input.trackId)),
  updateDub: adminProcedure
    .input(dub.extend({ name: name.optional(), language: language.optional(), isDefault: z.boolean().optional() }))
    .mutation(({ ctx, input }) => updateDub(ctx.deps, ctx.admin.tenantId, input.videoId, input.trackId, input)),
  /** Out of the master, and its rendition and file deleted. */
  removeDub: adminProcedure.input(dub).mutation(({ ctx, input }) => removeDub(ctx.deps, ctx.admin.tenantId, input.videoId, input.trackId)),
});
