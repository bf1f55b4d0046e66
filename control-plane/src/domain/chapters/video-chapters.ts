// A video's chapters: read, replaced as a whole, and published as `chapters.vtt` under the video's prefix while the
// video is ready (the transcode and replacement jobs publish them again when a package becomes ready).
import type { Chapter } from '@ott/contracts';
import { renderChaptersVtt } from '../../media/chapters-vtt.js';
import type { DomainDeps } from '../deps.js';
import { videoOfTenant } from '../videos/video-access.js';
import { checkedChapters } from './chapter-rules.js';

type Deps = Pick<DomainDeps, 'db' | 'store' | 'clock'>;

/** From the video's prefix: the same for every package revision, since chapters outlive a replaced source. */
export const CHAPTERS_VTT = 'chapters.vtt';

export async function getChapters(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string): Promise<Chapter[]> {
  return (await videoOfTenant(deps, tenantId, videoId)).chapters;
}

/** Replaces every chapter of the video (an empty list clears them); answers them as kept. */
export async function setChapters(deps: Deps, tenantId: string, videoId: string, chapters: readonly Chapter[]): Promise<Chapter[]> {
  const video = await videoOfTenant(deps, tenantId, videoId);
  const checked = checkedChapters(chapters, video.duration_seconds);
  await deps.db
    .updateTable('videos')
    .set({ chapters: JSON.stringify(checked), updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .execute();
  await publishChapters(deps, tenantId, videoId);
  return checked;
}

/** Writes the video's chapters.vtt, or removes it when it has no chapters; a video that is not ready waits for its package. */
export async function publishChapters(deps: Pick<DomainDeps, 'db' | 'store'>, tenantId: string, videoId: string): Promise<void> {
  const video = await deps.db.selectFrom('videos').select(['status', 'duration_seconds', 'chapters']).where('tenant_id', '=', tenantId).where('id', '=', videoId).executeTakeFirst();
  if (!video) return;
  const key = `t/${tenantId}/v/${videoId}/${CHAPTERS_VTT}`;
  if (video.chapters.length === 0) return deps.store.deleteObject(key);
  if (video.status !== 'ready' || video.duration_seconds === null) return;
  await deps.store.putBytes(key, renderChaptersVtt(video.chapters, video.duration_seconds));
}
