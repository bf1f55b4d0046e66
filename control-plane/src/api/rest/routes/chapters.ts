// A video's chapters over REST: read them, replace them all (an empty list removes them); and a signed address of an
// image of the video at any time and width (made on first request at the edge, then cached).
import { z } from 'zod';
import { MEDIA_TRACK_LIMITS } from '@ott/contracts';
import { getChapters, setChapters } from '../../../domain/chapters/video-chapters.js';
import { signedImageUrl } from '../../../domain/images/signed-image-url.js';
import { chapterList } from '../../routers/fields.js';
import { dateTime, resourceId } from '../rest-schemas.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';

const videoParams = z.strictObject({ videoId: resourceId('video') });

const chapterSchema = z
  .object({
    startSeconds: z.number().meta({ description: 'Seconds from the start of the video; each chapter starts after the one before.' }),
    title: z.string().meta({ description: `1 to ${MEDIA_TRACK_LIMITS.chapterTitleCharacters} characters, on one line.` }),
  })
  .meta({ id: 'Chapter' });

const chaptersResponse = z.object({ chapters: z.array(chapterSchema) }).meta({ id: 'Chapters' });

const chaptersRequest = z
  .strictObject({ chapters: chapterList.meta({ description: `In order, at most ${MEDIA_TRACK_LIMITS.chaptersPerVideo}; each starts before the end of the video.` }) })
  .meta({ id: 'SetChaptersRequest' });

const imageUrlResponse = z.object({ url: z.url().meta({ description: 'GET it (no credentials needed: the signature is in the query) for a JPEG.' }), expiresAt: dateTime }).meta({ id: 'ImageUrl' });

export const chaptersRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/chapters',
    operationId: 'getChapters',
    tag: 'Videos',
    summary: 'Read a video’s chapters',
    access: { scope: 'read' },
    params: videoParams,
    response: chaptersResponse,
    handle: async (request) => ({ chapters: await getChapters(request.deps, tenantOf(request), request.params.videoId) }),
  }),
  restRoute({
    method: 'PUT',
    path: '/v1/videos/{videoId}/chapters',
    operationId: 'setChapters',
    tag: 'Videos',
    summary: 'Replace a video’s chapters',
    description: 'Players show them as seek-bar markers and a chapter menu (a WebVTT chapters track). An empty list removes them.',
    access: { scope: 'write' },
    params: videoParams,
    body: chaptersRequest,
    response: chaptersResponse,
    handle: async (request) => ({ chapters: await setChapters(request.deps, tenantOf(request), request.params.videoId, request.body.chapters) }),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/image-url',
    operationId: 'getImageUrl',
    tag: 'Videos',
    summary: 'A signed address of an image of the video',
    description: 'A JPEG of the frame at `time`, `width` pixels wide (the height keeps the picture’s shape), made on its first request and then cached.',
    access: { scope: 'read' },
    params: videoParams,
    query: z.strictObject({
      time: z.coerce.number().min(0).meta({ description: 'Seconds from the start, at most the video’s duration.' }),
      width: z.coerce.number().int().meta({ description: 'Pixels, 16 to the width of the video’s largest rendition (1920 at most).' }),
    }),
    response: imageUrlResponse,
    handle: (request) => signedImageUrl(request.deps, tenantOf(request), { videoId: request.params.videoId, timeSeconds: request.query.time, width: request.query.width }),
  }),
];
