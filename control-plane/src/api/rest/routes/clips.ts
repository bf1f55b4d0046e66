// Clips over REST: a new video from a time range of a ready one.
import { z } from 'zod';
import { createClip } from '../../../domain/videos/clips.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { resourceId } from '../rest-schemas.js';
import { videoSchema } from './videos.js';

const seconds = z
  .number()
  .finite()
  .min(0)
  .max(7 * 24 * 3600);

export const clipsRoutes: RestRoute[] = [
  restRoute({
    method: 'POST',
    path: '/v1/videos/{videoId}/clips',
    operationId: 'createClip',
    tag: 'Videos',
    summary: 'Make a clip: a new video from a time range of this one',
    description:
      'The video must be ready; 0 ≤ startSeconds < endSeconds ≤ its duration, at least 1 s long. The clip is a video of its own (same access mode), transcoded from the original’s range and exact at both edges; its transcode minutes are its length. Send an Idempotency-Key to retry safely.',
    access: { scope: 'upload' },
    params: z.strictObject({ videoId: resourceId('video') }),
    body: z
      .strictObject({
        startSeconds: seconds.meta({ description: 'Where the clip starts, in seconds from the start of the video.' }),
        endSeconds: seconds.meta({ description: 'Where it ends (exclusive).' }),
        title: z.string().trim().max(200).optional().meta({ description: 'The clip’s title; by default the video’s, with the range.' }),
      })
      .meta({ id: 'CreateClipRequest' }),
    response: videoSchema.extend({ clipOf: z.uuid().meta({ description: 'The video it was cut from.' }) }).meta({ id: 'Clip' }),
    successStatus: 201,
    idempotent: true,
    handle: (request) => createClip(request.deps, tenantOf(request), { videoId: request.params.videoId, ...request.body }),
  }),
];
