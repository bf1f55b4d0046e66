// Videos over REST: create an upload (the same resumable protocol the portal and CLI use: PUT each part to its URL,
// then complete), list, read, change and delete.
import { z } from 'zod';
import { completeReplacementUpload, createReplacementUpload, replacementPartUrls } from '../../../domain/videos/replace-source.js';
import { completeUpload, createUpload, listUploadedParts, partUrls } from '../../../domain/videos/uploads.js';
import { deleteVideo, getVideo, listVideos, updateVideo } from '../../../domain/videos/video-library.js';
import { accessMode, uploadFilename } from '../../routers/fields.js';
import { dateTime, pageOf, pageQuery, resourceId } from '../rest-schemas.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { videoAvailabilityFields } from './availability.js';

const videoStatus = z.enum(['uploading', 'queued', 'processing', 'ready', 'failed']).meta({ id: 'VideoStatus' });

const accessModeField = accessMode.meta({
  id: 'AccessMode',
  description: '`public`: anyone with the player; `viewers`: signed-in viewers of your pool; `token`: a playback token from your backend.',
});

export const videoSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    accessMode: accessModeField,
    status: videoStatus,
    progress: z.number().meta({ description: 'Transcoding progress, 0 to 1.' }),
    playable: z.boolean().meta({ description: 'Ready, or still transcoding with its first segments published: it plays from the start either way.' }),
    failureReason: z.string().nullable(),
    sourceFilename: z.string(),
    sourceSize: z.number().int(),
    durationSeconds: z.number().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    createdAt: dateTime,
    readyAt: dateTime.nullable(),
  })
  .meta({ id: 'Video' });

const listedVideoSchema = videoSchema
  .extend({
    views: z.number().int().meta({ description: 'Plays that started (the player showed the first frame).' }),
    secondsLeft: z.number().int().nullable().meta({ description: 'While transcoding: the estimated seconds left, from the rate so far; null when not known yet.' }),
    ...videoAvailabilityFields,
  })
  .meta({ id: 'ListedVideo' });

const renditionSchema = z
  .object({
    name: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    frameRate: z.number(),
    codecs: z.string(),
    bandwidth: z.number().int(),
    averageBandwidth: z.number().int(),
    durationSeconds: z.number(),
    bytes: z.number().int(),
  })
  .meta({ id: 'Rendition' });

export const audioTrackSchema = z
  .object({
    id: z.uuid(),
    language: z.string().meta({ description: 'BCP 47; `und` when the source did not say.' }),
    name: z.string(),
    origin: z.enum(['source', 'dub']),
    isDefault: z.boolean(),
    channels: z.number().int().meta({ description: 'After normalisation: mono and multichannel sources become stereo.' }),
    status: z.enum(['processing', 'ready', 'failed']),
    failureReason: z.string().nullable(),
  })
  .meta({ id: 'AudioTrack' });

const mediaNoteSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'MediaNote' });

const partUrlsSchema = {
  parts: z.array(z.object({ partNumber: z.number().int(), url: z.url() })).meta({ description: 'PUT each part’s bytes to its URL; the answer’s ETag is not needed.' }),
  urlsExpireAt: dateTime,
};

export const uploadTicket = z
  .object({
    videoId: z.uuid(),
    partSize: z.number().int().meta({ description: 'Every part but the last has this many bytes.' }),
    partCount: z.number().int(),
    expiresAt: dateTime.meta({ description: 'Complete the upload by then; after it, its parts are deleted.' }),
    ...partUrlsSchema,
  })
  .meta({ id: 'UploadTicket' });

export const partUrlsResponse = z.object(partUrlsSchema).meta({ id: 'PartUrls' });

export const partUrlsRequest = z.strictObject({ partNumbers: z.array(z.number().int().min(1).max(10_000)).min(1).max(10_000) }).meta({ id: 'PartUrlsRequest' });

const videoParams = z.strictObject({ videoId: resourceId('video') });

const uploadRequest = z
  .strictObject({
    filename: uploadFilename.meta({ description: 'The file’s name; its extension is kept, and the title defaults to it.' }),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).meta({ description: 'The file’s exact size in bytes: it decides how the file is cut into parts.' }),
    title: z.string().trim().max(200).optional(),
    description: z.string().max(5000).optional(),
    accessMode: accessModeField.optional(),
    downloads: z.boolean().optional().meta({ description: 'Also make static MP4 downloads with the transcode (see PATCH /v1/videos/{videoId}/downloads).' }),
  })
  .meta({ id: 'CreateVideoRequest' });

export const videosRoutes: RestRoute[] = [
  restRoute({
    method: 'POST',
    path: '/v1/videos',
    operationId: 'createVideo',
    tag: 'Videos',
    summary: 'Create a video and its upload',
    description: 'Answers the part URLs to PUT the file to (in any order, in parallel, retried); then call complete. Send an Idempotency-Key to retry safely.',
    access: { scope: 'upload' },
    body: uploadRequest,
    response: uploadTicket,
    successStatus: 201,
    idempotent: true,
    handle: (request) => createUpload(request.deps, tenantOf(request), request.body),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/videos',
    operationId: 'listVideos',
    tag: 'Videos',
    summary: 'List videos',
    access: { scope: 'read' },
    query: pageQuery.extend({
      status: videoStatus.optional().meta({ description: 'Only videos in this status.' }),
      access: accessModeField.optional().meta({ description: 'Only videos with this access mode.' }),
      search: z.string().trim().min(1).max(200).optional().meta({ description: 'Only videos whose title contains this text (any case).' }),
      sort: z.enum(['newest', 'oldest', 'title']).default('newest').meta({ description: 'The order: newest first unless said. Keep it (and the filters) the same while following cursors.' }),
    }),
    response: pageOf(listedVideoSchema, 'VideoPage'),
    handle: (request) => listVideos(request.deps, tenantOf(request), request.query),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}',
    operationId: 'getVideo',
    tag: 'Videos',
    summary: 'Get a video with its renditions',
    access: { scope: 'read' },
    params: videoParams,
    response: videoSchema
      .extend({
        renditions: z.array(renditionSchema),
        audioTracks: z.array(audioTrackSchema),
        mediaNotes: z.array(mediaNoteSchema).meta({ description: 'What the source had that the package does not carry, and why.' }),
        videoRange: z.enum(['SDR', 'PQ', 'HLG']).meta({ description: 'Of the package’s picture: SDR for the H.264 ladder, HDR sources included (they are tone-mapped).' }),
        ...videoAvailabilityFields,
      })
      .meta({ id: 'VideoDetails' }),
    handle: (request) => getVideo(request.deps, tenantOf(request), request.params.videoId),
  }),
  restRoute({
    method: 'PATCH',
    path: '/v1/videos/{videoId}',
    operationId: 'updateVideo',
    tag: 'Videos',
    summary: 'Change a video’s title, description or access mode',
    access: { scope: 'write' },
    params: videoParams,
    body: z
      .strictObject({ title: z.string().trim().min(1).max(200).optional(), description: z.string().max(5000).optional(), accessMode: accessModeField.optional() })
      .meta({ id: 'UpdateVideoRequest' }),
    response: videoSchema,
    handle: (request) => updateVideo(request.deps, tenantOf(request), request.params.videoId, request.body),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/videos/{videoId}',
    operationId: 'deleteVideo',
    tag: 'Videos',
    summary: 'Delete a video, its renditions and its original',
    access: { scope: 'write' },
    params: videoParams,
    response: z.void(),
    successStatus: 204,
    handle: async (request) => {
      await deleteVideo(request.deps, tenantOf(request), request.params.videoId);
    },
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/parts',
    operationId: 'createPartUrls',
    tag: 'Videos',
    summary: 'Fresh URLs for parts still to send',
    description: 'After a restart, or when the first URLs expired (they last an hour).',
    access: { scope: 'upload' },
    params: videoParams,
    body: partUrlsRequest,
    response: partUrlsResponse,
    handle: (request) => partUrls(request.deps, tenantOf(request), request.params.videoId, request.body.partNumbers),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/parts',
    operationId: 'listUploadedParts',
    tag: 'Videos',
    summary: 'The parts stored so far',
    description: 'A client that restarts sends only the parts missing here (or shorter than the part size).',
    access: { scope: 'upload' },
    params: videoParams,
    response: z
      .object({
        partSize: z.number().int(),
        partCount: z.number().int(),
        expiresAt: dateTime,
        parts: z.array(z.object({ partNumber: z.number().int(), size: z.number().int(), etag: z.string() })),
      })
      .meta({ id: 'StoredParts' }),
    handle: (request) => listUploadedParts(request.deps, tenantOf(request), request.params.videoId),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/complete',
    operationId: 'completeUpload',
    tag: 'Videos',
    summary: 'Complete the upload and start transcoding',
    description: 'Checks every part against the plan; completing twice is harmless and answers where the video is now.',
    access: { scope: 'upload' },
    params: videoParams,
    response: z.object({ videoId: z.uuid(), status: videoStatus }).meta({ id: 'CompletedUpload' }),
    handle: (request) => completeUpload(request.deps, tenantOf(request), request.params.videoId),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/replace',
    operationId: 'createReplacementUpload',
    tag: 'Videos',
    summary: 'Replace the source of a ready video, keeping its id',
    description:
      'Starts an upload of the new file (send its parts as for a new video, then complete the replacement). The current version keeps playing until the new one is ready; embeds, watch pages and references keep the same id.',
    access: { scope: 'upload' },
    params: videoParams,
    body: z.strictObject({ filename: uploadFilename, size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).meta({ id: 'ReplacementUploadRequest' }),
    response: uploadTicket,
    successStatus: 201,
    handle: (request) => createReplacementUpload(request.deps, tenantOf(request), { videoId: request.params.videoId, ...request.body }),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/replace/parts',
    operationId: 'createReplacementPartUrls',
    tag: 'Videos',
    summary: 'Fresh URLs for replacement parts still to send',
    access: { scope: 'upload' },
    params: videoParams,
    body: partUrlsRequest,
    response: partUrlsResponse,
    handle: (request) => replacementPartUrls(request.deps, tenantOf(request), request.params.videoId, request.body.partNumbers),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/replace/complete',
    operationId: 'completeReplacementUpload',
    tag: 'Videos',
    summary: 'Complete the replacement upload and start transcoding it',
    description: 'The video stays ready and playable meanwhile; `replacementStatus` says where the replacement is.',
    access: { scope: 'upload' },
    params: videoParams,
    response: z.object({ videoId: z.uuid(), replacementStatus: z.enum(['uploading', 'queued', 'processing', 'failed']).nullable() }).meta({ id: 'CompletedReplacementUpload' }),
    handle: (request) => completeReplacementUpload(request.deps, tenantOf(request), request.params.videoId),
  }),
];
