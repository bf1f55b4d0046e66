// transcode-video: source → HLS ladder in a scratch folder → published under t/{tenant}/v/{video}/ → renditions recorded.
// Finished segments are published while the ladder encodes, so the video plays before it is ready.
// Safe to re-run at any point: an attempt starts by clearing the video's outputs, renditions are rewritten in one transaction.
import { packageFolders, packageObjectKey } from '../../media/uhd-folder.js';
import { adoptPackageTextTracks } from '../../domain/captions/embedded-text-tracks.js';
import { publishChapters } from '../../domain/chapters/video-chapters.js';
import type { DomainDeps } from '../../domain/deps.js';
import { publishPackageMaster } from '../../domain/videos/package-master.js';
import { keepWhileWatched, retireFolders } from '../../domain/videos/retired-folders.js';
import { requestTenantAutomaticCaptions } from '../../domain/captions/automatic-captions.js';
import { UnplayableMediaError } from '../../domain/videos/unplayable-media-error.js';
import { queueDownloadsIfMissing } from '../../domain/videos/video-downloads.js';
import { heartbeat, markFailed, markPlayable, markReady, recordProgress, startProcessing } from '../../domain/videos/video-processing.js';
import type { TranscodeOutput } from '../../ports.js';
import type { JobHandler } from '../job-handler.js';
import { encodePackage } from '../encode-package.js';

const HEARTBEAT_MS = 5_000;

export const transcodeVideo: JobHandler<'transcode-video'> = async (job, attempt, { deps, log }) => {
  const video = log.child({ tenantId: job.tenantId, videoId: job.videoId });
  video.info(`transcode started (attempt ${attempt.retryCount + 1})`);
  const output = await transcode(deps, job, attempt);
  // Outside transcode's try: the video is ready, and a failure here fails the job, never the video.
  // The source's own subtitles, and the tracks uploaded while the video was processing, become part of the package.
  if (output) await adoptPackageTextTracks(deps, job.tenantId, job.videoId, output.textTracks);
  video.info('transcode done');
  // After ready, never before: captions must not delay playback, and the video stays ready whatever happens here.
  await requestTenantAutomaticCaptions(deps, job.tenantId, job.videoId).catch((error: unknown) => video.warn({ err: error }, 'automatic captions were not requested'));
};

async function transcode(
  deps: Pick<DomainDeps, 'db' | 'store' | 'transcoder' | 'clock' | 'queue'>,
  job: { tenantId: string; videoId: string },
  attempt: { isLast: boolean; signal: AbortSignal },
): Promise<TranscodeOutput | undefined> {
  const started = await startProcessing(deps, job.tenantId, job.videoId);
  if (!started) return undefined;
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
        publish: (relativePath, localPath) => deps.store.putFile(packageObjectKey(prefix, relativePath), localPath),
        playable: (masterPlaylistPath) => markPlayable(deps, job.tenantId, job.videoId, masterPlaylistPath),
      },
    });
    await markReady(deps, job.tenantId, job.videoId, output);
    // No longer named by the master, still read by viewers who started on them.
    const provisional = (output.provisionalFolders ?? []).map((folder) => `${prefix}${folder}/`);
    await retireFolders(deps, job, provisional, keepWhileWatched(output.durationSeconds));
    // The master as the database says it: the same as the transcoder's unless tracks (dubs, captions) were added.
    await publishPackageMaster(deps, job.tenantId, job.videoId);
    await publishChapters(deps, job.tenantId, job.videoId);
    // Downloads switched on while it encoded.
    const ready = await deps.db.selectFrom('videos').selectAll().where('tenant_id', '=', job.tenantId).where('id', '=', job.videoId).executeTakeFirst();
    if (ready) await queueDownloadsIfMissing(deps, ready);
    return output;
  } catch (error) {
    // Failed for good: remove what was published early, then say why (so "failed" never shows with early files
    // still served), keeping the original.
    const failForGood = async (reason: string) => {
      for (const folder of packageFolders(prefix)) await deps.store.deletePrefix(folder);
      await markFailed(deps, job.tenantId, job.videoId, reason);
    };
    // The user's file is the problem: no retry.
    if (error instanceof UnplayableMediaError) {
      await failForGood(error.reason);
      return undefined;
    }
    if (attempt.isLast) await failForGood('Transcoding failed on our side after several attempts. Your original is kept; contact support or upload it again.');
    throw error;
  } finally {
    clearInterval(beat);
  }
}
