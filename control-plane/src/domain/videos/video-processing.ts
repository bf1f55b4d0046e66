// State changes of a video while the transcode job runs. The job handler calls these; each is idempotent.
import { HD_MASTER_PLAYLIST, isUhdPackagePath } from '../../media/uhd-folder.js';
import type { WebhookEventType } from '@ott/contracts';
import type { Db } from '../../db/database.js';
import type { VideoAssets } from '../../db/schema.js';
import type { TranscodeOutput } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { recordUsage } from '../usage/record-usage.js';
import { transcodeUsageEvents } from '../usage/transcode-usage.js';
import { recordVideoEvents } from './video-events.js';

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

/** What a transcode makes of the original: all of it or a clip's range, with or without downloads. */
export interface StartedProcessing {
  sourceKey: string;
  clip?: { startSeconds: number; endSeconds: number };
  downloads: boolean;
}

/** Returns false when there is nothing to do (already ready, deleted, or failed for good). */
export async function startProcessing(deps: Deps, tenantId: string, videoId: string): Promise<StartedProcessing | undefined> {
  const video = await deps.db
    .updateTable('videos')
    .set({
      status: 'processing',
      progress: 0,
      failure_reason: null,
      early_master_playlist: null,
      heartbeat_at: deps.clock.now(),
      processing_started_at: deps.clock.now(),
      updated_at: deps.clock.now(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .where('status', 'in', ['queued', 'processing'])
    .returning(['source_key', 'downloads_enabled', 'clip_start_seconds', 'clip_end_seconds'])
    .executeTakeFirst();
  if (!video) return undefined;
  const { clip_start_seconds: startSeconds, clip_end_seconds: endSeconds } = video;
  return { sourceKey: video.source_key, downloads: video.downloads_enabled, ...(startSeconds !== null && endSeconds !== null ? { clip: { startSeconds, endSeconds } } : {}) };
}

export async function recordProgress(deps: Deps, videoId: string, fraction: number): Promise<void> {
  await deps.db
    .updateTable('videos')
    .set({ progress: Math.min(1, Math.max(0, fraction)), heartbeat_at: deps.clock.now() })
    .where('id', '=', videoId)
    .where('status', '=', 'processing')
    .execute();
}

export async function heartbeat(deps: Deps, videoId: string): Promise<void> {
  await deps.db.updateTable('videos').set({ heartbeat_at: deps.clock.now() }).where('id', '=', videoId).where('status', '=', 'processing').execute();
}

/** The transcoder has published enough to play from the start while it goes on encoding. */
export async function markPlayable(deps: Deps, tenantId: string, videoId: string, masterPlaylistPath: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const video = await trx
      .updateTable('videos')
      .set({ early_master_playlist: masterPlaylistPath, updated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', videoId)
      .where('status', '=', 'processing')
      // Said once: a re-run that publishes the same playlist again is not news.
      .where('early_master_playlist', 'is distinct from', masterPlaylistPath)
      .returningAll()
      .executeTakeFirst();
    if (video) await recordVideoEvents(trx, ['video.playable'], video, deps.clock.now());
  });
}

/** Renditions are replaced as a whole in one transaction, so a re-run never leaves duplicates (nor bills twice). */
export async function markReady(deps: Deps, tenantId: string, videoId: string, output: TranscodeOutput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('videos').select(['status', 'package_revision']).where('tenant_id', '=', tenantId).where('id', '=', videoId).forUpdate().executeTakeFirst();
    await trx.deleteFrom('renditions').where('tenant_id', '=', tenantId).where('video_id', '=', videoId).execute();
    await trx
      .insertInto('renditions')
      .values(renditionRows(tenantId, videoId, output, ''))
      .execute();
    await replaceSourceAudioTracks(trx, tenantId, videoId, audioTrackRows(tenantId, videoId, output, '', before?.package_revision ?? 0));
    const ready = await trx
      .updateTable('videos')
      .set({
        status: 'ready',
        progress: 1,
        failure_reason: null,
        early_master_playlist: null,
        duration_seconds: output.durationSeconds,
        width: output.renditions[0]?.width ?? null,
        height: output.renditions[0]?.height ?? null,
        assets: JSON.stringify(packageAssets(output, '')),
        video_range: output.videoRange,
        media_notes: JSON.stringify(output.notes),
        // Made in the transcode when they were on from the start (video-downloads.ts queues them otherwise).
        ...(output.downloads.length > 0 ? { downloads: JSON.stringify(output.downloads), downloads_status: 'ready' as const, downloads_failure_reason: null } : {}),
        ready_at: deps.clock.now(),
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', videoId)
      .returningAll()
      .executeTakeFirst();
    if (ready && before?.status !== 'ready') await recordVideoEvents(trx, ['video.ready'], ready, deps.clock.now());
    // Billed with the state change that produced it: a video is never ready without its minutes recorded.
    await recordUsage(trx, transcodeUsageEvents(tenantId, videoId, output.renditions, deps.clock.now()));
  });
}

/** `events`: what the webhooks say happened (an expired upload says so before the failure). */
export async function markFailed(deps: Deps, tenantId: string, videoId: string, reason: string, events: readonly WebhookEventType[] = ['video.failed']): Promise<void> {
  // Inside the caller's transaction when there is one (the upload expiry sweep).
  const run = async (trx: Db) => {
    const before = await trx.selectFrom('videos').select('status').where('tenant_id', '=', tenantId).where('id', '=', videoId).forUpdate().executeTakeFirst();
    const failed = await trx
      .updateTable('videos')
      .set({ status: 'failed', failure_reason: reason, early_master_playlist: null, updated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', videoId)
      .returningAll()
      .executeTakeFirst();
    if (failed && before?.status !== 'failed') await recordVideoEvents(trx, events, failed, deps.clock.now());
  };
  await (deps.db.isTransaction ? run(deps.db) : deps.db.transaction().execute(run));
}

/** The renditions of a package published in `folder` of the video's prefix ('' for the video's own, `r{n}/` for a replacement). */
export function renditionRows(tenantId: string, videoId: string, output: TranscodeOutput, folder: string) {
  return output.renditions.map((rendition) => ({
    tenant_id: tenantId,
    video_id: videoId,
    name: rendition.name,
    width: rendition.width,
    height: rendition.height,
    frame_rate: rendition.frameRate,
    video_codec: rendition.videoCodec,
    codecs: rendition.codecs,
    bandwidth: rendition.bandwidth,
    average_bandwidth: rendition.averageBandwidth,
    duration_seconds: rendition.durationSeconds,
    bytes: rendition.bytes,
    playlist_path: `${folder}${rendition.playlistPath}`,
    // encodePackage publishes every UHD rung's files there (media/uhd-folder.ts).
    in_uhd_folder: isUhdPackagePath(rendition.playlistPath),
  }));
}

/**
 * The audio renditions of a package published in `folder`, as rows of package revision `revision` (the master names the
 * current revision's source tracks only, so a replacement's tracks stay out of it until the switch).
 */
export function audioTrackRows(tenantId: string, videoId: string, output: TranscodeOutput, folder: string, revision: number) {
  return output.audioTracks.map((track, position) => ({
    tenant_id: tenantId,
    video_id: videoId,
    origin: 'source' as const,
    revision,
    position,
    language: track.language,
    name: track.name,
    is_default: track.isDefault,
    channels: track.channels,
    codecs: track.codecs,
    bandwidth: track.bandwidth,
    bytes: track.bytes,
    playlist_path: `${folder}${track.playlistPath}`,
    status: 'ready' as const,
  }));
}

/** The source's audio tracks are replaced as a whole (a re-run never duplicates them); dubs stay. Returns the old rows' playlists. */
export async function replaceSourceAudioTracks(trx: Db, tenantId: string, videoId: string, rows: ReturnType<typeof audioTrackRows>): Promise<string[]> {
  const old = await trx.deleteFrom('audio_tracks').where('tenant_id', '=', tenantId).where('video_id', '=', videoId).where('origin', '=', 'source').returning('playlist_path').execute();
  if (rows.length > 0) await trx.insertInto('audio_tracks').values(rows).execute();
  return old.flatMap((row) => (row.playlist_path ? [row.playlist_path] : []));
}

/** The assets of a package published in `folder` of the video's prefix, as paths from that prefix. */
export function packageAssets(output: TranscodeOutput, folder: string): VideoAssets {
  return {
    masterPlaylist: `${folder}${output.masterPlaylistPath}`,
    ...(output.renditions.some((rendition) => isUhdPackagePath(rendition.playlistPath)) ? { hdMasterPlaylist: `${folder}${HD_MASTER_PLAYLIST}` } : {}),
    poster: `${folder}${output.posterPath}`,
    thumbnails: output.thumbnails.map((thumbnail) => ({ ...thumbnail, path: `${folder}${thumbnail.path}` })),
    storyboard: {
      image: `${folder}${output.storyboard.imagePath}`,
      vtt: `${folder}${output.storyboard.vttPath}`,
      intervalSeconds: output.storyboard.intervalSeconds,
      tileWidth: output.storyboard.tileWidth,
      tileHeight: output.storyboard.tileHeight,
    },
  };
}
