// Which billing actions the page offers, from what billing.status says, and the addresses the payment
// provider sends the owner back to.
import type { BillingStatus } from '../api/api-types.js';

export interface BillingActions {
  /** "Change plan": the plan chooser, then a confirmation with the price. */
  changePlan: boolean;
  /** "Add a payment method": saves a card (or the ledger's stand-in) and changes no plan. */
  addPaymentMethod: boolean;
  /** "Manage billing": the provider's portal, where a card is changed or a failed invoice paid. */
  manage: boolean;
}

/**
 * All are the owner's. A payment method is offered until one is on file; managing needs the provider's portal
 * (Stripe) and something there: a subscription, or an unpaid invoice to pay.
 */
export function billingActions(status: Pick<BillingStatus, 'provider' | 'subscribed' | 'status' | 'paymentMethodOnFile'>, role: 'owner' | 'admin'): BillingActions {
  if (role !== 'owner') return { changePlan: false, addPaymentMethod: false, manage: false };
  return {
    changePlan: true,
    addPaymentMethod: !status.paymentMethodOnFile,
    manage: status.provider === 'stripe' && (status.subscribed || status.status === 'past_due'),
  };
}

export type CheckoutReturn = 'done' | 'cancelled' | 'card-saved';

/** Where the payment provider sends the owner back: this page, saying how it went (`?checkout=done`). */
export function checkoutReturnUrl(origin: string, outcome: CheckoutReturn): string {
  return `${origin}/usage?checkout=${outcome}`;
}

/** How it went, from the query string of the page the provider sent the owner back to. */
export function checkoutOutcome(search: string): CheckoutReturn | undefined {
  const outcome = new URLSearchParams(search).get('checkout');
  return outcome === 'done' || outcome === 'cancelled' || outcome === 'card-saved' ? outcome : undefined;
}

export const CHECKOUT_NOTICES: Record<CheckoutReturn, string> = {
  done: 'Payment received. The plan below changes as soon as the payment provider confirms the subscription, usually within a minute.',
  cancelled: 'Nothing was charged and your plan is unchanged.',
  'card-saved': 'Your payment method is saved. Your plan is unchanged.',
};
