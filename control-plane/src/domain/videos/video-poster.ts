// The poster a video shows before it plays: by default the frame the transcoder took at 10 %, one of the video's
// thumbnails that the tenant picked, or an image the tenant uploaded (re-encoded by the transcoder's ffmpeg, stored under
// a name made from its content). The poster's path is part of the video's assets, so a new choice is a new URL:
// players, embeds and CDN caches fetch it fresh instead of serving the old picture under the old name.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VideoAssets } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { DomainError, invalid, notReady } from '../errors.js';
import { videoOfTenant } from './video-access.js';
import { recordVideoEvents } from './video-events.js';

export const MAX_POSTER_BYTES = 640 * 1024;

export async function choosePosterFromThumbnail(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string, thumbnailPath: string): Promise<VideoAssets> {
  const video = await readyVideo(deps, tenantId, videoId);
  if (!video.assets.thumbnails.some((thumbnail) => thumbnail.path === thumbnailPath)) throw invalid('Choose the poster from this video’s thumbnails.');
  return setPosterPath(deps, tenantId, videoId, { ...video.assets, poster: thumbnailPath });
}

export async function uploadPoster(deps: Pick<DomainDeps, 'db' | 'clock' | 'store' | 'transcoder'>, tenantId: string, videoId: string, image: Buffer): Promise<VideoAssets> {
  const video = await readyVideo(deps, tenantId, videoId);
  if (image.length > MAX_POSTER_BYTES) throw invalid(`The image is ${Math.round(image.length / 1024)} KB; posters can be at most ${MAX_POSTER_BYTES / 1024} KB. Export a smaller JPEG, PNG or WebP.`);
  if (!deps.transcoder.encodePoster) throw new DomainError('unavailable', 'Uploading a poster is not available on this platform; choose one of the thumbnails.');
  let jpeg: Buffer;
  try {
    jpeg = await deps.transcoder.encodePoster(image);
  } catch {
    throw invalid('The image could not be read: upload a JPEG, PNG or WebP picture.');
  }
  const poster = `posters/${createHash('sha256').update(jpeg).digest('hex').slice(0, 16)}.jpg`;
  const scratch = await mkdtemp(path.join(tmpdir(), 'ott-poster-'));
  try {
    await writeFile(path.join(scratch, 'poster.jpg'), jpeg);
    await deps.store.putFile(`t/${tenantId}/v/${videoId}/${poster}`, path.join(scratch, 'poster.jpg'));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return setPosterPath(deps, tenantId, videoId, { ...video.assets, poster });
}

async function readyVideo(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string) {
  const video = await videoOfTenant(deps, tenantId, videoId);
  if (video.status !== 'ready' || !video.assets) throw notReady('The video is not ready yet: change its poster once it is.');
  return { ...video, assets: video.assets };
}

async function setPosterPath(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string, assets: VideoAssets): Promise<VideoAssets> {
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
