// Publishing caption tracks as HLS subtitle renditions of a ready video: the segmented WebVTT goes to a folder named
// after what it holds (`text/{track}/{version}/`), so an edit is a new URL and no edge cache serves stale cues; the
// master is rewritten to name it, then the folder it replaces is removed. A video that is not ready keeps its tracks
// unpublished until markReady calls this again; a new package (a replaced source, another duration) republishes all.
import { createHash } from 'node:crypto';
import { parseStoredWebVtt } from '../../media/caption-file.js';
import { SUBTITLE_PLAYLIST, renderSubtitleRendition } from '../../media/subtitle-playlist.js';
import type { DomainDeps } from '../deps.js';
import { publishPackageMaster } from '../videos/package-master.js';
import { retireFolders } from '../videos/retired-folders.js';

type Deps = Pick<DomainDeps, 'db' | 'store' | 'clock'>;

export interface PublishTextTracksOptions {
  /** Only these tracks (the others are left as they are). */
  trackIds?: readonly string[];
  /** Writes the files again even where the row says they are there: after a new package, whose attempts may have cleared the video's folder. */
  rewrite?: boolean;
}

/** Publishes the video's tracks whose published copy is missing or out of date, then rewrites the master. */
export async function publishTextTracks(deps: Deps, tenantId: string, videoId: string, options: PublishTextTracksOptions = {}): Promise<void> {
  const { trackIds, rewrite = false } = options;
  const video = await deps.db
    .selectFrom('videos')
    .select(['duration_seconds', 'package_revision'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .where('status', '=', 'ready')
    .executeTakeFirst();
  if (!video || video.duration_seconds === null) return;
  const duration = video.duration_seconds;
  let query = deps.db
    .selectFrom('text_tracks')
    .select(['id', 'webvtt', 'playlist_path'])
    .where('tenant_id', '=', tenantId)
    .where('video_id', '=', videoId)
    .where('status', '=', 'ready')
    .where((eb) => eb.or([eb('origin', '!=', 'embedded'), eb('revision', '=', video.package_revision)]));
  if (trackIds) {
    if (trackIds.length === 0) return;
    query = query.where('id', 'in', trackIds);
  }
  const tracks = await query.execute();
  const prefix = `t/${tenantId}/v/${videoId}/`;
  const replaced: string[] = [];
  for (const track of tracks) {
    const webvtt = track.webvtt ?? 'WEBVTT\n';
    const version = createHash('sha256').update(`${duration}\n${webvtt}`).digest('hex').slice(0, 16);
    const folder = `text/${track.id}/${version}/`;
    const playlistPath = `${folder}${SUBTITLE_PLAYLIST}`;
    if (track.playlist_path === playlistPath && !rewrite) continue;
    const rendition = renderSubtitleRendition(parseStoredWebVtt(webvtt), duration);
    for (const segment of rendition.segments) await deps.store.putBytes(`${prefix}${folder}${segment.name}`, segment.text);
    await deps.store.putBytes(`${prefix}${playlistPath}`, rendition.playlist);
    // Only if nobody edited the cues meanwhile: the newer edit publishes its own folder.
    const updated = await deps.db
      .updateTable('text_tracks')
      .set({ playlist_path: playlistPath })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', track.id)
      .where('webvtt', track.webvtt === null ? 'is' : '=', track.webvtt)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) replaced.push(`${prefix}${folder}`);
    else if (track.playlist_path && track.playlist_path !== playlistPath) replaced.push(`${prefix}${track.playlist_path.slice(0, track.playlist_path.lastIndexOf('/') + 1)}`);
  }
  await publishPackageMaster(deps, tenantId, videoId);
  // A player that loaded the master before this edit reads the version it names for a little longer.
  await retireFolders(deps, { tenantId, videoId }, replaced);
}
