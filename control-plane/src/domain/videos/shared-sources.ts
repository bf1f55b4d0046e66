// Stored originals are shared: a clip names its parent's original (clips.ts). An original's folder
// (`sources/{tenant}/{video}/`) is deleted only once no video names anything in it any more, whichever of the videos
// goes last: deleting a parent keeps the original its clips need, deleting the last clip of a deleted parent removes it.
import { sql } from 'kysely';
import type { Video } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';

/** Deletes the originals `video` (being deleted) leaves behind, as far as no other video names them. */
export async function releaseOriginals(deps: Pick<DomainDeps, 'db' | 'store'>, video: Video): Promise<void> {
  const owners = new Set([video.id, ownerOf(video.tenant_id, video.source_key)].filter((owner): owner is string => owner !== undefined));
  for (const owner of owners) {
    const folder = `sources/${video.tenant_id}/${owner}/`;
    if (!(await isNamedByAnother(deps, video.tenant_id, video.id, folder))) await deps.store.deletePrefix(folder);
  }
  // A clip of a video whose source was replaced since: the old original stays in the parent's folder until the last
  // clip naming it goes.
  if (!(await isOriginalShared(deps, video.tenant_id, video.id, video.source_key))) await deps.store.deleteObject(video.source_key);
}

/** True when a video other than `videoId` names `key` as its original (a clip of a video being replaced). */
export async function isOriginalShared(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string, key: string): Promise<boolean> {
  const other = await deps.db.selectFrom('videos').select('id').where('tenant_id', '=', tenantId).where('id', '!=', videoId).where('source_key', '=', key).limit(1).executeTakeFirst();
  return other !== undefined;
}

async function isNamedByAnother(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string, folder: string): Promise<boolean> {
  const other = await deps.db
    .selectFrom('videos')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '!=', videoId)
    .where((eb) => eb.or([eb(sql<boolean>`starts_with(source_key, ${folder})`, '=', true), eb(sql<boolean>`starts_with(replacement_source_key, ${folder})`, '=', true)]))
    .limit(1)
    .executeTakeFirst();
  return other !== undefined;
}

/** The video whose folder holds `key` (`sources/{tenant}/{video}/…`). */
function ownerOf(tenantId: string, key: string): string | undefined {
  const prefix = `sources/${tenantId}/`;
  if (!key.startsWith(prefix)) return undefined;
  return key.slice(prefix.length).split('/')[0] || undefined;
}
