// The sales report's platform fees are what Stripe took on each payment, not the plan's percentage: a subscription
// keeps the fee it was sold with after the tenant changes plan, and a refund that returns the fee reduces it. Only
// where Stripe reported no fee does the report estimate one, and it says how much is estimated.
import { expect, it } from 'vitest';
import { salesReport } from '../../src/domain/sales/sales-report.js';
import { GOOD_CARD } from '../support/fake-stripe-connect.js';
import { buy, deliver, offer, sellerWithStore, salesWorld, signedInViewer, type Seller } from '../support/sales-fixtures.js';

const HOUR = 3_600_000;

const world = salesWorld();
const { clock } = world;

async function moneyOf(seller: Seller) {
  const report = await salesReport(world.deps, seller.tenantId, { from: new Date(clock.now().getTime() - 100 * 24 * HOUR), to: new Date(clock.now().getTime() + HOUR) });
  return report.money;
}

it("a subscription's renewals carry the fee it was sold with, also after the tenant moved to a plan with another percentage", async () => {
  const seller = await sellerWithStore(world.deps, world.stripe, { plan: 'pro' });
  const monthly = await offer(world.deps, seller, { kind: 'subscription', amount: 1000 });
  const viewer = await signedInViewer(world.deps, seller);
  const { subscriptionId } = await buy(world.deps, world.stripe, seller, viewer, monthly.id);
  // Pro keeps 5%; the free plan would keep 10%.
  await world.database.db.updateTable('tenants').set({ plan: 'free' }).where('id', '=', seller.tenantId).execute();
  const [entitlement] = await world.database.db.selectFrom('entitlements').select('period_end').where('viewer_id', '=', viewer.viewerId).execute();
  clock.set(entitlement?.period_end ?? new Date(0));
  // The subscription's update arrives before its invoice.paid: the invoice is still a renewal, counted once.
  const [paid, updated] = world.stripe.renew(seller.accountId, subscriptionId ?? '', GOOD_CARD);
  if (!paid || !updated) throw new Error('expected invoice.paid and customer.subscription.updated');
  expect(await deliver(world.deps, updated)).toBe('updated');
  expect(await deliver(world.deps, paid)).toBe('renewed');

  expect(await moneyOf(seller)).toEqual([{ currency: 'usd', revenue: 2000, refunds: 0, platformFees: 100, estimatedPlatformFees: 0, net: 1900 }]);
});

it('a refund that returns the application fee reduces the fees by what Stripe gave back; one that does not leaves them', async () => {
  const seller = await sellerWithStore(world.deps, world.stripe, { plan: 'pro' });
  const purchase = await offer(world.deps, seller, { kind: 'purchase', amount: 2000 });
  const first = await signedInViewer(world.deps, seller);
  const second = await signedInViewer(world.deps, seller);
  const kept = await buy(world.deps, world.stripe, seller, first, purchase.id);
  const returned = await buy(world.deps, world.stripe, seller, second, purchase.id);
  expect(await moneyOf(seller)).toEqual([{ currency: 'usd', revenue: 4000, refunds: 0, platformFees: 200, estimatedPlatformFees: 0, net: 3800 }]);

  // The tenant's refund of the first keeps the platform's fee (Stripe's default).
  expect(await deliver(world.deps, world.stripe.refund(seller.accountId, kept.paymentIntentId ?? ''))).toBe('refunded');
  // The second is refunded in two halves, each returning its share of the fee.
  expect(await deliver(world.deps, world.stripe.refund(seller.accountId, returned.paymentIntentId ?? '', 1000, { refundApplicationFee: true }))).toBe('partially-refunded');
  expect(await moneyOf(seller)).toEqual([{ currency: 'usd', revenue: 4000, refunds: 3000, platformFees: 150, estimatedPlatformFees: 0, net: 850 }]);
  const last = world.stripe.refund(seller.accountId, returned.paymentIntentId ?? '', undefined, { refundApplicationFee: true });
  expect(await deliver(world.deps, last)).toBe('refunded');
  expect(await deliver(world.deps, last)).toBe('duplicate');
  expect(await moneyOf(seller)).toEqual([{ currency: 'usd', revenue: 4000, refunds: 4000, platformFees: 100, estimatedPlatformFees: 0, net: -100 }]);
});

it('where no actual fee is known, the estimate stays in the fees and is reported as estimated', async () => {
  const seller = await sellerWithStore(world.deps, world.stripe, { plan: 'pro' });
  const purchase = await offer(world.deps, seller, { kind: 'purchase', amount: 2000 });
  const viewer = await signedInViewer(world.deps, seller);
  await buy(world.deps, world.stripe, seller, viewer, purchase.id);
  // A sale recorded before fees were read from Stripe: its fee was the plan's 5%, estimated (migration 0046).
  await world.database.db
    .insertInto('entitlement_events')
    .values({
      tenant_id: seller.tenantId,
      stripe_event_id: 'evt_before_0046',
      event_type: 'checkout-completed',
      outcome: 'created',
      event_created_at: clock.now(),
      amount: 1000,
      currency: 'usd',
      platform_fee: 50,
      platform_fee_estimated: true,
    })
    .execute();
  expect(await moneyOf(seller)).toEqual([{ currency: 'usd', revenue: 3000, refunds: 0, platformFees: 150, estimatedPlatformFees: 50, net: 2850 }]);
});
