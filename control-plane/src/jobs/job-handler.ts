// What every job type's handler (jobs/handlers/<type>.ts) is given, and its one signature; job-handlers.ts lists them.
import type { DomainDeps } from '../domain/deps.js';
import type { JobPayload, JobType, Logger } from '../ports.js';
import type { DeliveryLogSources } from './handlers/ingest-egress.js';

export type JobOf<T extends JobType> = Extract<JobPayload, { type: T }>;

export interface JobAttempt {
  /** 0 on the first attempt. */
  retryCount: number;
  /** No retry follows this one: a handler that fails now records why, for good, before it rethrows. */
  isLast: boolean;
  /** Aborted when the worker stops: long work (a transcode) ends early and is retried elsewhere. */
  signal: AbortSignal;
}

export interface JobContext {
  deps: DomainDeps;
  /** Where this shape's delivery logs are read from (Composition.deliveryLogs). */
  deliveryLogs: DeliveryLogSources;
  /** Lines carry the job's type and id. */
  log: Logger;
}

export type JobHandler<T extends JobType> = (job: JobOf<T>, attempt: JobAttempt, context: JobContext) => Promise<void>;
