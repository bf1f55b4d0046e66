// A worker killed mid-transcode leaves its pg-boss job `active` until it expires (hours, for long films).
// Transcodes heartbeat into videos.heartbeat_at; this sweep fails jobs whose heartbeat stopped so pg-boss
// retries them at once on a live worker. Every worker sweeps, a few times per stale period.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DomainDeps } from '../../domain/deps.js';
import { markFailed } from '../../domain/videos/video-processing.js';
import type { Clock, Logger } from '../../ports.js';
import type { PgBossQueue } from '../../adapters/postgres/pg-boss-queue.js';

export async function reclaimStaleTranscodes(db: Db, queue: PgBossQueue, clock: Clock, staleSeconds: number): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - staleSeconds * 1000);
  const stale = await sql<{ id: string; tenant_id: string; video_id: string; retry_count: number; retry_limit: number }>`
    select job.id, job.data->>'tenantId' as tenant_id, job.data->>'videoId' as video_id, job.retry_count, job.retry_limit
    from pgboss.job as job
    join videos on videos.id = (job.data->>'videoId')::uuid
    where job.name = 'transcode-video' and job.state = 'active'
      and videos.status = 'processing' and videos.heartbeat_at < ${cutoff}`.execute(db);
  for (const job of stale.rows) {
    if (job.retry_count >= job.retry_limit) {
      await markFailed({ db, clock }, job.tenant_id, job.video_id, 'Transcoding stopped several times before finishing. Your original is kept; contact support or upload it again.');
    }
    await queue.boss.fail('transcode-video', job.id, { message: 'worker stopped heartbeating' });
  }
  return stale.rows.length;
}

export async function sweepStaleTranscodes(deps: Pick<DomainDeps, 'db' | 'clock'>, queue: PgBossQueue, staleSeconds: number, log: Logger): Promise<void> {
  const count = await reclaimStaleTranscodes(deps.db, queue, deps.clock, staleSeconds).catch((error: unknown) => {
    log.warn({ err: error }, 'stale transcode sweep failed; trying again next sweep');
    return 0;
  });
  if (count > 0) log.info(`re-queued ${count} transcode(s) from a stopped worker`);
}
