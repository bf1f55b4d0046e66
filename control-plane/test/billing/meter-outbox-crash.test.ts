// The outbox's promise under a crash: the flusher is SIGKILLed after Stripe accepted its meter events and before it
// recorded that; the next run sends them again under the same identifiers, and Stripe keeps exactly one of each.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StripeBillingGateway } from '../../src/adapters/stripe/stripe-billing-gateway.js';
import { flushMeterOutbox } from '../../src/domain/billing/meter-outbox.js';
import { recordUsage } from '../../src/domain/usage/record-usage.js';
import { insertTenant, TestClock } from '../support/billing-fixtures.js';
import { FakeStripe } from '../support/fake-stripe.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const CHILD = fileURLToPath(new URL('./support/flush-outbox-child.ts', import.meta.url));

let stripe: FakeStripe;
let database: TestDatabase;
beforeAll(async () => {
  [stripe, database] = await Promise.all([FakeStripe.start(), createTestDatabase()]);
});
afterAll(async () => {
  await stripe?.close();
  await database?.drop();
});

it('sends each usage identifier to Stripe so that exactly one meter event counts, through a kill between send and commit', async () => {
  const tenants = await Promise.all([insertTenant(database.db, { plan: 'pro' }), insertTenant(database.db, { plan: 'enterprise' })]);
  const at = new Date(Date.now() - 2 * 3_600_000);
  const expected = new Map<string, number>();
  for (const [index, { tenantId }] of tenants.entries()) {
    const usage = [
      { key: `crash:t:${tenantId}`, tenantId, meter: 'transcode' as const, quantity: 1200 + index, occurredAt: at },
      { key: `crash:e:${tenantId}`, tenantId, meter: 'egress' as const, quantity: 7_000_000_000 + index, occurredAt: at },
      { key: `crash:s:${tenantId}`, tenantId, meter: 'storage_rendition' as const, quantity: 40 + index, occurredAt: at },
    ];
    await recordUsage(database.db, usage);
    for (const event of usage) expected.set(`${tenantId}|${event.meter === 'storage_rendition' ? 'storage' : event.meter}`, event.quantity);
  }
  const rows = await database.db.selectFrom('meter_outbox').select(['identifier', 'tenant_id', 'meter', 'quantity']).execute();
  expect(rows).toHaveLength(6);

  // First run: a real process that stops dead once Stripe has the events.
  const child = fork(CHILD, [database.url, stripe.url], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const sent = await new Promise<string[]>((resolve, reject) => {
    child.on('message', (message: { sent?: string[]; finished?: boolean }) => (message.sent ? resolve(message.sent) : reject(new Error('the child finished without pausing'))));
    child.on('exit', (code) => reject(new Error(`the child exited (${code}) before sending`)));
  });
  const killed = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await killed).toBe('SIGKILL');

  // Stripe has the batch; our records do not say so.
  expect(sent.length).toBeGreaterThan(0);
  expect(stripe.meterEvents.map((event) => event.identifier).sort()).toEqual([...sent].sort());
  const afterCrash = await database.db.selectFrom('meter_outbox').select(['identifier', 'status']).execute();
  expect(afterCrash.filter((row) => sent.includes(row.identifier)).every((row) => row.status === 'pending')).toBe(true);

  // The next run, once the dead run's lease has passed, sends everything still pending.
  const clock = new TestClock(new Date(Date.now() + 61_000));
  const billing = new StripeBillingGateway({ secretKey: 'sk_test_crash', webhookSecret: undefined, apiUrl: stripe.url, maxNetworkRetries: 0 });
  expect(await flushMeterOutbox({ db: database.db, billing, clock })).toMatchObject({ sent: 6, failed: 0, retrying: 0 });
  expect(await database.db.selectFrom('meter_outbox').select('status').where('status', '<>', 'sent').execute()).toEqual([]);

  // Each identifier reached Stripe once or twice, and Stripe kept exactly one event for each.
  for (const row of rows) {
    const attempts = stripe.meterEventAttempts.filter((identifier) => identifier === row.identifier).length;
    expect(attempts).toBe(sent.includes(row.identifier) ? 2 : 1);
    expect(stripe.meterEvents.filter((event) => event.identifier === row.identifier)).toHaveLength(1);
  }
  expect(stripe.meterEvents).toHaveLength(6);
  const customers = await database.db.selectFrom('billing_accounts').select(['tenant_id', 'customer_id']).execute();
  expect(customers).toHaveLength(2);
  const billed = new Map<string, number>();
  const meterOf: Record<string, string> = { ott_transcode_normalised_seconds: 'transcode', ott_egress_bytes: 'egress', ott_storage_mb_hours: 'storage' };
  for (const event of stripe.meterEvents) {
    const tenantId = customers.find((customer) => customer.customer_id === event.customer)?.tenant_id;
    billed.set(`${tenantId}|${meterOf[event.eventName]}`, (billed.get(`${tenantId}|${meterOf[event.eventName]}`) ?? 0) + event.value);
  }
  expect(billed).toEqual(expected);
});
