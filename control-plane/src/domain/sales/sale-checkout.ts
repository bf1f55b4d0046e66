// A viewer buys an offer: a Checkout Session on the tenant's connected account, with the platform's fee (a share of a
// one-off payment as an amount; of every subscription invoice as a percentage), promotion codes allowed, the offer's
// trial, and metadata naming tenant, offer and viewer so the webhook can grant exactly that. Nothing is granted here.
import type { DomainDeps } from '../deps.js';
import { conflict } from '../errors.js';
import { planOf } from '../billing/plans.js';
import { offerOf, pricedOffer } from './offers.js';
import { sellingAccount, storePaymentsOf } from './store-accounts.js';

export async function startSaleCheckout(
  deps: Pick<DomainDeps, 'db' | 'storePayments'>,
  /** The viewer as their pool's token names them (viewer-token procedures verify it). */
  input: { tenantId: string; offerId: string; viewer: { viewerId: string; email: string }; successUrl: string; cancelUrl: string },
): Promise<{ url: string; sessionId: string }> {
  const accountId = await sellingAccount(deps, input.tenantId);
  const offer = await offerOf(deps, input.tenantId, input.offerId);
  if (offer.archived_at) throw conflict('This offer is no longer on sale.');
  const priced = await pricedOffer(deps, offer, accountId);
  const tenant = await deps.db.selectFrom('tenants').select('plan').where('id', '=', input.tenantId).executeTakeFirstOrThrow();
  const feePercent = planOf(tenant.plan).salesFeePercent;
  const subscription = offer.kind === 'subscription';
  return storePaymentsOf(deps).createCheckout({
    accountId,
    mode: subscription ? 'subscription' : 'payment',
    priceId: priced.stripe_price_id ?? '',
    applicationFee: subscription ? { percent: feePercent } : { amount: Math.round((offer.amount * feePercent) / 100) },
    trialDays: offer.trial_days,
    customerEmail: input.viewer.email,
    metadata: { tenantId: input.tenantId, offerId: offer.id, viewerId: input.viewer.viewerId },
    successUrl: input.successUrl,
    cancelUrl: input.cancelUrl,
  });
}
