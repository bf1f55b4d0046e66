// Subscribing to a paid plan and managing payment: Checkout collects the card and creates the subscription
// (Stripe), or switches the plan at once (local ledger, where there is no card to collect); plan-changes.ts starts
// it once the owner has confirmed the price. The customer portal
// is where a paying tenant updates the card, pays a failed invoice or cancels. Both send the owner back to an
// address the caller gives, and only the portal's own pages are accepted: any other would make Stripe's trusted
// pages an open redirect to a look-alike sign-in page.
import type { DomainDeps } from '../deps.js';
import { conflict, DomainError, invalid } from '../errors.js';
import { PLANS, type PlanId } from './plans.js';
import { ensureBillingAccount } from './billing-accounts.js';
import { changePlan } from './billing-periods.js';

type Deps = Pick<DomainDeps, 'db' | 'billing' | 'clock' | 'urls'>;

export type CheckoutResult = { kind: 'redirect'; url: string } | { kind: 'completed'; plan: { id: PlanId; name: string } };

export async function startCheckout(deps: Deps, tenantId: string, input: { planId: PlanId; successUrl: string; cancelUrl: string }): Promise<CheckoutResult> {
  const plan = PLANS[input.planId];
  const successUrl = portalPage(deps, input.successUrl, 'successUrl');
  const cancelUrl = portalPage(deps, input.cancelUrl, 'cancelUrl');
  if (plan.id === 'free') throw invalid('The Free plan needs no checkout. To leave a paid plan, choose Free under Change plan.');
  const tenant = await deps.db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const account = await ensureBillingAccount(deps, tenantId);
  if (tenant.plan === plan.id && account.subscriptionId) throw conflict(`You are already on the ${plan.name} plan.`);
  // A second Checkout would start a second subscription: an existing one changes plan in the portal.
  if (account.subscriptionId && deps.billing.provider === 'stripe') {
    throw conflict(`You already have a subscription. Switch to ${plan.name} with Change plan on the Usage & billing page.`);
  }
  const started = await deps.billing.startCheckout({ customerId: account.customerId, tenantId, planId: plan.id, successUrl, cancelUrl });
  if (started.kind === 'redirect') return started;
  await deps.db.updateTable('billing_accounts').set({ subscription_id: started.subscriptionId, updated_at: deps.clock.now() }).where('tenant_id', '=', tenantId).execute();
  await changePlan(deps.db, tenantId, plan.id, deps.clock.now());
  return { kind: 'completed', plan: { id: plan.id, name: plan.name } };
}

export async function openBillingPortal(deps: Deps, tenantId: string, returnUrl: string): Promise<{ url: string }> {
  const back = portalPage(deps, returnUrl, 'returnUrl');
  const account = await ensureBillingAccount(deps, tenantId);
  const portal = await deps.billing.openPortal({ customerId: account.customerId, returnUrl: back });
  if (!portal) {
    throw new DomainError('not-ready', 'This installation bills with its local ledger: there is no card or billing account to manage. Your invoices are listed on the Usage & billing page.');
  }
  return portal;
}

/** `url` when it is a page of the portal (the API's public origin, which serves it); refused otherwise. */
export function portalPage(deps: Pick<Deps, 'urls'>, url: string, field: string): string {
  const portal = new URL(deps.urls.api).origin;
  let origin: string | undefined;
  try {
    origin = new URL(url).origin;
  } catch {
    origin = undefined;
  }
  if (origin !== portal) throw invalid(`${field} must be a page of the OTT Cloud portal, such as ${portal}/usage: the payment provider sends you back there and nowhere else.`);
  return url;
}
