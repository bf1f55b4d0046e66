// The metering and billing jobs: egress ingestion, storage sampling, the Stripe outbox and period closing. Each is
// idempotent and resumes where the last run stopped, so they simply run again on a timer; the queue's singleton
// keys keep one queued and one running per job type however many workers tick.
import type { DomainDeps } from '../domain/deps.js';
import type { Logger } from '../ports.js';
import type { DeliveryLogSources } from './handlers/ingest-egress.js';
import type { PgBossQueue } from '../adapters/postgres/pg-boss-queue.js';
import { workOn } from './work-on.js';

export interface MeteringOptions extends DeliveryLogSources {
  intervalSeconds: number;
  log: Logger;
}

const PERIODIC = ['ingest-egress', 'sample-storage', 'flush-meter-outbox', 'close-billing-periods'] as const;

export async function startMeteringJobs(deps: DomainDeps, queue: PgBossQueue, options: MeteringOptions): Promise<{ stop(): void }> {
  const stopping = new AbortController();
  const context = { deps, deliveryLogs: options, log: options.log };
  for (const type of PERIODIC) await workOn(queue, type, context, stopping.signal);
  const tick = () => {
    for (const type of PERIODIC) queue.enqueue({ type }).catch(() => {});
  };
  tick();
  const timer = setInterval(tick, options.intervalSeconds * 1000);
  return {
    stop() {
      clearInterval(timer);
      stopping.abort();
    },
  };
}
