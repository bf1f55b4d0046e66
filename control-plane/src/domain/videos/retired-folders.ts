// Folders of a video that its master no longer names but that players may still read: a pass-through rendition once
// the ladder is ready (media/pass-through.ts), a replaced package's renditions, a caption track's previous version after
// an edit, a removed caption track or dub. A player holds the master it loaded (and caches keep it for its max-age of
// 60 s), so deleting such a folder at once breaks playback under viewers who started before the change. They are
// retired instead: deleted once their time is up, by a sweep every worker runs (jobs/sweeps/retired-folders.ts).
import { packageFolders } from '../../media/uhd-folder.js';
import type { DomainDeps } from '../deps.js';

/** Past every cache of the master (60 s at the edge, in CloudFront and in the browser) and a player's reload of it. */
export const MASTER_CACHE_GRACE_SECONDS = 300;
/** A package's folders, a rendition a viewer may have started the film on: at least an hour. */
const MIN_WATCH_SECONDS = 3600;

/** Time for a viewer who started the film on a retired rendition to finish it, pauses included: twice its length. */
export function keepWhileWatched(durationSeconds: number): number {
  return Math.max(MIN_WATCH_SECONDS, 2 * durationSeconds);
}

/** `prefixes`: whole key prefixes within the video's folder or its UHD sibling (media/uhd-folder.ts), each ending in a slash. */
export async function retireFolders(
  deps: Pick<DomainDeps, 'db' | 'clock'>,
  video: { tenantId: string; videoId: string },
  prefixes: readonly string[],
  keepSeconds: number = MASTER_CACHE_GRACE_SECONDS,
): Promise<void> {
  if (prefixes.length === 0) return;
  const within = packageFolders(`t/${video.tenantId}/v/${video.videoId}/`);
  const outside = prefixes.find((prefix) => !within.some((folder) => prefix.startsWith(folder) && prefix !== folder) || !prefix.endsWith('/'));
  if (outside !== undefined) throw new Error(`${outside} is not a folder inside ${within.join(' or ')}`);
  const deleteAfter = new Date(deps.clock.now().getTime() + keepSeconds * 1000);
  await deps.db
    .insertInto('retired_folders')
    .values(prefixes.map((prefix) => ({ prefix, tenant_id: video.tenantId, video_id: video.videoId, delete_after: deleteAfter })))
    .onConflict((conflict) => conflict.column('prefix').doUpdateSet({ delete_after: deleteAfter }))
    .execute();
}

/** Deletes the folders whose time has come, a batch at a time; returns how many. Rows are claimed, so sweeps running at once share the work. */
export async function deleteDueRetiredFolders(deps: Pick<DomainDeps, 'db' | 'clock' | 'store'>, batch = 100): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom('retired_folders').select('prefix').where('delete_after', '<=', deps.clock.now()).orderBy('delete_after').limit(batch).forUpdate().skipLocked().execute();
    for (const { prefix } of due) {
      await deps.store.deletePrefix(prefix);
      await trx.deleteFrom('retired_folders').where('prefix', '=', prefix).execute();
    }
    return due.length;
  });
}
