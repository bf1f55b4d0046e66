// A tenant's billing life with Stripe, through the real API and HTTP server: a payment method saved apart from any
// plan, Checkout for the first paid plan at the price Stripe previewed, webhooks signed the way Stripe signs them
// (verified with constructEvent), an upgrade charged with the proration Stripe previewed, a failed payment with its
// grace period, uploads refused after it while playback goes on, payment, the portal, a downgrade to Free at the
// period's end (and calling it off), and usage reaching Stripe's meters.
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripeBillingGateway } from '../../src/adapters/stripe/stripe-billing-gateway.js';
import { GRACE_PERIOD_DAYS } from '../../src/domain/billing/billing-standing.js';
import { flushMeterOutbox } from '../../src/domain/billing/meter-outbox.js';
import { sampleStorage } from '../../src/domain/usage/storage-sampling.js';
import { FakeStripe } from '../support/fake-stripe.js';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

const WEBHOOK_SECRET = 'whsec_test_flow';
const signer = new Stripe('sk_test_signer');

let platform: TestPlatform;
let stripe: FakeStripe;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;
let customerId: string;
let eventCount = 0;
/** Pages of the portal, which the API serves: the only places Stripe may send the owner back to. */
let urls: { successUrl: string; cancelUrl: string };

beforeAll(async () => {
  [platform, stripe] = await Promise.all([startTestPlatform(), FakeStripe.start()]);
  platform.app.deps.billing = new StripeBillingGateway({ secretKey: 'sk_test_flow', webhookSecret: WEBHOOK_SECRET, apiUrl: stripe.url, maxNetworkRetries: 0 });
  await platform.startWorker();
  urls = { successUrl: `${platform.apiUrl}/usage?checkout=done`, cancelUrl: `${platform.apiUrl}/usage?checkout=cancelled` };
  tenant = await signUpActiveTenant(platform, 'payer');
  videoId = await uploadFile(tenant.admin, await makeClip(path.join(platform.dataDir, 'clip.mp4'), { seconds: 2, width: 320, height: 240 }));
  await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the clip to be transcoded' });
});
afterAll(async () => {
  await platform?.close();
  await stripe?.close();
});

function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${(eventCount += 1)}`) {
  return {
    id,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

async function deliver(event: unknown, options: { secret?: string; signature?: string | null } = {}) {
  const payload = JSON.stringify(event);
  const signature = options.signature === undefined ? signer.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET }) : options.signature;
  const response = await fetch(`${platform.apiUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const invoice = (id: string, amountDue = 4900) => ({
  id,
  object: 'invoice',
  customer: customerId,
  amount_due: amountDue,
  hosted_invoice_url: `https://invoice.stripe.test/i/${id}`,
  period_start: Math.floor(Date.parse('2026-11-01T00:00:00Z') / 1000),
  period_end: Math.floor(Date.parse('2026-12-01T00:00:00Z') / 1000),
  next_payment_attempt: Math.floor(Date.now() / 1000) + 3 * 86_400,
  status: 'open',
});

describe('billing with Stripe', () => {
  it('refuses return addresses outside the portal, so Checkout and the billing portal are no open redirect', async () => {
    const elsewhere = [
      'https://evil.example/login',
      `${platform.apiUrl}.evil.example/usage`,
      `http://${new URL(platform.apiUrl).host}@evil.example/usage`,
      'javascript:alert(document.cookie)',
      `${platform.apiUrl.replace('http:', 'https:')}/usage`,
    ];
    const stripeCalls = stripe.requests.length;
    for (const url of elsewhere) {
      for (const attempt of [
        { ...urls, successUrl: url },
        { ...urls, cancelUrl: url },
      ]) {
        await expect(tenant.admin.billing.addPaymentMethod(attempt)).rejects.toMatchObject({
          code: 'BAD_REQUEST',
          message: expect.stringMatching(
            /^(successUrl|cancelUrl) must be a page of the OTT Cloud portal, such as http:\/\/127\.0\.0\.1:\d+\/usage: the payment provider sends you back there and nowhere else\.$/,
          ),
        });
      }
      await expect(tenant.admin.billing.portal({ returnUrl: url })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('returnUrl must be a page of the OTT Cloud portal'),
      });
    }
    // Refused before anything reached Stripe.
    expect(stripe.requests.length).toBe(stripeCalls);
  });

  it('saves a payment method through Checkout in setup mode, without subscribing or changing the plan', async () => {
    const started = await tenant.admin.billing.addPaymentMethod(urls);
    expect(started).toEqual({ kind: 'redirect', url: expect.stringContaining('checkout.stripe.test/c/setup/') });
    const [session] = stripe.requestsTo('POST', '/v1/checkout/sessions');
    expect(session?.params).toMatchObject({ mode: 'setup', currency: 'usd' });
    expect(session?.params.line_items).toBeUndefined();
    const [customer] = [...stripe.customers.values()];
    customerId = String(customer?.id);
    expect(customer).toMatchObject({ name: 'payer Films', email: tenant.email });
    expect((await tenant.admin.tenants.me()).plan.id).toBe('free');
  });

  it('subscribes through Checkout at the price Stripe previewed, and the webhook that confirms it', async () => {
    const quote = await tenant.admin.billing.quotePlanChange({ plan: 'pro' });
    expect(quote).toMatchObject({ kind: 'upgrade', chargeNowCents: 4900, to: { id: 'pro', monthlyFeeCents: 4900 } });
    expect(stripe.requestsTo('POST', '/v1/invoices/create_preview')).toHaveLength(1);
    await expect(tenant.admin.billing.changePlan({ plan: 'pro', expectedChargeCents: 4000, ...urls })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('$49.00') });
    const started = await tenant.admin.billing.changePlan({ plan: 'pro', expectedChargeCents: quote.chargeNowCents, ...urls });
    expect(started).toEqual({ kind: 'redirect', url: expect.stringContaining('checkout.stripe.test/c/pay/') });
    expect((await tenant.admin.tenants.me()).plan.id).toBe('free');

    const completed = stripeEvent('checkout.session.completed', {
      id: 'cs_test_1',
      object: 'checkout.session',
      mode: 'subscription',
      customer: customerId,
      subscription: 'sub_1',
      client_reference_id: tenant.session.tenantId,
      metadata: { tenant_id: tenant.session.tenantId, plan_id: 'pro' },
    });
    expect(await deliver(completed)).toEqual({ status: 200, body: { received: true, outcome: 'applied', event: 'checkout-completed' } });
    expect((await tenant.admin.tenants.me()).plan.id).toBe('pro');
    expect(await tenant.admin.billing.status()).toMatchObject({ provider: 'stripe', subscribed: true, status: 'active', plan: { id: 'pro' } });
    // Stripe delivers at least once: the same event again changes nothing.
    expect((await deliver(completed)).body).toMatchObject({ outcome: 'duplicate' });
  });

  it('upgrades the subscription at once, charging the proration Stripe previewed for the same instant', async () => {
    const proFees = [...stripe.prices.values()].filter((price) => String(price.lookup_key).startsWith('ott_pro_')).map((price) => String(price.id));
    const now = Math.floor(Date.now() / 1000);
    // Checkout made it: a month that is a third gone.
    stripe.addSubscription({ id: 'sub_1', customer: customerId, prices: proFees, periodStart: now - 10 * 86_400, periodEnd: now + 20 * 86_400 });
    const quote = await tenant.admin.billing.quotePlanChange({ plan: 'enterprise' });
    // (799 − 49) × 20/30 of the period, as Stripe prorates; give or take the seconds between the two calls.
    expect(quote.chargeNowCents).toBeGreaterThanOrEqual(49_999);
    expect(quote.chargeNowCents).toBeLessThanOrEqual(50_001);
    const changed = await tenant.admin.billing.changePlan({ plan: 'enterprise', expectedChargeCents: quote.chargeNowCents, ...urls });
    expect(changed).toMatchObject({ kind: 'changed', quote: { to: { id: 'enterprise' } } });
    const [preview] = stripe.requestsTo('POST', '/v1/invoices/create_preview').slice(-1);
    const [update] = stripe.requestsTo('POST', '/v1/subscriptions/sub_1');
    expect(update?.params).toMatchObject({ proration_behavior: 'always_invoice', proration_date: (preview?.params.subscription_details as Record<string, unknown>).proration_date });
    expect((await tenant.admin.tenants.me()).plan.id).toBe('enterprise');
  });

  it('follows a plan change Stripe reports for our subscription only', async () => {
    const enterpriseFee = [...stripe.prices.values()].find((price) => String(price.lookup_key).startsWith('ott_enterprise_fee_'));
    const updated = (id: string, status = 'active') => ({
      id,
      object: 'subscription',
      customer: customerId,
      status,
      metadata: {},
      items: { object: 'list', data: [{ id: 'si_1', object: 'subscription_item', price: enterpriseFee }] },
    });
    expect((await deliver(stripeEvent('customer.subscription.updated', updated('sub_someone_else')))).body).toMatchObject({ outcome: 'ignored' });
    expect((await deliver(stripeEvent('customer.subscription.updated', updated('sub_1')))).body).toMatchObject({ outcome: 'applied' });
    expect((await tenant.admin.tenants.me()).plan.id).toBe('enterprise');
    expect((await tenant.admin.billing.preview()).plan.id).toBe('enterprise');
  });

  it('refuses deliveries that are not signed with our webhook secret', async () => {
    const event = stripeEvent('invoice.payment_failed', invoice('in_forged'));
    expect(await deliver(event, { secret: 'whsec_someone_else' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('signature does not match') } });
    expect(await deliver(event, { signature: null })).toMatchObject({ status: 400, body: { error: 'The Stripe-Signature header is missing.' } });
    expect((await tenant.admin.billing.status()).status).toBe('active');
  });

  it('marks the tenant past due on a failed payment, refuses uploads after the grace period, and keeps playback', async () => {
    expect(await deliver(stripeEvent('invoice.payment_failed', invoice('in_1')))).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    const standing = await tenant.admin.billing.status();
    expect(standing).toMatchObject({ status: 'past_due', uploadsAllowed: true, unpaidInvoices: [{ id: 'in_1', amountDueCents: 4900, hostedUrl: 'https://invoice.stripe.test/i/in_1' }] });
    expect(standing.graceEndsAt!.getTime() - standing.pastDueSince!.getTime()).toBe(GRACE_PERIOD_DAYS * 86_400_000);
    // Within the grace period uploads still work.
    await tenant.admin.videos.createUpload({ filename: 'during-grace.mp4', size: 1000 });

    // Stripe's retry fails again a week later: the grace period runs from the first failure.
    await platform.database.db
      .updateTable('provider_invoices')
      .set({ failed_at: new Date(Date.now() - (GRACE_PERIOD_DAYS + 1) * 86_400_000) })
      .where('provider_invoice_id', '=', 'in_1')
      .execute();
    await deliver(stripeEvent('invoice.payment_failed', invoice('in_1')));
    await expect(tenant.admin.videos.createUpload({ filename: 'after-grace.mp4', size: 1000 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(
        /^Uploads are paused: the payment of \$49\.00 failed on \d{4}-\d{2}-\d{2} and the 7-day grace period ended on .*Update your card with Manage billing.*Your videos keep playing meanwhile\.$/,
      ),
    });
    const grant = await platform.caller().playback.authorize({ videoId });
    expect((await fetch(grant.signedManifestUrl)).status).toBe(200);

    // The portal is where the card is updated.
    expect(await tenant.admin.billing.portal({ returnUrl: urls.cancelUrl })).toEqual({ url: expect.stringContaining('billing.stripe.test') });
  });

  it('lifts the restriction once the invoice is paid, and a failure notice arriving late does not bring it back', async () => {
    await deliver(stripeEvent('invoice.paid', invoice('in_1')));
    expect(await tenant.admin.billing.status()).toMatchObject({ status: 'active', uploadsAllowed: true, unpaidInvoices: [] });
    await tenant.admin.videos.createUpload({ filename: 'after-payment.mp4', size: 1000 });
    await deliver(stripeEvent('invoice.payment_failed', invoice('in_1')));
    expect((await tenant.admin.billing.status()).status).toBe('active');
  });

  it("sends the tenant's usage to Stripe's meters under its customer, including this month's from before the upgrade", async () => {
    await sampleStorage(platform.app.deps);
    expect(await flushMeterOutbox(platform.app.deps)).toMatchObject({ sent: 2, failed: 0 });
    const db = platform.database.db;
    const transcoded = await db
      .selectFrom('usage_events')
      .select((eb) => eb.fn.sum<string>('quantity').as('seconds'))
      .where('video_id', '=', videoId)
      .where('meter', '=', 'transcode')
      .executeTakeFirstOrThrow();
    const renditions = await db
      .selectFrom('renditions')
      .select((eb) => eb.fn.sum<string>('bytes').as('bytes'))
      .where('video_id', '=', videoId)
      .executeTakeFirstOrThrow();
    const source = await db.selectFrom('videos').select('source_size').where('id', '=', videoId).executeTakeFirstOrThrow();
    expect(Number(transcoded.seconds)).toBeGreaterThanOrEqual(10);
    expect(stripe.meterEvents.map((event) => [event.eventName, event.customer, event.value]).sort()).toEqual([
      ['ott_storage_mb_hours', customerId, Math.ceil(Number(source.source_size) / 1e6) + Math.ceil(Number(renditions.bytes) / 1e6)],
      ['ott_transcode_normalised_seconds', customerId, Number(transcoded.seconds)],
    ]);
  });

  it('moves from Enterprise to Pro at the end of the period through a subscription schedule, and can call it off', async () => {
    const quote = await tenant.admin.billing.quotePlanChange({ plan: 'pro' });
    expect(quote).toMatchObject({ kind: 'downgrade', chargeNowCents: 0 });
    expect(await tenant.admin.billing.changePlan({ plan: 'pro', expectedChargeCents: 0, ...urls })).toMatchObject({ kind: 'scheduled' });
    const scheduleId = String(stripe.subscriptions.get('sub_1')?.schedule);
    const schedule = stripe.schedules.get(scheduleId);
    const subscriptionItems = (stripe.subscriptions.get('sub_1')?.items as { data: { current_period_end: number; price: { id: string } }[] }).data;
    const proPrices = [...stripe.prices.values()].filter((price) => String(price.lookup_key).startsWith('ott_pro_')).map((price) => price.id);
    const [now, next] = schedule?.phases as { end_date?: string; items: { price: string }[] }[];
    expect(now?.end_date).toBe(String(subscriptionItems[0]?.current_period_end));
    expect(now?.items.map((item) => item.price).sort()).toEqual(subscriptionItems.map((item) => item.price.id).sort());
    expect(next?.items.map((item) => item.price).sort()).toEqual([...proPrices].sort());
    expect(schedule?.end_behavior).toBe('release');
    expect((await tenant.admin.tenants.me()).plan.id).toBe('enterprise');
    expect((await tenant.admin.billing.status()).pendingPlanChange).toMatchObject({ plan: { id: 'pro' } });
    await tenant.admin.billing.cancelPlanChange();
    expect(stripe.schedules.get(scheduleId)?.status).toBe('released');
    expect(stripe.subscriptions.get('sub_1')?.schedule).toBeNull();
    expect((await tenant.admin.billing.status()).pendingPlanChange).toBeNull();
  });

  it('moves to Free at the end of the period (cancel_at_period_end), and can call it off until then', async () => {
    const quote = await tenant.admin.billing.quotePlanChange({ plan: 'free' });
    expect(quote).toMatchObject({ kind: 'downgrade', chargeNowCents: 0 });
    expect(await tenant.admin.billing.changePlan({ plan: 'free', expectedChargeCents: 0, ...urls })).toMatchObject({ kind: 'scheduled' });
    expect(stripe.subscriptions.get('sub_1')?.cancel_at_period_end).toBe(true);
    expect((await tenant.admin.tenants.me()).plan.id).toBe('enterprise');
    expect((await tenant.admin.billing.status()).pendingPlanChange).toMatchObject({ plan: { id: 'free' } });
    await tenant.admin.billing.cancelPlanChange();
    expect(stripe.subscriptions.get('sub_1')?.cancel_at_period_end).toBe(false);
    expect((await tenant.admin.billing.status()).pendingPlanChange).toBeNull();
    await tenant.admin.billing.changePlan({ plan: 'free', expectedChargeCents: 0, ...urls });
  });

  it('goes back to the free plan when the subscription ends', async () => {
    expect((await deliver(stripeEvent('customer.subscription.deleted', { id: 'sub_other', object: 'subscription', customer: customerId }))).body).toMatchObject({ outcome: 'ignored' });
    expect((await deliver(stripeEvent('customer.subscription.deleted', { id: 'sub_1', object: 'subscription', customer: customerId }))).body).toMatchObject({ outcome: 'applied' });
    expect((await tenant.admin.tenants.me()).plan.id).toBe('free');
    expect((await tenant.admin.billing.status()).pendingPlanChange).toBeNull();
    expect((await deliver(stripeEvent('customer.created', { id: 'cus_x', object: 'customer' }))).body).toMatchObject({ outcome: 'ignored' });
  });
});
