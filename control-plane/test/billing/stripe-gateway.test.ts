// The Stripe adapter driven through the real `stripe` SDK against a fake Stripe HTTP server: what it sends
// (customers, meters, prices, checkout, portal, meter events) and how it reads the answers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StripeBillingGateway } from '../../src/adapters/stripe/stripe-billing-gateway.js';
import { flushMeterOutbox } from '../../src/domain/billing/meter-outbox.js';
import { PLANS } from '../../src/domain/billing/plans.js';
import { recordUsage } from '../../src/domain/usage/record-usage.js';
import { startOfMonth, startOfNextMonth } from '../../src/domain/usage/time-buckets.js';
import { insertTenant, TestClock } from '../support/billing-fixtures.js';
import { FakeStripe } from '../support/fake-stripe.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let stripe: FakeStripe;
let database: TestDatabase;
const gateway = (retries = 0) => new StripeBillingGateway({ secretKey: 'sk_test_ott', webhookSecret: 'whsec_test', apiUrl: stripe.url, maxNetworkRetries: retries });

beforeAll(async () => {
  [stripe, database] = await Promise.all([FakeStripe.start(), createTestDatabase()]);
});
afterEach(() => {
  stripe.fault = undefined;
});
afterAll(async () => {
  await stripe?.close();
  await database?.drop();
});

describe('Stripe adapter', () => {
  it('creates one customer per tenant, also when the call is repeated after a crash', async () => {
    const billing = gateway();
    const first = await billing.createCustomer({ tenantId: 'tenant-1', name: 'Acme Films', email: 'owner@acme.example' });
    const again = await billing.createCustomer({ tenantId: 'tenant-1', name: 'Acme Films', email: 'owner@acme.example' });
    expect(again.customerId).toBe(first.customerId);
    expect(stripe.customers.size).toBe(1);
    const [request] = stripe.requestsTo('POST', '/v1/customers');
    expect(request).toMatchObject({ idempotencyKey: 'ott-customer-tenant-1', params: { name: 'Acme Films', email: 'owner@acme.example', metadata: { tenant_id: 'tenant-1' } } });
  });

  it('sets up Billing Meters and graduated metered prices once, then opens Checkout for the subscription', async () => {
    const billing = gateway();
    const { customerId } = await billing.createCustomer({ tenantId: 'tenant-2', name: 'B', email: null });
    const checkout = await billing.startCheckout({ customerId, tenantId: 'tenant-2', planId: 'pro', successUrl: 'https://portal.example/ok', cancelUrl: 'https://portal.example/back' });
    expect(checkout).toEqual({ kind: 'redirect', url: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/) });

    const meters = stripe.requestsTo('POST', '/v1/billing/meters').map((request) => request.params);
    expect(meters).toEqual([
      expect.objectContaining({
        event_name: 'ott_transcode_normalised_seconds',
        default_aggregation: { formula: 'sum' },
        customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
        value_settings: { event_payload_key: 'value' },
      }),
      expect.objectContaining({ event_name: 'ott_egress_bytes' }),
      expect.objectContaining({ event_name: 'ott_storage_mb_hours' }),
    ]);
    const egressMeter = [...stripe.meters.values()].find((meter) => meter.event_name === 'ott_egress_bytes');
    const prices = stripe.requestsTo('POST', '/v1/prices').map((request) => request.params);
    // Pro and Enterprise: a fee and three metered prices each. Free is not sold.
    expect(prices).toHaveLength(8);
    expect(prices).toContainEqual(expect.objectContaining({ currency: 'usd', unit_amount: '4900', recurring: { interval: 'month', usage_type: 'licensed' } }));
    expect(prices).toContainEqual(
      expect.objectContaining({
        recurring: { interval: 'month', usage_type: 'metered', meter: egressMeter?.id },
        billing_scheme: 'tiered',
        tiers_mode: 'graduated',
        tiers: [
          { up_to: String(PLANS.pro.billing.included.egress), unit_amount: '0' },
          { up_to: 'inf', unit_amount_decimal: '0.000000012' },
        ],
      }),
    );

    const [session] = stripe.requestsTo('POST', '/v1/checkout/sessions');
    const items = session?.params.line_items as { price: string; quantity?: string }[];
    expect(session?.params).toMatchObject({
      mode: 'subscription',
      customer: customerId,
      client_reference_id: 'tenant-2',
      metadata: { tenant_id: 'tenant-2', plan_id: 'pro' },
      subscription_data: { metadata: { tenant_id: 'tenant-2', plan_id: 'pro' } },
      success_url: 'https://portal.example/ok',
      cancel_url: 'https://portal.example/back',
    });
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ quantity: '1' });
    expect(stripe.prices.get(items[0]!.price)?.unit_amount).toBe('4900');
    // Metered prices take no quantity: usage comes from the meter.
    expect(items.slice(1).every((item) => item.quantity === undefined && stripe.prices.get(item.price)?.recurring)).toBe(true);

    // Another process finds everything by lookup key and creates nothing new.
    const before = stripe.requests.filter((request) => request.method === 'POST' && /\/v1\/(prices|billing\/meters)$/.test(request.path)).length;
    await gateway().startCheckout({ customerId, tenantId: 'tenant-2', planId: 'enterprise', successUrl: 'https://portal.example/ok', cancelUrl: 'https://portal.example/back' });
    expect(stripe.requests.filter((request) => request.method === 'POST' && /\/v1\/(prices|billing\/meters)$/.test(request.path)).length).toBe(before);
  });

  it('sends meter events with our identifier and a whole-number value, and treats an identifier Stripe already has as sent', async () => {
    const billing = gateway();
    const { customerId } = await billing.createCustomer({ tenantId: 'tenant-3', name: 'C', email: null });
    const event = { identifier: 'ott_egress_abc', customerId, meter: 'egress' as const, value: '123456789', timestamp: new Date(Date.now() - 3_600_000) };
    expect(await billing.sendMeterEvents([event])).toEqual([{ identifier: 'ott_egress_abc', status: 'accepted' }]);
    expect(await billing.sendMeterEvents([event])).toEqual([{ identifier: 'ott_egress_abc', status: 'accepted' }]);
    expect(stripe.meterEventAttempts.filter((id) => id === 'ott_egress_abc')).toHaveLength(2);
    expect(stripe.meterEvents.filter((accepted) => accepted.identifier === 'ott_egress_abc')).toEqual([
      { identifier: 'ott_egress_abc', eventName: 'ott_egress_bytes', customer: customerId, value: 123456789, timestamp: Math.floor(event.timestamp.getTime() / 1000) },
    ]);
    expect(stripe.requestsTo('POST', '/v1/billing/meter_events').at(-1)?.params).toEqual({
      event_name: 'ott_egress_bytes',
      identifier: 'ott_egress_abc',
      timestamp: String(Math.floor(event.timestamp.getTime() / 1000)),
      payload: { stripe_customer_id: customerId, value: '123456789' },
    });
  });

  it('reports an event Stripe refuses, and throws when Stripe cannot be reached so the batch is retried', async () => {
    const billing = gateway();
    const [refused] = await billing.sendMeterEvents([{ identifier: 'ott_x', customerId: 'cus_unknown', meter: 'transcode', value: '1', timestamp: new Date() }]);
    expect(refused).toEqual({ identifier: 'ott_x', status: 'rejected', reason: 'Stripe refused the meter event: No such customer.' });
    stripe.fault = (request) => (request.path === '/v1/billing/meter_events' ? { status: 503, body: { error: { type: 'api_error', message: 'Service unavailable' } } } : undefined);
    await expect(billing.sendMeterEvents([{ identifier: 'ott_y', customerId: 'cus_unknown', meter: 'transcode', value: '1', timestamp: new Date() }])).rejects.toThrow();
  });

  it('opens the customer portal', async () => {
    const billing = gateway();
    const { customerId } = await billing.createCustomer({ tenantId: 'tenant-4', name: 'D', email: null });
    expect(await billing.openPortal({ customerId, returnUrl: 'https://portal.example/billing' })).toEqual({ url: expect.stringMatching(/^https:\/\/billing\.stripe\.test\//) });
    expect(stripe.requestsTo('POST', '/v1/billing_portal/sessions').at(-1)?.params).toEqual({ customer: customerId, return_url: 'https://portal.example/billing' });
  });
});

describe('meter outbox → Stripe', () => {
  it("sends a paying tenant's usage, holds back the free plan's, and retries after an outage without losing anything", async () => {
    const clock = new TestClock(new Date());
    const deps = { db: database.db, clock, billing: gateway() };
    const pro = (await insertTenant(database.db, { plan: 'pro' })).tenantId;
    const free = (await insertTenant(database.db, { plan: 'free' })).tenantId;
    const minuteAgo = new Date(clock.now().getTime() - 60_000);
    for (const tenantId of [pro, free]) {
      await recordUsage(database.db, [
        { key: `t:${tenantId}`, tenantId, meter: 'transcode', quantity: 600, occurredAt: minuteAgo },
        { key: `e:${tenantId}`, tenantId, meter: 'egress', quantity: 5_000_000, occurredAt: minuteAgo },
        { key: `s:${tenantId}`, tenantId, meter: 'storage_source', quantity: 70, occurredAt: minuteAgo },
        { key: `r:${tenantId}`, tenantId, meter: 'storage_rendition', quantity: 30, occurredAt: minuteAgo },
        { key: `p:${tenantId}`, tenantId, meter: 'plays', quantity: 9, occurredAt: minuteAgo },
      ]);
    }
    // A free month that is over bills nothing, ever.
    await recordUsage(database.db, [{ key: `old:${free}`, tenantId: free, meter: 'egress', quantity: 1, occurredAt: startOfMonth(new Date(startOfMonth(clock.now()).getTime() - 1)) }]);

    stripe.fault = (request) => (request.path === '/v1/billing/meter_events' ? 'drop' : undefined);
    expect(await flushMeterOutbox(deps)).toMatchObject({ sent: 0, skipped: 1, retrying: 3 });
    const waiting = await database.db.selectFrom('meter_outbox').select(['status', 'last_error', 'next_attempt_at']).where('tenant_id', '=', pro).execute();
    expect(waiting.every((row) => row.status === 'pending' && row.last_error && row.next_attempt_at > clock.now())).toBe(true);
    // The free tenant's month is held until the month ends (or it upgrades).
    const held = await database.db.selectFrom('meter_outbox').select(['status', 'next_attempt_at']).where('tenant_id', '=', free).where('status', '=', 'pending').execute();
    expect(held.map((row) => row.next_attempt_at)).toEqual(Array.from({ length: 3 }, () => startOfNextMonth(clock.now())));
    // Not retried before its backoff has passed.
    stripe.fault = undefined;
    expect(await flushMeterOutbox(deps)).toMatchObject({ sent: 0 });
    clock.advance(60_000);
    expect(await flushMeterOutbox(deps)).toMatchObject({ sent: 3 });

    const account = await database.db.selectFrom('billing_accounts').select('customer_id').where('tenant_id', '=', pro).executeTakeFirstOrThrow();
    const sent = stripe.meterEvents.filter((event) => event.customer === account.customer_id).map((event) => [event.eventName, event.value]);
    expect(sent.sort()).toEqual([
      ['ott_egress_bytes', 5_000_000],
      ['ott_storage_mb_hours', 100],
      ['ott_transcode_normalised_seconds', 600],
    ]);
    expect(await database.db.selectFrom('billing_accounts').where('tenant_id', '=', free).selectAll().execute()).toEqual([]);
    expect(await flushMeterOutbox(deps)).toEqual({ sent: 0, skipped: 0, failed: 0, retrying: 0 });
  });
});
