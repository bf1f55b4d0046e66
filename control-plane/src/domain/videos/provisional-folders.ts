// Folders a transcode published early for viewers to start on that the final package does not have (a pass-through
// rendition: media/pass-through.ts). The final master no longer names them, but a viewer who began on one reads on
// from it after the video is ready, so it is deleted later rather than at once: after twice the video's length, and
// never sooner than an hour. Every worker sweeps what is due (jobs/sweeps/provisional-folders.ts).
import type { DomainDeps } from '../deps.js';

const MIN_KEEP_SECONDS = 3600;

export async function scheduleProvisionalFolderDeletion(
  deps: Pick<DomainDeps, 'db' | 'clock'>,
  video: { tenantId: string; videoId: string; durationSeconds: number },
  folders: readonly string[],
): Promise<void> {
  if (folders.length === 0) return;
  const keepSeconds = Math.max(MIN_KEEP_SECONDS, 2 * video.durationSeconds);
  const deleteAfter = new Date(deps.clock.now().getTime() + keepSeconds * 1000);
  await deps.db
    .insertInto('provisional_folders')
    .values(folders.map((folder) => ({ tenant_id: video.tenantId, video_id: video.videoId, folder, delete_after: deleteAfter })))
    .onConflict((conflict) => conflict.columns(['video_id', 'folder']).doUpdateSet({ delete_after: deleteAfter }))
    .execute();
}

/** Deletes the folders whose time has come, a batch at a time; returns how many. Rows are claimed, so sweeps running at once share the work. */
export async function deleteDueProvisionalFolders(deps: Pick<DomainDeps, 'db' | 'clock' | 'store'>, batch = 100): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('provisional_folders')
      .select(['tenant_id', 'video_id', 'folder'])
      .where('delete_after', '<=', deps.clock.now())
      .orderBy('delete_after')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const row of due) {
      await deps.store.deletePrefix(`t/${row.tenant_id}/v/${row.video_id}/${row.folder}/`);
      await trx.deleteFrom('provisional_folders').where('video_id', '=', row.video_id).where('folder', '=', row.folder).execute();
    }
    return due.length;
  });
}
