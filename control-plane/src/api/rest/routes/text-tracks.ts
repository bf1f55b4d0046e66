// A video's caption and subtitle tracks over REST: list, add a WebVTT or SRT file, read one with its cues, change its
// settings or cues, remove it, read its transcript, and ask for automatic captions.
import { MEDIA_TRACK_LIMITS } from '@ott/contracts';
import { z } from 'zod';
import { deleteTextTrack, listTextTracks, textTrackCues, updateTextTrack } from '../../../domain/captions/text-track-library.js';
import { textTrackTranscript } from '../../../domain/captions/text-track-transcript.js';
import { uploadTextTrack } from '../../../domain/captions/upload-text-track.js';
import { requestAutomaticCaptions } from '../../../domain/captions/automatic-captions.js';
import { CAPTIONS_MAX_BODY_BYTES } from '../../routers/captions.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { resourceId } from '../rest-schemas.js';

const trackKind = z.enum(['subtitles', 'captions']).meta({ id: 'TextTrackKind', description: '`captions` also describe sounds, for viewers who cannot hear; `subtitles` carry the dialogue.' });

const textTrackSchema = z
  .object({
    id: z.uuid(),
    language: z.string().meta({ description: 'A BCP 47 tag (`en`, `pt-BR`); `und` when the source did not say.' }),
    label: z.string().meta({ description: 'Shown in the player’s captions menu.' }),
    kind: trackKind,
    origin: z.enum(['uploaded', 'embedded', 'automatic']).meta({ description: '`automatic`: made by speech to text, marked as such to viewers; `embedded`: found in the uploaded file.' }),
    isDefault: z.boolean(),
    forced: z.boolean(),
    status: z.enum(['processing', 'ready', 'failed']),
    failureReason: z.string().nullable(),
    cueCount: z.number().int(),
    updatedAt: z.string().meta({ description: 'ISO 8601.' }),
  })
  .meta({ id: 'TextTrack' });

const cueSchema = z
  .object({
    startSeconds: z.number().min(0).max(360_000),
    endSeconds: z.number().min(0).max(360_000),
    text: z.string().max(MEDIA_TRACK_LIMITS.captionCueCharacters).meta({ description: 'WebVTT cue text: <i>, <b>, <u> and <v Speaker> are kept.' }),
  })
  .meta({ id: 'CaptionCue' });

const videoParams = z.strictObject({ videoId: resourceId('video') });
const trackParams = z.strictObject({ videoId: resourceId('video'), trackId: resourceId('text track') });
const language = z.string().trim().min(2).max(35).meta({ description: 'A BCP 47 tag such as `en`, `fr` or `pt-BR`.' });
const label = z.string().trim().min(1).max(MEDIA_TRACK_LIMITS.labelCharacters);

export const textTracksRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/text-tracks',
    operationId: 'listTextTracks',
    tag: 'Captions',
    summary: 'List a video’s caption and subtitle tracks',
    access: { scope: 'read' },
    params: videoParams,
    response: z.object({ data: z.array(textTrackSchema) }).meta({ id: 'TextTrackList' }),
    handle: async (request) => ({ data: await listTextTracks(request.deps, tenantOf(request), request.params.videoId) }),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/text-tracks',
    operationId: 'addTextTrack',
    tag: 'Captions',
    summary: 'Add a caption file (WebVTT or SRT)',
    description: `The file's text goes in \`content\` (at most ${MEDIA_TRACK_LIMITS.captionFileBytes / 1024 / 1024} MB). A file that cannot be read is refused with the line that is wrong. A video still processing keeps the track and publishes it when it is ready.`,
    access: { scope: 'write' },
    params: videoParams,
    body: z
      .strictObject({
        content: z.string().max(MEDIA_TRACK_LIMITS.captionFileBytes),
        format: z.enum(['vtt', 'srt']).optional().meta({ description: 'Told from the content when left out.' }),
        language,
        label: label.optional().meta({ description: 'The language’s English name when left out.' }),
        kind: trackKind.optional(),
        isDefault: z.boolean().optional().meta({ description: 'Shown when the viewer has not chosen; one default per video.' }),
        forced: z.boolean().optional(),
      })
      .meta({ id: 'AddTextTrackRequest' }),
    response: textTrackSchema,
    successStatus: 201,
    idempotent: true,
    maxBodyBytes: CAPTIONS_MAX_BODY_BYTES,
    handle: (request) => uploadTextTrack(request.deps, { ...request.body, tenantId: tenantOf(request), videoId: request.params.videoId }),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/automatic-captions',
    operationId: 'generateAutomaticCaptions',
    tag: 'Captions',
    summary: 'Make automatic captions by speech to text',
    description:
      'For a ready video, after it and never delaying it: the automatic track in `language` is returned as `processing` and becomes `ready` (or `failed` with the reason) when speech to text is done. Asking again replaces that track. Locally the engine is pocketsphinx, US English only (`en`).',
    access: { scope: 'write' },
    params: videoParams,
    body: z.strictObject({ language }).meta({ id: 'GenerateAutomaticCaptionsRequest' }),
    response: textTrackSchema,
    successStatus: 202,
    handle: (request) => requestAutomaticCaptions(request.deps, tenantOf(request), request.params.videoId, request.body.language),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/text-tracks/{trackId}',
    operationId: 'getTextTrack',
    tag: 'Captions',
    summary: 'Get a track with its cues',
    access: { scope: 'read' },
    params: trackParams,
    response: z.object({ track: textTrackSchema, cues: z.array(cueSchema) }).meta({ id: 'TextTrackWithCues' }),
    handle: (request) => textTrackCues(request.deps, tenantOf(request), request.params.videoId, request.params.trackId),
  }),
  restRoute({
    method: 'PATCH',
    path: '/v1/videos/{videoId}/text-tracks/{trackId}',
    operationId: 'updateTextTrack',
    tag: 'Captions',
    summary: 'Change a track’s settings or cues',
    description: 'Fields left out are kept. `cues` replaces every cue of the track; players get the new cues under a new address.',
    access: { scope: 'write' },
    params: trackParams,
    body: z
      .strictObject({
        language: language.optional(),
        label: label.optional(),
        kind: trackKind.optional(),
        isDefault: z.boolean().optional(),
        forced: z.boolean().optional(),
        cues: z.array(cueSchema).max(MEDIA_TRACK_LIMITS.captionCues).optional(),
      })
      .meta({ id: 'UpdateTextTrackRequest' }),
    response: textTrackSchema,
    maxBodyBytes: CAPTIONS_MAX_BODY_BYTES,
    handle: (request) => updateTextTrack(request.deps, tenantOf(request), request.params.videoId, request.params.trackId, request.body),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/videos/{videoId}/text-tracks/{trackId}',
    operationId: 'deleteTextTrack',
    tag: 'Captions',
    summary: 'Remove a track',
    access: { scope: 'write' },
    params: trackParams,
    response: z.void(),
    successStatus: 204,
    handle: async (request) => {
      await deleteTextTrack(request.deps, tenantOf(request), request.params.videoId, request.params.trackId);
    },
  }),
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/text-tracks/{trackId}/transcript',
    operationId: 'getTextTrackTranscript',
    tag: 'Captions',
    summary: 'Get a track’s transcript',
    description: 'Plain text with times, one cue a line: `[00:01:02] text`.',
    access: { scope: 'read' },
    params: trackParams,
    response: z.object({ text: z.string() }).meta({ id: 'Transcript' }),
    handle: async (request) => ({ text: await textTrackTranscript(request.deps, tenantOf(request), request.params.videoId, request.params.trackId) }),
  }),
];
