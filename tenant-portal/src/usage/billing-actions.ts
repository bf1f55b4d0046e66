// Which billing buttons the page offers, from what billing.status says, and the addresses the payment
// provider sends the owner back to.
import type { BillingStatus, CheckoutPlan } from '../api/api-types.js';

export interface BillingActions {
  /** "Add a payment method": Checkout for this plan; null when there is a subscription already. */
  checkoutPlan: CheckoutPlan | null;
  /** "Manage billing": the provider's portal, where a card is changed or a failed invoice paid. */
  manage: boolean;
}

/**
 * Both procedures are the owner's. Checkout starts a subscription, so it is offered only without one (a second
 * would be refused); the free plan's checkout is Pro's. Managing needs a subscription, or an unpaid invoice to pay.
 */
export function billingActions(status: Pick<BillingStatus, 'plan' | 'subscribed' | 'status'>, role: 'owner' | 'admin'): BillingActions {
  if (role !== 'owner') return { checkoutPlan: null, manage: false };
  return {
    checkoutPlan: status.subscribed ? null : status.plan?.id === 'enterprise' ? 'enterprise' : 'pro',
    manage: status.subscribed || status.status === 'past_due',
  };
}

export type CheckoutReturn = 'done' | 'cancelled';

/** Where Checkout sends the owner back: this page, saying how it went (`?checkout=done`). */
export function checkoutReturnUrl(origin: string, outcome: CheckoutReturn): string {
  return `${origin}/usage?checkout=${outcome}`;
}

/** How Checkout went, from the query string of the page it sent the owner back to. */
export function checkoutOutcome(search: string): CheckoutReturn | undefined {
  const outcome = new URLSearchParams(search).get('checkout');
  return outcome === 'done' || outcome === 'cancelled' ? outcome : undefined;
}

export const CHECKOUT_NOTICES: Record<CheckoutReturn, string> = {
  done: 'Your payment method is saved. The plan below changes as soon as the payment provider confirms the subscription, usually within a minute.',
  cancelled: 'Checkout was cancelled: nothing was charged and your plan is unchanged.',
};
