// Takes jobs of one type off the queue, one at a time per call, and runs that type's handler from the dispatch table.
import type PgBoss from 'pg-boss';
import type { JobType } from '../ports.js';
import { JOB_HANDLERS } from './job-handlers.js';
import type { JobContext, JobHandler, JobOf } from './job-handler.js';
import type { PgBossQueue } from '../adapters/postgres/pg-boss-queue.js';

export function workOn<T extends JobType>(queue: PgBossQueue, type: T, context: JobContext, signal: AbortSignal): Promise<string> {
  const handler: JobHandler<T> = JOB_HANDLERS[type];
  return queue.boss.work<JobOf<T>>(type, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]: PgBoss.JobWithMetadata<JobOf<T>>[]) => {
    if (job) await handler(job.data, { retryCount: job.retryCount, isLast: job.retryCount >= job.retryLimit, signal }, context);
  });
}
