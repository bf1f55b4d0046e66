// transcode-video: source → HLS ladder in a scratch folder → published under t/{tenant}/v/{video}/ → renditions recorded.
// Finished segments are published while the ladder encodes, so the video plays before it is ready.
// Safe to re-run at any point: an attempt starts by clearing the video's outputs, renditions are rewritten in one transaction.
import type { DomainDeps } from '../../domain/deps.js';
import { UnplayableMediaError } from '../../domain/videos/unplayable-media-error.js';
import { queueDownloadsIfMissing } from '../../domain/videos/video-downloads.js';
import { heartbeat, markFailed, markPlayable, markReady, recordProgress, startProcessing } from '../../domain/videos/video-processing.js';
import type { JobHandler } from '../job-handler.js';
import { encodePackage } from '../encode-package.js';

const HEARTBEAT_MS = 5_000;

export const transcodeVideo: JobHandler<'transcode-video'> = async (job, attempt, { deps, log }) => {
  const video = log.child({ tenantId: job.tenantId, videoId: job.videoId });
  video.info(`transcode started (attempt ${attempt.retryCount + 1})`);
  await transcode(deps, job, attempt);
  video.info('transcode done');
};

async function transcode(
  deps: Pick<DomainDeps, 'db' | 'store' | 'transcoder' | 'clock' | 'queue'>,
  job: { tenantId: string; videoId: string },
  attempt: { isLast: boolean; signal: AbortSignal },
): Promise<void> {
  const started = await startProcessing(deps, job.tenantId, job.videoId);
  if (!started) return;
  const beat = setInterval(() => void heartbeat(deps, job.videoId).catch(() => {}), HEARTBEAT_MS);
  const prefix = `t/${job.tenantId}/v/${job.videoId}/`;
  try {
    const output = await encodePackage(deps, {
      ...job,
      sourceKey: started.sourceKey,
      ...(started.clip ? { clip: started.clip } : {}),
      downloads: started.downloads,
      packagePrefix: prefix,
      signal: attempt.signal,
      onProgress: (fraction) => void recordProgress(deps, job.videoId, fraction * 0.95).catch(() => {}),
      earlyPublishing: {
        publish: (relativePath, localPath) => deps.store.putFile(`${prefix}${relativePath}`, localPath),
        playable: (masterPlaylistPath) => markPlayable(deps, job.tenantId, job.videoId, masterPlaylistPath),
      },
    });
    await markReady(deps, job.tenantId, job.videoId, output);
    // Downloads switched on while it encoded.
    const ready = await deps.db.selectFrom('videos').selectAll().where('tenant_id', '=', job.tenantId).where('id', '=', job.videoId).executeTakeFirst();
    if (ready) await queueDownloadsIfMissing(deps, ready);
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
  }
}
