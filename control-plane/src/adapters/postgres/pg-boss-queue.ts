// The job queue on PostgreSQL (pg-boss). One queue per job type; retries with backoff; singleton keys so a
// double-click or a retried API call never queues the same work twice.
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { JobPayload, JobQueue, JobType } from '../../ports.js';

interface QueueSettings {
  retryLimit: number;
  retryDelay: number;
  /** Longest a job may run before pg-boss itself gives up on it (dead workers are reclaimed sooner, see jobs/sweeps/stale-transcodes.ts). */
  expireInSeconds: number;
}

export const QUEUE_SETTINGS: Record<JobType, QueueSettings> = {
  'provision-tenant': { retryLimit: 3, retryDelay: 1, expireInSeconds: 15 * 60 },
  'transcode-video': { retryLimit: 3, retryDelay: 2, expireInSeconds: 12 * 3600 },
  // Metering: each run picks up where the last stopped, so a failed run is simply followed by the next one.
  'ingest-egress': { retryLimit: 2, retryDelay: 5, expireInSeconds: 15 * 60 },
  'sample-storage': { retryLimit: 2, retryDelay: 5, expireInSeconds: 15 * 60 },
  'flush-meter-outbox': { retryLimit: 2, retryDelay: 5, expireInSeconds: 15 * 60 },
  'close-billing-periods': { retryLimit: 3, retryDelay: 30, expireInSeconds: 30 * 60 },
  // An apply that adds or removes a CloudFront alias waits for the distribution to deploy (often 5–15 minutes).
  'apply-custom-domain': { retryLimit: 3, retryDelay: 60, expireInSeconds: 45 * 60 },
  'check-custom-domain': { retryLimit: 1, retryDelay: 10, expireInSeconds: 5 * 60 },
};

/** Any constant shared by every process of the platform. */
const QUEUE_SETUP_LOCK = 716_253_001;

function singletonKey(job: JobPayload): string {
  if (job.type === 'provision-tenant') return job.tenantId;
  if (job.type === 'transcode-video') return job.videoId;
  if (job.type === 'apply-custom-domain' || job.type === 'check-custom-domain') return job.tenantId;
  // Periodic jobs: one queued and one running at a time, however many workers ask.
  return job.type;
}

export class PgBossQueue implements JobQueue {
  private constructor(readonly boss: PgBoss) {}

  static async start(connectionString: string): Promise<PgBossQueue> {
    const boss = new PgBoss({ connectionString, max: 4, supervise: true, schedule: false });
    boss.on('error', () => {});
    await boss.start();
    // The api and the worker start together on a fresh database: creating the same queues at once deadlocks
    // inside pg-boss, so queue creation takes a PostgreSQL advisory lock.
    const lock = new pg.Client({ connectionString });
    await lock.connect();
    try {
      await lock.query('select pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
      for (const [name, settings] of Object.entries(QUEUE_SETTINGS)) {
        // `stately`: at most one queued and one active job per singleton key.
        await boss.createQueue(name, { name, policy: 'stately', retryBackoff: true, ...settings });
      }
    } finally {
      await lock.end();
    }
    return new PgBossQueue(boss);
  }

  async enqueue(job: JobPayload): Promise<void> {
    await this.boss.send(job.type, job, { singletonKey: singletonKey(job) });
  }

  stop(): Promise<void> {
    return this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
