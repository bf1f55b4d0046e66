// The job worker: every job type from the dispatch table (job-handlers.ts) — provisioning several at a time,
// transcoding one at a time (ffmpeg uses every core), metering on a timer when asked — plus the sweeps every worker
// runs (transcodes of dead workers, unfinished uploads past their deadline), webhook deliveries and the shape's
// background loops.
import type { DomainDeps } from '../domain/deps.js';
import type { Logger } from '../ports.js';
import type { JobContext } from './job-handler.js';
import { startMeteringJobs, type MeteringOptions } from './metering-jobs.js';
import type { PgBossQueue } from '../adapters/postgres/pg-boss-queue.js';
import { sweepReplacedSigningKeys } from './sweeps/replaced-signing-keys.js';
import { sweepRetiredFolders } from './sweeps/retired-folders.js';
import { sweepAnalytics } from './sweeps/analytics.js';
import { DEFAULT_RAW_RETENTION_DAYS } from '../domain/analytics/purge-analytics.js';
import { CUSTOM_DOMAIN_CHECK_SECONDS, sweepCustomDomains } from './sweeps/custom-domains.js';
import { sweepStaleTranscodes } from './sweeps/stale-transcodes.js';
import { sweepUnfinishedUploads } from './sweeps/unfinished-uploads.js';
import { pruneWebhookHistory } from '../domain/webhooks/webhook-history.js';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './webhook-dispatcher.js';
import { workOn } from './work-on.js';

/** Imports one worker runs at once. */
const IMPORT_CONCURRENCY = 4;

/** Work a shape runs beside the jobs while a worker lives (Composition.backgroundLoops), e.g. MediaConvert's job events. */
export interface BackgroundLoop {
  start(): void;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  provisioningConcurrency: number;
  staleSeconds: number;
  log: Logger;
  /** Metering and billing jobs on a timer; left out, this worker runs none of them (tests call them directly). */
  metering?: Omit<MeteringOptions, 'log'>;
  /** How often to look for expired uploads; a minute when not given (deadlines are in hours). */
  uploadExpiryIntervalSeconds?: number;
  /** Webhook deliveries: concurrency, per-endpoint bound and poll interval (webhook-dispatcher.ts defaults). */
  webhooks?: WebhookDispatcherOptions;
  /** Days raw analytics events are kept (OTT_ANALYTICS_RAW_RETENTION_DAYS); 30 when not given. */
  analyticsRawRetentionDays?: number;
  /** Started before the worker takes jobs, stopped when it stops. */
  backgroundLoops?: readonly BackgroundLoop[];
}

export async function runWorker(deps: DomainDeps, queue: PgBossQueue, options: WorkerOptions): Promise<{ stop(): Promise<void> }> {
  const stopping = new AbortController();
  const context: JobContext = { deps, deliveryLogs: options.metering ?? {}, log: options.log };
  // Before taking jobs: a transcode waits on events that any worker's loop may receive.
  for (const loop of options.backgroundLoops ?? []) loop.start();
  for (let i = 0; i < options.provisioningConcurrency; i += 1) await workOn(queue, 'provision-tenant', context, stopping.signal);
  await workOn(queue, 'offboard-tenant', context, stopping.signal);
  await workOn(queue, 'transcode-video', context, stopping.signal);
  await workOn(queue, 'replace-video-source', context, stopping.signal);
  await workOn(queue, 'make-downloads', context, stopping.signal);
  await workOn(queue, 'encode-dub', context, stopping.signal);
  // Imports wait on other servers, not on this machine's cores: several at once, so one slow source holds up no other.
  for (let i = 0; i < IMPORT_CONCURRENCY; i += 1) await workOn(queue, 'import-video', context, stopping.signal);
  // One at a time: speech to text keeps a core busy for about the film's length.
  await workOn(queue, 'caption-video', context, stopping.signal);
  await workOn(queue, 'apply-signing-keys', context, stopping.signal);
  await workOn(queue, 'apply-custom-domain', context, stopping.signal);
  await workOn(queue, 'check-custom-domain', context, stopping.signal);
  await workOn(queue, 'send-admin-password-reset', context, stopping.signal);
  const sweeps = [
    setInterval(() => void sweepStaleTranscodes(deps, queue, options.staleSeconds, options.log), Math.max(1000, (options.staleSeconds * 1000) / 4)),
    setInterval(() => void sweepUnfinishedUploads(deps, options.log), (options.uploadExpiryIntervalSeconds ?? 60) * 1000),
    setInterval(() => void sweepReplacedSigningKeys(deps, options.log), 60_000),
    setInterval(() => void sweepRetiredFolders(deps, options.log), 60_000),
    setInterval(() => void sweepAnalytics(deps, options.analyticsRawRetentionDays ?? DEFAULT_RAW_RETENTION_DAYS, options.log), 3600_000),
    setInterval(() => void sweepCustomDomains(deps, options.log), CUSTOM_DOMAIN_CHECK_SECONDS * 1000),
    setInterval(() => void pruneWebhookHistory(deps).catch((error: unknown) => options.log.warn({ err: error }, 'webhook history pruning failed; trying again next hour')), 3600_000),
  ];
  const webhooks = new WebhookDispatcher(deps, options.log.child({ loop: 'webhooks' }), options.webhooks);
  webhooks.start();
  const metering = options.metering ? await startMeteringJobs(deps, queue, { ...options.metering, log: options.log }) : undefined;
  return {
    async stop() {
      metering?.stop();
      for (const sweep of sweeps) clearInterval(sweep);
      stopping.abort();
      await webhooks.stop();
      for (const loop of options.backgroundLoops ?? []) await loop.stop();
      await queue.stop();
    },
  };
}
