// The job queue on PostgreSQL (pg-boss). One queue per job type; retries with backoff; singleton keys so a
// double-click or a retried API call never queues the same work twice.
import PgBoss from 'pg-boss';
import type { JobPayload, JobQueue } from '../ports.js';

export type JobType = JobPayload['type'];

interface QueueSettings {
  retryLimit: number;
  retryDelay: number;
  /** Longest a job may run before pg-boss itself gives up on it (dead workers are reclaimed sooner, see stale-job-reclaimer). */
  expireInSeconds: number;
}

export const QUEUE_SETTINGS: Record<JobType, QueueSettings> = {
  'provision-tenant': { retryLimit: 3, retryDelay: 1, expireInSeconds: 15 * 60 },
  'transcode-video': { retryLimit: 3, retryDelay: 2, expireInSeconds: 12 * 3600 },
};

function singletonKey(job: JobPayload): string {
  return job.type === 'provision-tenant' ? job.tenantId : job.videoId;
}

export class PgBossQueue implements JobQueue {
  private constructor(readonly boss: PgBoss) {}

  static async start(connectionString: string): Promise<PgBossQueue> {
    const boss = new PgBoss({ connectionString, max: 4, supervise: true, schedule: false });
    boss.on('error', () => {});
    await boss.start();
    for (const [name, settings] of Object.entries(QUEUE_SETTINGS)) {
      // `stately`: at most one queued and one active job per singleton key.
      await boss.createQueue(name, { name, policy: 'stately', retryBackoff: true, ...settings });
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
