// What a signed-in viewer keeps between visits, per tenant: where they stopped in each video ("continue watching")
// and the titles they saved ("my list"). The place is written only from their player's reports under a playback
// session a grant opened for them (viewer-progress below); the list only by the viewer, with their ID token.
import type { DomainDeps } from '../deps.js';
import { limitExceeded, notFound } from '../errors.js';
import type { SignedInViewer as SignedIn } from './signed-in-viewer.js';

/** A video counts as watched once fewer than this many seconds, or 5 % of it, are left: it leaves "continue watching". */
const CREDITS_SECONDS = 30;
const CREDITS_SHARE = 0.05;
/** "My list" holds at most this many titles; an older one must go before another comes. */
export const MY_LIST_LIMIT = 500;

/** Whose library: a viewer of a tenant's pool. */
type SignedInViewer = Pick<SignedIn, 'tenantId' | 'viewerId'>;

/** Keeps the viewer's place in the video from a report of their session; the last report read wins, as in any player. */
export async function keepViewerPlace(deps: Pick<DomainDeps, 'db' | 'clock'>, viewer: SignedInViewer, video: { id: string; durationSeconds: number | null }, positionSeconds: number): Promise<void> {
  const duration = video.durationSeconds ?? Number.POSITIVE_INFINITY;
  const position = Math.min(positionSeconds, duration);
  const finished = duration - position <= Math.max(CREDITS_SECONDS, duration * CREDITS_SHARE);
  await deps.db
    .insertInto('viewer_progress')
    .values({ tenant_id: viewer.tenantId, viewer_id: viewer.viewerId, video_id: video.id, position_seconds: position, finished, updated_at: deps.clock.now() })
    .onConflict((conflict) => conflict.columns(['tenant_id', 'viewer_id', 'video_id']).doUpdateSet({ position_seconds: position, finished, updated_at: deps.clock.now() }))
    .execute();
}

/** Videos the viewer started and did not finish, latest first, with where to resume. */
export async function continueWatching(deps: Pick<DomainDeps, 'db'>, viewer: SignedInViewer, limit: number) {
  const rows = await deps.db
    .selectFrom('viewer_progress as p')
    .innerJoin('videos as v', (join) => join.onRef('v.id', '=', 'p.video_id').onRef('v.tenant_id', '=', 'p.tenant_id'))
    .select(['v.id', 'v.title', 'v.duration_seconds', 'p.position_seconds', 'p.updated_at'])
    .where('p.tenant_id', '=', viewer.tenantId)
    .where('p.viewer_id', '=', viewer.viewerId)
    .where('p.finished', '=', false)
    .where('v.status', '=', 'ready')
    .orderBy('p.updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ videoId: row.id, title: row.title, durationSeconds: row.duration_seconds, resumeSeconds: row.position_seconds, watchedAt: row.updated_at }));
}

/** "Remove from continue watching": the place is forgotten (it comes back if they play the video again). */
export async function forgetViewerPlace(deps: Pick<DomainDeps, 'db'>, viewer: SignedInViewer, videoId: string): Promise<{ removed: boolean }> {
  const removed = await deps.db.deleteFrom('viewer_progress').where('tenant_id', '=', viewer.tenantId).where('viewer_id', '=', viewer.viewerId).where('video_id', '=', videoId).executeTakeFirst();
  return { removed: removed.numDeletedRows > 0n };
}

/** "My list", latest saved first. */
export async function myList(deps: Pick<DomainDeps, 'db'>, viewer: SignedInViewer) {
  const rows = await deps.db
    .selectFrom('viewer_list_items as l')
    .innerJoin('videos as v', (join) => join.onRef('v.id', '=', 'l.video_id').onRef('v.tenant_id', '=', 'l.tenant_id'))
    .select(['v.id', 'v.title', 'v.duration_seconds', 'l.added_at'])
    .where('l.tenant_id', '=', viewer.tenantId)
    .where('l.viewer_id', '=', viewer.viewerId)
    .orderBy('l.added_at', 'desc')
    .orderBy('v.id')
    .execute();
  return rows.map((row) => ({ videoId: row.id, title: row.title, durationSeconds: row.duration_seconds, addedAt: row.added_at }));
}

/** Saves a title of this tenant to the viewer's list; saving it again changes nothing. */
export async function addToMyList(deps: Pick<DomainDeps, 'db' | 'clock'>, viewer: SignedInViewer, videoId: string): Promise<{ saved: true }> {
  const video = await deps.db.selectFrom('videos').select('id').where('tenant_id', '=', viewer.tenantId).where('id', '=', videoId).executeTakeFirst();
  if (!video) throw notFound('The video');
  const count = await deps.db
    .selectFrom('viewer_list_items')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', viewer.tenantId)
    .where('viewer_id', '=', viewer.viewerId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MY_LIST_LIMIT) throw limitExceeded(`Your list holds ${MY_LIST_LIMIT} titles: remove one before adding another.`);
  await deps.db
    .insertInto('viewer_list_items')
    .values({ tenant_id: viewer.tenantId, viewer_id: viewer.viewerId, video_id: videoId, added_at: deps.clock.now() })
    .onConflict((conflict) => conflict.columns(['tenant_id', 'viewer_id', 'video_id']).doNothing())
    .execute();
  return { saved: true };
}

export async function removeFromMyList(deps: Pick<DomainDeps, 'db'>, viewer: SignedInViewer, videoId: string): Promise<{ removed: boolean }> {
  const removed = await deps.db.deleteFrom('viewer_list_items').where('tenant_id', '=', viewer.tenantId).where('viewer_id', '=', viewer.viewerId).where('video_id', '=', videoId).executeTakeFirst();
  return { removed: removed.numDeletedRows > 0n };
}

/** A removed viewer's places and list go with them. */
export async function forgetViewerLibrary(deps: Pick<DomainDeps, 'db'>, viewer: SignedInViewer): Promise<void> {
  await deps.db.deleteFrom('viewer_progress').where('tenant_id', '=', viewer.tenantId).where('viewer_id', '=', viewer.viewerId).execute();
  await deps.db.deleteFrom('viewer_list_items').where('tenant_id', '=', viewer.tenantId).where('viewer_id', '=', viewer.viewerId).execute();
}
