// Takes jobs of one type off the queue, one at a time per call, and runs that type's handler from the dispatch table.
import type PgBoss from 'pg-boss';
import type { JobType } from '../ports.js';
import { JOB_HANDLERS } from './job-handlers.js';
import type { JobContext, JobHandler, JobOf } from './job-handler.js';
import type { PgBossQueue } from '../adapters/postgres/pg-boss-queue.js';

/** pg-boss polls every second; a job queued from any process wakes the worker at once (job-wake-listener.ts). */
export async function workOn<T extends JobType>(queue: PgBossQueue, type: T, context: JobContext, signal: AbortSignal): Promise<string> {
  const handler: JobHandler<T> = JOB_HANDLERS[type];
  const workerId = await queue.boss.work<JobOf<T>>(type, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]: PgBoss.JobWithMetadata<JobOf<T>>[]) => {
    if (!job) return;
    const attempt = { retryCount: job.retryCount, isLast: job.retryCount >= job.retryLimit, signal };
    const log = context.log.child({ job: type, jobId: job.id });
    const started = Date.now();
    log.debug(`job started (attempt ${attempt.retryCount + 1})`);
    try {
      await handler(job.data, attempt, { ...context, log });
    } catch (error) {
      // pg-boss retries it (or gives up, when this was the last attempt): the line says which, the queue keeps no reason.
      log.warn({ err: error }, attempt.isLast ? 'job failed on its last attempt' : 'job failed; it will be retried');
      throw error;
    }
    log.debug({ ms: Date.now() - started }, 'job done');
  });
  await queue.wakeOnNotify(type, workerId);
  return workerId;
}
