// replace-video-source: a video's new original → HLS package under t/{tenant}/v/{video}/r{n}/ while the current package
// keeps playing → one switch of the video's assets → the old package deleted. Safe to re-run: an attempt starts by
// clearing its own folder, and the switch happens once.
import { packageFolders } from '../../media/uhd-folder.js';
import { adoptPackageTextTracks } from '../../domain/captions/embedded-text-tracks.js';
import { renewAutomaticCaptions } from '../../domain/captions/automatic-captions.js';
import type { DomainDeps } from '../../domain/deps.js';
import { publishPackageMaster } from '../../domain/videos/package-master.js';
import { publishChapters } from '../../domain/chapters/video-chapters.js';
import { forgetVideoImages } from '../../domain/images/on-demand-images.js';
import { deleteReplacedPackage, markReplacementFailed, recordReplacementProgress, revisionFolder, startReplacement, switchToReplacement } from '../../domain/videos/replacement-processing.js';
import { UnplayableMediaError } from '../../domain/videos/unplayable-media-error.js';
import { remakeDownloads } from '../../domain/videos/video-downloads.js';
import { encodePackage } from '../encode-package.js';
import type { TranscodeOutput } from '../../ports.js';
import type { JobAttempt, JobHandler } from '../job-handler.js';

export const replaceVideoSource: JobHandler<'replace-video-source'> = async (job, attempt, { deps, log }) => {
  const video = log.child({ tenantId: job.tenantId, videoId: job.videoId });
  video.info(`source replacement started (attempt ${attempt.retryCount + 1})`);
  const output = await replace(deps, job, attempt);
  // Outside replace's try: the new package is live, and a failure here must not be taken for a failed replacement.
  // The new source's subtitles replace the old one's, and every track is cut again for the new package's length.
  if (output) await adoptPackageTextTracks(deps, job.tenantId, job.videoId, output.textTracks);
  // Automatic captions heard the old sound: they are made again (after the switch, never delaying it).
  if (output) await renewAutomaticCaptions(deps, job.tenantId, job.videoId).catch((error: unknown) => video.warn({ err: error }, 'automatic captions were not renewed'));
  video.info('source replacement done');
};

async function replace(deps: DomainDeps, job: { tenantId: string; videoId: string }, attempt: JobAttempt): Promise<TranscodeOutput | undefined> {
  const started = await startReplacement(deps, job.tenantId, job.videoId);
  if (!started) return undefined;
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
      await deleteReplacedPackage(deps, job.tenantId, job.videoId, replaced);
      await remakeDownloads(deps, job.tenantId, job.videoId);
    }
    // The new package's master, with the dubs and uploaded captions the video already had.
    await publishPackageMaster(deps, job.tenantId, job.videoId);
    await publishChapters(deps, job.tenantId, job.videoId);
    await forgetVideoImages(deps.store, job.tenantId, job.videoId);
    return output;
  } catch (error) {
    const failForGood = async (reason: string) => {
      for (const folder of packageFolders(prefix)) await deps.store.deletePrefix(folder);
      await markReplacementFailed(deps, job.tenantId, job.videoId, `The replacement could not be used: ${reason} The current version keeps playing.`);
    };
    // The new file is the problem: no retry.
    if (error instanceof UnplayableMediaError) {
      await failForGood(error.reason);
      return undefined;
    }
    if (attempt.isLast) await failForGood('transcoding failed on our side after several attempts.');
    throw error;
  }
}
