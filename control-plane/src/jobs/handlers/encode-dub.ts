// encode-dub: a dub's uploaded file → one audio rendition in `t/{tenant}/v/{video}/dub_{track}/` → the row ready and the
// master republished with it. A file with no sound (or not media at all) fails the row for good with the reason; the
// file is kept. Safe to re-run: the rendition is rewritten at the same keys.
import type { DomainDeps } from '../../domain/deps.js';
import { dubFolder, markDubFailed, recordDubReady } from '../../domain/videos/dub-tracks.js';
import { UnplayableMediaError } from '../../domain/videos/unplayable-media-error.js';
import type { JobAttempt, JobHandler, JobOf } from '../job-handler.js';
import { createScratchFolder, placeSource } from '../scratch-folder.js';

export const encodeDub: JobHandler<'encode-dub'> = async (job, attempt, { deps, log }) => {
  const dub = log.child({ tenantId: job.tenantId, videoId: job.videoId, trackId: job.trackId });
  try {
    dub.info((await encode(deps, job, attempt)) ? 'dub ready' : 'dub not encoded: removed, still uploading, or its video is not ready');
  } catch (error) {
    if (error instanceof UnplayableMediaError) {
      await markDubFailed(deps, job.tenantId, job.trackId, `This dub cannot be played: ${error.reason}`);
      dub.info({ reason: error.reason }, 'dub refused');
      return;
    }
    if (attempt.isLast) await markDubFailed(deps, job.tenantId, job.trackId, 'Encoding the dub failed on our side after several attempts. Remove it and add it again.');
    throw error;
  }
};

async function encode(deps: DomainDeps, job: JobOf<'encode-dub'>, attempt: JobAttempt): Promise<boolean> {
  const found = await deps.db
    .selectFrom('audio_tracks')
    .innerJoin('videos', (join) => join.onRef('videos.id', '=', 'audio_tracks.video_id').onRef('videos.tenant_id', '=', 'audio_tracks.tenant_id'))
    .select(['audio_tracks.source_key', 'audio_tracks.language', 'audio_tracks.name', 'audio_tracks.is_default', 'videos.duration_seconds'])
    .where('audio_tracks.tenant_id', '=', job.tenantId)
    .where('audio_tracks.id', '=', job.trackId)
    .where('audio_tracks.origin', '=', 'dub')
    .where('audio_tracks.upload_id', 'is', null)
    .where('videos.status', '=', 'ready')
    .executeTakeFirst();
  if (!found?.source_key || found.duration_seconds === null) return false;
  const folder = dubFolder(job.trackId);
  const scratch = await createScratchFolder(`${job.videoId}-dub`);
  try {
    await placeSource(await deps.store.localFile(found.source_key), scratch.sourcePath);
    const rendition = await deps.transcoder.encodeAudioRendition({
      sourcePath: scratch.sourcePath,
      outputDir: scratch.outputDir,
      folder,
      maxDurationSeconds: found.duration_seconds,
      track: { language: found.language, name: found.name, isDefault: found.is_default },
      signal: attempt.signal,
    });
    await deps.store.putDirectory(`t/${job.tenantId}/v/${job.videoId}/${folder}/`, `${scratch.outputDir}/${folder}`);
    await recordDubReady(deps, job.tenantId, job.trackId, rendition);
    return true;
  } finally {
    await scratch.remove();
  }
}
