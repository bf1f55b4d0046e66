// The job worker: provisioning (several at a time) and transcoding (one at a time: ffmpeg uses every core), plus
// sweeps on timers: transcodes of dead workers, and unfinished uploads past their deadline.
import type PgBoss from 'pg-boss';
import type { DomainDeps } from '../domain/deps.js';
import { provisionTenant } from '../domain/tenants/provision-tenant.js';
import { expireUnfinishedUploads } from '../domain/videos/upload-expiry.js';
import type { JobPayload } from '../ports.js';
import { transcodeVideo } from './handlers/transcode-video.js';
import { startMeteringJobs, type MeteringOptions } from './metering-jobs.js';
import type { PgBossQueue } from '../adapters/postgres/pg-boss-queue.js';
import { reclaimStaleTranscodes } from './stale-job-reclaimer.js';

type JobOf<T extends JobPayload['type']> = Extract<JobPayload, { type: T }>;

export interface WorkerOptions {
  provisioningConcurrency: number;
  staleSeconds: number;
  log: (message: string) => void;
  /** Metering and billing jobs on a timer; left out, this worker runs none of them (tests call them directly). */
  metering?: Omit<MeteringOptions, 'log'>;
  /** How often to look for expired uploads; a minute when not given (deadlines are in hours). */
  uploadExpiryIntervalSeconds?: number;
  /** The aws shape's MediaConvert job events (SQS → mediaconvert_jobs), polled while this worker runs. */
  transcodeEvents?: { ensureStarted(): void; stop(): Promise<void> };
}

export async function runWorker(deps: DomainDeps, queue: PgBossQueue, options: WorkerOptions): Promise<{ stop(): Promise<void> }> {
  const { boss } = queue;
  const stopping = new AbortController();
  // Before taking jobs: a transcode waits on events that any worker's pump may receive.
  options.transcodeEvents?.ensureStarted();
  for (let i = 0; i < options.provisioningConcurrency; i += 1) {
    await boss.work<JobOf<'provision-tenant'>>('provision-tenant', { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]: PgBoss.JobWithMetadata<JobOf<'provision-tenant'>>[]) => {
      if (job) await provisionTenant(deps, job.data.tenantId, { isLast: job.retryCount >= job.retryLimit });
    });
  }
  await boss.work<JobOf<'transcode-video'>>('transcode-video', { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]: PgBoss.JobWithMetadata<JobOf<'transcode-video'>>[]) => {
    if (!job) return;
    options.log(`transcode ${job.data.videoId} attempt ${job.retryCount + 1}`);
    await transcodeVideo(deps, job.data, { isLast: job.retryCount >= job.retryLimit, signal: stopping.signal });
    options.log(`transcode ${job.data.videoId} done`);
  });
  const sweep = setInterval(() => {
    reclaimStaleTranscodes(deps.db, queue, deps.clock, options.staleSeconds).then(
      (count) => count > 0 && options.log(`re-queued ${count} transcode(s) from a stopped worker`),
      () => {},
    );
  }, Math.max(1000, (options.staleSeconds * 1000) / 4));
  // Every worker sweeps: each expired upload is claimed under a row lock, so sweeps running at once do not collide.
  const uploadExpiry = setInterval(() => {
    expireUnfinishedUploads(deps).then(({ expired, failed }) => {
      if (expired > 0) options.log(`expired ${expired} unfinished upload(s): parts deleted, storage released`);
      for (const { videoId, reason } of failed) options.log(`upload ${videoId} could not be expired yet (${reason}); trying again next sweep`);
    }, (error: unknown) => options.log(`upload expiry sweep failed (${error instanceof Error ? error.message : String(error)}); trying again next sweep`));
  }, (options.uploadExpiryIntervalSeconds ?? 60) * 1000);
  const metering = options.metering ? await startMeteringJobs(deps, queue, { ...options.metering, log: options.log }) : undefined;
  return {
    async stop() {
      metering?.stop();
      clearInterval(sweep);
      clearInterval(uploadExpiry);
      stopping.abort();
      await options.transcodeEvents?.stop();
      await queue.stop();
    },
  };
}
