// flush-meter-outbox: usage waiting in the outbox goes to the billing gateway, each event under its own identifier.
import { flushMeterOutbox as flush } from '../../domain/billing/meter-outbox.js';
import type { JobHandler } from '../job-handler.js';

export const flushMeterOutbox: JobHandler<'flush-meter-outbox'> = async (_job, _attempt, { deps, log }) => {
  const result = await flush(deps);
  if (result.sent + result.failed + result.retrying > 0) log.info(`billing: ${result.sent} meter event(s) sent, ${result.failed} refused, ${result.retrying} to retry`);
};
