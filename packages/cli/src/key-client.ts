// The REST API client for commands run with OTT_API_KEY set: the node SDK over the same --api origin. With a key,
// `videos list` and `upload` need no `ott login` (a CI job or a server holds the key, not a person's password).
import { OttCloud, type Video } from '@ott/node-sdk';
import type { VideoStatus } from './api-client.js';
import type { CliContext } from './cli-context.js';

export function createKeyClient(ctx: Pick<CliContext, 'api' | 'fetch' | 'apiKey'>): OttCloud | undefined {
  if (!ctx.apiKey) return undefined;
  return new OttCloud({ apiKey: ctx.apiKey, baseUrl: ctx.api, fetch: (request) => ctx.fetch(request) });
}

/** Every matching video, newest first, over REST: the SDK follows nextCursor. */
export async function listVideosWithKey(ott: OttCloud, filters: { search?: string | undefined; status?: VideoStatus | undefined }): Promise<Video[]> {
  const videos: Video[] = [];
  for await (const video of ott.videos.all({ limit: 100, ...(filters.search ? { search: filters.search } : {}), ...(filters.status ? { status: filters.status } : {}) })) videos.push(video);
  return videos;
}
