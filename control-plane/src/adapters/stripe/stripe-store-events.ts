// Stripe events on a connected account → the sales domain's StoreEvent. Only what entitlements act on is decoded;
// anything else is acknowledged as ignored so Stripe stops retrying it. Field paths follow API version 2026-10-28
// (the SDK's): a subscription's period is on its items, an invoice names its subscription under parent.subscription_details.
import type Stripe from 'stripe';
import type { StoreEvent, StoreSaleMetadata, StoreSubscriptionState } from '../../ports.js';
import { idOf } from './stripe-webhook-events.js';

export function toStoreEvent(event: Stripe.Event): StoreEvent {
  const base = { eventId: event.id, accountId: event.account ?? '', createdAt: new Date(event.created * 1000) };
  const ignored: StoreEvent = { ...base, kind: 'ignored', type: event.type };
  // A platform event (no `account`) delivered to the Connect endpoint is not a sale.
  if (!event.account) return ignored;
  switch (event.type) {
    // A delayed payment method (SEPA debit, bank transfer) completes the session unpaid, then sends
    // async_payment_succeeded or async_payment_failed (docs.stripe.com/checkout/fulfillment, "delayed notification").
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed': {
      const session = event.data.object;
      return {
        ...base,
        kind: CHECKOUT_KINDS[event.type],
        sessionId: session.id,
        metadata: saleMetadata(session.metadata),
        paid: session.payment_status !== 'unpaid',
        subscriptionId: idOf(session.subscription) ?? null,
        paymentIntentId: idOf(session.payment_intent) ?? null,
        invoiceId: idOf(session.invoice) ?? null,
        customerId: idOf(session.customer) ?? null,
        customerEmail: session.customer_details?.email ?? session.customer_email ?? null,
        amountTotal: session.amount_total ?? 0,
        currency: session.currency ?? '',
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const state = subscriptionState(event.data.object);
      if (!state) return ignored;
      return { ...base, kind: 'subscription-changed', subscriptionId: event.data.object.id, ...state, ...(event.type === 'customer.subscription.deleted' ? { status: 'ended' as const } : {}) };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
      if (!subscriptionId) return ignored;
      if (event.type === 'invoice.payment_failed')
        return { ...base, kind: 'invoice-payment-failed', subscriptionId, nextAttemptAt: invoice.next_payment_attempt ? fromUnix(invoice.next_payment_attempt) : null };
      const line = invoice.lines.data[0];
      return {
        ...base,
        kind: 'invoice-paid',
        subscriptionId,
        invoiceId: invoice.id,
        periodStart: fromUnix(line?.period.start ?? invoice.period_start),
        periodEnd: fromUnix(line?.period.end ?? invoice.period_end),
        amountPaid: invoice.amount_paid,
        currency: invoice.currency,
      };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const paymentIntentId = idOf(charge.payment_intent);
      if (!paymentIntentId) return ignored;
      return {
        ...base,
        kind: 'charge-refunded',
        paymentIntentId,
        applicationFeeId: idOf(charge.application_fee) ?? null,
        fullyRefunded: charge.refunded,
        amountRefunded: charge.amount_refunded,
        currency: charge.currency,
      };
    }
    case 'charge.dispute.created': {
      const paymentIntentId = idOf(event.data.object.payment_intent);
      if (!paymentIntentId) return ignored;
      return { ...base, kind: 'charge-disputed', paymentIntentId };
    }
    case 'account.updated': {
      const account = event.data.object;
      return { ...base, kind: 'account-updated', chargesEnabled: account.charges_enabled ?? false, detailsSubmitted: account.details_submitted ?? false };
    }
    case 'account.application.deauthorized':
      return { ...base, kind: 'account-deauthorized' };
    default:
      return ignored;
  }
}

const CHECKOUT_KINDS = {
  'checkout.session.completed': 'checkout-completed',
  'checkout.session.async_payment_succeeded': 'checkout-payment-succeeded',
  'checkout.session.async_payment_failed': 'checkout-payment-failed',
} as const;

export function subscriptionState(subscription: Stripe.Subscription): StoreSubscriptionState | undefined {
  const item = subscription.items.data[0];
  if (!item) return undefined;
  return {
    status: subscriptionStatus(subscription.status),
    periodStart: fromUnix(item.current_period_start),
    periodEnd: fromUnix(item.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
  };
}

function subscriptionStatus(status: Stripe.Subscription.Status): StoreSubscriptionState['status'] {
  // `unpaid` (retries exhausted), `canceled`, `incomplete`, `incomplete_expired`, `paused`: no access.
  const playing: readonly string[] = ['trialing', 'active', 'past_due'];
  return playing.includes(status) ? (status as 'trialing' | 'active' | 'past_due') : 'ended';
}

function saleMetadata(metadata: Stripe.Metadata | null | undefined): StoreSaleMetadata | undefined {
  const tenantId = metadata?.tenant_id;
  const offerId = metadata?.offer_id;
  const viewerId = metadata?.viewer_id;
  return tenantId && offerId && viewerId ? { tenantId, offerId, viewerId } : undefined;
}

function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}
