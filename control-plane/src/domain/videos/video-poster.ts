// The poster a video shows before it plays: by default the frame the transcoder took at 10 %, or one of the video's
// thumbnails that the tenant picked. The poster's path is part of the video's assets, so a new choice is a new URL:
// players, embeds and CDN caches fetch it fresh instead of serving the old picture under the old name.
import type { VideoAssets } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { invalid, notReady } from '../errors.js';
import { videoOfTenant } from './video-access.js';
import { recordVideoEvents } from './video-events.js';

export async function choosePosterFromThumbnail(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string, thumbnailPath: string): Promise<VideoAssets> {
  const video = await videoOfTenant(deps, tenantId, videoId);
  if (video.status !== 'ready' || !video.assets) throw notReady('The video has no thumbnails yet: choose its poster once it is ready.');
  if (!video.assets.thumbnails.some((thumbnail) => thumbnail.path === thumbnailPath)) throw invalid('Choose the poster from this video’s thumbnails.');
  const assets: VideoAssets = { ...video.assets, poster: thumbnailPath };
  await deps.db.transaction().execute(async (db) => {
    const updated = await db
      .updateTable('videos')
      .set({ assets: JSON.stringify(assets), updated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', videoId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordVideoEvents(db, ['video.updated'], updated, updated.updated_at);
  });
  return assets;
}
