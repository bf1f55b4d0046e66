// The one place tenant-scoped video rows are read: every lookup carries the caller's tenant id,
// so another tenant's video is simply "not found".
import type { Video } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { notFound } from '../errors.js';

export async function videoOfTenant(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string): Promise<Video> {
  const video = await deps.db.selectFrom('videos').selectAll().where('tenant_id', '=', tenantId).where('id', '=', videoId).executeTakeFirst();
  if (!video) throw notFound('The video');
  return video;
}
