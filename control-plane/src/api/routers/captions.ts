// Caption and subtitle tracks of a video (the portal's captions section and caption editor, the CLI, the node SDK).
import { MEDIA_TRACK_LIMITS } from '@ott/contracts';
import { z } from 'zod';
import { deleteTextTrack, listTextTracks, replaceTextTrackCues, textTrackCues, updateTextTrack } from '../../domain/captions/text-track-library.js';
import { textTrackTranscript } from '../../domain/captions/text-track-transcript.js';
import { uploadTextTrack } from '../../domain/captions/upload-text-track.js';
import { requestAutomaticCaptions } from '../../domain/captions/automatic-captions.js';
import { adminProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

/**
 * The tRPC procedures that carry a caption file or a track's cues: their bodies may be larger than other calls'.
 * A 2 MiB file is up to about 2.5 MiB as a JSON string (line breaks and quotes escaped), twice that for safety.
 */
export const CAPTION_WRITE_PROCEDURES = ['captions.upload', 'captions.replaceCues'] as const;
export const CAPTIONS_MAX_BODY_BYTES = 5 * MEDIA_TRACK_LIMITS.captionFileBytes;

const track = z.object({ videoId: uuid, trackId: uuid });
const language = z.string().trim().min(2, 'Give the language as a tag such as en, fr or pt-BR').max(35);
const label = z
  .string()
  .trim()
  .min(1, 'Give the track a label, such as "English"')
  .max(MEDIA_TRACK_LIMITS.labelCharacters, `A label can have at most ${MEDIA_TRACK_LIMITS.labelCharacters} characters`);
const kind = z.enum(['subtitles', 'captions']);
const cue = z.object({
  startSeconds: z
    .number()
    .min(0)
    .max(100 * 3600),
  endSeconds: z
    .number()
    .min(0)
    .max(100 * 3600),
  text: z.string().max(MEDIA_TRACK_LIMITS.captionCueCharacters, `A cue can have at most ${MEDIA_TRACK_LIMITS.captionCueCharacters} characters`),
});

export const captionsRouter = router({
  /** Every caption track of the video, oldest first, automatic ones marked by their origin. */
  list: adminProcedure.input(z.object({ videoId: uuid })).query(({ ctx, input }) => listTextTracks(ctx.deps, ctx.admin.tenantId, input.videoId)),
  /** A WebVTT or SRT file's text; the format is told from the content unless given. */
  upload: adminProcedure
    .input(
      z.object({
        videoId: uuid,
        content: z.string().max(MEDIA_TRACK_LIMITS.captionFileBytes, `A caption file can be at most ${MEDIA_TRACK_LIMITS.captionFileBytes / 1024 / 1024} MB`),
        format: z.enum(['vtt', 'srt']).optional(),
        language,
        label: label.optional(),
        kind: kind.optional(),
        isDefault: z.boolean().optional(),
        forced: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => uploadTextTrack(ctx.deps, { ...input, tenantId: ctx.admin.tenantId })),
  /** The track and its cues, for the caption editor. */
  cues: adminProcedure.input(track).query(({ ctx, input }) => textTrackCues(ctx.deps, ctx.admin.tenantId, input.videoId, input.trackId)),
  /** The caption editor's save: the whole list of cues. */
  replaceCues: adminProcedure
    .input(track.extend({ cues: z.array(cue).max(MEDIA_TRACK_LIMITS.captionCues, `A track can have at most ${MEDIA_TRACK_LIMITS.captionCues} cues`) }))
    .mutation(({ ctx, input }) => replaceTextTrackCues(ctx.deps, ctx.admin.tenantId, input.videoId, input.trackId, input.cues)),
  /** Language, label, kind, default (one per video: setting it unsets the others) and forced. */
  update: adminProcedure
    .input(track.extend({ language: language.optional(), label: label.optional(), kind: kind.optional(), isDefault: z.boolean().optional(), forced: z.boolean().optional() }))
    .mutation(({ ctx, input }) => {
      const { videoId, trackId, ...settings } = input;
      return updateTextTrack(ctx.deps, ctx.admin.tenantId, videoId, trackId, settings);
    }),
  remove: adminProcedure.input(track).mutation(async ({ ctx, input }) => {
    await deleteTextTrack(ctx.deps, ctx.admin.tenantId, input.videoId, input.trackId);
    return { removed: true };
  }),
  /**
   * Automatic captions of a ready video by speech to text, after it and never delaying it: the automatic track in
   * `language` shows as processing, then ready (or failed with the reason). Asking again replaces that track.
   */
  generate: adminProcedure.input(z.object({ videoId: uuid, language })).mutation(({ ctx, input }) => requestAutomaticCaptions(ctx.deps, ctx.admin.tenantId, input.videoId, input.language)),
  /** Plain text with times, one cue a line: `[00:01:02] text`. */
  transcript: adminProcedure.input(track).query(async ({ ctx, input }) => ({ text: await textTrackTranscript(ctx.deps, ctx.admin.tenantId, input.videoId, input.trackId) })),
});
