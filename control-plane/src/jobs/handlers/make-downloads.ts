// make-downloads: the package being played → static MP4 files in a scratch folder → published as `downloads/{name}.mp4`
// (with their Content-Disposition where the store keeps it) → recorded on the video. Safe to re-run: the files are
// rewritten at the same keys, and a video whose downloads were switched off meanwhile gets its files deleted again.
import { join } from 'node:path';
import type { DomainDeps } from '../../domain/deps.js';
import { contentDispositionFor, DOWNLOADS_FOLDER } from '../../domain/videos/download-files.js';
import { markDownloadsFailed, recordDownloads } from '../../domain/videos/video-downloads.js';
import type { JobAttempt, JobHandler } from '../job-handler.js';
import { createScratchFolder } from '../scratch-folder.js';

export const makeDownloads: JobHandler<'make-downloads'> = async (job, attempt, { deps, log }) => {
  const video = log.child({ tenantId: job.tenantId, videoId: job.videoId });
  try {
    const made = await make(deps, job, attempt);
    video.info(made ? `downloads made: ${made.join(', ')}` : 'downloads not made: switched off, or the video is not ready');
  } catch (error) {
    if (attempt.isLast) await markDownloadsFailed(deps, job.tenantId, job.videoId, 'Making the files failed on our side after several attempts.');
    throw error;
  }
};

async function make(deps: DomainDeps, job: { tenantId: string; videoId: string }, attempt: JobAttempt): Promise<string[] | undefined> {
  const video = await deps.db
    .selectFrom('videos')
    .select(['title', 'source_key', 'assets', 'clip_start_seconds', 'clip_end_seconds'])
    .where('tenant_id', '=', job.tenantId)
    .where('id', '=', job.videoId)
    .where('status', '=', 'ready')
    .where('downloads_enabled', '=', true)
    .executeTakeFirst();
  if (!video?.assets) return undefined;
  const prefix = `t/${job.tenantId}/v/${job.videoId}/`;
  const master = video.assets.masterPlaylist;
  const scratch = await createScratchFolder(`${job.videoId}-downloads`);
  try {
    const files = await deps.transcoder.makeDownloads({
      tenantId: job.tenantId,
      videoId: job.videoId,
      sourceKey: video.source_key,
      packagePrefix: `${prefix}${master.slice(0, master.lastIndexOf('/') + 1)}`,
      outputDir: scratch.outputDir,
      ...(video.clip_start_seconds !== null && video.clip_end_seconds !== null ? { clip: { startSeconds: video.clip_start_seconds, endSeconds: video.clip_end_seconds } } : {}),
      signal: attempt.signal,
    });
    for (const file of files) {
      await deps.store.putFile(`${prefix}${file.path}`, join(scratch.outputDir, file.path), { contentDisposition: contentDispositionFor(video.title, file.name) });
    }
    if (!(await recordDownloads(deps, job.tenantId, job.videoId, files))) {
      await deps.store.deletePrefix(`${prefix}${DOWNLOADS_FOLDER}`);
      return undefined;
    }
    return files.map((file) => file.name);
  } finally {
    await scratch.remove();
  }
}
