// Dub uploads left unfinished past their deadline, as upload-expiry.ts does for videos: the parts are deleted from the
// store and the dub fails with the reason, so the video's audio tracks say why the French track never arrived instead
// of showing it "processing" for ever. Each dub is claimed under a row lock (a completion in progress holds it too);
// its parts are aborted (a no-op when already gone) and only then is the row marked.
import type { DomainDeps } from '../deps.js';
import { HOUR_MS } from '../usage/time-buckets.js';
import type { UploadExpiryReport } from './upload-expiry.js';

export async function expireUnfinishedDubUploads(deps: Pick<DomainDeps, 'db' | 'store' | 'clock'>): Promise<UploadExpiryReport> {
  const now = deps.clock.now();
  const due = await deps.db
    .selectFrom('audio_tracks')
    .select(['id', 'video_id'])
    .where('origin', '=', 'dub')
    .where('status', '=', 'processing')
    .where('upload_id', 'is not', null)
    .where('upload_expires_at', '<=', now)
    .orderBy('upload_expires_at')
    .execute();
  const report: UploadExpiryReport = { expired: 0, failed: [] };
  for (const { id, video_id: videoId } of due) {
    try {
      if (await expireDubUpload(deps, id, now)) report.expired += 1;
    } catch (error) {
      report.failed.push({ videoId, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

async function expireDubUpload(deps: Pick<DomainDeps, 'db' | 'store' | 'clock'>, trackId: string, now: Date): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const track = await trx
      .selectFrom('audio_tracks')
      .select(['source_key', 'upload_id', 'created_at', 'upload_expires_at'])
      .where('id', '=', trackId)
      .where('status', '=', 'processing')
      .where('upload_expires_at', '<=', now)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!track?.upload_id || !track.source_key || !track.upload_expires_at) return false;
    await deps.store.abortMultipartUpload(track.source_key, track.upload_id);
    const hours = Math.round((track.upload_expires_at.getTime() - track.created_at.getTime()) / HOUR_MS);
    // upload_id stays: it marks a file that was never assembled, which stored-bytes sums leave out.
    await trx
      .updateTable('audio_tracks')
      .set({
        status: 'failed',
        failure_reason: `The dub’s file was not finished uploading within ${hours} hour${hours === 1 ? '' : 's'}. Remove this dub and add it again with the file.`,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', trackId)
      .execute();
    return true;
  });
}
