// The metering and billing jobs: egress ingestion, storage sampling, the Stripe outbox and period closing. Each is
// idempotent and resumes where the last run stopped, so they simply run again on a timer; the queue's singleton
// keys keep one queued and one running per job type however many workers tick.
import type PgBoss from 'pg-boss';
import { closeDuePeriods } from '../domain/billing/billing-periods.js';
import { flushMeterOutbox } from '../domain/billing/meter-outbox.js';
import type { DomainDeps } from '../domain/deps.js';
import { sampleStorage } from '../domain/usage/storage-sampling.js';
import { ingestEgress, type DeliveryLogSources } from './handlers/ingest-egress.js';
import type { PgBossQueue } from '../adapters/postgres/pg-boss-queue.js';

export interface MeteringOptions extends DeliveryLogSources {
  intervalSeconds: number;
  log: (message: string) => void;
}

const PERIODIC = ['ingest-egress', 'sample-storage', 'flush-meter-outbox', 'close-billing-periods'] as const;

export async function startMeteringJobs(deps: DomainDeps, queue: PgBossQueue, options: MeteringOptions): Promise<{ stop(): void }> {
  const work = (name: (typeof PERIODIC)[number], run: () => Promise<string | undefined>) =>
    queue.boss.work(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]: PgBoss.Job[]) => {
      if (!job) return;
      const report = await run();
      if (report) options.log(report);
    });
  await work('ingest-egress', async () => {
    const summaries = await ingestEgress(deps, options);
    const events = summaries.reduce((sum, summary) => sum + summary.eventsRecorded, 0);
    const malformed = summaries.reduce((sum, summary) => sum + summary.malformed, 0);
    const refused = summaries.reduce((sum, summary) => sum + summary.refusedRecorded, 0);
    if (events + malformed + refused === 0) return undefined;
    return `egress: ${events} usage event(s) recorded${refused > 0 ? `, ${refused} refused request(s) kept apart (operator.refusedDeliveries)` : ''}${malformed > 0 ? `, ${malformed} malformed log line(s) skipped` : ''}`;
  });
  await work('sample-storage', async () => {
    const { eventsRecorded } = await sampleStorage(deps);
    return eventsRecorded > 0 ? `storage: ${eventsRecorded} hourly sample(s) recorded` : undefined;
  });
  await work('flush-meter-outbox', async () => {
    const result = await flushMeterOutbox(deps);
    return result.sent + result.failed + result.retrying > 0 ? `billing: ${result.sent} meter event(s) sent, ${result.failed} refused, ${result.retrying} to retry` : undefined;
  });
  await work('close-billing-periods', async () => {
    const { closed } = await closeDuePeriods(deps);
    return closed > 0 ? `billing: ${closed} period(s) closed and invoiced` : undefined;
  });
  const tick = () => {
    for (const type of PERIODIC) queue.enqueue({ type }).catch(() => {});
  };
  tick();
  const timer = setInterval(tick, options.intervalSeconds * 1000);
  return { stop: () => clearInterval(timer) };
}
