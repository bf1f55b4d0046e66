// transcode-video: source → HLS ladder in a scratch folder → published under t/{tenant}/v/{video}/ → renditions recorded.
// Finished segments are published while the ladder encodes, so the video plays before it is ready.
// Safe to re-run at any point: an attempt starts by clearing the video's outputs, renditions are rewritten in one transaction.
import type { DomainDeps } from '../../domain/deps.js';
import { planOf } from '../../domain/billing/plans.js';
import { UnplayableMediaError } from '../../domain/videos/unplayable-media-error.js';
import { heartbeat, markFailed, markPlayable, markReady, recordProgress, startProcessing } from '../../domain/videos/video-processing.js';
import type { JobHandler } from '../job-handler.js';
import { createScratchFolder, placeSource, removeScratchOfEarlierAttempts } from '../scratch-folder.js';

const HEARTBEAT_MS = 5_000;
const PROGRESS_WRITE_MS = 1_000;

export const transcodeVideo: JobHandler<'transcode-video'> = async (job, attempt, { deps, log }) => {
  const video = log.child({ tenantId: job.tenantId, videoId: job.videoId });
  video.info(`transcode started (attempt ${attempt.retryCount + 1})`);
  await transcode(deps, job, attempt);
  video.info('transcode done');
};

async function transcode(
  deps: Pick<DomainDeps, 'db' | 'store' | 'transcoder' | 'clock'>,
  job: { tenantId: string; videoId: string },
  attempt: { isLast: boolean; signal: AbortSignal },
): Promise<void> {
  const started = await startProcessing(deps, job.tenantId, job.videoId);
  if (!started) return;
  const tenant = await deps.db.selectFrom('tenants').select('plan').where('id', '=', job.tenantId).executeTakeFirstOrThrow();
  await removeScratchOfEarlierAttempts(job.videoId);
  const scratch = await createScratchFolder(job.videoId);
  const beat = setInterval(() => void heartbeat(deps, job.videoId).catch(() => {}), HEARTBEAT_MS);
  let lastWrite = 0;
  const prefix = `t/${job.tenantId}/v/${job.videoId}/`;
  try {
    await deps.store.deletePrefix(prefix);
    // MediaConvert reads the original in the store: a film is never downloaded to the worker's disk for it.
    if (!deps.transcoder.readsStoredSource) await placeSource(await deps.store.localFile(started.sourceKey), scratch.sourcePath);
    const output = await deps.transcoder.transcode({
      sourcePath: scratch.sourcePath,
      sourceKey: started.sourceKey,
      packagePrefix: prefix,
      outputDir: scratch.outputDir,
      limits: { maxDurationSeconds: planOf(tenant.plan).maxDurationSeconds },
      signal: attempt.signal,
      onProgress: (fraction) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_WRITE_MS && fraction < 1) return;
        lastWrite = now;
        void recordProgress(deps, job.videoId, fraction * 0.95).catch(() => {});
      },
      earlyPublishing: {
        publish: (relativePath, localPath) => deps.store.putFile(`${prefix}${relativePath}`, localPath),
        playable: (masterPlaylistPath) => markPlayable(deps, job.tenantId, job.videoId, masterPlaylistPath),
      },
    });
    // Same names as the early files: viewers already playing see the growing playlists end (VOD).
    await deps.store.putDirectory(prefix, scratch.outputDir);
    await markReady(deps, job.tenantId, job.videoId, output);
  } catch (error) {
    // Failed for good: remove what was published early, then say why (so "failed" never shows with early files
    // still served), keeping the original.
    const failForGood = async (reason: string) => {
      await deps.store.deletePrefix(prefix);
      await markFailed(deps, job.tenantId, job.videoId, reason);
    };
    // The user's file is the problem: no retry.
    if (error instanceof UnplayableMediaError) return failForGood(error.reason);
    if (attempt.isLast) await failForGood('Transcoding failed on our side after several attempts. Your original is kept; contact support or upload it again.');
    throw error;
  } finally {
    clearInterval(beat);
    await scratch.remove();
  }
}
