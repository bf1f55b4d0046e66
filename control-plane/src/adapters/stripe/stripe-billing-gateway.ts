// Stripe Billing behind the BillingGateway port: a customer per tenant, Checkout for the first subscription (monthly
// fee + metered prices) and in setup mode for a payment method alone, plan changes previewed and applied with the
// same proration date, Billing Meter events carrying our identifiers, the customer portal,
// and webhooks verified with constructEvent. The only module that imports `stripe` besides its catalog.
import Stripe from 'stripe';
import { unauthenticated } from '../../domain/errors.js';
import { isPlanId } from '../../domain/billing/plans.js';
import type { BillingGateway, BillingWebhookEvent, MeterEventOutcome, MeterEventToSend, ProviderPlanChangeQuote } from '../../ports.js';
import { ensureCatalog, METER_EVENT_NAMES, type StripeCatalog } from './stripe-catalog.js';
import { toBillingWebhookEvent } from './stripe-webhook-events.js';
import { stripeClientOptions } from './stripe-client-options.js';

export interface StripeGatewayOptions {
  secretKey: string;
  /** Signing secret of the webhook endpoint (`whsec_…`); webhooks are refused without it. */
  webhookSecret: string | undefined;
  /** Another API base, e.g. a local fake in tests; Stripe's own when absent. */
  apiUrl?: string;
  maxNetworkRetries?: number;
}

export class StripeBillingGateway implements BillingGateway {
  readonly provider = 'stripe' as const;
  private readonly stripe: Stripe;
  private catalog: Promise<StripeCatalog> | undefined;

  constructor(private readonly options: StripeGatewayOptions) {
    this.stripe = new Stripe(options.secretKey, stripeClientOptions(options));
  }

  async createCustomer(input: { tenantId: string; name: string; email: string | null }): Promise<{ customerId: string }> {
    const customer = await this.stripe.customers.create(
      { name: input.name, ...(input.email ? { email: input.email } : {}), metadata: { tenant_id: input.tenantId } },
      // Same key for the same tenant: a retry after a crash gets the customer created the first time.
      { idempotencyKey: `ott-customer-${input.tenantId}` },
    );
    return { customerId: customer.id };
  }

  async sendMeterEvents(events: readonly MeterEventToSend[]): Promise<MeterEventOutcome[]> {
    await this.ensureCatalog();
    const outcomes: MeterEventOutcome[] = [];
    // One at a time: Stripe allows one concurrent meter-event call per customer and meter.
    for (const event of events) {
      try {
        await this.stripe.billing.meterEvents.create({
          event_name: METER_EVENT_NAMES[event.meter],
          identifier: event.identifier,
          timestamp: Math.floor(event.timestamp.getTime() / 1000),
          payload: { stripe_customer_id: event.customerId, value: event.value },
        });
        outcomes.push({ identifier: event.identifier, status: 'accepted' });
      } catch (error) {
        if (isDuplicateIdentifier(error)) {
          // Sent before (the flusher stopped before recording it): Stripe kept the first one, which is what we want.
          outcomes.push({ identifier: event.identifier, status: 'accepted' });
        } else if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          outcomes.push({ identifier: event.identifier, status: 'rejected', reason: `Stripe refused the meter event: ${error.message}` });
        } else {
          throw error;
        }
      }
    }
    return outcomes;
  }

  async startCheckout(input: { customerId: string; tenantId: string; planId: string; successUrl: string; cancelUrl: string }): Promise<{ kind: 'redirect'; url: string }> {
    if (!isPlanId(input.planId)) throw new Error(`unknown plan ${input.planId}`);
    const catalog = await this.ensureCatalog();
    const [fee, ...metered] = catalog.pricesFor(input.planId);
    const session = await this.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: input.customerId,
      client_reference_id: input.tenantId,
      line_items: [...(fee ? [{ price: fee, quantity: 1 }] : []), ...metered.map((price) => ({ price }))],
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      metadata: { tenant_id: input.tenantId, plan_id: input.planId },
      subscription_data: { metadata: { tenant_id: input.tenantId, plan_id: input.planId } },
    });
    if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
    return { kind: 'redirect', url: session.url };
  }

  /** Checkout in `setup` mode saves a card on the customer and charges nothing (docs.stripe.com/payments/save-and-reuse; setup mode needs `currency`). */
  async startPaymentMethodSetup(input: { customerId: string; tenantId: string; successUrl: string; cancelUrl: string }): Promise<{ kind: 'redirect'; url: string }> {
    const session = await this.stripe.checkout.sessions.create({
      mode: 'setup',
      currency: 'usd',
      customer: input.customerId,
      client_reference_id: input.tenantId,
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      metadata: { tenant_id: input.tenantId },
    });
    if (!session.url) throw new Error('Stripe returned a setup session without a URL');
    return { kind: 'redirect', url: session.url };
  }

  /**
   * Stripe's own numbers, from a preview invoice (docs.stripe.com/api/invoices/create_preview): for a subscription,
   * its proration lines at `at` (the update passes the same proration_date, so it charges exactly this); without
   * one, the first invoice of a new subscription.
   */
  async previewPlanChange(input: { customerId: string; subscriptionId: string | null; planId: string; at: Date }): Promise<ProviderPlanChangeQuote> {
    const prorationDate = Math.floor(input.at.getTime() / 1000);
    if (!input.subscriptionId) {
      const preview = await this.stripe.invoices.createPreview({ customer: input.customerId, subscription_details: { items: await this.itemsFor(input.planId) } });
      const periodEnd = Math.max(...preview.lines.data.map((line) => line.period.end));
      return { chargeNowCents: preview.amount_due, nextPeriodStartsAt: new Date(periodEnd * 1000) };
    }
    const subscription = await this.stripe.subscriptions.retrieve(input.subscriptionId);
    const preview = await this.stripe.invoices.createPreview({
      customer: input.customerId,
      subscription: input.subscriptionId,
      subscription_details: { items: await this.replacementItems(subscription, input.planId), proration_behavior: 'always_invoice', proration_date: prorationDate },
    });
    const prorations = preview.lines.data.filter((line) => line.parent?.subscription_item_details?.proration === true);
    return { chargeNowCents: prorations.reduce((sum, line) => sum + line.amount, 0), nextPeriodStartsAt: new Date(currentPeriodEnd(subscription) * 1000) };
  }

  async upgradeSubscription(input: { subscriptionId: string; planId: string; at: Date }): Promise<void> {
    const subscription = await this.stripe.subscriptions.retrieve(input.subscriptionId);
    await this.stripe.subscriptions.update(input.subscriptionId, {
      items: await this.replacementItems(subscription, input.planId),
      proration_behavior: 'always_invoice',
      proration_date: Math.floor(input.at.getTime() / 1000),
      metadata: { plan_id: input.planId },
    });
  }

  /**
   * To Free: `cancel_at_period_end`. To a cheaper paid plan: a subscription schedule made from the subscription, its
   * current phase kept to the period's end, then one on the new plan's prices, released after it
   * (docs.stripe.com/billing/subscriptions/subscription-schedules: "Upgrading or downgrading a subscription").
   */
  async scheduleSubscriptionChange(input: { subscriptionId: string; planId: string }): Promise<void> {
    if (input.planId === 'free') {
      await this.stripe.subscriptions.update(input.subscriptionId, { cancel_at_period_end: true });
      return;
    }
    const subscription = await this.stripe.subscriptions.retrieve(input.subscriptionId);
    const scheduleId = subscriptionScheduleId(subscription) ?? (await this.stripe.subscriptionSchedules.create({ from_subscription: input.subscriptionId })).id;
    const current = subscription.items.data;
    await this.stripe.subscriptionSchedules.update(scheduleId, {
      end_behavior: 'release',
      phases: [
        {
          items: current.map((item) => ({ price: item.price.id, ...(item.price.recurring?.usage_type === 'metered' ? {} : { quantity: item.quantity ?? 1 }) })),
          start_date: Math.min(...current.map((item) => item.current_period_start)),
          end_date: currentPeriodEnd(subscription),
        },
        { items: await this.itemsFor(input.planId), duration: { interval: 'month', interval_count: 1 }, metadata: { plan_id: input.planId } },
      ],
    });
  }

  async cancelScheduledSubscriptionChange(input: { subscriptionId: string }): Promise<void> {
    const subscription = await this.stripe.subscriptions.retrieve(input.subscriptionId);
    const scheduleId = subscriptionScheduleId(subscription);
    if (scheduleId) await this.stripe.subscriptionSchedules.release(scheduleId);
    if (subscription.cancel_at_period_end) await this.stripe.subscriptions.update(input.subscriptionId, { cancel_at_period_end: false });
  }

  async openPortal(input: { customerId: string; returnUrl: string }): Promise<{ url: string }> {
    const session = await this.stripe.billingPortal.sessions.create({ customer: input.customerId, return_url: input.returnUrl });
    return { url: session.url };
  }

  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): BillingWebhookEvent {
    if (!this.options.webhookSecret) throw unauthenticated('Stripe webhooks are not accepted: STRIPE_WEBHOOK_SECRET is not set.');
    if (!signatureHeader) throw unauthenticated('The Stripe-Signature header is missing.');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.options.webhookSecret);
    } catch {
      throw unauthenticated('The webhook signature does not match (wrong STRIPE_WEBHOOK_SECRET, altered body, or too old).');
    }
    return toBillingWebhookEvent(event);
  }

  /** A plan's prices as subscription items: the fee (quantity 1), then its metered prices (no quantity). */
  private async itemsFor(planId: string): Promise<{ price: string; quantity?: number }[]> {
    if (!isPlanId(planId)) throw new Error(`unknown plan ${planId}`);
    const [fee, ...metered] = (await this.ensureCatalog()).pricesFor(planId);
    return [...(fee ? [{ price: fee, quantity: 1 }] : []), ...metered.map((price) => ({ price }))];
  }

  /** The subscription's items swapped for another plan's: every current item deleted, the new ones added. */
  private async replacementItems(subscription: Stripe.Subscription, planId: string): Promise<({ id: string; deleted: true } | { price: string; quantity?: number })[]> {
    return [...subscription.items.data.map((item) => ({ id: item.id, deleted: true as const })), ...(await this.itemsFor(planId))];
  }

  private ensureCatalog(): Promise<StripeCatalog> {
    this.catalog ??= ensureCatalog(this.stripe).catch((error: unknown) => {
      this.catalog = undefined;
      throw error;
    });
    return this.catalog;
  }
}

function subscriptionScheduleId(subscription: Stripe.Subscription): string | undefined {
  const schedule = subscription.schedule;
  return typeof schedule === 'string' ? schedule : (schedule?.id ?? undefined);
}

/** Since API version 2025-03-31 the period lives on the subscription's items. */
function currentPeriodEnd(subscription: Stripe.Subscription): number {
  return Math.max(...subscription.items.data.map((item) => item.current_period_end));
}

function isDuplicateIdentifier(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  return error.code === 'resource_already_exists' || (error.statusCode === 400 && /identifier/i.test(error.message) && /already|duplicate/i.test(error.message));
}
