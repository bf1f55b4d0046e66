// The video a dashboard question names, if it is the tenant's: another tenant's video is as unknown as none.
import type { DomainDeps } from '../deps.js';
import { notFound } from '../errors.js';

export async function tenantVideo(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string): Promise<{ id: string; title: string; durationSeconds: number | null }> {
  const video = await deps.db.selectFrom('videos').select(['id', 'title', 'duration_seconds']).where('tenant_id', '=', tenantId).where('id', '=', videoId).executeTakeFirst();
  if (!video) throw notFound('The video');
  return { id: video.id, title: video.title, durationSeconds: video.duration_seconds };
}
