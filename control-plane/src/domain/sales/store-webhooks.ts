// Entitlements change here and only here, from verified webhooks on a tenant's connected account. Each event is
// recorded by its id in entitlement_events in the same transaction as its effect (Stripe delivers at least once),
// which is also the audit trail: which event did what to which entitlement.
//
// Order: Stripe does not promise it. A new subscriber is granted the subscription's state as read from Stripe at that
// moment; after that, a subscription's state (status, period, cancel at period end) moves only with events created
// at or after the last one applied (`state_as_of`; Stripe's `created` is in seconds, so same-second events apply in
// arrival order), and a paid period only ever extends. Ended, refunded and disputed are final: no late event revives
// them. The account an event arrived on is the tenant: metadata naming another tenant, or rows of another account,
// are never touched.
//
// A delayed payment method (SEPA debit, bank transfer) completes Checkout unpaid: the sale waits in pending_sales,
// which the viewer sees as "payment processing", until its async_payment_succeeded grants it (whichever of the two
// events comes first) or its async_payment_failed marks it failed.
//
// Money: each sale, renewal and refund records what it moved and the platform's application fee as Stripe reports
// it on that payment; only when the provider cannot tell is the fee the plan's percentage, marked estimated.
import { sql, type Transaction, type Updateable } from 'kysely';
import type { Database, EntitlementsTable } from '../../db/schema.js';
import type { StoreApplicationFee, StoreEvent, StoreSubscriptionState } from '../../ports.js';
import { withTenantScope } from '../../db/tenant-scope.js';
import type { DomainDeps } from '../deps.js';
import { planOf } from '../billing/plans.js';
import { sendSaleReceipt } from './sale-receipt.js';
import { storePaymentsOf } from './store-accounts.js';

export type StoreEventOutcome =
  | 'created'
  | 'awaiting-payment'
  | 'payment-failed'
  | 'updated'
  | 'renewed'
  | 'past-due'
  | 'cancels-at-period-end'
  | 'ended'
  | 'refunded'
  | 'partially-refunded'
  | 'disputed'
  | 'stale'
  | 'already-final'
  | 'unknown-sale'
  | 'rejected'
  | 'account-updated'
  | 'disconnected'
  | 'duplicate'
  | 'unknown-account'
  | 'ignored';

type Deps = Pick<DomainDeps, 'db' | 'clock' | 'storePayments' | 'email' | 'urls'>;
type Trx = Transaction<Database>;
/**
 * `money`: what the event moved, for the tenant's report (a sale or renewal positive, a refund negative), and
 * `platformFee`, the application fee it moved as the provider reported it (undefined: not known, estimated).
 */
type Applied = { outcome: StoreEventOutcome; entitlementId?: string; money?: { amount: number; currency: string }; platformFee?: number };
/** What was read from the provider before the transaction: no network call while rows are locked. */
interface Reads {
  subscription: StoreSubscriptionState | undefined;
  fee: StoreApplicationFee | undefined;
}
type CheckoutEvent = Extract<StoreEvent, { kind: 'checkout-completed' | 'checkout-payment-succeeded' | 'checkout-payment-failed' }>;

/** Throws the adapter's DomainError (`unauthenticated`) when the delivery is not authentic. */
export async function receiveStoreWebhook(deps: Deps, rawBody: Buffer, signature: string | undefined): Promise<{ outcome: StoreEventOutcome; event: StoreEvent['kind'] }> {
  const event = storePaymentsOf(deps).parseWebhook(rawBody, signature);
  return { outcome: await applyStoreEvent(deps, event), event: event.kind };
}

export async function applyStoreEvent(deps: Deps, event: StoreEvent): Promise<StoreEventOutcome> {
  if (event.kind === 'ignored') return 'ignored';
  const account = await deps.db.selectFrom('store_accounts').select('tenant_id').where('stripe_account_id', '=', event.accountId).executeTakeFirst();
  if (!account) return 'unknown-account';
  const tenantId = account.tenant_id;
  const reads = await readFromProvider(deps, tenantId, event);
  // In the account's tenant scope: row-level security is the second wall against touching another tenant's rows.
  const applied = await withTenantScope(deps.db, tenantId, (scoped) =>
    scoped.transaction().execute(async (trx): Promise<Applied> => {
      const recorded = await trx
        .insertInto('entitlement_events')
        .values({ tenant_id: tenantId, stripe_event_id: event.eventId, event_type: event.kind, outcome: 'pending', event_created_at: event.createdAt })
        .onConflict((c) => c.column('stripe_event_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!recorded) return { outcome: 'duplicate' };
      const result = await apply(trx, tenantId, event, reads, deps.clock.now());
      const money = result.money && result.money.amount !== 0 ? result.money : undefined;
      // Not reported by the provider: the fee the plan's percentage would take (on a refund, none: Stripe keeps the
      // application fee unless the refund is told to return it).
      const estimated = money !== undefined && result.platformFee === undefined;
      const feePercent = estimated && money.amount > 0 ? await salesFeePercent(trx, tenantId) : 0;
      await trx
        .updateTable('entitlement_events')
        .set({
          outcome: result.outcome,
          entitlement_id: result.entitlementId ?? null,
          amount: money?.amount ?? null,
          currency: money?.currency ?? null,
          platform_fee: money ? (result.platformFee ?? Math.round((Math.max(0, money.amount) * feePercent) / 100)) : null,
          platform_fee_estimated: estimated,
        })
        .where('id', '=', recorded.id)
        .execute();
      return result;
    }),
  );
  // After the commit, and once: a repeated delivery answers 'duplicate'.
  if (applied.outcome === 'created' && applied.entitlementId && isCheckout(event) && event.customerEmail) await sendSaleReceipt(deps, tenantId, applied.entitlementId, event.customerEmail);
  return applied.outcome;
}

/** Only for what this tenant sold: a session naming another tenant, or a payment not ours, is never looked up. */
async function readFromProvider(deps: Deps, tenantId: string, event: StoreEvent): Promise<Reads> {
  const payments = storePaymentsOf(deps);
  const ours = isCheckout(event) ? event.metadata?.tenantId === tenantId : await soldHere(deps, tenantId, event);
  const paidCheckout = ours && isCheckout(event) && event.kind !== 'checkout-payment-failed' && event.paid;
  const subscription = paidCheckout && event.subscriptionId ? await payments.readSubscription(event.accountId, event.subscriptionId) : undefined;
  const movesMoney = paidCheckout || (ours && (event.kind === 'invoice-paid' || event.kind === 'charge-refunded'));
  return { subscription, fee: movesMoney ? await payments.applicationFeeOf(event) : undefined };
}

async function soldHere(deps: Deps, tenantId: string, event: StoreEvent): Promise<boolean> {
  const sale =
    event.kind === 'invoice-paid'
      ? { column: 'stripe_subscription_id' as const, value: event.subscriptionId }
      : event.kind === 'charge-refunded'
        ? { column: 'stripe_payment_intent_id' as const, value: event.paymentIntentId }
        : undefined;
  if (!sale) return false;
  const found = await deps.db
    .selectFrom('entitlements')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('stripe_account_id', '=', event.accountId)
    .where(sale.column, '=', sale.value)
    .executeTakeFirst();
  return found !== undefined;
}

function isCheckout(event: StoreEvent): event is CheckoutEvent {
  return event.kind === 'checkout-completed' || event.kind === 'checkout-payment-succeeded' || event.kind === 'checkout-payment-failed';
}

async function apply(trx: Trx, tenantId: string, event: Exclude<StoreEvent, { kind: 'ignored' }>, reads: Reads, now: Date): Promise<Applied> {
  switch (event.kind) {
    case 'checkout-completed':
    case 'checkout-payment-succeeded':
    case 'checkout-payment-failed':
      return grantSale(trx, tenantId, event, reads, now);
    case 'subscription-changed':
    case 'invoice-paid':
    case 'invoice-payment-failed': {
      const entitlement = await lockedEntitlement(trx, tenantId, event.accountId, 'stripe_subscription_id', event.subscriptionId);
      if (!entitlement) return { outcome: 'unknown-sale' };
      const at = { entitlementId: entitlement.id };
      if (isFinal(entitlement.status)) return { outcome: 'already-final', ...at };
      if (event.kind === 'invoice-paid') {
        // Paid periods only extend, whatever the order; the status follows only a newer event (a late renewal receipt
        // does not undo a cancellation). A trial's zero invoice leaves it trialing.
        const newer = event.createdAt >= entitlement.state_as_of;
        const status = newer && !(event.amountPaid === 0 && entitlement.status === 'trialing') ? 'active' : entitlement.status;
        await updateEntitlement(trx, entitlement.id, {
          status,
          period_end: entitlement.period_end && entitlement.period_end > event.periodEnd ? entitlement.period_end : event.periodEnd,
          ...(newer ? { state_as_of: event.createdAt } : {}),
          updated_at: now,
        });
        // The first invoice was counted with the sale (Checkout's amount); later ones are renewals. (Sales recorded
        // before the first invoice was kept: told by the period, which fails when the update came first.)
        const renewal = entitlement.stripe_invoice_id ? event.invoiceId !== entitlement.stripe_invoice_id : !entitlement.period_start || event.periodStart > entitlement.period_start;
        return { outcome: 'renewed', ...at, ...(renewal ? { money: { amount: event.amountPaid, currency: event.currency }, platformFee: reads.fee?.amount } : {}) };
      }
      if (event.createdAt < entitlement.state_as_of) return { outcome: 'stale', ...at };
      if (event.kind === 'invoice-payment-failed') {
        await updateEntitlement(trx, entitlement.id, { status: 'past_due', state_as_of: event.createdAt, updated_at: now });
        return { outcome: 'past-due', ...at };
      }
      await updateEntitlement(trx, entitlement.id, {
        status: event.status,
        period_start: event.periodStart,
        period_end: event.periodEnd,
        cancel_at_period_end: event.cancelAtPeriodEnd,
        state_as_of: event.createdAt,
        updated_at: now,
      });
      return { outcome: event.status === 'ended' ? 'ended' : event.status === 'past_due' ? 'past-due' : event.cancelAtPeriodEnd ? 'cancels-at-period-end' : 'updated', ...at };
    }
    case 'charge-refunded':
    case 'charge-disputed': {
      // One-off sales only: a subscription invoice's refund ends nothing by itself (the tenant cancels the subscription).
      const entitlement = await lockedEntitlement(trx, tenantId, event.accountId, 'stripe_payment_intent_id', event.paymentIntentId);
      if (!entitlement) return { outcome: 'unknown-sale' };
      const at = { entitlementId: entitlement.id };
      if (event.kind === 'charge-disputed') {
        // Money clawed back ends access: nothing plays that is not paid for.
        await updateEntitlement(trx, entitlement.id, { status: 'disputed', updated_at: now });
        return { outcome: 'disputed', ...at };
      }
      // The charge and its fee report all refunded so far: the report records what this refund added.
      const before = await trx
        .selectFrom('entitlement_events')
        .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('refunded'), eb.fn.coalesce(eb.fn.sum<number>('platform_fee'), eb.lit(0)).as('feeRefunded')])
        .where('tenant_id', '=', tenantId)
        .where('entitlement_id', '=', entitlement.id)
        .where('amount', '<', 0)
        .executeTakeFirst();
      const money = { amount: -(event.amountRefunded + Number(before?.refunded ?? 0)), currency: event.currency };
      const platformFee = reads.fee ? -(reads.fee.refunded + Number(before?.feeRefunded ?? 0)) : undefined;
      if (!event.fullyRefunded) return { outcome: 'partially-refunded', ...at, money, platformFee };
      // Money returned ends access, also of a rental already watched.
      await updateEntitlement(trx, entitlement.id, { status: 'refunded', updated_at: now });
      return { outcome: 'refunded', ...at, money, platformFee };
    }
    case 'account-updated':
      await trx
        .updateTable('store_accounts')
        .set({ charges_enabled: event.chargesEnabled, details_submitted: event.detailsSubmitted, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('stripe_account_id', '=', event.accountId)
        .execute();
      return { outcome: 'account-updated' };
    case 'account-deauthorized':
      await trx
        .updateTable('store_accounts')
        .set({ disconnected_at: sql<Date>`coalesce(disconnected_at, ${now})`, charges_enabled: false, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('stripe_account_id', '=', event.accountId)
        .execute();
      return { outcome: 'disconnected' };
  }
}

async function grantSale(trx: Trx, tenantId: string, event: CheckoutEvent, reads: Reads, now: Date): Promise<Applied> {
  const sale = event.metadata;
  // A session made elsewhere on the account, or one naming another tenant: not ours to grant.
  if (!sale || sale.tenantId !== tenantId) return { outcome: 'rejected' };
  const offer = await trx.selectFrom('offers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', sale.offerId).executeTakeFirst();
  if (!offer) return { outcome: 'rejected' };
  if ((offer.kind === 'subscription') !== (event.subscriptionId !== null)) return { outcome: 'rejected' };
  const session = { stripe_account_id: event.accountId, stripe_checkout_session_id: event.sessionId };
  if (event.kind === 'checkout-payment-failed' || !event.paid) {
    const granted = await trx
      .selectFrom('entitlements')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('stripe_account_id', '=', event.accountId)
      .where('stripe_checkout_session_id', '=', event.sessionId)
      .executeTakeFirst();
    // Its success came first: the sale stands.
    if (granted) return { outcome: 'already-final', entitlementId: granted.id };
    const failed = event.kind === 'checkout-payment-failed';
    await trx
      .insertInto('pending_sales')
      .values({
        tenant_id: tenantId,
        viewer_id: sale.viewerId,
        offer_id: offer.id,
        status: failed ? 'failed' : 'processing',
        amount: event.amountTotal,
        currency: event.currency || offer.currency,
        ...session,
      })
      // A failure is final; a late "completed, unpaid" leaves it failed.
      .onConflict((c) =>
        failed
          ? c.columns(['stripe_account_id', 'stripe_checkout_session_id']).doUpdateSet({ status: 'failed', updated_at: now })
          : c.columns(['stripe_account_id', 'stripe_checkout_session_id']).doNothing(),
      )
      .execute();
    return { outcome: failed ? 'payment-failed' : 'awaiting-payment' };
  }
  await trx.deleteFrom('pending_sales').where('tenant_id', '=', tenantId).where('stripe_account_id', '=', event.accountId).where('stripe_checkout_session_id', '=', event.sessionId).execute();
  const { subscription } = reads;
  const startedAt = event.createdAt;
  const inserted = await trx
    .insertInto('entitlements')
    .values({
      tenant_id: tenantId,
      viewer_id: sale.viewerId,
      offer_id: offer.id,
      kind: offer.kind,
      covers_everything: offer.covers_everything,
      video_ids: offer.video_ids,
      collection_ids: offer.collection_ids,
      max_height: offer.max_height,
      status: subscription?.status ?? 'active',
      period_start: subscription?.periodStart ?? startedAt,
      period_end: subscription?.periodEnd ?? null,
      cancel_at_period_end: subscription?.cancelAtPeriodEnd ?? false,
      rental_start_by: offer.kind === 'rental' && offer.rental_start_days !== null ? new Date(startedAt.getTime() + offer.rental_start_days * 86_400_000) : null,
      rental_watch_hours: offer.rental_watch_hours,
      amount: event.amountTotal,
      currency: event.currency || offer.currency,
      stripe_account_id: event.accountId,
      stripe_checkout_session_id: event.sessionId,
      stripe_subscription_id: event.subscriptionId,
      stripe_payment_intent_id: event.paymentIntentId,
      stripe_customer_id: event.customerId,
      stripe_invoice_id: event.invoiceId,
      state_as_of: event.createdAt,
      updated_at: now,
    })
    .onConflict((c) => c.columns(['stripe_account_id', 'stripe_checkout_session_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted
    ? { outcome: 'created', entitlementId: inserted.id, money: { amount: event.amountTotal, currency: event.currency || offer.currency }, platformFee: reads.fee?.amount }
    : { outcome: 'already-final' };
}

async function salesFeePercent(trx: Trx, tenantId: string): Promise<number> {
  const tenant = await trx.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return planOf(tenant.plan).salesFeePercent;
}

function isFinal(status: string): boolean {
  return status === 'ended' || status === 'refunded' || status === 'disputed';
}

function lockedEntitlement(trx: Trx, tenantId: string, accountId: string, column: 'stripe_subscription_id' | 'stripe_payment_intent_id', value: string) {
  return trx.selectFrom('entitlements').selectAll().where('tenant_id', '=', tenantId).where('stripe_account_id', '=', accountId).where(column, '=', value).forUpdate().executeTakeFirst();
}

function updateEntitlement(trx: Trx, id: string, values: Updateable<EntitlementsTable>) {
  return trx.updateTable('entitlements').set(values).where('id', '=', id).execute();
}
