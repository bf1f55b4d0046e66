// Applies the billing provider's webhooks. Each delivery is verified by the gateway, recorded by event id in the
// same transaction as its effect (Stripe delivers at least once, and retries), and applied in an order-proof way:
// a `paid` invoice stays paid whatever failure notice arrives late.
import { sql } from 'kysely';
import type { ProviderInvoiceStatus } from '../../db/schema.js';
import type { BillingWebhookEvent, ProviderInvoice } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { isPlanId } from './plans.js';
import { tenantOfCustomer } from './billing-accounts.js';
import { changePlan } from './billing-periods.js';
import { billingStanding } from './billing-standing.js';
import { recordWebhookEvent } from '../webhooks/record-webhook-event.js';
import { sendPaymentFailedNotice } from './billing-notices.js';

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored' | 'unknown-customer';

type Deps = Pick<DomainDeps, 'db' | 'billing' | 'clock' | 'email' | 'urls'>;

/** Throws the gateway's DomainError when the delivery is not authentic. */
export async function receiveBillingWebhook(deps: Deps, rawBody: Buffer, signature: string | undefined): Promise<{ outcome: WebhookOutcome; event: BillingWebhookEvent['kind'] }> {
  const event = deps.billing.parseWebhook(rawBody, signature);
  return { outcome: await applyBillingWebhook(deps, event), event: event.kind };
}

export async function applyBillingWebhook(deps: Deps, event: BillingWebhookEvent): Promise<WebhookOutcome> {
  const tenantId = event.kind === 'ignored' ? undefined : await tenantOfCustomer(deps, event.customerId);
  const outcome = await applyInTransaction(deps, event, tenantId);
  // After the commit, and once: a duplicate delivery answers 'duplicate'.
  if (outcome === 'applied' && tenantId && event.kind === 'invoice-payment-failed') await sendPaymentFailedNotice(deps, tenantId, event.invoice);
  return outcome;
}

function applyInTransaction(deps: Deps, event: BillingWebhookEvent, tenantId: string | undefined): Promise<WebhookOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const first = await trx
      .insertInto('billing_webhook_events')
      .values({ event_id: event.eventId, type: event.kind })
      .onConflict((conflict) => conflict.column('event_id').doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!first) return 'duplicate';
    if (event.kind === 'ignored') return 'ignored';
    if (!tenantId) return 'unknown-customer';
    const now = deps.clock.now();
    switch (event.kind) {
      case 'checkout-completed': {
        // The session names its tenant too; it must be the customer's own.
        if (event.tenantId !== tenantId || !isPlanId(event.planId)) return 'ignored';
        await trx.updateTable('billing_accounts').set({ subscription_id: event.subscriptionId, updated_at: now }).where('tenant_id', '=', tenantId).execute();
        await changePlan(trx, tenantId, event.planId, now);
        return 'applied';
      }
      case 'subscription-changed': {
        const account = await trx.selectFrom('billing_accounts').select('subscription_id').where('tenant_id', '=', tenantId).executeTakeFirst();
        if (account?.subscription_id !== event.subscriptionId || !isPlanId(event.planId)) return 'ignored';
        await changePlan(trx, tenantId, event.planId, now);
        return 'applied';
      }
      case 'subscription-ended': {
        const account = await trx.selectFrom('billing_accounts').select('subscription_id').where('tenant_id', '=', tenantId).executeTakeFirst();
        if (account?.subscription_id !== event.subscriptionId) return 'ignored';
        await trx.updateTable('billing_accounts').set({ subscription_id: null, updated_at: now }).where('tenant_id', '=', tenantId).execute();
        await changePlan(trx, tenantId, 'free', now);
        return 'applied';
      }
      case 'invoice-paid':
      case 'invoice-payment-failed': {
        const before = await billingStanding({ db: trx, clock: deps.clock }, tenantId);
        await recordInvoice(trx, tenantId, event.invoice, event.kind === 'invoice-paid' ? 'paid' : 'payment_failed', now);
        await recordStandingChange({ db: trx, clock: deps.clock }, tenantId, before.status);
        return 'applied';
      }
    }
  });
}

/** `billing.standing_changed` when a payment made the tenant past due, or paid it up again. */
async function recordStandingChange(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, before: 'active' | 'past_due'): Promise<void> {
  const after = await billingStanding(deps, tenantId);
  if (after.status === before) return;
  const { status, pastDueSince, graceEndsAt, uploadsAllowed } = after;
  await recordWebhookEvent(deps.db, { tenantId, type: 'billing.standing_changed', data: { status, previousStatus: before, pastDueSince, graceEndsAt, uploadsAllowed }, now: deps.clock.now() });
}

async function recordInvoice(db: Deps['db'], tenantId: string, invoice: ProviderInvoice, status: 'paid' | 'payment_failed', now: Date): Promise<void> {
  const failed = status === 'payment_failed';
  await db
    .insertInto('provider_invoices')
    .values({
      provider_invoice_id: invoice.id,
      tenant_id: tenantId,
      status,
      amount_due_cents: invoice.amountDueCents,
      hosted_url: invoice.hostedUrl,
      period_start: invoice.periodStart,
      period_end: invoice.periodEnd,
      failed_at: failed ? now : null,
      paid_at: failed ? null : now,
      next_attempt_at: failed ? invoice.nextAttemptAt : null,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict.column('provider_invoice_id').doUpdateSet({
        // Paid is final: a failure notice delivered after the payment notice changes nothing.
        status: sql<ProviderInvoiceStatus>`case when provider_invoices.status = 'paid' then 'paid' else ${status} end`,
        amount_due_cents: invoice.amountDueCents,
        hosted_url: invoice.hostedUrl,
        // The grace period runs from the first failure, not from the latest retry.
        failed_at: failed ? sql<Date>`coalesce(provider_invoices.failed_at, ${now})` : sql<Date>`provider_invoices.failed_at`,
        paid_at: failed ? sql<Date>`provider_invoices.paid_at` : now,
        next_attempt_at: failed ? invoice.nextAttemptAt : null,
        updated_at: now,
      }),
    )
    .execute();
}
