// A ready video's master playlist, rendered from what the database says the video carries: the ladder's variants, its
// audio renditions (the source's tracks of the current package revision, then dubs) and its ready caption tracks.
// Whatever changes one of those (a package made, a caption uploaded or edited, a dub ready, a track removed) calls
// publishPackageMaster, so the master never names a track that is not there nor misses one that is. A package whose rungs
// above HD are in the video's UHD folder (media/uhd-folder.ts) has two masters: the full one, naming those rungs in the
// sibling folder, and the HD one without them, for grants that stop at HD (domain/playback/grant-resource.ts).
import { renderMasterPlaylist, type AudioRenditionEntry, type SubtitleRenditionEntry, type VideoVariant } from '../../media/master-playlist.js';
import type { DomainDeps } from '../deps.js';
import { UHD_FOLDER_SUFFIX } from '../../media/uhd-folder.js';

type Deps = Pick<DomainDeps, 'db' | 'store'>;

/** Rewrites the masters of the package being played; does nothing for a video that is not ready (no package yet). */
export async function publishPackageMaster(deps: Deps, tenantId: string, videoId: string): Promise<void> {
  for (const master of await renderPackageMasters(deps, tenantId, videoId)) await deps.store.putBytes(`t/${tenantId}/v/${videoId}/${master.path}`, master.text);
}

/** Each master's path from the video's prefix and its text; none when the video has no package yet. */
export async function renderPackageMasters(deps: Pick<Deps, 'db'>, tenantId: string, videoId: string): Promise<{ path: string; text: string }[]> {
  const video = await deps.db
    .selectFrom('videos')
    .select(['assets', 'package_revision', 'video_range'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .where('status', '=', 'ready')
    .executeTakeFirst();
  if (!video?.assets) return [];
  const assets = video.assets;
  const [renditions, audioTracks, textTracks] = await Promise.all([
    deps.db.selectFrom('renditions').selectAll().where('tenant_id', '=', tenantId).where('video_id', '=', videoId).execute(),
    deps.db
      .selectFrom('audio_tracks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('video_id', '=', videoId)
      .where('status', '=', 'ready')
      .where('playlist_path', 'is not', null)
      .where((eb) => eb.or([eb('origin', '=', 'dub'), eb('revision', '=', video.package_revision)]))
      .orderBy('origin', 'desc')
      .orderBy('position')
      .orderBy('created_at')
      .execute(),
    deps.db
      .selectFrom('text_tracks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('video_id', '=', videoId)
      .where('status', '=', 'ready')
      .where('playlist_path', 'is not', null)
      .where((eb) => eb.or([eb('origin', '!=', 'embedded'), eb('revision', '=', video.package_revision)]))
      .orderBy('created_at')
      .execute(),
  ]);
  const render = (masterPath: string, shown: typeof renditions) => {
    const folder = masterPath.slice(0, masterPath.lastIndexOf('/') + 1);
    const variants: VideoVariant[] = shown.map((rendition) => ({
      name: rendition.name,
      width: rendition.width,
      height: rendition.height,
      frameRate: rendition.frame_rate,
      videoCodec: rendition.video_codec,
      codecs: rendition.codecs,
      bandwidth: rendition.bandwidth,
      averageBandwidth: rendition.average_bandwidth,
      durationSeconds: rendition.duration_seconds,
      // The UHD folder is a sibling of the video's: from the video's prefix, `../{video}-uhd/{playlist_path}`.
      playlistPath: fromFolder(folder, rendition.in_uhd_folder ? `../${videoId}${UHD_FOLDER_SUFFIX}/${rendition.playlist_path}` : rendition.playlist_path),
    }));
    const audio: AudioRenditionEntry[] = audioTracks.map((track) => ({
      uri: fromFolder(folder, track.playlist_path ?? ''),
      language: track.language,
      name: track.name,
      isDefault: track.is_default,
      channels: track.channels,
      codecs: track.codecs,
      bandwidth: track.bandwidth,
    }));
    const subtitles: SubtitleRenditionEntry[] = textTracks.map((track) => ({
      uri: fromFolder(folder, track.playlist_path ?? ''),
      language: track.language,
      name: track.label,
      isDefault: track.is_default,
      forced: track.forced,
      kind: track.kind,
    }));
    return { path: masterPath, text: renderMasterPlaylist(variants, { audio, subtitles, videoRange: video.video_range }) };
  };
  const masters = [render(assets.masterPlaylist, renditions)];
  if (assets.hdMasterPlaylist)
    masters.push(
      render(
        assets.hdMasterPlaylist,
        renditions.filter((rendition) => !rendition.in_uhd_folder),
      ),
    );
  return masters;
}

/** `path` (from the video's prefix) as seen from `folder` (`''` or `r{n}/`, also from the video's prefix). */
export function fromFolder(folder: string, path: string): string {
  if (path.startsWith(folder)) return path.slice(folder.length);
  const depth = folder.split('/').filter(Boolean).length;
  return `${'../'.repeat(depth)}${path}`;
}
