// The local ledger: one open period per tenant (a UTC calendar month), its invoice preview computed from the
// usage events not billed yet, and closing, which stamps those events with the new invoice in the same
// transaction that writes the invoice. An event is therefore on exactly one invoice; one that arrives after its
// month was closed (a late log) lands on the next invoice instead of being lost.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { planOf, type Plan, type PlanId } from './plans.js';
import { billableMeterOf, METERS, USAGE_METERS } from '../usage/meters.js';
import { addHours, startOfMonth, startOfNextMonth } from '../usage/time-buckets.js';
import { computeInvoice, NO_USAGE, type Adjustment, type InvoiceLine, type UsageTotals } from './invoice-lines.js';
import { releaseDeferredMeterEvents } from './meter-outbox.js';

/** How long after a period ends before it is closed: CloudFront delivers most logs within the hour. */
export const SETTLE_HOURS = 6;

const BILLED_METERS = USAGE_METERS.filter((meter) => METERS[meter].billable !== null);

export interface PeriodView {
  id: string;
  startsAt: Date;
  endsAt: Date;
  planId: string;
}

export interface InvoicePreview {
  period: { startsAt: Date; endsAt: Date };
  plan: { id: PlanId; name: string };
  currency: 'usd';
  lines: InvoiceLine[];
  totalCents: number;
  /** Usage recorded up to now; more may arrive until the period closes. */
  asOf: Date;
}

export interface InvoiceView {
  id: string;
  number: string;
  period: { startsAt: Date; endsAt: Date };
  plan: { id: PlanId; name: string };
  currency: string;
  lines: InvoiceLine[];
  totalCents: number;
  issuedAt: Date;
}

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

export async function ensureOpenPeriod(db: Kysely<Database>, tenantId: string, now: Date): Promise<PeriodView> {
  const open = () =>
    db.selectFrom('billing_periods').select(['id', 'starts_at', 'ends_at', 'plan_id']).where('tenant_id', '=', tenantId).where('status', '=', 'open').orderBy('starts_at').executeTakeFirst();
  let period = await open();
  if (!period) {
    const tenant = await db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirstOrThrow();
    await db
      .insertInto('billing_periods')
      .values({ tenant_id: tenantId, starts_at: startOfMonth(now), ends_at: startOfNextMonth(now), plan_id: tenant.plan })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'starts_at']).doNothing())
      .execute();
    period = await open();
  }
  if (!period) throw new Error(`no open billing period for tenant ${tenantId}`);
  return { id: period.id, startsAt: period.starts_at, endsAt: period.ends_at, planId: period.plan_id };
}

/** Billable usage not on any invoice yet, up to `before`. */
export async function unbilledTotals(db: Kysely<Database>, tenantId: string, before: Date): Promise<UsageTotals> {
  const rows = await db
    .selectFrom('usage_events')
    .select(['meter', sql<string>`sum(quantity)`.as('quantity')])
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', 'is', null)
    .where('occurred_at', '<', before)
    .where('meter', 'in', BILLED_METERS)
    .groupBy('meter')
    .execute();
  return totalsFrom(rows);
}

export async function invoicePreview(deps: Deps, tenantId: string): Promise<InvoicePreview> {
  const period = await ensureOpenPeriod(deps.db, tenantId, deps.clock.now());
  const plan = planOf(period.planId);
  const { lines, totalCents } = computeInvoice(plan, await unbilledTotals(deps.db, tenantId, period.endsAt), await periodCharges(deps.db, period.id));
  return { period: { startsAt: period.startsAt, endsAt: period.endsAt }, plan: { id: plan.id, name: plan.name }, currency: 'usd', lines, totalCents, asOf: deps.clock.now() };
}

export async function listInvoices(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<InvoiceView[]> {
  const rows = await deps.db
    .selectFrom('invoices')
    .innerJoin('billing_periods', 'billing_periods.id', 'invoices.period_id')
    .select([
      'invoices.id',
      'invoices.number',
      'invoices.plan_id',
      'invoices.currency',
      'invoices.total_cents',
      'invoices.lines',
      'invoices.issued_at',
      'billing_periods.starts_at',
      'billing_periods.ends_at',
    ])
    .where('invoices.tenant_id', '=', tenantId)
    .orderBy('billing_periods.starts_at', 'desc')
    .execute();
  return rows.map((row) => {
    const plan = planOf(row.plan_id);
    return {
      id: row.id,
      number: row.number,
      period: { startsAt: row.starts_at, endsAt: row.ends_at },
      plan: { id: plan.id, name: plan.name },
      currency: row.currency,
      lines: row.lines as InvoiceLine[],
      totalCents: Number(row.total_cents),
      issuedAt: row.issued_at,
    };
  });
}

/** Gives every active tenant an open period, then closes every period that ended more than SETTLE_HOURS ago. */
export async function closeDuePeriods(deps: Deps, options: { settleHours?: number } = {}): Promise<{ closed: number }> {
  const now = deps.clock.now();
  await sql`
    insert into billing_periods (tenant_id, starts_at, ends_at, plan_id)
    select tenants.id, ${startOfMonth(now)}, ${startOfNextMonth(now)}, tenants.plan from tenants
    where tenants.status = 'active'
      and not exists (select 1 from billing_periods where billing_periods.tenant_id = tenants.id and billing_periods.status = 'open')
    on conflict (tenant_id, starts_at) do nothing`.execute(deps.db);
  const cutoff = addHours(now, -(options.settleHours ?? SETTLE_HOURS));
  let closed = 0;
  // Closing a period opens the next; a worker that was down for months closes them one after another.
  for (;;) {
    const due = await deps.db.selectFrom('billing_periods').select('id').where('status', '=', 'open').where('ends_at', '<=', cutoff).orderBy('ends_at').limit(200).execute();
    if (due.length === 0) return { closed };
    for (const period of due) closed += (await closePeriod(deps, period.id)) ? 1 : 0;
  }
}

async function closePeriod(deps: Deps, periodId: string): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const period = await trx.selectFrom('billing_periods').selectAll().where('id', '=', periodId).forUpdate().executeTakeFirst();
    if (!period || period.status !== 'open') return false;
    const tenant = await trx.selectFrom('tenants').select(['slug', 'plan']).where('id', '=', period.tenant_id).executeTakeFirstOrThrow();
    // A downgrade waits for this moment. With a Stripe subscription, Stripe's own period end (its webhook) applies it.
    const account = await trx.selectFrom('billing_accounts').select(['provider', 'subscription_id']).where('tenant_id', '=', period.tenant_id).executeTakeFirst();
    const nextPlan = period.next_plan_id && !(account?.provider === 'stripe' && account.subscription_id) ? period.next_plan_id : tenant.plan;
    if (nextPlan !== tenant.plan) await trx.updateTable('tenants').set({ plan: nextPlan, updated_at: deps.clock.now() }).where('id', '=', period.tenant_id).execute();
    const month = period.starts_at.toISOString().slice(0, 7);
    const invoice = await trx
      .insertInto('invoices')
      .values({ tenant_id: period.tenant_id, period_id: period.id, number: `OTT-${tenant.slug}-${month}`, plan_id: period.plan_id, total_cents: 0, lines: '[]', issued_at: deps.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Stamp and sum in one statement: an event inserted concurrently is either stamped and counted, or neither.
    const billed = await sql<{ meter: string; quantity: string }>`
      with billed as (
        update usage_events set invoice_id = ${invoice.id}
        where tenant_id = ${period.tenant_id} and invoice_id is null and occurred_at < ${period.ends_at} and meter in (${sql.join(BILLED_METERS)})
        returning meter, quantity)
      select meter, sum(quantity)::text as quantity from billed group by meter`.execute(trx);
    const { lines, totalCents } = computeInvoice(planOf(period.plan_id), totalsFrom(billed.rows), await periodCharges(trx, period.id));
    await trx
      .updateTable('invoices')
      .set({ lines: JSON.stringify(lines), total_cents: totalCents })
      .where('id', '=', invoice.id)
      .execute();
    await trx.updateTable('billing_periods').set({ status: 'closed', closed_at: deps.clock.now() }).where('id', '=', period.id).execute();
    await trx
      .insertInto('billing_periods')
      .values({ tenant_id: period.tenant_id, starts_at: period.ends_at, ends_at: startOfNextMonth(period.ends_at), plan_id: nextPlan })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'starts_at']).doNothing())
      .execute();
    return true;
  });
}

/** The plan's limits and allowances from now on, for the whole open period (its fee: see plan-changes.ts). */
export async function changePlan(db: Kysely<Database>, tenantId: string, planId: PlanId, now: Date): Promise<void> {
  await db.updateTable('tenants').set({ plan: planId, updated_at: now }).where('id', '=', tenantId).execute();
  // A downgrade to this very plan has happened (Stripe ended the subscription): it is no longer pending.
  await db
    .updateTable('billing_periods')
    .set((eb) => ({ plan_id: planId, next_plan_id: eb.case().when('next_plan_id', '=', planId).then(null).else(eb.ref('next_plan_id')).end() }))
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'open')
    .execute();
  await releaseDeferredMeterEvents(db, tenantId);
}

/** The plan billing the period's fee and the period's one-off adjustments, oldest first. */
export async function periodCharges(db: Kysely<Database>, periodId: string): Promise<{ feePlan?: Plan; adjustments: Adjustment[] }> {
  const period = await db.selectFrom('billing_periods').select('fee_plan_id').where('id', '=', periodId).executeTakeFirst();
  const rows = await db.selectFrom('billing_adjustments').select(['description', 'amount_cents']).where('period_id', '=', periodId).orderBy('created_at').orderBy('id').execute();
  const adjustments = rows.map((row) => ({ description: row.description, amountCents: row.amount_cents }));
  return period?.fee_plan_id ? { feePlan: planOf(period.fee_plan_id), adjustments } : { adjustments };
}

function totalsFrom(rows: readonly { meter: string; quantity: string }[]): UsageTotals {
  const totals: UsageTotals = { ...NO_USAGE };
  for (const row of rows) {
    const meter = billableMeterOf(row.meter);
    if (meter) totals[meter] += BigInt(row.quantity);
  }
  return totals;
}
