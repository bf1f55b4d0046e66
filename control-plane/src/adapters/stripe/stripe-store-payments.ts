// Stripe Connect behind the StorePayments port: an Express account per tenant, its onboarding link, and everything
// else on the connected account (the `stripeAccount` request option sends the Stripe-Account header): the offer's
// product and price, Checkout with the platform's application fee, the customer portal. Connect webhooks are verified
// with their own endpoint's signing secret.
import Stripe from 'stripe';
import { unauthenticated } from '../../domain/errors.js';
import type { StoreAccountState, StoreApplicationFee, StoreCheckoutInput, StoreEvent, StorePayments, StorePriceInput, StoreSubscriptionState } from '../../ports.js';
import { subscriptionState, toStoreEvent } from './stripe-store-events.js';
import { stripeClientOptions } from './stripe-client-options.js';

export interface StripeStorePaymentsOptions {
  secretKey: string;
  /** Signing secret of the Connect webhook endpoint (`whsec_…`); Connect webhooks are refused without it. */
  connectWebhookSecret: string | undefined;
  apiUrl?: string;
  maxNetworkRetries?: number;
}

export class StripeStorePayments implements StorePayments {
  readonly provider = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeStorePaymentsOptions) {
    this.stripe = new Stripe(options.secretKey, stripeClientOptions(options));
  }

  async createAccount(input: { tenantId: string; email: string | null; replacing?: string }): Promise<{ accountId: string }> {
    const account = await this.stripe.accounts.create(
      {
        type: 'express',
        ...(input.email ? { email: input.email } : {}),
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        metadata: { tenant_id: input.tenantId },
      },
      { idempotencyKey: `ott-store-account-${input.tenantId}${input.replacing ? `-after-${input.replacing}` : ''}` },
    );
    return { accountId: account.id };
  }

  async onboardingLink(input: { accountId: string; returnUrl: string; refreshUrl: string }): Promise<{ url: string }> {
    const link = await this.stripe.accountLinks.create({ account: input.accountId, type: 'account_onboarding', return_url: input.returnUrl, refresh_url: input.refreshUrl });
    return { url: link.url };
  }

  async readAccount(accountId: string): Promise<StoreAccountState> {
    const account = await this.stripe.accounts.retrieve(accountId);
    return { accountId: account.id, chargesEnabled: account.charges_enabled ?? false, detailsSubmitted: account.details_submitted ?? false };
  }

  async readSubscription(accountId: string, subscriptionId: string): Promise<StoreSubscriptionState> {
    const subscription = await this.stripe.subscriptions.retrieve(subscriptionId, {}, { stripeAccount: accountId });
    const state = subscriptionState(subscription);
    if (!state) throw new Error(`Stripe subscription ${subscriptionId} has no items`);
    return state;
  }

  async createPrice(input: StorePriceInput): Promise<{ productId: string; priceId: string }> {
    const on = { stripeAccount: input.accountId };
    const product = await this.stripe.products.create({ name: input.name, metadata: { offer_id: input.offerId } }, { ...on, idempotencyKey: `ott-offer-product-${input.offerId}` });
    const price = await this.stripe.prices.create(
      { product: product.id, unit_amount: input.amount, currency: input.currency, ...(input.interval ? { recurring: { interval: input.interval } } : {}), metadata: { offer_id: input.offerId } },
      { ...on, idempotencyKey: `ott-offer-price-${input.offerId}` },
    );
    return { productId: product.id, priceId: price.id };
  }

  async createCheckout(input: StoreCheckoutInput): Promise<{ sessionId: string; url: string }> {
    const metadata = { tenant_id: input.metadata.tenantId, offer_id: input.metadata.offerId, viewer_id: input.metadata.viewerId };
    const fee = input.applicationFee;
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: input.mode,
        line_items: [{ price: input.priceId, quantity: 1 }],
        customer_email: input.customerEmail,
        allow_promotion_codes: true,
        metadata,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        // A payment's fee is an amount on its PaymentIntent; a subscription's a percentage of every invoice.
        ...(input.mode === 'payment'
          ? { payment_intent_data: { metadata, ...('amount' in fee ? { application_fee_amount: fee.amount } : {}) } }
          : { subscription_data: { metadata, ...('percent' in fee ? { application_fee_percent: fee.percent } : {}), ...(input.trialDays > 0 ? { trial_period_days: input.trialDays } : {}) } }),
      },
      { stripeAccount: input.accountId },
    );
    if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
    return { sessionId: session.id, url: session.url };
  }

  async customerPortal(input: { accountId: string; customerId: string; returnUrl: string }): Promise<{ url: string }> {
    const session = await this.stripe.billingPortal.sessions.create({ customer: input.customerId, return_url: input.returnUrl }, { stripeAccount: input.accountId });
    return { url: session.url };
  }

  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): StoreEvent {
    if (!this.options.connectWebhookSecret) throw unauthenticated('Connect webhooks are not accepted: STRIPE_CONNECT_WEBHOOK_SECRET is not configured.');
    if (!signatureHeader) throw unauthenticated('The Stripe-Signature header is missing.');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.options.connectWebhookSecret);
    } catch {
      throw unauthenticated('The Stripe signature does not match this Connect endpoint.');
    }
    return toStoreEvent(event);
  }

  async applicationFeeOf(event: StoreEvent): Promise<StoreApplicationFee | undefined> {
    const on = { stripeAccount: event.accountId };
    switch (event.kind) {
      case 'checkout-completed':
      case 'checkout-payment-succeeded': {
        if (!event.paid) return undefined;
        // A payment's fee is on its PaymentIntent, capped at what was received (docs.stripe.com/api/payment_intents/object).
        if (event.paymentIntentId) {
          const intent = await this.stripe.paymentIntents.retrieve(event.paymentIntentId, {}, on);
          return { amount: Math.min(intent.application_fee_amount ?? 0, intent.amount_received), refunded: 0 };
        }
        return event.invoiceId ? this.invoiceFee(event.invoiceId, on) : undefined;
      }
      case 'invoice-paid':
        return this.invoiceFee(event.invoiceId, on);
      case 'charge-refunded': {
        if (!event.applicationFeeId) return { amount: 0, refunded: 0 };
        // The Application Fee object lives on the platform's own account (docs.stripe.com/api/application_fees): read
        // without Stripe-Account. Its application_fee.refunded event goes to the platform's endpoint, not the Connect one.
        const fee = await this.stripe.applicationFees.retrieve(event.applicationFeeId);
        return { amount: fee.amount, refunded: fee.amount_refunded };
      }
      default:
        return undefined;
    }
  }

  /**
   * Since API version 2025-03-31.basil an invoice no longer carries application_fee_amount: the fee is on the
   * PaymentIntents of its payments (docs.stripe.com/changelog/basil/2025-03-31/add-support-for-multiple-partial-payments-on-invoices).
   */
  private async invoiceFee(invoiceId: string, on: { stripeAccount: string }): Promise<StoreApplicationFee | undefined> {
    const invoice = await this.stripe.invoices.retrieve(invoiceId, { expand: ['payments.data.payment.payment_intent'] }, on);
    if (invoice.amount_paid === 0) return { amount: 0, refunded: 0 };
    const intents = (invoice.payments?.data ?? []).filter((payment) => payment.status === 'paid').map((payment) => payment.payment.payment_intent);
    if (intents.length === 0 || intents.some((intent) => typeof intent !== 'object' || intent === null)) return undefined;
    const amount = intents.reduce((sum, intent) => sum + (typeof intent === 'object' && intent ? (intent.application_fee_amount ?? 0) : 0), 0);
    return { amount, refunded: 0 };
  }
}
