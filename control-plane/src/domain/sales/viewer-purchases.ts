// A viewer's own side of sales, signed in with the tenant's viewer pool: buying an offer, "my subscriptions and
// purchases", and Stripe's customer portal on the tenant's account (cancel, change card, invoices).
import type { DomainDeps } from '../deps.js';
import { forbidden, notFound } from '../errors.js';
import type { SignedInViewer } from '../viewers/signed-in-viewer.js';
import { accessEndsAt } from './entitlement-access.js';
import { startSaleCheckout } from './sale-checkout.js';
import { storePaymentsOf } from './store-accounts.js';

export interface ViewerPurchase {
  id: string;
  offerId: string;
  name: string;
  kind: 'subscription' | 'rental' | 'purchase' | 'bundle';
  /** `processing`: paid by a delayed method (a bank debit), no access until the money arrives; `payment_failed`: it did not. */
  status: 'active' | 'trialing' | 'past_due' | 'ended' | 'refunded' | 'disputed' | 'processing' | 'payment_failed';
  /** Null: for good (a purchase), or no access now (see status). */
  accessEndsAt: Date | null;
  playable: boolean;
  cancelAtPeriodEnd: boolean;
  amount: number;
  currency: string;
  purchasedAt: Date;
  /** What the viewer should know about a sale still waiting for its money, or whose payment failed. */
  note: string | null;
}

const PROCESSING_NOTE = 'Payment processing: your bank has not confirmed the payment yet (this can take a few days). You can watch as soon as it does.';
const FAILED_NOTE = 'Your payment did not go through, so nothing was charged and this was not bought. Buy it again to pay another way.';

export async function buyOffer(
  deps: Pick<DomainDeps, 'db' | 'storePayments' | 'urls'>,
  viewer: SignedInViewer,
  input: { offerId: string; successUrl: string; cancelUrl: string },
): Promise<{ url: string }> {
  await assertReturnUrl(deps, viewer.tenantId, input.successUrl);
  await assertReturnUrl(deps, viewer.tenantId, input.cancelUrl);
  const { url } = await startSaleCheckout(deps, { tenantId: viewer.tenantId, offerId: input.offerId, viewer, successUrl: input.successUrl, cancelUrl: input.cancelUrl });
  return { url };
}

export async function viewerPurchases(deps: Pick<DomainDeps, 'db' | 'clock'>, viewer: SignedInViewer): Promise<ViewerPurchase[]> {
  const rows = await deps.db
    .selectFrom('entitlements')
    .innerJoin('offers', 'offers.id', 'entitlements.offer_id')
    .selectAll('entitlements')
    .select('offers.name')
    .where('entitlements.tenant_id', '=', viewer.tenantId)
    .where('entitlements.viewer_id', '=', viewer.viewerId)
    .orderBy('entitlements.created_at', 'desc')
    .limit(200)
    .execute();
  const pending = await deps.db
    .selectFrom('pending_sales')
    .innerJoin('offers', 'offers.id', 'pending_sales.offer_id')
    .selectAll('pending_sales')
    .select(['offers.name', 'offers.kind'])
    .where('pending_sales.tenant_id', '=', viewer.tenantId)
    .where('pending_sales.viewer_id', '=', viewer.viewerId)
    .orderBy('pending_sales.created_at', 'desc')
    .limit(50)
    .execute();
  const now = deps.clock.now();
  const waiting = pending.map((row): ViewerPurchase => ({
    id: row.id,
    offerId: row.offer_id,
    name: row.name,
    kind: row.kind,
    status: row.status === 'failed' ? 'payment_failed' : 'processing',
    accessEndsAt: null,
    playable: false,
    cancelAtPeriodEnd: false,
    amount: row.amount,
    currency: row.currency,
    purchasedAt: row.created_at,
    note: row.status === 'failed' ? FAILED_NOTE : PROCESSING_NOTE,
  }));
  const bought = rows.map((row): ViewerPurchase => {
    const ends = accessEndsAt(row, now);
    return {
      id: row.id,
      offerId: row.offer_id,
      name: row.name,
      kind: row.kind,
      status: row.status,
      // An unstarted rental's end is not set yet: it starts on first play.
      accessEndsAt: ends instanceof Date && !(row.kind === 'rental' && !row.rental_started_at) ? ends : null,
      playable: ends !== undefined,
      cancelAtPeriodEnd: row.cancel_at_period_end,
      amount: row.amount,
      currency: row.currency,
      purchasedAt: row.created_at,
      note: null,
    };
  });
  return [...waiting, ...bought].sort((a, b) => b.purchasedAt.getTime() - a.purchasedAt.getTime());
}

/** Stripe's customer portal for the viewer's subscriptions on the tenant's account. */
export async function viewerCustomerPortal(deps: Pick<DomainDeps, 'db' | 'storePayments' | 'urls'>, viewer: SignedInViewer, returnUrl: string): Promise<{ url: string }> {
  await assertReturnUrl(deps, viewer.tenantId, returnUrl);
  const sale = await deps.db
    .selectFrom('entitlements')
    .select(['stripe_account_id', 'stripe_customer_id'])
    .where('tenant_id', '=', viewer.tenantId)
    .where('viewer_id', '=', viewer.viewerId)
    .where('stripe_customer_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!sale?.stripe_customer_id) throw notFound('A purchase to manage');
  return storePaymentsOf(deps).customerPortal({ accountId: sale.stripe_account_id, customerId: sale.stripe_customer_id, returnUrl });
}

/** Stripe sends the viewer back here: only to the tenant's own site (its viewer site or allowed origins) or the platform. */
async function assertReturnUrl(deps: Pick<DomainDeps, 'db' | 'urls'>, tenantId: string, url: string): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select(['viewer_site_url', 'allowed_origins']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  const allowed = new Set([originOf(deps.urls.api), ...(tenant.viewer_site_url ? [originOf(tenant.viewer_site_url)] : []), ...tenant.allowed_origins.map(originOf)]);
  if (!allowed.has(originOf(url))) throw forbidden(`Checkout can only return to this site's own pages (${[...allowed].filter(Boolean).join(', ')}): ${url} is elsewhere.`);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
