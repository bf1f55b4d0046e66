// Changing plan, apart from putting a payment method on file. An upgrade takes effect at once and charges the new
// plan's fee for the rest of the period less the old one's (prorated by the second); a downgrade takes effect when
// the period ends, with no credit, so what was paid for stays available until then, and can be called off until
// then. The owner sees the quote first (quotePlanChange) and confirms it (changePlan): the ledger books the very
// amount the quote showed, and Stripe is asked for the proration of the same instant.
import { formatCents } from '@ott/contracts';
import type { DomainDeps } from '../deps.js';
import { conflict } from '../errors.js';
import { isoDay } from '../usage/time-buckets.js';
import { ensureBillingAccount } from './billing-accounts.js';
import { changePlan, ensureOpenPeriod } from './billing-periods.js';
import { startCheckout, portalPage } from './checkout.js';
import { PLANS, planOf, type PlanId } from './plans.js';
import { daysLeft, proratedCents } from './proration.js';

type Deps = Pick<DomainDeps, 'db' | 'billing' | 'clock' | 'urls'>;

export interface PlanChangeQuote {
  from: { id: PlanId; name: string };
  to: { id: PlanId; name: string; monthlyFeeCents: number };
  kind: 'upgrade' | 'downgrade';
  /** Charged at once (an upgrade); 0 for a downgrade. */
  chargeNowCents: number;
  /** When the new plan's limits and allowances apply: now (upgrade) or when the period ends (downgrade). */
  effectiveAt: Date;
  /** From when the new plan's full monthly fee is billed. */
  nextPeriodStartsAt: Date;
  /** The quote in one sentence, for the confirmation. */
  summary: string;
}

export type PlanChangeResult = { kind: 'changed'; quote: PlanChangeQuote } | { kind: 'scheduled'; quote: PlanChangeQuote } | { kind: 'redirect'; url: string };

export interface PendingPlanChange {
  plan: { id: PlanId; name: string };
  effectiveAt: Date;
}

/** The quote for a change made at `now`: the confirmation asks again for the instant it applies, so both use one proration date. */
export async function quotePlanChange(deps: Deps, tenantId: string, planId: PlanId, now = deps.clock.now()): Promise<PlanChangeQuote> {
  const tenant = await deps.db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const from = planOf(tenant.plan);
  const to = PLANS[planId];
  if (from.id === to.id) throw conflict(`You are on the ${to.name} plan already.`);
  const period = await ensureOpenPeriod(deps.db, tenantId, now);
  const difference = to.billing.monthlyFeeCents - from.billing.monthlyFeeCents;
  const base = { from: { id: from.id, name: from.name }, to: { id: to.id, name: to.name, monthlyFeeCents: to.billing.monthlyFeeCents } };
  if (difference <= 0) {
    const summary = `You stay on ${from.name} until ${isoDay(period.endsAt)}, then move to ${to.name} at ${formatCents(to.billing.monthlyFeeCents)} a month. Nothing is charged or refunded now.`;
    return { ...base, kind: 'downgrade', chargeNowCents: 0, effectiveAt: period.endsAt, nextPeriodStartsAt: period.endsAt, summary };
  }
  const account = await ensureBillingAccount(deps, tenantId);
  const provider = await deps.billing.previewPlanChange({ customerId: account.customerId, subscriptionId: account.subscriptionId, planId, at: now });
  const chargeNowCents = provider?.chargeNowCents ?? proratedCents(difference, period, now);
  const nextPeriodStartsAt = provider?.nextPeriodStartsAt ?? period.endsAt;
  const days = daysLeft(period, now);
  const share = provider ? '' : ` (${to.name}'s fee less ${from.name}'s for the ${days.left} of ${days.total} days left in this period)`;
  const summary = `${formatCents(chargeNowCents)} now${share}, then ${formatCents(to.billing.monthlyFeeCents)} a month from ${isoDay(nextPeriodStartsAt)}. ${to.name}'s limits apply at once.`;
  return { ...base, kind: 'upgrade', chargeNowCents, effectiveAt: now, nextPeriodStartsAt, summary };
}

/**
 * Applies the change the owner confirmed. `expectedChargeCents` is what the confirmation showed; the proration only
 * shrinks as the period runs, so a charge above it (a plan changed in another tab) means the owner is asked to look
 * again rather than charged more than they saw, and one well below it (a confirmation left open for hours) is charged
 * as it now stands.
 */
export async function confirmPlanChange(deps: Deps, tenantId: string, input: { planId: PlanId; expectedChargeCents: number; successUrl: string; cancelUrl: string }): Promise<PlanChangeResult> {
  const now = deps.clock.now();
  const fresh = await quotePlanChange(deps, tenantId, input.planId, now);
  if (fresh.chargeNowCents > input.expectedChargeCents + 1) {
    throw conflict(`The price changed since you opened the confirmation: it is ${formatCents(fresh.chargeNowCents)} now. Look at the new amount and confirm again.`);
  }
  // The ledger books what the owner saw when it is the same price give or take the cent the seconds since moved it.
  const quote = fresh.chargeNowCents >= input.expectedChargeCents - 1 ? { ...fresh, chargeNowCents: input.expectedChargeCents } : fresh;
  const account = await ensureBillingAccount(deps, tenantId);
  if (quote.kind === 'downgrade') {
    if (account.subscriptionId && deps.billing.provider === 'stripe') await deps.billing.scheduleSubscriptionChange({ subscriptionId: account.subscriptionId, planId: input.planId });
    await deps.db.updateTable('billing_periods').set({ next_plan_id: input.planId }).where('tenant_id', '=', tenantId).where('status', '=', 'open').execute();
    return { kind: 'scheduled', quote };
  }
  if (deps.billing.provider === 'stripe') {
    if (!account.subscriptionId) {
      const started = await startCheckout(deps, tenantId, { planId: input.planId, successUrl: input.successUrl, cancelUrl: input.cancelUrl });
      return started.kind === 'redirect' ? started : { kind: 'changed', quote };
    }
    // A downgrade waiting at Stripe is called off first: the upgrade replaces it.
    await deps.billing.cancelScheduledSubscriptionChange({ subscriptionId: account.subscriptionId });
    await deps.billing.upgradeSubscription({ subscriptionId: account.subscriptionId, planId: input.planId, at: now });
  }
  await deps.db.transaction().execute(async (trx) => {
    const period = await ensureOpenPeriod(trx, tenantId, now);
    // The period keeps billing the fee of the plan it started on; the rest of it is this adjustment.
    if (deps.billing.provider === 'local') {
      await trx
        .insertInto('billing_adjustments')
        .values({ tenant_id: tenantId, period_id: period.id, description: `${quote.to.name} plan from ${isoDay(now)}, prorated (${quote.from.name} fee deducted)`, amount_cents: quote.chargeNowCents })
        .execute();
    }
    await trx
      .updateTable('billing_periods')
      .set((eb) => ({ fee_plan_id: eb.fn.coalesce('fee_plan_id', 'plan_id'), next_plan_id: null }))
      .where('id', '=', period.id)
      .execute();
    await changePlan(trx, tenantId, input.planId, now);
  });
  return { kind: 'changed', quote };
}

/** The downgrade waiting for the period's end, if any. */
export async function pendingPlanChange(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string): Promise<PendingPlanChange | null> {
  const period = await ensureOpenPeriod(deps.db, tenantId, deps.clock.now());
  const row = await deps.db.selectFrom('billing_periods').select('next_plan_id').where('id', '=', period.id).executeTakeFirst();
  if (!row?.next_plan_id) return null;
  const plan = planOf(row.next_plan_id);
  return { plan: { id: plan.id, name: plan.name }, effectiveAt: period.endsAt };
}

/** Calls off a pending downgrade: the current plan simply continues. */
export async function cancelPendingPlanChange(deps: Deps, tenantId: string): Promise<void> {
  const pending = await pendingPlanChange(deps, tenantId);
  if (!pending) throw conflict('There is no plan change waiting to be called off.');
  const account = await ensureBillingAccount(deps, tenantId);
  if (account.subscriptionId && deps.billing.provider === 'stripe') await deps.billing.cancelScheduledSubscriptionChange({ subscriptionId: account.subscriptionId });
  await deps.db.updateTable('billing_periods').set({ next_plan_id: null }).where('tenant_id', '=', tenantId).where('status', '=', 'open').execute();
}

/** Puts a payment method on file; the plan does not change. */
export async function addPaymentMethod(deps: Deps, tenantId: string, input: { successUrl: string; cancelUrl: string }): Promise<{ kind: 'redirect'; url: string } | { kind: 'completed' }> {
  const successUrl = portalPage(deps, input.successUrl, 'successUrl');
  const cancelUrl = portalPage(deps, input.cancelUrl, 'cancelUrl');
  const account = await ensureBillingAccount(deps, tenantId);
  const started = await deps.billing.startPaymentMethodSetup({ customerId: account.customerId, tenantId, successUrl, cancelUrl });
  if (started.kind === 'completed') {
    await deps.db.updateTable('billing_accounts').set({ payment_method_added_at: deps.clock.now(), updated_at: deps.clock.now() }).where('tenant_id', '=', tenantId).execute();
  }
  return started;
}
