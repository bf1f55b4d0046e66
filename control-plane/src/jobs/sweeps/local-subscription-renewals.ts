// The local payments stand-in's clock: Stripe renews subscriptions by itself and sends webhooks; locally the worker
// asks the stand-in to renew what is due, then applies the events it made through the same domain code as Stripe's
// webhooks (store-webhooks.ts). Each event is applied before it is marked delivered, and applying one twice is a no-op
// (its id is recorded), so a worker stopped at any moment loses and doubles nothing.
import type { DomainDeps } from '../../domain/deps.js';
import { applyStoreEvent, type StoreEventOutcome } from '../../domain/sales/store-webhooks.js';
import type { LocalPaymentPages, Logger } from '../../ports.js';
import type { BackgroundLoop } from '../run-worker.js';

/** Subscriptions ending between two runs renew up to this late. */
const INTERVAL_MS = 60_000;

export async function renewLocalSubscriptions(deps: DomainDeps, pages: LocalPaymentPages, now: Date): Promise<StoreEventOutcome[]> {
  await pages.renewDue(now);
  const outcomes: StoreEventOutcome[] = [];
  for (const { id, event } of await pages.undeliveredEvents()) {
    outcomes.push(await applyStoreEvent(deps, event));
    await pages.delivered(id);
  }
  return outcomes;
}

/** Run by every worker of the local shape (Composition.backgroundLoops); renewals lock what they take. */
export function localSubscriptionRenewals(deps: DomainDeps, pages: LocalPaymentPages, log: Logger | undefined): BackgroundLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = renewLocalSubscriptions(deps, pages, deps.clock.now()).catch((error: unknown) => log?.warn({ err: error }, 'local subscription renewals failed; trying again next minute'));
  };
  return {
    start() {
      run();
      timer = setInterval(run, INTERVAL_MS);
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
