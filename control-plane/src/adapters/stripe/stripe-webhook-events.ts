// Stripe events → the billing domain's webhook events. Only what billing acts on is decoded; everything else is
// acknowledged as ignored so Stripe stops retrying it.
import type Stripe from 'stripe';
import type { BillingWebhookEvent, ProviderInvoice } from '../../ports.js';

export function toBillingWebhookEvent(event: Stripe.Event): BillingWebhookEvent {
  const ignored: BillingWebhookEvent = { kind: 'ignored', eventId: event.id, type: event.type };
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      const customerId = idOf(session.customer);
      const subscriptionId = idOf(session.subscription);
      const tenantId = session.metadata?.tenant_id ?? session.client_reference_id;
      const planId = session.metadata?.plan_id;
      if (session.mode !== 'subscription' || !customerId || !subscriptionId || !tenantId || !planId) return ignored;
      return { kind: 'checkout-completed', eventId: event.id, customerId, tenantId, planId, subscriptionId };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const customerId = idOf(invoice.customer);
      if (!customerId || !invoice.id) return ignored;
      return { kind: event.type === 'invoice.paid' ? 'invoice-paid' : 'invoice-payment-failed', eventId: event.id, customerId, invoice: toProviderInvoice(invoice) };
    }
    case 'customer.subscription.updated': {
      // A plan switched in the customer portal: the plan is the one whose fee price the subscription now holds.
      const subscription = event.data.object;
      const customerId = idOf(subscription.customer);
      const planId = subscription.items.data.map((item) => planOfLookupKey(item.price.lookup_key)).find((plan) => plan !== undefined) ?? subscription.metadata?.plan_id;
      if (!customerId || !planId || !['active', 'trialing', 'past_due'].includes(subscription.status)) return ignored;
      return { kind: 'subscription-changed', eventId: event.id, customerId, subscriptionId: subscription.id, planId };
    }
    case 'customer.subscription.deleted': {
      const subscription = event.data.object;
      const customerId = idOf(subscription.customer);
      if (!customerId) return ignored;
      return { kind: 'subscription-ended', eventId: event.id, customerId, subscriptionId: subscription.id };
    }
    default:
      return ignored;
  }
}

function toProviderInvoice(invoice: Stripe.Invoice): ProviderInvoice {
  return {
    id: invoice.id ?? '',
    amountDueCents: invoice.amount_due,
    hostedUrl: invoice.hosted_invoice_url ?? null,
    periodStart: fromUnix(invoice.period_start),
    periodEnd: fromUnix(invoice.period_end),
    nextAttemptAt: fromUnix(invoice.next_payment_attempt),
  };
}

/** Our prices' lookup keys read `ott_{plan}_{part}_{digest}` (see stripe-catalog.ts); the fee names the plan. */
function planOfLookupKey(lookupKey: string | null | undefined): string | undefined {
  return lookupKey ? /^ott_([a-z]+)_fee_/.exec(lookupKey)?.[1] : undefined;
}

export function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}

function fromUnix(seconds: number | null | undefined): Date | null {
  return typeof seconds === 'number' ? new Date(seconds * 1000) : null;
}
