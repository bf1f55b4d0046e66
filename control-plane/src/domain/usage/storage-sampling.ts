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

export async function sampleStorage(deps: Pick<DomainDeps, 'db' | 'clock'>): Promise<{ tenants: number; eventsRecorded: number }> {
  const hour = startOfHour(deps.clock.now());
  const samples = await storedBytesByTenant(deps);
  const events = samples.flatMap((sample): NewUsageEvent[] => [
    storageEvent(sample.tenantId, 'storage_source', sample.sourceBytes, hour),
    storageEvent(sample.tenantId, 'storage_rendition', sample.renditionBytes, hour),
  ]);
  const inserted = await recordUsage(deps.db, events);
  return { tenants: samples.length, eventsRecorded: inserted.length };
}

/** What each tenant stores now: assembled originals (upload_id null: not in progress, not expired) and their renditions. */
export async function storedBytesByTenant(deps: Pick<DomainDeps, 'db'>, tenantId?: string): Promise<StorageSample[]> {
  const rows = await sql<{ id: string; source_bytes: string | null; rendition_bytes: string | null }>`
    select tenants.id,
      (select sum(videos.source_size) from videos where videos.tenant_id = tenants.id and videos.upload_id is null) as source_bytes,
      (select sum(renditions.bytes) from renditions where renditions.tenant_id = tenants.id) as rendition_bytes
    from tenants
    where tenants.status = 'active' ${tenantId ? sql`and tenants.id = ${tenantId}` : sql``}`.execute(deps.db);
  return rows.rows.map((row) => ({ tenantId: row.id, sourceBytes: Number(row.source_bytes ?? 0), renditionBytes: Number(row.rendition_bytes ?? 0) }));
}

function storageEvent(tenantId: string, meter: 'storage_source' | 'storage_rendition', bytes: number, hour: Date): NewUsageEvent {
  // One hour at the sampled size, in MB-hours; a started megabyte counts.
  return { key: `${meter}:${tenantId}:${hour.toISOString()}`, tenantId, meter, quantity: Math.ceil(bytes / BYTES_PER_MB), occurredAt: hour, details: { bytes } };
}
