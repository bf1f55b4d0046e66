// Runs the meter outbox flusher in its own process for the crash test: after Stripe has accepted the first batch
// it tells the parent which identifiers went out and then hangs, before recording anything, until it is killed.
import { StripeBillingGateway } from '../../../src/adapters/stripe/stripe-billing-gateway.js';
import { createDatabase } from '../../../src/db/database.js';
import { flushMeterOutbox } from '../../../src/domain/billing/meter-outbox.js';

const [databaseUrl, stripeUrl] = process.argv.slice(2);
if (!databaseUrl || !stripeUrl || !process.send) throw new Error('usage: flush-outbox-child <database url> <stripe url>, with an IPC channel');
const send = process.send.bind(process);

const db = createDatabase(databaseUrl, { max: 2 });
const billing = new StripeBillingGateway({ secretKey: 'sk_test_crash', webhookSecret: undefined, apiUrl: stripeUrl, maxNetworkRetries: 0 });
await flushMeterOutbox(
  { db, billing, clock: { now: () => new Date() } },
  {
    afterSend: async (identifiers) => {
      send({ sent: identifiers });
      await new Promise(() => {});
    },
  },
);
send({ finished: true });
