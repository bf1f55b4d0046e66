// Static MP4 downloads over REST: switch them on or off per video, see what was made, and sign links for a viewer.
import { z } from 'zod';
import { downloadLinks, getDownloads, setDownloadsEnabled } from '../../../domain/videos/video-downloads.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { dateTime, resourceId } from '../rest-schemas.js';

const videoParams = z.strictObject({ videoId: resourceId('video') });

const downloadFile = {
  name: z.string().meta({ description: 'The rendition it is made from, e.g. `1080p`.' }),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
};

const downloadsSchema = z
  .object({
    videoId: z.uuid(),
    enabled: z.boolean(),
    status: z.enum(['none', 'processing', 'ready', 'failed']).meta({ description: '`none`: off, or on and waiting for the video to be ready; `processing`: being made.' }),
    failureReason: z.string().nullable(),
    files: z.array(z.object(downloadFile)),
  })
  .meta({ id: 'Downloads' });

export const downloadsRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/downloads',
    operationId: 'getDownloads',
    tag: 'Downloads',
    summary: 'Whether the video has downloads, and which files',
    access: { scope: 'read' },
    params: videoParams,
    response: downloadsSchema,
    handle: (request) => getDownloads(request.deps, tenantOf(request), request.params.videoId),
  }),
  restRoute({
    method: 'PATCH',
    path: '/v1/videos/{videoId}/downloads',
    operationId: 'setDownloads',
    tag: 'Downloads',
    summary: 'Switch static MP4 downloads on or off',
    description:
      'On: the highest rendition at or below 1080p and the smallest are made as MP4 files (a minute or two for a ready video; with the transcode for one on its way). Off: the files are deleted and their links stop working.',
    access: { scope: 'write' },
    params: videoParams,
    body: z.strictObject({ enabled: z.boolean() }).meta({ id: 'SetDownloadsRequest' }),
    response: downloadsSchema,
    handle: (request) => setDownloadsEnabled(request.deps, tenantOf(request), request.params.videoId, request.body.enabled),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/downloads/links',
    operationId: 'getDownloadLinks',
    tag: 'Downloads',
    summary: 'Signed download links, one per file',
    description: 'Hand a link to a viewer after your own checks: it downloads the file (saved as `{title} ({name}).mp4`) until `expiresAt`, whatever the video’s access mode.',
    access: { scope: 'playback' },
    params: videoParams,
    response: z
      .object({
        videoId: z.uuid(),
        expiresAt: dateTime,
        files: z.array(z.object({ ...downloadFile, url: z.url(), filename: z.string().meta({ description: 'The name the file is saved under.' }) })),
      })
      .meta({ id: 'DownloadLinks' }),
    handle: (request) => downloadLinks(request.deps, tenantOf(request), request.params.videoId),
  }),
];
