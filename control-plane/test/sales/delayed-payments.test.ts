// A delayed payment method (a SEPA debit): Checkout completes before the money arrives. Nothing plays until Stripe
// says the payment succeeded; the viewer sees "payment processing" meanwhile, and a clear message when it failed —
// whatever order, and however often, the three events come.
import { expect, it } from 'vitest';
import { withTenantScope } from '../../src/db/tenant-scope.js';
import { PaymentRequiredError } from '../../src/domain/errors.js';
import { startSaleCheckout } from '../../src/domain/sales/sale-checkout.js';
import { viewerPurchases } from '../../src/domain/sales/viewer-purchases.js';
import { deliver, offer, play, sellerWithStore, salesWorld, signedInViewer, type Seller, type Viewer } from '../support/sales-fixtures.js';

const world = salesWorld();

/** A viewer at Checkout for the seller's purchase offer, paying by bank debit: the session's id and its events. */
async function payByBankDebit(seller: Seller, viewer: Viewer, offerId: string) {
  const { sessionId } = await startSaleCheckout(world.deps, {
    tenantId: seller.tenantId,
    offerId,
    viewer: { viewerId: viewer.viewerId, email: viewer.email },
    successUrl: 'https://site.example/thanks',
    cancelUrl: 'https://site.example/back',
  });
  const { events } = world.stripe.payCheckoutByBankDebit(seller.accountId, sessionId);
  const [completed] = events;
  if (!completed) throw new Error('no checkout.session.completed');
  return { sessionId, completed };
}

function purchasesOf(seller: Seller, viewer: Viewer) {
  return viewerPurchases(world.deps, { tenantId: seller.tenantId, viewerId: viewer.viewerId, email: viewer.email });
}

async function refused(promise: Promise<unknown>): Promise<boolean> {
  return promise.then(
    () => false,
    (error: unknown) => {
      if (error instanceof PaymentRequiredError) return true;
      throw error;
    },
  );
}

it('completed unpaid grants nothing and shows "payment processing"; the payment succeeding grants it, once, with one receipt', async () => {
  const seller = await sellerWithStore(world.deps, world.stripe);
  const purchase = await offer(world.deps, seller, { kind: 'purchase', amount: 1499, name: 'Own the film' });
  const viewer = await signedInViewer(world.deps, seller);
  const { sessionId, completed } = await payByBankDebit(seller, viewer, purchase.id);
  expect(completed.event.type).toBe('checkout.session.completed');
  expect((completed.event.data as { object: { payment_status: string } }).object.payment_status).toBe('unpaid');

  expect(await deliver(world.deps, completed)).toBe('awaiting-payment');
  expect(await refused(play(world.deps, seller.videoId, viewer))).toBe(true);
  expect(await purchasesOf(seller, viewer)).toMatchObject([
    { name: 'Own the film', kind: 'purchase', status: 'processing', playable: false, accessEndsAt: null, amount: 1499, note: expect.stringContaining('Payment processing') },
  ]);
  expect(await world.database.db.selectFrom('entitlements').select('id').where('viewer_id', '=', viewer.viewerId).execute()).toEqual([]);

  const succeeded = world.stripe.settleBankDebit(seller.accountId, sessionId, 'succeeded');
  expect(succeeded.event.type).toBe('checkout.session.async_payment_succeeded');
  expect(await deliver(world.deps, succeeded)).toBe('created');
  expect(await deliver(world.deps, succeeded)).toBe('duplicate');
  await play(world.deps, seller.videoId, viewer);
  expect(await purchasesOf(seller, viewer)).toMatchObject([{ name: 'Own the film', status: 'active', playable: true, note: null }]);
  const receipts = await world.database.db.selectFrom('development_mailbox').select('kind').where('to_address', '=', viewer.email).execute();
  expect(receipts).toEqual([{ kind: 'purchase-receipt' }]);
});

it('a failed payment grants nothing and tells the viewer it did not go through; a late "completed" leaves it failed', async () => {
  const seller = await sellerWithStore(world.deps, world.stripe);
  const purchase = await offer(world.deps, seller, { kind: 'purchase', name: 'Own the other film' });
  const viewer = await signedInViewer(world.deps, seller);
  const { sessionId, completed } = await payByBankDebit(seller, viewer, purchase.id);
  const failed = world.stripe.settleBankDebit(seller.accountId, sessionId, 'failed');
  expect(failed.event.type).toBe('checkout.session.async_payment_failed');

  // Stripe does not promise order: the failure arrives first.
  expect(await deliver(world.deps, failed)).toBe('payment-failed');
  expect(await deliver(world.deps, completed)).toBe('awaiting-payment');
  expect(await deliver(world.deps, failed)).toBe('duplicate');
  const [shown] = await purchasesOf(seller, viewer);
  expect(shown).toMatchObject({ name: 'Own the other film', status: 'payment_failed', playable: false });
  expect(shown?.note).toBe('Your payment did not go through, so nothing was charged and this was not bought. Buy it again to pay another way.');
  expect(await refused(play(world.deps, seller.videoId, viewer))).toBe(true);
  expect(await world.database.db.selectFrom('entitlements').select('id').where('viewer_id', '=', viewer.viewerId).execute()).toEqual([]);
  // Row-level security: another tenant's scope sees none of this tenant's pending sales.
  const other = await sellerWithStore(world.deps, world.stripe);
  const seen = await withTenantScope(world.database.db, other.tenantId, (scoped) => scoped.selectFrom('pending_sales').select('tenant_id').execute());
  expect(seen.filter((row) => row.tenant_id !== other.tenantId)).toEqual([]);
  expect(await world.database.db.selectFrom('pending_sales').select('tenant_id').where('tenant_id', '=', seller.tenantId).execute()).toHaveLength(1);
});

it('success arriving before "completed" grants at once; the late "completed, unpaid" changes nothing', async () => {
  const seller = await sellerWithStore(world.deps, world.stripe);
  const rental = await offer(world.deps, seller, { kind: 'rental' });
  const viewer = await signedInViewer(world.deps, seller);
  const { sessionId, completed } = await payByBankDebit(seller, viewer, rental.id);
  const succeeded = world.stripe.settleBankDebit(seller.accountId, sessionId, 'succeeded');
  expect(await deliver(world.deps, succeeded)).toBe('created');
  expect(await deliver(world.deps, completed)).toBe('already-final');
  expect(await purchasesOf(seller, viewer)).toMatchObject([{ kind: 'rental', status: 'active', playable: true }]);
  expect(await world.database.db.selectFrom('pending_sales').select('id').where('viewer_id', '=', viewer.viewerId).execute()).toEqual([]);
  await play(world.deps, seller.videoId, viewer);
});
