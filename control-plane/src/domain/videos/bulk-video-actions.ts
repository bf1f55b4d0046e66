// Actions on many of a tenant's videos at once (the library's bulk select): one call, a bounded list of ids, each video
// handled on its own so one failure does not undo the others, and the failures named in the answer.
import type { AccessMode } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { DomainError, invalid } from '../errors.js';
import { deleteVideo, updateVideo } from './video-library.js';

/** The most videos one bulk action takes: a page of the library is 50, "select all" selects a page. */
export const MAX_BULK_VIDEOS = 100;

export interface BulkOutcome {
  /** The videos the action was done to. */
  done: string[];
  /** The others, with their title and what went wrong (a sentence for the user). */
  failed: { videoId: string; title: string; reason: string }[];
}

export function bulkDeleteVideos(deps: Pick<DomainDeps, 'db' | 'store'>, tenantId: string, videoIds: readonly string[]): Promise<BulkOutcome> {
  return forEachVideo(deps, tenantId, videoIds, (videoId) => deleteVideo(deps, tenantId, videoId));
}

export function bulkSetAccessMode(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoIds: readonly string[], accessMode: AccessMode): Promise<BulkOutcome> {
  return forEachVideo(deps, tenantId, videoIds, async (videoId) => {
    await updateVideo(deps, tenantId, videoId, { accessMode });
  });
}

/**
 * Every id must be one of the tenant's videos before anything is done: another tenant's id is "not found" like
 * everywhere else, and a list with one is refused as a whole rather than half done.
 */
async function forEachVideo(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoIds: readonly string[], action: (videoId: string) => Promise<void>): Promise<BulkOutcome> {
  const ids = [...new Set(videoIds)];
  if (ids.length === 0) throw invalid('Select at least one video.');
  if (ids.length > MAX_BULK_VIDEOS) throw invalid(`Select at most ${MAX_BULK_VIDEOS} videos at a time.`);
  const videos = await deps.db.selectFrom('videos').select(['id', 'title']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  const missing = ids.length - videos.length;
  if (missing > 0)
    throw new DomainError('not-found', `${missing === 1 ? 'One of the selected videos no longer exists' : `${missing} of the selected videos no longer exist`}: reload the library and select again.`);
  const outcome: BulkOutcome = { done: [], failed: [] };
  for (const video of videos) {
    try {
      await action(video.id);
      outcome.done.push(video.id);
    } catch (error) {
      // A domain error says what to do; anything else is ours, and its text is not for the user.
      outcome.failed.push({ videoId: video.id, title: video.title, reason: error instanceof DomainError ? error.message : 'It could not be changed on our side; try again.' });
    }
  }
  return outcome;
}
