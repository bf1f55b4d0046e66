// Entitlements through the real Stripe adapter and a fake Stripe Connect: what a viewer paid for plays, for as long as
// it was paid for, and nothing else does — whatever order, how often and from which account the webhooks come.
import { beforeAll, describe, expect, it } from 'vitest';
import { withTenantScope } from '../../src/db/tenant-scope.js';
import { PaymentRequiredError } from '../../src/domain/errors.js';
import { PAST_DUE_GRACE_DAYS } from '../../src/domain/sales/entitlement-access.js';
import { DECLINED_CARD, GOOD_CARD, type FakeStripeConnect } from '../support/fake-stripe-connect.js';
import { buy, checkoutAndPay, deliver, offer, play, sellerWithStore, salesWorld, signedInViewer, type SalesDeps } from '../support/sales-fixtures.js';
import type { TestDatabase } from '../support/test-database.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const world = salesWorld();
const { clock } = world;
let database: TestDatabase;
let stripe: FakeStripeConnect;
let deps: SalesDeps;
beforeAll(() => {
  ({ database, stripe, deps } = world);
});

/** The refusal a viewer gets, or undefined when playback was granted. */
async function refusal(promise: Promise<unknown>): Promise<PaymentRequiredError | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof PaymentRequiredError) return error;
    throw error;
  }
}

function entitlementsOf(viewerId: string) {
  return database.db.selectFrom('entitlements').selectAll().where('viewer_id', '=', viewerId).execute();
}

describe('selling and playing', () => {
  it('refuses a paid title to a signed-in viewer who did not pay, listing the offers that unlock it; a declined card grants nothing', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const rental = await offer(deps, seller, { kind: 'rental' });
    const subscription = await offer(deps, seller, { kind: 'subscription', trialDays: 7 });
    const viewer = await signedInViewer(deps, seller);

    const refused = await refusal(play(deps, seller.videoId, viewer));
    expect(refused?.message).toBe('This title is for paying viewers: choose one of the offers to watch it.');
    expect(refused?.offers.map((o) => [o.kind, o.amount, o.currency])).toEqual([
      ['rental', 499, 'usd'],
      ['subscription', 999, 'usd'],
    ]);
    expect(refused?.offers[0]?.rental).toEqual({ startDays: 30, watchHours: 48 });
    expect(refused?.offers[1]).toMatchObject({ interval: 'month', trialDays: 7, id: subscription.id });

    const { payment } = await checkoutAndPay(deps, stripe, seller, viewer, rental.id, DECLINED_CARD);
    expect(payment.declined).toBe(true);
    expect(await refusal(play(deps, seller.videoId, viewer))).toBeInstanceOf(PaymentRequiredError);
    expect(await entitlementsOf(viewer.viewerId)).toEqual([]);
  });

  it('opens Checkout on the connected account with the platform fee of the tenant plan, promotion codes and the sale named in metadata', async () => {
    const seller = await sellerWithStore(deps, stripe, { plan: 'pro' });
    const viewer = await signedInViewer(deps, seller);
    const rental = await offer(deps, seller, { kind: 'rental', amount: 499 });
    const monthly = await offer(deps, seller, { kind: 'subscription', amount: 999, trialDays: 14 });
    await checkoutAndPay(deps, stripe, seller, viewer, rental.id);
    await checkoutAndPay(deps, stripe, seller, viewer, monthly.id);
    const [payment, subscription] = stripe.requestsTo('POST', '/v1/checkout/sessions').slice(-2);
    const metadata = { tenant_id: seller.tenantId, viewer_id: viewer.viewerId };
    // Pro keeps 5%: 5% of 4.99 is 25 cents on the payment; 5% of every subscription invoice.
    expect(payment).toMatchObject({
      account: seller.accountId,
      params: {
        mode: 'payment',
        allow_promotion_codes: 'true',
        customer_email: viewer.email,
        payment_intent_data: { application_fee_amount: '25', metadata },
        metadata: { ...metadata, offer_id: rental.id },
      },
    });
    expect(subscription).toMatchObject({ account: seller.accountId, params: { mode: 'subscription', subscription_data: { application_fee_percent: '5', trial_period_days: '14', metadata } } });
    expect(subscription?.params).not.toHaveProperty('payment_intent_data');
    // The offers' prices were made on the connected account, not on the platform's.
    const prices = stripe.requestsTo('POST', '/v1/prices').filter((request) => [rental.id, monthly.id].includes(String((request.params.metadata as { offer_id?: string } | undefined)?.offer_id)));
    expect(prices.map((request) => [request.account, request.params.unit_amount, request.params.recurring])).toEqual([
      [seller.accountId, '499', undefined],
      [seller.accountId, '999', { interval: 'month' }],
    ]);
  });

  it('plays a rental from its first play for its hours, never granting beyond its end, then refuses with "rent again"', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const rental = await offer(deps, seller, { kind: 'rental', rental: { startDays: 30, watchHours: 48 } });
    await offer(deps, seller, { kind: 'purchase', videoIds: [seller.otherVideoId] });
    const viewer = await signedInViewer(deps, seller);
    await buy(deps, stripe, seller, viewer, rental.id);
    const [bought] = await entitlementsOf(viewer.viewerId);
    expect(bought).toMatchObject({ kind: 'rental', status: 'active', rental_started_at: null });

    clock.set(new Date(clock.now().getTime() + 3 * DAY));
    const firstPlay = clock.now();
    await play(deps, seller.videoId, viewer);
    const [started] = await entitlementsOf(viewer.viewerId);
    expect(started?.rental_started_at).toEqual(firstPlay);
    expect(started?.rental_ends_at).toEqual(new Date(firstPlay.getTime() + 48 * HOUR));
    // The rental covers this title only.
    expect(await refusal(play(deps, seller.otherVideoId, viewer))).toBeInstanceOf(PaymentRequiredError);

    // Five minutes before the end, the grant ends with the rental, not ten minutes later.
    clock.set(new Date(firstPlay.getTime() + 48 * HOUR - 5 * 60_000));
    const last = await play(deps, seller.videoId, viewer);
    expect(last.expiresAt).toEqual(started?.rental_ends_at);

    clock.set(new Date(firstPlay.getTime() + 48 * HOUR + 1000));
    const refused = await refusal(play(deps, seller.videoId, viewer));
    expect(refused?.message).toBe('Your rental of this title has ended. Rent it again to keep watching.');
    expect(refused?.offers.map((o) => o.id)).toEqual([rental.id]);
  });

  it('refuses a rental never started once its days to start have passed', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const rental = await offer(deps, seller, { kind: 'rental', rental: { startDays: 2, watchHours: 48 } });
    const viewer = await signedInViewer(deps, seller);
    await buy(deps, stripe, seller, viewer, rental.id);
    clock.set(new Date(clock.now().getTime() + 2 * DAY + 1000));
    expect(await refusal(play(deps, seller.videoId, viewer))).toBeInstanceOf(PaymentRequiredError);
  });

  it('a purchase plays for good and sends the viewer a branded receipt once, however often Stripe repeats the webhook', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const purchase = await offer(deps, seller, { kind: 'purchase', amount: 1499, name: 'Own "The Film"' });
    const viewer = await signedInViewer(deps, seller);
    const { payment } = await checkoutAndPay(deps, stripe, seller, viewer, purchase.id);
    if (payment.declined) throw new Error('declined');
    const [completed] = payment.events;
    if (!completed) throw new Error('no event');
    expect(await deliver(deps, completed)).toBe('created');
    expect(await deliver(deps, completed)).toBe('duplicate');
    expect(await deliver(deps, completed)).toBe('duplicate');
    expect(await entitlementsOf(viewer.viewerId)).toHaveLength(1);
    const audit = await database.db.selectFrom('entitlement_events').select(['stripe_event_id', 'outcome']).where('stripe_event_id', '=', String(completed.event.id)).execute();
    expect(audit).toEqual([{ stripe_event_id: completed.event.id, outcome: 'created' }]);

    const receipts = await database.db.selectFrom('development_mailbox').select(['subject', 'text_body', 'kind']).where('to_address', '=', viewer.email).execute();
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.subject).toContain('Own "The Film"');
    expect(receipts[0]?.text_body).toContain('$14.99');
    expect(receipts[0]?.kind).toBe('purchase-receipt');

    clock.set(new Date(clock.now().getTime() + 400 * DAY));
    const granted = await play(deps, seller.videoId, viewer);
    expect(granted.expiresAt.getTime() - clock.now().getTime()).toBeLessThanOrEqual(11 * 60_000);
  });

  it('a refund after the rental was watched ends access; a partial refund does not', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const rental = await offer(deps, seller, { kind: 'rental' });
    const viewer = await signedInViewer(deps, seller);
    const { paymentIntentId } = await buy(deps, stripe, seller, viewer, rental.id);
    await play(deps, seller.videoId, viewer);
    expect(await deliver(deps, stripe.refund(seller.accountId, paymentIntentId ?? '', 100))).toBe('partially-refunded');
    await play(deps, seller.videoId, viewer);
    expect(await deliver(deps, stripe.refund(seller.accountId, paymentIntentId ?? ''))).toBe('refunded');
    expect(await refusal(play(deps, seller.videoId, viewer))).toBeInstanceOf(PaymentRequiredError);
  });

  it('a dispute ends access to a purchase', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const purchase = await offer(deps, seller, { kind: 'purchase' });
    const viewer = await signedInViewer(deps, seller);
    const { paymentIntentId } = await buy(deps, stripe, seller, viewer, purchase.id);
    expect(await deliver(deps, stripe.dispute(seller.accountId, paymentIntentId ?? ''))).toBe('disputed');
    expect(await refusal(play(deps, seller.videoId, viewer))).toBeInstanceOf(PaymentRequiredError);
  });
});

describe('subscriptions', () => {
  it('a trial plays everything; cancelled at period end it keeps playing to the end of the period, then stops', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const monthly = await offer(deps, seller, { kind: 'subscription', trialDays: 7 });
    const viewer = await signedInViewer(deps, seller);
    const { subscriptionId } = await buy(deps, stripe, seller, viewer, monthly.id);
    const [trial] = await entitlementsOf(viewer.viewerId);
    expect(trial).toMatchObject({ status: 'trialing', period_end: new Date(clock.now().getTime() + 7 * DAY) });
    await play(deps, seller.videoId, viewer);
    await play(deps, seller.otherVideoId, viewer);

    clock.set(new Date(clock.now().getTime() + 2 * DAY));
    expect(await deliver(deps, stripe.cancelAtPeriodEnd(seller.accountId, subscriptionId ?? ''))).toBe('cancels-at-period-end');
    clock.set(new Date(clock.now().getTime() + 4 * DAY));
    await play(deps, seller.videoId, viewer);
    clock.set(new Date(clock.now().getTime() + DAY + 1000));
    expect(await refusal(play(deps, seller.videoId, viewer))).toBeInstanceOf(PaymentRequiredError);
    expect(await deliver(deps, stripe.endSubscription(seller.accountId, subscriptionId ?? ''))).toBe('ended');
    expect((await entitlementsOf(viewer.viewerId))[0]?.status).toBe('ended');
  });

  it('renews on invoice.paid; a declined renewal plays through the grace period, then access ends on schedule', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const monthly = await offer(deps, seller, { kind: 'subscription' });
    const viewer = await signedInViewer(deps, seller);
    const { subscriptionId } = await buy(deps, stripe, seller, viewer, monthly.id);
    const sub = subscriptionId ?? '';
    const firstEnd = (await entitlementsOf(viewer.viewerId))[0]?.period_end ?? new Date(0);

    clock.set(firstEnd);
    const renewed = await Promise.all(stripe.renew(seller.accountId, sub, GOOD_CARD).map((event) => deliver(deps, event)));
    expect(renewed).toEqual(['renewed', 'updated']);
    const secondEnd = (await entitlementsOf(viewer.viewerId))[0]?.period_end ?? new Date(0);
    expect(secondEnd.getTime() - firstEnd.getTime()).toBe(30 * DAY);

    clock.set(secondEnd);
    const declined = [];
    for (const event of stripe.renew(seller.accountId, sub, DECLINED_CARD)) declined.push(await deliver(deps, event));
    expect(declined).toEqual(['past-due', 'past-due']);
    clock.set(new Date(secondEnd.getTime() + (PAST_DUE_GRACE_DAYS - 1) * DAY));
    await play(deps, seller.videoId, viewer);
    clock.set(new Date(secondEnd.getTime() + PAST_DUE_GRACE_DAYS * DAY + 1000));
    expect(await refusal(play(deps, seller.videoId, viewer))).toBeInstanceOf(PaymentRequiredError);
  });

  it('Stripe ending the subscription after failed retries ends access at once, even within the grace period', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const monthly = await offer(deps, seller, { kind: 'subscription' });
    const viewer = await signedInViewer(deps, seller);
    const { subscriptionId } = await buy(deps, stripe, seller, viewer, monthly.id);
    const end = (await entitlementsOf(viewer.viewerId))[0]?.period_end ?? new Date(0);
    clock.set(end);
    for (const event of stripe.renew(seller.accountId, subscriptionId ?? '', DECLINED_CARD)) await deliver(deps, event);
    await play(deps, seller.videoId, viewer);
    expect(await deliver(deps, stripe.endSubscription(seller.accountId, subscriptionId ?? ''))).toBe('ended');
    expect(await refusal(play(deps, seller.videoId, viewer))).toBeInstanceOf(PaymentRequiredError);
  });

  it('out of order: an older update arriving after a newer one is recorded as stale and changes nothing; nothing revives an ended subscription', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const monthly = await offer(deps, seller, { kind: 'subscription' });
    const viewer = await signedInViewer(deps, seller);
    const { subscriptionId } = await buy(deps, stripe, seller, viewer, monthly.id);
    const sub = subscriptionId ?? '';
    clock.set(new Date(clock.now().getTime() + DAY));
    const older = stripe.event(seller.accountId, 'customer.subscription.updated', stripe.object(seller.accountId, sub));
    clock.set(new Date(clock.now().getTime() + 60_000));
    const newer = stripe.cancelAtPeriodEnd(seller.accountId, sub);
    expect(await deliver(deps, newer)).toBe('cancels-at-period-end');
    expect(await deliver(deps, older)).toBe('stale');
    expect((await entitlementsOf(viewer.viewerId))[0]?.cancel_at_period_end).toBe(true);

    const ended = stripe.endSubscription(seller.accountId, sub);
    const lateRenewal = stripe.renew(seller.accountId, sub, GOOD_CARD);
    expect(await deliver(deps, ended)).toBe('ended');
    for (const event of lateRenewal) expect(await deliver(deps, event)).toBe('already-final');
    expect(await refusal(play(deps, seller.videoId, viewer))).toBeInstanceOf(PaymentRequiredError);
  });
});

describe('a title unpublished while viewers hold it', () => {
  /** The title leaves the catalogue now (its unpublish_at is the test clock's present). */
  const unpublish = (videoId: string) => database.db.updateTable('videos').set({ unpublish_at: clock.now() }).where('id', '=', videoId).execute();
  const unavailable = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (problem: unknown) => problem as { reason?: string; message?: string },
    );
    return error && { reason: error.reason, message: error.message };
  };

  it('honours a started rental to its end and a purchase for good, but not a subscription; others are told it has gone, not what it costs', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const rental = await offer(deps, seller, { kind: 'rental', rental: { startDays: 30, watchHours: 48 } });
    const monthly = await offer(deps, seller, { kind: 'subscription' });
    const ownIt = await offer(deps, seller, { kind: 'purchase', videoIds: [seller.otherVideoId] });
    const renter = await signedInViewer(deps, seller);
    const subscriber = await signedInViewer(deps, seller);
    const owner = await signedInViewer(deps, seller);
    const passerBy = await signedInViewer(deps, seller);
    await buy(deps, stripe, seller, renter, rental.id);
    await buy(deps, stripe, seller, subscriber, monthly.id);
    await buy(deps, stripe, seller, owner, ownIt.id);
    const firstPlay = clock.now();
    await play(deps, seller.videoId, renter);
    await play(deps, seller.videoId, subscriber);

    clock.set(new Date(firstPlay.getTime() + 2 * HOUR));
    await unpublish(seller.videoId);
    await unpublish(seller.otherVideoId);
    clock.set(new Date(clock.now().getTime() + 1000));
    // The rental plays on, and its grant still ends with the rental.
    const renewed = await play(deps, seller.videoId, renter);
    expect(renewed.expiresAt.getTime()).toBeLessThanOrEqual(firstPlay.getTime() + 48 * HOUR);
    expect(await unavailable(play(deps, seller.videoId, subscriber))).toMatchObject({ reason: 'no-longer-available', message: expect.stringContaining('No longer available since') });
    expect(await unavailable(play(deps, seller.videoId, passerBy))).toMatchObject({ reason: 'no-longer-available' });
    // The purchase is the owner's for good, long after the title left the catalogue.
    clock.set(new Date(clock.now().getTime() + 400 * DAY));
    await play(deps, seller.otherVideoId, owner);
    expect(await unavailable(play(deps, seller.videoId, renter))).toMatchObject({ reason: 'no-longer-available' });
  });
});

describe('the tenant and its account', () => {
  it('disconnecting stops sales and keeps what viewers bought; so does the tenant deauthorising the platform in Stripe', async () => {
    const { disconnectStore, storeAccount } = await import('../../src/domain/sales/store-accounts.js');
    const seller = await sellerWithStore(deps, stripe);
    const purchase = await offer(deps, seller, { kind: 'purchase' });
    const owner = await signedInViewer(deps, seller);
    await buy(deps, stripe, seller, owner, purchase.id);
    expect(await storeAccount(deps, seller.tenantId)).toMatchObject({ status: 'charges-enabled', feePercent: 5 });

    expect((await disconnectStore(deps, seller.tenantId)).status).toBe('disconnected');
    const latecomer = await signedInViewer(deps, seller);
    await expect(checkoutAndPay(deps, stripe, seller, latecomer, purchase.id)).rejects.toThrow('This site is not selling at the moment.');
    await play(deps, seller.videoId, owner);
    const refused = await refusal(play(deps, seller.videoId, latecomer));
    expect(refused?.message).toBe('This title is for paying viewers and is not on sale at the moment.');

    const other = await sellerWithStore(deps, stripe);
    const otherOffer = await offer(deps, other, { kind: 'purchase' });
    const buyer = await signedInViewer(deps, other);
    await buy(deps, stripe, other, buyer, otherOffer.id);
    expect(await deliver(deps, stripe.deauthorize(other.accountId))).toBe('disconnected');
    expect((await storeAccount(deps, other.tenantId)).status).toBe('disconnected');
    await play(deps, other.videoId, buyer);
  });

  it("tenant B's account cannot touch tenant A's entitlements: a sale naming A on B's account is rejected, and B's refund finds nothing of A's", async () => {
    const a = await sellerWithStore(deps, stripe);
    const b = await sellerWithStore(deps, stripe);
    const aOffer = await offer(deps, a, { kind: 'purchase' });
    const aViewer = await signedInViewer(deps, a);
    const { paymentIntentId } = await buy(deps, stripe, a, aViewer, aOffer.id);
    const session = (await database.db.selectFrom('entitlements').select('stripe_checkout_session_id').where('tenant_id', '=', a.tenantId).executeTakeFirstOrThrow()).stripe_checkout_session_id;

    // A completed session copied onto B's account, naming A's tenant, offer and viewer.
    const forged = stripe.event(b.accountId, 'checkout.session.completed', { ...stripe.object(a.accountId, session), id: 'cs_test_forged' });
    expect(await deliver(deps, forged)).toBe('rejected');
    // B's account refunding a payment intent id of A's sale.
    const charge = stripe.event(b.accountId, 'charge.refunded', { id: 'ch_x', object: 'charge', amount: 1499, amount_refunded: 1499, refunded: true, payment_intent: paymentIntentId });
    expect(await deliver(deps, charge)).toBe('unknown-sale');
    expect(await database.db.selectFrom('entitlements').select(['tenant_id', 'status']).where('viewer_id', '=', aViewer.viewerId).execute()).toEqual([{ tenant_id: a.tenantId, status: 'active' }]);
    await play(deps, a.videoId, aViewer);

    // Row-level security, the second wall: in B's scope a query with no tenant filter sees none of A's sales rows.
    for (const table of ['store_accounts', 'offers', 'entitlements', 'entitlement_events'] as const) {
      const aRows = await database.db.selectFrom(table).select('tenant_id').where('tenant_id', '=', a.tenantId).execute();
      expect(aRows.length, `${table}: A has rows`).toBeGreaterThan(0);
      const seen = await withTenantScope(database.db, b.tenantId, (scoped) => scoped.selectFrom(table).select('tenant_id').execute());
      expect(
        seen.filter((row) => row.tenant_id !== b.tenantId),
        table,
      ).toEqual([]);
    }
  });

  it('refuses a webhook not signed with the Connect endpoint secret, and grants nothing from it', async () => {
    const seller = await sellerWithStore(deps, stripe);
    const purchase = await offer(deps, seller, { kind: 'purchase' });
    const viewer = await signedInViewer(deps, seller);
    const { payment } = await checkoutAndPay(deps, stripe, seller, viewer, purchase.id);
    if (payment.declined) throw new Error('declined');
    const forged = stripe.event(seller.accountId, 'checkout.session.completed', payment.session, 'whsec_someone_else');
    await expect(deliver(deps, forged)).rejects.toThrow('The Stripe signature does not match this Connect endpoint.');
    expect(await entitlementsOf(viewer.viewerId)).toEqual([]);
  });
});
