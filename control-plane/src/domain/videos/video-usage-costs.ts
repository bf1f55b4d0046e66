// What a tenant sees of its usage video by video (from the events), with what each video costs at the plan's usage
// prices. Every query is scoped by the caller's tenant id. It lives with the videos, which already build on usage
// (meters) and billing (prices): in usage/ it made usage and billing import each other.
import { sql } from 'kysely';
import { amountCents } from '../billing/money.js';
import { MB_HOURS_PER_GB_MONTH, planOf } from '../billing/plans.js';
import type { DomainDeps } from '../deps.js';
import { decodeCursorOf, pageOf, type Page } from '../pagination.js';
import { METERS, toDisplay } from '../usage/meters.js';
import { videoOfTenant } from './video-access.js';

export interface VideoUsage {
  videoId: string;
  /** Null once the video was deleted: its usage stays on the bill. */
  title: string | null;
  transcodeMinutes: number;
  egressGB: number;
  plays: number;
  storedGB: number;
  /** At the plan's usage prices, before included allowances: transcoding and egress in the range, plus a month of storage. */
  costCents: { transcode: number; egress: number; storagePerMonth: number; total: number };
}

/** Every video with usage in the range (deleted ones included), costliest first. */
export async function usageByVideo(deps: Pick<DomainDeps, 'db'>, tenantId: string, range: { from: Date; to: Date }, onlyVideoId?: string): Promise<VideoUsage[]> {
  const usage = await videoUsageRows(deps, tenantId, range, onlyVideoId ? { onlyVideoId } : {});
  return usage.sort((a, b) => b.costCents.total - a.costCents.total || b.egressGB - a.egressGB || b.transcodeMinutes - a.transcodeMinutes || a.videoId.localeCompare(b.videoId));
}

/**
 * The same report a page at a time, by video id (keyset: `cursor` is the previous page's `nextCursor`), for lists that
 * must not grow with the library (the REST API). Costliest-first cannot page by keyset, since the cost is computed.
 */
export async function usageByVideoPage(deps: Pick<DomainDeps, 'db'>, tenantId: string, range: { from: Date; to: Date }, page: { limit: number; cursor?: string }): Promise<Page<VideoUsage>> {
  const after = page.cursor === undefined ? undefined : decodeCursorOf(page.cursor, 'text').id;
  const rows = await videoUsageRows(deps, tenantId, range, { ...(after ? { after } : {}), limit: page.limit + 1 });
  return pageOf(
    rows,
    page.limit,
    (usage) => ({ value: '', id: usage.videoId }),
    (usage) => usage,
  );
}

async function videoUsageRows(deps: Pick<DomainDeps, 'db'>, tenantId: string, range: { from: Date; to: Date }, only: { onlyVideoId?: string; after?: string; limit?: number }): Promise<VideoUsage[]> {
  const tenant = await deps.db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const prices = planOf(tenant.plan).billing.overage;
  const usage = await sql<{ video_id: string; title: string | null; transcode: string; egress: string; plays: string; stored: string | null }>`
    with used as (
      select video_id,
        sum(quantity) filter (where meter = 'transcode') as transcode,
        sum(quantity) filter (where meter = 'egress') as egress,
        sum(quantity) filter (where meter = 'plays') as plays
      from usage_events
      where tenant_id = ${tenantId} and video_id is not null and occurred_at >= ${range.from} and occurred_at < ${range.to}
        ${only.onlyVideoId ? sql`and video_id = ${only.onlyVideoId}` : sql``} ${only.after ? sql`and video_id > ${only.after}` : sql``}
      group by video_id)
    select coalesce(used.video_id, videos.id) as video_id, videos.title,
      coalesce(used.transcode, 0)::text as transcode, coalesce(used.egress, 0)::text as egress, coalesce(used.plays, 0)::text as plays,
      (coalesce(videos.source_size, 0) + coalesce((select sum(bytes) from renditions where renditions.video_id = videos.id), 0))::text as stored
    from used
    full join (select id, title, source_size from videos where tenant_id = ${tenantId} and upload_id is null
      ${only.onlyVideoId ? sql`and id = ${only.onlyVideoId}` : sql``} ${only.after ? sql`and id > ${only.after}` : sql``}) as videos
      on videos.id = used.video_id
    ${only.limit ? sql`order by 1 limit ${only.limit}` : sql``}`.execute(deps.db);
  return usage.rows.map((row) => {
    const storedBytes = Number(row.stored ?? 0);
    const transcode = prices.transcode ? amountCents(BigInt(row.transcode), prices.transcode) : 0;
    const egress = prices.egress ? amountCents(BigInt(row.egress), prices.egress) : 0;
    const storagePerMonth = prices.storage ? amountCents(BigInt(Math.ceil(storedBytes / 1e6)) * BigInt(MB_HOURS_PER_GB_MONTH / 1000), prices.storage) : 0;
    return {
      videoId: row.video_id,
      title: row.title,
      transcodeMinutes: toDisplay(Number(row.transcode), METERS.transcode.perDisplayUnit),
      egressGB: toDisplay(Number(row.egress), METERS.egress.perDisplayUnit),
      plays: Number(row.plays),
      storedGB: toDisplay(storedBytes, 1e9),
      costCents: { transcode, egress, storagePerMonth, total: transcode + egress + storagePerMonth },
    };
  });
}

/** One video's usage; another tenant's video is "not found". */
export async function usageOfVideo(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string, range: { from: Date; to: Date }): Promise<VideoUsage> {
  const video = await videoOfTenant(deps, tenantId, videoId);
  const [usage] = await usageByVideo(deps, tenantId, range, videoId);
  return (
    usage ?? {
      videoId,
      title: video.title,
      transcodeMinutes: 0,
      egressGB: 0,
      plays: 0,
      storedGB: 0,
      costCents: { transcode: 0, egress: 0, storagePerMonth: 0, total: 0 },
    }
  );
}
