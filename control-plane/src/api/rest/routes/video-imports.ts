// Import from a URL over REST: the server fetches the original from a public http(s) address (never a private,
// loopback or link-local one, redirects re-checked, the plan's size, a time limit) and prepares it like an upload.
import { z } from 'zod';
import { importVideoFromUrl } from '../../../domain/videos/video-imports.js';
import { accessMode } from '../../routers/fields.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { videoSchema } from './videos.js';

export const videoImportsRoutes: RestRoute[] = [
  restRoute({
    method: 'POST',
    path: '/v1/videos/import',
    operationId: 'importVideo',
    tag: 'Videos',
    summary: 'Import a video from a URL',
    description:
      'Answers 202 with the video (status `queued`) at once; the file is fetched in the background. When it cannot be (a private address, a 404, too large, too slow), the video fails with the reason in `failureReason`. Send an Idempotency-Key to retry safely.',
    access: { scope: 'upload' },
    body: z
      .strictObject({
        url: z.string().trim().min(1).max(2048).meta({ description: 'A public http:// or https:// address of the video file (a signed link works).' }),
        title: z.string().trim().max(200).optional().meta({ description: 'The file name from the address unless said.' }),
        description: z.string().max(5000).optional(),
        accessMode: accessMode.optional(),
      })
      .meta({ id: 'ImportVideoRequest' }),
    response: videoSchema,
    successStatus: 202,
    idempotent: true,
    handle: (request) => importVideoFromUrl(request.deps, tenantOf(request), { ...request.body, createdByKeyId: request.caller?.keyId }),
  }),
];
