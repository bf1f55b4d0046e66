// Direct uploads over REST. The tenant's backend (a key with the `upload` scope) creates one and hands its `url` to a
// browser or app; the browser routes below take no key (the id authorises, for one file) and answer CORS only to the
// one origin the backend named. The browser bundle /sdk/ott-upload.js calls them (packages/upload-client).
import { z } from 'zod';
import {
  DIRECT_UPLOAD_DEFAULT_SECONDS,
  DIRECT_UPLOAD_MAX_SECONDS,
  PASSTHROUGH_MAX_BYTES,
  cancelDirectUpload,
  completeDirectUpload,
  createDirectUpload,
  directUploadCorsOrigin,
  directUploadPartUrls,
  directUploadParts,
  directUploadProgress,
  getDirectUpload,
  listDirectUploads,
  startDirectUpload,
  type DirectUploadView,
} from '../../../domain/videos/direct-uploads.js';
import type { DomainDeps } from '../../../domain/deps.js';
import { accessMode, uploadFilename } from '../../routers/fields.js';
import { dateTime, pageOf, pageQuery } from '../rest-schemas.js';
import { restRoute, tenantOf, type RestCorsRequest, type RestRoute } from '../rest-route.js';

const TAG = 'Direct uploads';
/** Browser calls carry a file name and part numbers at most. */
const BROWSER_BODY_BYTES = 16 * 1024;

const directUploadId = z
  .string()
  .regex(/^du_[A-Za-z0-9_-]{32}$/, 'Not a direct upload id (du_ and 32 characters)')
  .meta({ description: 'The direct upload’s id (`du_…`): all a browser needs, so hand it only to the one who should upload.' });
const params = z.strictObject({ directUploadId });

const status = z.enum(['waiting', 'uploading', 'completed', 'cancelled', 'expired']).meta({
  id: 'DirectUploadStatus',
  description: '`waiting` for a file; `uploading` once a browser started sending one; `completed` when it arrived (it is a video now); `cancelled`; `expired` (nothing was sent in time).',
});

const directUploadSchema = z
  .object({
    id: z.string(),
    url: z.url().meta({ description: 'Hand this to the browser or app: `OttUpload.upload(file, { directUploadUrl: url })`.' }),
    status,
    maxSizeBytes: z.number().int(),
    expiresAt: dateTime.meta({ description: 'A file must be started by then.' }),
    corsOrigin: z.string().nullable().meta({ description: 'The one web origin whose pages may upload; null: no browser page may (apps and servers still can).' }),
    title: z.string().nullable(),
    description: z.string().nullable(),
    accessMode: accessMode.nullable(),
    passthrough: z.string().nullable(),
    videoId: z.uuid().nullable().meta({ description: 'The video the file became, once sending started.' }),
    createdAt: dateTime,
  })
  .meta({ id: 'DirectUpload' });

const createRequest = z
  .strictObject({
    maxSizeBytes: z.number().int().min(1).optional().meta({ description: 'The largest file accepted, in bytes; your plan’s limit when left out, and never more.' }),
    expiresInSeconds: z
      .number()
      .int()
      .min(60)
      .max(DIRECT_UPLOAD_MAX_SECONDS)
      .optional()
      .meta({ description: `How long a browser has to start sending (${DIRECT_UPLOAD_DEFAULT_SECONDS} unless said; 7 days at most).` }),
    corsOrigin: z.string().max(300).nullable().optional().meta({ description: 'The web origin of the page that uploads, such as https://www.example.com. Leave out for apps.' }),
    title: z.string().trim().max(200).optional(),
    description: z.string().max(5000).optional(),
    accessMode: accessMode.optional(),
    passthrough: z
      .string()
      .max(PASSTHROUGH_MAX_BYTES)
      .optional()
      .meta({ description: `Your own reference (an order or user id), given back as is; ${PASSTHROUGH_MAX_BYTES} bytes at most.` }),
  })
  .meta({ id: 'CreateDirectUploadRequest' });

const partUrls = {
  parts: z.array(z.object({ partNumber: z.number().int(), url: z.url() })),
  urlsExpireAt: dateTime,
};

const ticket = z
  .object({ videoId: z.uuid(), partSize: z.number().int(), partCount: z.number().int(), expiresAt: dateTime, ...partUrls })
  .meta({ id: 'DirectUploadTicket', description: 'How the file is cut, and URLs for the parts still to send (all of them on a first start).' });

const progress = z
  .object({
    id: z.string(),
    status,
    expiresAt: dateTime,
    maxSizeBytes: z.number().int(),
    video: z
      .object({ id: z.uuid(), status: z.string(), progress: z.number(), playable: z.boolean(), failureReason: z.string().nullable() })
      .nullable()
      .meta({ description: 'The video the file became, while it uploads and is prepared.' }),
  })
  .meta({ id: 'DirectUploadProgress' });

function withUrl(deps: DomainDeps, view: DirectUploadView) {
  return { ...view, url: `${deps.urls.api}/v1/direct-uploads/${view.id}` };
}

/**
 * CORS for the browser routes: only the origin the backend named gets a grant (never credentials); any other origin,
 * and an unknown id, get none, so the browser refuses to hand the page the answer.
 */
async function corsFor(request: RestCorsRequest): Promise<Record<string, string>> {
  const vary = { Vary: 'Origin' };
  if (!request.origin) return vary;
  const allowed = await directUploadCorsOrigin(request.deps, request.params.directUploadId ?? '');
  if (!allowed || allowed !== request.origin) return vary;
  return { ...vary, 'Access-Control-Allow-Origin': allowed, 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' };
}

const browser = { access: { public: 'direct-upload' } as const, cors: corsFor, params, tag: TAG, maxBodyBytes: BROWSER_BODY_BYTES };

export const directUploadsRoutes: RestRoute[] = [
  restRoute({
    method: 'POST',
    path: '/v1/direct-uploads',
    operationId: 'createDirectUpload',
    tag: TAG,
    summary: 'Create a direct upload for a browser or app',
    description: 'A one-time upload of one file, handed to a browser or app that never sees your key. Send an Idempotency-Key to retry safely.',
    access: { scope: 'upload' },
    body: createRequest,
    response: directUploadSchema,
    successStatus: 201,
    idempotent: true,
    handle: async (request) => withUrl(request.deps, await createDirectUpload(request.deps, tenantOf(request), { ...request.body, createdByKeyId: request.caller?.keyId })),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/direct-uploads',
    operationId: 'listDirectUploads',
    tag: TAG,
    summary: 'List direct uploads, newest first',
    access: { scope: 'upload' },
    query: pageQuery,
    response: pageOf(directUploadSchema, 'DirectUploadPage'),
    handle: async (request) => {
      const page = await listDirectUploads(request.deps, tenantOf(request), request.query);
      return { ...page, data: page.data.map((view) => withUrl(request.deps, view)) };
    },
  }),
  restRoute({
    method: 'GET',
    path: '/v1/direct-uploads/{directUploadId}',
    operationId: 'getDirectUpload',
    tag: TAG,
    summary: 'Get a direct upload',
    access: { scope: 'upload' },
    params,
    response: directUploadSchema,
    handle: async (request) => withUrl(request.deps, await getDirectUpload(request.deps, tenantOf(request), request.params.directUploadId)),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/direct-uploads/{directUploadId}/cancel',
    operationId: 'cancelDirectUpload',
    tag: TAG,
    summary: 'Cancel a direct upload',
    description: 'The browser can no longer use it; a file it was still sending is dropped. A completed one is a video: delete the video instead.',
    access: { scope: 'upload' },
    params,
    response: directUploadSchema,
    handle: async (request) => withUrl(request.deps, await cancelDirectUpload(request.deps, tenantOf(request), request.params.directUploadId)),
  }),
  restRoute({
    ...browser,
    method: 'POST',
    path: '/v1/direct-uploads/{directUploadId}/start',
    operationId: 'startDirectUpload',
    summary: 'Browser: start sending the file',
    description:
      'No key: the id authorises. Makes the video (once: the same file again resumes it, with URLs for the parts still missing; another file is refused). PUT each part to its URL, then complete.',
    body: z
      .strictObject({
        filename: uploadFilename,
        size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      })
      .meta({ id: 'StartDirectUploadRequest' }),
    response: ticket,
    handle: (request) => startDirectUpload(request.deps, request.params.directUploadId, request.body),
  }),
  restRoute({
    ...browser,
    method: 'POST',
    path: '/v1/direct-uploads/{directUploadId}/parts',
    operationId: 'directUploadPartUrls',
    summary: 'Browser: fresh URLs for parts still to send',
    body: z.strictObject({ partNumbers: z.array(z.number().int().min(1).max(10_000)).min(1).max(10_000) }).meta({ id: 'DirectUploadPartUrlsRequest' }),
    maxBodyBytes: 64 * 1024,
    response: z.object(partUrls).meta({ id: 'DirectUploadPartUrls' }),
    handle: (request) => directUploadPartUrls(request.deps, request.params.directUploadId, request.body.partNumbers),
  }),
  restRoute({
    ...browser,
    method: 'GET',
    path: '/v1/direct-uploads/{directUploadId}/parts',
    operationId: 'directUploadParts',
    summary: 'Browser: the parts stored so far',
    response: z
      .object({ partSize: z.number().int(), partCount: z.number().int(), expiresAt: dateTime, parts: z.array(z.object({ partNumber: z.number().int(), size: z.number().int(), etag: z.string() })) })
      .meta({ id: 'DirectUploadStoredParts' }),
    handle: (request) => directUploadParts(request.deps, request.params.directUploadId),
  }),
  restRoute({
    ...browser,
    method: 'POST',
    path: '/v1/direct-uploads/{directUploadId}/complete',
    operationId: 'completeDirectUpload',
    summary: 'Browser: every part is sent; prepare the video',
    description: 'Checks every part; completing twice is harmless. The direct upload is used up afterwards.',
    response: z.object({ videoId: z.uuid(), status: z.string() }).meta({ id: 'CompletedDirectUpload' }),
    handle: (request) => completeDirectUpload(request.deps, request.params.directUploadId),
  }),
  restRoute({
    ...browser,
    method: 'GET',
    path: '/v1/direct-uploads/{directUploadId}/status',
    operationId: 'directUploadStatus',
    summary: 'Browser: how the upload and its video are doing',
    response: progress,
    handle: (request) => directUploadProgress(request.deps, request.params.directUploadId),
  }),
];
