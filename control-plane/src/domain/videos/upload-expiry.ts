// Unfinished uploads past their deadline: their parts are deleted from the store, the plan storage they reserved is
// released, and the video fails with the reason, so the tenant sees in the library why the film never arrived
// (a row that silently vanished would look like lost work). Safe from several workers at once and after a crash:
// each video is claimed under a row lock (a completion in progress holds it too), its parts are aborted (a no-op
// when already gone) and only then is the row marked.
import type { DomainDeps } from '../deps.js';
import { HOUR_MS } from '../usage/time-buckets.js';
import { markFailed } from './video-processing.js';

export interface UploadExpiryReport {
  expired: number;
  /** Uploads whose parts could not be deleted this time (the store unreachable): the next run tries again. */
  failed: { videoId: string; reason: string }[];
}

export async function expireUnfinishedUploads(deps: Pick<DomainDeps, 'db' | 'store' | 'clock'>): Promise<UploadExpiryReport> {
  const now = deps.clock.now();
  const due = await deps.db.selectFrom('videos').select('id').where('status', '=', 'uploading').where('upload_expires_at', '<=', now).orderBy('upload_expires_at').execute();
  const report: UploadExpiryReport = { expired: 0, failed: [] };
  for (const { id } of due) {
    try {
      if (await expireUpload(deps, id, now)) report.expired += 1;
    } catch (error) {
      report.failed.push({ videoId: id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

/** What the tenant reads on a video whose upload expired, and gets back from any later call on that upload. */
export function uploadExpiredReason(video: { created_at: Date; upload_expires_at: Date }): string {
  const hours = Math.round((video.upload_expires_at.getTime() - video.created_at.getTime()) / HOUR_MS);
  return `The upload was not finished within ${hours} hour${hours === 1 ? '' : 's'}; upload the file again.`;
}

async function expireUpload(deps: Pick<DomainDeps, 'db' | 'store' | 'clock'>, videoId: string, now: Date): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const video = await trx
      .selectFrom('videos')
      .select(['tenant_id', 'source_key', 'upload_id', 'created_at', 'upload_expires_at'])
      .where('id', '=', videoId)
      .where('status', '=', 'uploading')
      .where('upload_expires_at', '<=', now)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!video?.upload_id || !video.upload_expires_at) return false;
    await deps.store.abortMultipartUpload(video.source_key, video.upload_id);
    // upload_id stays: it marks an original that was never assembled, which stored-bytes sums leave out.
    const reason = uploadExpiredReason({ created_at: video.created_at, upload_expires_at: video.upload_expires_at });
    await markFailed({ db: trx, clock: deps.clock }, video.tenant_id, videoId, reason, ['upload.expired', 'video.failed']);
    return true;
  });
}
