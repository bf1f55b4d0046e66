// How much of its plan's storage a tenant has left for a new upload. Uploads in progress count at the size they
// declared: their bytes are on the way, and counting only finished uploads let five 1.9 GB uploads start at once
// under a 5 GB plan. An upload stops holding its share when it completes (then it is stored) or reaches its deadline:
// past it no part URL is valid and the upload cannot complete (uploads.ts), so it holds nothing while it waits for the
// worker's sweep.
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { storedBytesByTenant } from '../usage/storage-sampling.js';

export interface StorageAllowance {
  limitBytes: number;
  /** Originals and renditions stored now. */
  storedBytes: number;
  inProgress: { uploads: number; bytes: number };
  leftBytes: number;
}

export async function storageAllowance(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, limitBytes: number): Promise<StorageAllowance> {
  const [stored] = await storedBytesByTenant(deps, tenantId);
  const now = deps.clock.now();
  // A dub's file uploading (audio_tracks, 0036) reserves its share like a video's.
  const { rows } = await sql<{ uploads: string; bytes: string | null }>`
    select count(*) as uploads, sum(source_size) as bytes from (
      select source_size from videos where tenant_id = ${tenantId} and status = 'uploading' and upload_expires_at > ${now}
      union all
      select source_size from audio_tracks where tenant_id = ${tenantId} and origin = 'dub' and status = 'processing' and upload_id is not null and upload_expires_at > ${now}
    ) as uploading`.execute(deps.db);
  const storedBytes = (stored?.sourceBytes ?? 0) + (stored?.renditionBytes ?? 0);
  const reserved = { uploads: Number(rows[0]?.uploads ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
  return { limitBytes, storedBytes, inProgress: reserved, leftBytes: Math.max(0, limitBytes - storedBytes - reserved.bytes) };
}
