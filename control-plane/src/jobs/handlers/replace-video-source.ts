// replace-video-source: a video's new original → HLS package under t/{tenant}/v/{video}/r{n}/ while the current package
// keeps playing → one switch of the video's assets → the old package deleted. Safe to re-run: an attempt starts by
// clearing its own folder, and the switch happens once.
import type { DomainDeps } from '../../domain/deps.js';
import { deleteReplacedPackage, markReplacementFailed, recordReplacementProgress, revisionFolder, startReplacement, switchToReplacement } from '../../domain/videos/replacement-processing.js';
import { UnplayableMediaError } from '../../domain/videos/unplayable-media-error.js';
import { remakeDownloads } from '../../domain/videos/video-downloads.js';
import { encodePackage } from '../encode-package.js';
import type { JobAttempt, JobHandler } from '../job-handler.js';

export const replaceVideoSource: JobHandler<'replace-video-source'> = async (job, attempt, { deps, log }) => {
  const video = log.child({ tenantId: job.tenantId, videoId: job.videoId });
  video.info(`source replacement started (attempt ${attempt.retryCount + 1})`);
  await replace(deps, job, attempt);
  video.info('source replacement done');
};

async function replace(deps: DomainDeps, job: { tenantId: string; videoId: string }, attempt: JobAttempt): Promise<void> {
  const started = await startReplacement(deps, job.tenantId, job.videoId);
  if (!started) return;
  const prefix = `t/${job.tenantId}/v/${job.videoId}/${revisionFolder(started.revision)}`;
  try {
    const output = await encodePackage(deps, {
      ...job,
      sourceKey: started.sourceKey,
      packagePrefix: prefix,
      signal: attempt.signal,
      onProgress: (fraction) => void recordReplacementProgress(deps, job.videoId, fraction * 0.95).catch(() => {}),
    });
    const replaced = await switchToReplacement(deps, job.tenantId, job.videoId, started.revision, output);
    if (replaced) {
      await deleteReplacedPackage(deps.store, job.tenantId, job.videoId, replaced);
      await remakeDownloads(deps, job.tenantId, job.videoId);
    }
  } catch (error) {
    const failForGood = async (reason: string) => {
      await deps.store.deletePrefix(prefix);
      await markReplacementFailed(deps, job.tenantId, job.videoId, `The replacement could not be used: ${reason} The current version keeps playing.`);
    };
    // The new file is the problem: no retry.
    if (error instanceof UnplayableMediaError) return failForGood(error.reason);
    if (attempt.isLast) await failForGood('transcoding failed on our side after several attempts.');
    throw error;
  }
}
