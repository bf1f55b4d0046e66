// A video's audio tracks over REST: list them, add a dub for a language (its file uploads in parts like a video's
// original: start, PUT the parts, complete), change a dub's name, language or default, remove it.
import { MEDIA_TRACK_LIMITS } from '@ott/contracts';
import { z } from 'zod';
import { completeDubUpload, createDubUpload, dubPartUrls } from '../../../domain/videos/dub-uploads.js';
import { listAudioTracks, removeDub, updateDub } from '../../../domain/videos/dub-tracks.js';
import { uploadFilename } from '../../routers/fields.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { resourceId } from '../rest-schemas.js';
import { audioTrackSchema, partUrlsRequest, partUrlsResponse, uploadTicket } from './videos.js';

const videoParams = z.strictObject({ videoId: resourceId('video') });
const trackParams = z.strictObject({ videoId: resourceId('video'), trackId: resourceId('audio track') });
const language = z.string().trim().min(2).max(35).meta({ description: 'A BCP 47 tag such as `fr`, `es` or `pt-BR`.' });
const audioTrackList = z.object({ data: z.array(audioTrackSchema) }).meta({ id: 'AudioTrackList' });
const name = z.string().trim().min(1).max(MEDIA_TRACK_LIMITS.labelCharacters).meta({ description: 'Shown in the player’s audio menu.' });

export const audioTracksRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/audio-tracks',
    operationId: 'listAudioTracks',
    tag: 'Audio tracks',
    summary: 'List a video’s audio tracks: the source’s, then its dubs',
    access: { scope: 'read' },
    params: videoParams,
    response: audioTrackList,
    handle: async (request) => ({ data: await listAudioTracks(request.deps, tenantOf(request), request.params.videoId) }),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/audio-tracks',
    operationId: 'addDub',
    tag: 'Audio tracks',
    summary: 'Add a dub: an audio file for a language',
    description: `Starts the upload of the dub's file (WAV, FLAC, MP3, M4A, Ogg, or a video whose sound is the dub): PUT its parts, then complete it. It becomes an audio rendition of the video (cut to the video's length), or fails with a reason. A video has at most ${MEDIA_TRACK_LIMITS.audioTracksPerVideo} dubs.`,
    access: { scope: 'upload' },
    params: videoParams,
    body: z.strictObject({ filename: uploadFilename, size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), language, name: name.optional() }).meta({ id: 'AddDubRequest' }),
    response: uploadTicket.extend({ trackId: z.uuid() }).meta({ id: 'DubUploadTicket' }),
    successStatus: 201,
    handle: (request) => createDubUpload(request.deps, tenantOf(request), { videoId: request.params.videoId, ...request.body }),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/audio-tracks/{trackId}/parts',
    operationId: 'createDubPartUrls',
    tag: 'Audio tracks',
    summary: 'Fresh URLs for a dub’s parts still to send',
    access: { scope: 'upload' },
    params: trackParams,
    body: partUrlsRequest,
    response: partUrlsResponse,
    handle: (request) => dubPartUrls(request.deps, tenantOf(request), request.params.videoId, request.params.trackId, request.body.partNumbers),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/audio-tracks/{trackId}/complete',
    operationId: 'completeDub',
    tag: 'Audio tracks',
    summary: 'Complete a dub’s upload and encode it',
    access: { scope: 'upload' },
    params: trackParams,
    response: z.object({ trackId: z.uuid(), status: z.enum(['processing', 'ready', 'failed']) }).meta({ id: 'CompletedDubUpload' }),
    handle: (request) => completeDubUpload(request.deps, tenantOf(request), request.params.videoId, request.params.trackId),
  }),
  restRoute({
    method: 'PATCH',
    path: '/v1/videos/{videoId}/audio-tracks/{trackId}',
    operationId: 'updateDub',
    tag: 'Audio tracks',
    summary: 'Change a dub’s name, language, or make it the audio that plays first',
    access: { scope: 'write' },
    params: trackParams,
    body: z.strictObject({ name: name.optional(), language: language.optional(), isDefault: z.boolean().optional() }).meta({ id: 'UpdateDubRequest' }),
    response: audioTrackList,
    handle: async (request) => ({ data: await updateDub(request.deps, tenantOf(request), request.params.videoId, request.params.trackId, request.body) }),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/videos/{videoId}/audio-tracks/{trackId}',
    operationId: 'removeDub',
    tag: 'Audio tracks',
    summary: 'Remove a dub: out of the video’s playlist, its files deleted',
    access: { scope: 'write' },
    params: trackParams,
    response: z.void(),
    successStatus: 204,
    handle: async (request) => {
      await removeDub(request.deps, tenantOf(request), request.params.videoId, request.params.trackId);
    },
  }),
];
