// A video's dubs once uploaded (dub-uploads.ts): their encode's outcome, and what a tenant changes about them later
// (name, language, which audio plays first) or removes. Every change that the master shows republishes it.
import { LANGUAGE_TAG_PATTERN, type AudioTrackSummary } from '@ott/contracts';
import type { AudioRenditionOutput } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { invalid, notFound } from '../errors.js';
import { audioTracksOf } from './audio-track-views.js';
import { publishPackageMaster } from './package-master.js';
import { retireFolders } from './retired-folders.js';

type Deps = Pick<DomainDeps, 'db' | 'store' | 'clock'>;

/** Where a dub's rendition lives, from the video's prefix: beside the package, so a replaced source keeps it. */
export function dubFolder(trackId: string): string {
  return `dub_${trackId}`;
}

export async function listAudioTracks(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string): Promise<AudioTrackSummary[]> {
  const video = await deps.db.selectFrom('videos').select('package_revision').where('tenant_id', '=', tenantId).where('id', '=', videoId).executeTakeFirst();
  if (!video) throw notFound('The video');
  return audioTracksOf(deps, tenantId, videoId, video.package_revision);
}

/**
 * The dub is ready once the master names it: the row and the master change in one transaction, so nobody reads "ready"
 * and then a master without the dub (a failed write leaves the row as it was, and the job tries again).
 */
export async function recordDubReady(deps: Deps, tenantId: string, trackId: string, rendition: AudioRenditionOutput): Promise<void> {
  await deps.db.transaction().execute(async (db) => {
    const track = await db
      .updateTable('audio_tracks')
      .set({
        status: 'ready',
        failure_reason: null,
        playlist_path: rendition.playlistPath,
        bandwidth: rendition.bandwidth,
        bytes: rendition.bytes,
        codecs: rendition.codecs,
        channels: rendition.channels,
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', trackId)
      .returning('video_id')
      .executeTakeFirst();
    if (track) await publishPackageMaster({ ...deps, db }, tenantId, track.video_id);
  });
}

/** The dub's file is kept: the reason says what to do with it. */
export async function markDubFailed(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, trackId: string, reason: string): Promise<void> {
  await deps.db.updateTable('audio_tracks').set({ status: 'failed', failure_reason: reason, updated_at: deps.clock.now() }).where('tenant_id', '=', tenantId).where('id', '=', trackId).execute();
}

export interface DubChanges {
  name?: string | undefined;
  language?: string | undefined;
  /** The audio the player starts with; making one default makes every other track of the video not. */
  isDefault?: boolean | undefined;
}

export async function updateDub(deps: Deps, tenantId: string, videoId: string, trackId: string, changes: DubChanges): Promise<AudioTrackSummary[]> {
  if (changes.language !== undefined && !LANGUAGE_TAG_PATTERN.test(changes.language)) throw invalid(`“${changes.language}” is not a language tag. Give one such as fr, es or pt-BR.`);
  await deps.db.transaction().execute(async (trx) => {
    const track = await trx
      .selectFrom('audio_tracks')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('video_id', '=', videoId)
      .where('id', '=', trackId)
      .where('origin', '=', 'dub')
      .forUpdate()
      .executeTakeFirst();
    if (!track) throw notFound('The dub');
    if (changes.isDefault) await trx.updateTable('audio_tracks').set({ is_default: false }).where('tenant_id', '=', tenantId).where('video_id', '=', videoId).execute();
    await trx
      .updateTable('audio_tracks')
      .set({
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        ...(changes.language !== undefined ? { language: changes.language } : {}),
        ...(changes.isDefault !== undefined ? { is_default: changes.isDefault } : {}),
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', trackId)
      .execute();
  });
  await publishPackageMaster(deps, tenantId, videoId);
  return listAudioTracks(deps, tenantId, videoId);
}

/** Out of the master first (no player is sent to it again), then its rendition and its uploaded file are deleted. */
export async function removeDub(deps: Deps, tenantId: string, videoId: string, trackId: string): Promise<void> {
  const track = await deps.db
    .deleteFrom('audio_tracks')
    .where('tenant_id', '=', tenantId)
    .where('video_id', '=', videoId)
    .where('id', '=', trackId)
    .where('origin', '=', 'dub')
    .returning(['source_key', 'upload_id'])
    .executeTakeFirst();
  if (!track) throw notFound('The dub');
  await publishPackageMaster(deps, tenantId, videoId);
  await retireFolders(deps, { tenantId, videoId }, [`t/${tenantId}/v/${videoId}/${dubFolder(trackId)}/`]);
  if (track.source_key && track.upload_id) await deps.store.abortMultipartUpload(track.source_key, track.upload_id).catch(() => {});
  else if (track.source_key) await deps.store.deleteObject(track.source_key);
}
