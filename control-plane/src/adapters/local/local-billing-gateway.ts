// The local shape's billing provider. The ledger itself (usage, periods, invoices, plan changes and their proration)
// lives in the database and is the same code in both shapes; locally there is no card to collect and no one to send
// meter events to, so a customer is the tenant itself, checkout and payment-method set-up complete at once, meter
// events are accepted as recorded, and plan changes are priced by the ledger.
import { unauthenticated } from '../../domain/errors.js';
import type { BillingGateway, BillingWebhookEvent, MeterEventOutcome, MeterEventToSend } from '../../ports.js';

export class LocalBillingGateway implements BillingGateway {
  readonly provider = 'local' as const;

  async createCustomer(input: { tenantId: string }): Promise<{ customerId: string }> {
    return { customerId: `local_${input.tenantId}` };
  }

  async sendMeterEvents(events: readonly MeterEventToSend[]): Promise<MeterEventOutcome[]> {
    return events.map((event) => ({ identifier: event.identifier, status: 'accepted' as const }));
  }

  async startCheckout(input: { tenantId: string; planId: string }): Promise<{ kind: 'completed'; subscriptionId: string }> {
    return { kind: 'completed', subscriptionId: `local_${input.tenantId}_${input.planId}` };
  }

  async startPaymentMethodSetup(): Promise<{ kind: 'completed' }> {
    return { kind: 'completed' };
  }

  async previewPlanChange(): Promise<undefined> {
    return undefined;
  }

  async upgradeSubscription(): Promise<void> {}

  async scheduleSubscriptionChange(): Promise<void> {}

  async cancelScheduledSubscriptionChange(): Promise<void> {}

  async openPortal(): Promise<undefined> {
    return undefined;
  }

  parseWebhook(): BillingWebhookEvent {
    throw unauthenticated('Billing webhooks come from Stripe, and Stripe is not configured here (STRIPE_SECRET_KEY is unset).');
  }
}
