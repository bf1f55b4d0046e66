// State changes of a source replacement while its job runs (jobs/handlers/replace-video-source.ts). The current package
// plays until the switch, which is one UPDATE of the video row (with its renditions, in one transaction); the replaced
// package's objects are deleted after it commits.
import { uhdSiblingOf } from '../../media/uhd-folder.js';
import type { TranscodeOutput } from '../../ports.js';
import type { VideoAssets } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { recordUsage } from '../usage/record-usage.js';
import { transcodeUsageEvents } from '../usage/transcode-usage.js';
import { keepWhileWatched, retireFolders } from './retired-folders.js';
import { isOriginalShared } from './shared-sources.js';
import { audioTrackRows, packageAssets, renditionRows, replaceSourceAudioTracks } from './video-processing.js';

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

/** What a package switched away from leaves in the store: its files (paths from the video's prefix) and its original. */
export interface ReplacedPackage {
  /** From the video's prefix. */
  paths: string[];
  /** From the video's UHD folder (media/uhd-folder.ts): its rungs above HD. */
  uhdPaths: string[];
  /** The old original, null when a clip still names it (shared-sources.ts). */
  sourceKey: string | null;
  /** The old package's length: viewers who started on it are let finish. */
  durationSeconds: number;
}

/** The replacement to encode and the folder its package goes to; undefined when there is none queued (done, or gone). */
export async function startReplacement(deps: Deps, tenantId: string, videoId: string): Promise<{ sourceKey: string; revision: number } | undefined> {
  const video = await deps.db
    .updateTable('videos')
    .set({ replacement_status: 'processing', replacement_progress: 0, replacement_failure_reason: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .where('replacement_status', 'in', ['queued', 'processing'])
    .returning(['replacement_source_key', 'package_revision'])
    .executeTakeFirst();
  if (!video?.replacement_source_key) return undefined;
  return { sourceKey: video.replacement_source_key, revision: video.package_revision + 1 };
}

export async function recordReplacementProgress(deps: Deps, videoId: string, fraction: number): Promise<void> {
  await deps.db
    .updateTable('videos')
    .set({ replacement_progress: Math.min(1, Math.max(0, fraction)) })
    .where('id', '=', videoId)
    .where('replacement_status', '=', 'processing')
    .execute();
}

/** The package folder of revision `revision` of a video: `r{n}/` inside the video's prefix. */
export function revisionFolder(revision: number): string {
  return `r${revision}/`;
}

/** Plays the new package from now on; returns what the old one leaves to delete (undefined when the switch already happened). */
export async function switchToReplacement(deps: Deps, tenantId: string, videoId: string, revision: number, output: TranscodeOutput): Promise<ReplacedPackage | undefined> {
  const folder = revisionFolder(revision);
  return deps.db.transaction().execute(async (trx) => {
    const video = await trx.selectFrom('videos').selectAll().where('tenant_id', '=', tenantId).where('id', '=', videoId).forUpdate().executeTakeFirst();
    if (!video || video.replacement_status !== 'processing' || !video.replacement_source_key) return undefined;
    const oldRenditions = await trx.deleteFrom('renditions').where('tenant_id', '=', tenantId).where('video_id', '=', videoId).returning(['playlist_path', 'in_uhd_folder']).execute();
    await trx
      .insertInto('renditions')
      .values(renditionRows(tenantId, videoId, output, folder))
      .execute();
    const oldAudio = await replaceSourceAudioTracks(trx, tenantId, videoId, audioTrackRows(tenantId, videoId, output, folder, revision));
    await trx
      .updateTable('videos')
      .set({
        package_revision: revision,
        assets: JSON.stringify(packageAssets(output, folder)),
        video_range: output.videoRange,
        media_notes: JSON.stringify(output.notes),
        duration_seconds: output.durationSeconds,
        width: output.renditions[0]?.width ?? null,
        height: output.renditions[0]?.height ?? null,
        source_key: video.replacement_source_key,
        source_filename: video.replacement_source_filename ?? video.source_filename,
        source_size: video.replacement_source_size ?? video.source_size,
        replacement_status: null,
        replacement_progress: 0,
        replacement_failure_reason: null,
        replacement_source_key: null,
        replacement_source_filename: null,
        replacement_source_size: null,
        replacement_part_size: null,
        replacement_upload_expires_at: null,
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', videoId)
      .execute();
    // Metered like any transcode; the revision in the key keeps it apart from the first one (keys are idempotent).
    const usage = transcodeUsageEvents(tenantId, videoId, output.renditions, deps.clock.now()).map((event) => ({ ...event, key: `${event.key}:${folder}` }));
    await recordUsage(trx, usage);
    // A clip cut from the old original still needs it.
    const sourceKey = (await isOriginalShared({ db: trx }, tenantId, videoId, video.source_key)) ? null : video.source_key;
    const inUhdFolder = (uhd: boolean) => oldRenditions.filter((rendition) => rendition.in_uhd_folder === uhd).map((rendition) => rendition.playlist_path);
    return {
      paths: [...assetPaths(video.assets), ...inUhdFolder(false), ...oldAudio],
      uhdPaths: inUhdFolder(true),
      sourceKey,
      durationSeconds: video.duration_seconds ?? 0,
    };
  });
}

/** The new original could not become a video: the current package keeps playing, and the reason is kept to show. */
export async function markReplacementFailed(deps: Deps, tenantId: string, videoId: string, reason: string): Promise<void> {
  await deps.db
    .updateTable('videos')
    .set({ replacement_status: 'failed', replacement_failure_reason: reason, updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .where('replacement_status', '=', 'processing')
    .execute();
}

/**
 * Removes a replaced package. Each folder its files are in (a rendition's, the thumbnails', a revision's) is retired
 * as a whole: a viewer who started the old version plays it to the end (retired-folders.ts). The loose files at the top
 * of the video's prefix (the first package's master, poster, storyboard) go one by one at once, as does the old
 * original: a player has read its master already, and nothing serves the original.
 */
export async function deleteReplacedPackage(deps: Pick<DomainDeps, 'db' | 'store' | 'clock'>, tenantId: string, videoId: string, replaced: ReplacedPackage): Promise<void> {
  const { store } = deps;
  const prefix = `t/${tenantId}/v/${videoId}/`;
  const folders = new Set<string>();
  const files = new Set<string>();
  for (const path of replaced.paths) {
    const slash = path.indexOf('/');
    if (slash === -1) files.add(`${prefix}${path}`);
    else folders.add(`${prefix}${path.slice(0, slash + 1)}`);
  }
  for (const path of replaced.uhdPaths) folders.add(`${uhdSiblingOf(prefix)}${path.slice(0, path.indexOf('/') + 1)}`);
  await retireFolders(deps, { tenantId, videoId }, [...folders], keepWhileWatched(replaced.durationSeconds));
  for (const file of files) await store.deleteObject(file);
  if (replaced.sourceKey !== null) await store.deleteObject(replaced.sourceKey);
}

function assetPaths(assets: VideoAssets | null): string[] {
  if (!assets) return [];
  return [
    assets.masterPlaylist,
    ...(assets.hdMasterPlaylist ? [assets.hdMasterPlaylist] : []),
    assets.poster,
    assets.storyboard.image,
    assets.storyboard.vtt,
    ...assets.thumbnails.map((thumbnail) => thumbnail.path),
  ];
}
