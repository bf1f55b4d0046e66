// The job queue on PostgreSQL (pg-boss). One queue per job type; retries with backoff; singleton keys so a
// double-click or a retried API call never queues the same work twice; transcodes taken fairly between tenants.
import PgBoss from 'pg-boss';
import { PostgresConnection, type PostgresPool } from '../../db/postgres-connection.js';
import type { JobPayload, JobQueue, JobType } from '../../ports.js';
import { STACK_JOB_EXPIRY_SECONDS } from '../aws/provisioner-task/stack-run.js';
import { JOBS_CHANNEL, JobWakeListener } from './job-wake-listener.js';

interface QueueSettings {
  retryLimit: number;
  retryDelay: number;
  /** Longest a job may run before pg-boss itself gives up on it (dead workers are reclaimed sooner, see jobs/sweeps/stale-transcodes.ts). */
  expireInSeconds: number;
}

export const QUEUE_SETTINGS: Record<JobType, QueueSettings> = {
  // Every job that runs a tenant stack outlives the runner's deadline (STACK_JOB_EXPIRY_SECONDS). A first apply creates a
  // CloudFront distribution (5-15 minutes, sometimes more); retries start a new run, which waits for the first one's
  // state lock and converges. Destroying disables the distribution and waits for that to deploy before deleting it.
  'provision-tenant': { retryLimit: 3, retryDelay: 1, expireInSeconds: STACK_JOB_EXPIRY_SECONDS },
  'offboard-tenant': { retryLimit: 3, retryDelay: 5, expireInSeconds: STACK_JOB_EXPIRY_SECONDS },
  // A Terraform apply that changes a CloudFront key group can take 15 minutes, after the state lock of another run.
  'apply-signing-keys': { retryLimit: 3, retryDelay: 30, expireInSeconds: STACK_JOB_EXPIRY_SECONDS },
  'transcode-video': { retryLimit: 3, retryDelay: 2, expireInSeconds: 12 * 3600 },
  'replace-video-source': { retryLimit: 3, retryDelay: 2, expireInSeconds: 12 * 3600 },
  // A remux: minutes at most for a long film, whatever its length.
  'make-downloads': { retryLimit: 3, retryDelay: 5, expireInSeconds: 3600 },
  // One audio track: a few seconds for a film's length of sound.
  'encode-dub': { retryLimit: 3, retryDelay: 5, expireInSeconds: 3600 },
  // Retried only when the source server could not be reached or answered 5xx; the fetch has its own deadline (30 min).
  'import-video': { retryLimit: 2, retryDelay: 30, expireInSeconds: 3 * 3600 },
  // pocketsphinx hears a film in about its own length on one core.
  'caption-video': { retryLimit: 2, retryDelay: 30, expireInSeconds: 12 * 3600 },
  // Metering: each run picks up where the last stopped, so a failed run is simply followed by the next one.
  'ingest-egress': { retryLimit: 2, retryDelay: 5, expireInSeconds: 15 * 60 },
  'sample-storage': { retryLimit: 2, retryDelay: 5, expireInSeconds: 15 * 60 },
  'flush-meter-outbox': { retryLimit: 2, retryDelay: 5, expireInSeconds: 15 * 60 },
  'close-billing-periods': { retryLimit: 3, retryDelay: 30, expireInSeconds: 30 * 60 },
  // An apply that adds or removes a CloudFront alias waits for the distribution to deploy (often 5–15 minutes).
  'apply-custom-domain': { retryLimit: 3, retryDelay: 60, expireInSeconds: STACK_JOB_EXPIRY_SECONDS },
  'check-custom-domain': { retryLimit: 1, retryDelay: 10, expireInSeconds: 5 * 60 },
  // A mail server that is down for a moment; a reset link an hour late is worth less than none.
  'send-admin-password-reset': { retryLimit: 3, retryDelay: 10, expireInSeconds: 5 * 60 },
};

/**
 * What pg-boss's SQL gets once the queue has stopped. A handler still running at the graceful stop's deadline has had
 * its job failed by pg-boss (retried later); when it ends, pg-boss records its completion without awaiting it, and on
 * the ended pool that rejection went unhandled. The late write has nothing left to record: it affects no job (pg-boss
 * reads the count of a completion's single row).
 */
const NOTHING_AFTER_STOP = { rows: [{ count: 0 }], rowCount: 1 };

/** Any constant shared by every process of the platform. */
const QUEUE_SETUP_LOCK = 716_253_001;

function singletonKey(job: JobPayload): string {
  if (job.type === 'provision-tenant' || job.type === 'offboard-tenant' || job.type === 'apply-signing-keys') return job.tenantId;
  if (job.type === 'transcode-video' || job.type === 'replace-video-source' || job.type === 'import-video' || job.type === 'make-downloads') return job.videoId;
  if (job.type === 'encode-dub') return job.trackId;
  // Asking again while one runs queues one more run, which replaces the track again: never a pile of them.
  if (job.type === 'caption-video') return `${job.videoId}\n${job.language}`;
  if (job.type === 'apply-custom-domain' || job.type === 'check-custom-domain') return job.tenantId;
  // One reset waiting per address: repeated requests do not queue more mail.
  if (job.type === 'send-admin-password-reset') return `${job.tenantSlug}\n${job.email}`;
  // Periodic jobs: one queued and one running at a time, however many workers ask.
  return job.type;
}

export class PgBossQueue implements JobQueue {
  /** pg-boss worker ids by job type: the workers this process runs, woken by the wake listener. */
  readonly #workers = new Map<string, string[]>();
  readonly #wakeListener: JobWakeListener;

  private constructor(
    readonly boss: PgBoss,
    private readonly pool: PostgresPool,
    connection: PostgresConnection,
    private readonly poolState: { ended: boolean },
  ) {
    this.#wakeListener = new JobWakeListener(connection, (jobType) => {
      for (const workerId of this.#workers.get(jobType) ?? []) boss.notifyWorker(workerId);
    });
  }

  static async start(connection: string | PostgresConnection): Promise<PgBossQueue> {
    const source = typeof connection === 'string' ? PostgresConnection.fromUrl(connection) : connection;
    // pg-boss runs its SQL through our pool, so its log-ins, too, use TLS and re-read a rotated password.
    const pool = source.createPool({ max: 4, application_name: 'pgboss' });
    const poolState = { ended: false };
    const executeSql = (text: string, values?: unknown[]) => (poolState.ended ? Promise.resolve(NOTHING_AFTER_STOP) : pool.query(text, values));
    const boss = new PgBoss({ db: { executeSql }, supervise: true, schedule: false });
    boss.on('error', () => {});
    await boss.start();
    // The api and the worker start together on a fresh database: creating the same queues at once deadlocks
    // inside pg-boss, so queue creation takes a PostgreSQL advisory lock.
    const lock = await source.connectClient();
    try {
      await lock.query('select pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
      for (const [name, settings] of Object.entries(QUEUE_SETTINGS)) {
        // `stately`: at most one queued and one active job per singleton key.
        await boss.createQueue(name, { name, policy: 'stately', retryBackoff: true, ...settings });
      }
    } finally {
      await lock.end();
    }
    return new PgBossQueue(boss, pool, source, poolState);
  }

  async enqueue(job: JobPayload): Promise<void> {
    const priority = job.type === 'transcode-video' ? await this.transcodePriority(job.tenantId) : 0;
    await this.boss.send(job.type, job, { singletonKey: singletonKey(job), priority });
    // Wakes the workers of this type in every process now, instead of at their next poll (job-wake-listener.ts).
    await this.pool.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, job.type]);
  }

  /** A pg-boss worker of this process (the id `boss.work` returned) is woken as soon as a job of its type is queued. */
  async wakeOnNotify(jobType: JobType, workerId: string): Promise<void> {
    this.#workers.set(jobType, [...(this.#workers.get(jobType) ?? []), workerId]);
    await this.#wakeListener.listen();
  }

  /**
   * pg-boss hands out the highest priority first, then the oldest (its fetch orders by `priority desc, created_on`).
   * A transcode ranks minus the tenant's transcodes already waiting, so each tenant's n-th waiting film comes after
   * every tenant's (n-1)-th: one tenant's bulk upload of 40 films no longer queues a second tenant's one film behind
   * all 40, and a lone tenant's films still run in upload order.
   */
  private async transcodePriority(tenantId: string): Promise<number> {
    // pg-boss's job table (schema `pgboss`): `state < 'active'` is its own test for "waiting" (created or retry).
    const { rows } = await this.pool.query(`SELECT count(*)::int AS waiting FROM pgboss.job WHERE name = $1 AND state < 'active' AND data->>'tenantId' = $2`, ['transcode-video', tenantId]);
    return -((rows[0] as { waiting: number } | undefined)?.waiting ?? 0);
  }

  async stop(): Promise<void> {
    await this.#wakeListener.close();
    // pg-boss leaves a pool it was handed open: the pool ends once pg-boss has finished its work.
    await this.boss.stop({ graceful: true, timeout: 10_000 }).finally(() => {
      this.poolState.ended = true;
      return this.pool.end();
    });
  }
}
