// Storage in GB-hours, sampled once per hour per tenant and class: originals (sources) and outputs (renditions)
// separately, since they live in different storage classes in the aws shape. The event key names the hour, so
// sampling again within the same hour (every worker tick, several workers) records nothing new. An hour in which
// no worker ran is not billed: in the tenant's favour, and visible as a gap in the hourly rollup.
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { recordUsage, type NewUsageEvent } from './record-usage.js';
import { startOfHour } from './time-buckets.js';

const BYTES_PER_MB = 1_000_000;

export interface StorageSample {
  tenantId: string;
  sourceBytes: number;
  renditionBytes: number;
}

export async function sampleStorage(deps: Pick<DomainDeps, 'db' | 'clock' | 'store'>): Promise<{ tenants: number; eventsRecorded: number; unmeasured: number }> {
  const hour = startOfHour(deps.clock.now());
  const recorded = await storedBytesByTenant(deps);
  const measured = deps.store.billedBytes ? await measureStores(deps.store.billedBytes.bind(deps.store), recorded) : { samples: recorded, unmeasured: 0 };
  const events = measured.samples.flatMap((sample): NewUsageEvent[] => [
    storageEvent(sample.tenantId, 'storage_source', sample.sourceBytes, hour),
    storageEvent(sample.tenantId, 'storage_rendition', sample.renditionBytes, hour),
  ]);
  const inserted = await recordUsage(deps.db, events);
  return { tenants: measured.samples.length, eventsRecorded: inserted.length, unmeasured: measured.unmeasured };
}

/**
 * What the store bills, replacing what the database records: replaced renditions and deleted videos stay billed as
 * noncurrent versions until they expire. A tenant whose bucket cannot be listed (a missing permission, a bucket being
 * re-applied) is sampled from the database's recorded bytes instead: low by its noncurrent versions, but never an hour
 * of storage left unbilled, which a listing that keeps failing would otherwise make of every hour.
 */
async function measureStores(billedBytes: (prefix: string) => Promise<number>, tenants: StorageSample[]): Promise<{ samples: StorageSample[]; unmeasured: number }> {
  let unmeasured = 0;
  const samples: StorageSample[] = [];
  for (const recorded of tenants) {
    const { tenantId } = recorded;
    try {
      samples.push({ tenantId, sourceBytes: await billedBytes(`sources/${tenantId}/`), renditionBytes: await billedBytes(`t/${tenantId}/`) });
    } catch {
      // Counted in the result: the job warns how many tenants were sampled from the database.
      unmeasured += 1;
      samples.push(recorded);
    }
  }
  return { samples, unmeasured };
}

/**
 * What each tenant stores now: assembled originals (upload_id null: not in progress, not expired), each once however
 * many clips share it, and dubs' uploaded files; and the outputs: renditions, the audio renditions (audio_tracks: the source's tracks and dubs,
 * kept apart from the video-only variants) and static MP4 downloads.
 */
export async function storedBytesByTenant(deps: Pick<DomainDeps, 'db'>, tenantId?: string): Promise<StorageSample[]> {
  const rows = await sql<{ id: string; source_bytes: string | null; rendition_bytes: string | null; download_bytes: string | null }>`
    select tenants.id,
      (select coalesce(sum(source_size), 0) from (select distinct on (videos.source_key) videos.source_size from videos where videos.tenant_id = tenants.id and videos.upload_id is null) as originals)
        + (select coalesce(sum(audio_tracks.source_size), 0) from audio_tracks where audio_tracks.tenant_id = tenants.id and audio_tracks.origin = 'dub' and audio_tracks.upload_id is null) as source_bytes,
      (select coalesce(sum(renditions.bytes), 0) from renditions where renditions.tenant_id = tenants.id)
        + (select coalesce(sum(audio_tracks.bytes), 0) from audio_tracks where audio_tracks.tenant_id = tenants.id) as rendition_bytes,
      (select sum((download->>'bytes')::bigint) from videos cross join lateral jsonb_array_elements(videos.downloads) as download where videos.tenant_id = tenants.id) as download_bytes
    from tenants
    where tenants.status = 'active' ${tenantId ? sql`and tenants.id = ${tenantId}` : sql``}`.execute(deps.db);
  return rows.rows.map((row) => ({ tenantId: row.id, sourceBytes: Number(row.source_bytes ?? 0), renditionBytes: Number(row.rendition_bytes ?? 0) + Number(row.download_bytes ?? 0) }));
}

function storageEvent(tenantId: string, meter: 'storage_source' | 'storage_rendition', bytes: number, hour: Date): NewUsageEvent {
  // One hour at the sampled size, in MB-hours; a started megabyte counts.
  return { key: `${meter}:${tenantId}:${hour.toISOString()}`, tenantId, meter, quantity: Math.ceil(bytes / BYTES_PER_MB), occurredAt: hour, details: { bytes } };
}
