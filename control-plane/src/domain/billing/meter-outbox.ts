// The outbox between the ledger and the billing provider's meters. Rows are written by usage/record-usage.ts, in the
// same transaction as the usage events they carry, so usage is never recorded without being queued for billing. The
// flusher here claims rows with a lease, sends them with their identifiers, then records the outcome. A crash after sending and before
// recording leaves the lease to expire and the rows to be sent again under the same identifiers, which the
// provider deduplicates (Stripe: at least 24 hours): nothing is lost and nothing is billed twice.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { MeterEventToSend } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { planOf } from './plans.js';
import type { BillableMeter } from '../usage/meters.js';
import { startOfMonth, startOfNextMonth } from '../usage/time-buckets.js';
import { ensureBillingAccount } from './billing-accounts.js';

/**
 * Stripe files an event under the period its timestamp falls in and ignores events for periods already invoiced.
 * Late usage (a log that arrived after the month ended) is therefore dated into the current month, exactly as the
 * local ledger bills late events on the next invoice.
 */
export function meterEventTimestamp(occurredAt: Date, now: Date): Date {
  const monthStart = startOfMonth(now);
  const time = occurredAt < monthStart ? monthStart : occurredAt;
  return time > now ? now : time;
}

export interface FlushOptions {
  batchSize?: number;
  /** How long a claimed row is left alone before another flusher may send it again. */
  leaseSeconds?: number;
  /** Test seam: runs after the provider accepted a batch and before the outcome is recorded. */
  afterSend?: (identifiers: readonly string[]) => Promise<void>;
}

export interface FlushResult {
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
}

type FlushDeps = Pick<DomainDeps, 'db' | 'billing' | 'clock'>;
type OutboxRow = { id: string; tenant_id: string; identifier: string; meter: string; quantity: string; occurred_at: Date; attempts: number };

export async function flushMeterOutbox(deps: FlushDeps, options: FlushOptions = {}): Promise<FlushResult> {
  const batchSize = options.batchSize ?? 100;
  const result: FlushResult = { sent: 0, skipped: 0, failed: 0, retrying: 0 };
  for (;;) {
    const claimed = await claim(deps, batchSize, options.leaseSeconds ?? 60);
    const byTenant = new Map<string, OutboxRow[]>();
    for (const row of claimed) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row]);
    for (const [tenantId, rows] of byTenant) await flushTenant(deps, tenantId, rows, result, options);
    if (claimed.length < batchSize) return result;
  }
}

async function claim(deps: FlushDeps, batchSize: number, leaseSeconds: number): Promise<OutboxRow[]> {
  const now = deps.clock.now();
  return deps.db
    .updateTable('meter_outbox')
    .set({ next_attempt_at: new Date(now.getTime() + leaseSeconds * 1000), attempts: sql<number>`attempts + 1` })
    .where('id', 'in', (eb) => eb.selectFrom('meter_outbox').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('id').limit(batchSize).forUpdate().skipLocked())
    .returning(['id', 'tenant_id', 'identifier', 'meter', 'quantity', 'occurred_at', 'attempts'])
    .execute();
}

async function flushTenant(deps: FlushDeps, tenantId: string, rows: OutboxRow[], result: FlushResult, options: FlushOptions): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirst();
  const billing = planOf(tenant?.plan ?? 'free').billing;
  if (billing.monthlyFeeCents === 0 && Object.values(billing.overage).every((price) => price === null)) {
    // A free month bills nothing. This month's usage waits, though: an upgrade applies to the whole open period
    // (as on the local ledger), and changePlan makes the rows due again.
    const monthStart = startOfMonth(deps.clock.now());
    const past = rows.filter((row) => row.occurred_at < monthStart);
    await settle(deps, past, 'skipped', 'Not sent: the Free plan bills nothing (its limits apply instead).');
    await deferUntil(
      deps,
      rows.filter((row) => row.occurred_at >= monthStart),
      startOfNextMonth(monthStart),
    );
    result.skipped += past.length;
    return;
  }
  let outcomes;
  try {
    const { customerId } = await ensureBillingAccount(deps, tenantId);
    const now = deps.clock.now();
    const events: MeterEventToSend[] = rows.map((row) => ({
      identifier: row.identifier,
      customerId,
      meter: row.meter as BillableMeter,
      value: row.quantity,
      timestamp: meterEventTimestamp(row.occurred_at, now),
    }));
    outcomes = await deps.billing.sendMeterEvents(events);
  } catch (error) {
    await retryLater(deps, rows, error);
    result.retrying += rows.length;
    return;
  }
  await options.afterSend?.(rows.map((row) => row.identifier));
  const rejected = new Map(outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [[outcome.identifier, outcome.reason] as const] : [])));
  const accepted = rows.filter((row) => !rejected.has(row.identifier));
  await settle(deps, accepted, 'sent', null);
  result.sent += accepted.length;
  for (const row of rows.filter((candidate) => rejected.has(candidate.identifier))) {
    await settle(deps, [row], 'failed', rejected.get(row.identifier) ?? 'rejected');
    result.failed += 1;
  }
}

async function settle(deps: FlushDeps, rows: readonly OutboxRow[], status: 'sent' | 'skipped' | 'failed', reason: string | null): Promise<void> {
  if (rows.length === 0) return;
  await deps.db
    .updateTable('meter_outbox')
    .set({ status, last_error: reason, sent_at: status === 'sent' ? deps.clock.now() : null })
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .where('status', '=', 'pending')
    .execute();
}

async function deferUntil(deps: FlushDeps, rows: readonly OutboxRow[], until: Date): Promise<void> {
  if (rows.length === 0) return;
  await deps.db
    .updateTable('meter_outbox')
    .set({ next_attempt_at: until })
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .where('status', '=', 'pending')
    .execute();
}

/** After a plan change: usage waiting for a paid plan is due now. */
export async function releaseDeferredMeterEvents(db: Kysely<Database>, tenantId: string): Promise<void> {
  await db
    .updateTable('meter_outbox')
    .set({ next_attempt_at: new Date(0) })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'pending')
    .execute();
}

/** Backs off 15 s, 30 s, … up to an hour, well inside the provider's 24-hour deduplication window. */
async function retryLater(deps: FlushDeps, rows: readonly OutboxRow[], error: unknown): Promise<void> {
  const attempts = Math.max(...rows.map((row) => row.attempts));
  const delaySeconds = Math.min(3600, 15 * 2 ** Math.min(12, attempts - 1));
  await deps.db
    .updateTable('meter_outbox')
    .set({ next_attempt_at: new Date(deps.clock.now().getTime() + delaySeconds * 1000), last_error: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500) })
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .where('status', '=', 'pending')
    .execute();
}
