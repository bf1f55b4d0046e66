// The one write path for usage. Events are inserted under their idempotency key; only the rows that were
// actually new feed the hourly and daily rollups and the Stripe outbox, in the same transaction. Recording the
// same event twice (a retried job, a re-read log, a re-run transcode) therefore changes nothing anywhere.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { billableMeterOf, type BillableMeter, type UsageMeter } from './meters.js';
import { startOfDay, startOfHour } from './time-buckets.js';

export interface NewUsageEvent {
  /** Idempotency key: the same real-world usage always gets the same key, e.g. `transcode:{video}:{rendition}`. */
  key: string;
  tenantId: string;
  meter: UsageMeter;
  /** Whole base units of the meter (see meters.ts). */
  quantity: number;
  occurredAt: Date;
  videoId?: string | null;
  details?: Record<string, unknown>;
}

export interface InsertedUsageEvent {
  eventKey: string;
  tenantId: string;
  meter: string;
  quantity: bigint;
  occurredAt: Date;
}

const INSERT_CHUNK = 2000;

/** Runs inside the caller's transaction when given one, so usage commits or rolls back with the state change that caused it. */
export async function recordUsage(db: Kysely<Database>, events: readonly NewUsageEvent[]): Promise<InsertedUsageEvent[]> {
  const countable = events.filter((event) => event.quantity > 0);
  if (countable.length === 0) return [];
  for (const event of countable) {
    if (!Number.isSafeInteger(event.quantity)) throw new Error(`usage ${event.key}: quantity ${event.quantity} is not a whole number of base units`);
  }
  const run = async (trx: Transaction<Database> | Kysely<Database>) => {
    const inserted: InsertedUsageEvent[] = [];
    for (let start = 0; start < countable.length; start += INSERT_CHUNK) {
      const batch = countable.slice(start, start + INSERT_CHUNK);
      // One array per column rather than thousands of VALUES parameters: PostgreSQL parses and plans this in a
      // fraction of the time, and it does not grow with the batch.
      const { rows } = await sql<{ event_key: string; tenant_id: string; meter: string; quantity: string; occurred_at: Date }>`
        insert into usage_events (tenant_id, event_key, meter, quantity, video_id, occurred_at, details)
        select * from unnest(
          ${batch.map((event) => event.tenantId)}::uuid[], ${batch.map((event) => event.key)}::text[], ${batch.map((event) => event.meter)}::text[],
          ${batch.map((event) => event.quantity)}::bigint[], ${batch.map((event) => event.videoId ?? null)}::uuid[],
          ${batch.map((event) => event.occurredAt)}::timestamptz[], ${batch.map((event) => JSON.stringify(event.details ?? {}))}::jsonb[])
        on conflict (event_key) do nothing
        returning event_key, tenant_id, meter, quantity, occurred_at`.execute(trx);
      inserted.push(...rows.map((row) => ({ eventKey: row.event_key, tenantId: row.tenant_id, meter: row.meter, quantity: BigInt(row.quantity), occurredAt: row.occurred_at })));
    }
    await addToRollups(trx, inserted);
    await enqueueMeterEvents(trx, inserted);
    return inserted;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function addToRollups(trx: Kysely<Database>, inserted: readonly InsertedUsageEvent[]): Promise<void> {
  const buckets = new Map<string, { tenant_id: string; granularity: 'hour' | 'day'; meter: string; bucket_start: Date; quantity: bigint; event_count: number }>();
  for (const event of inserted) {
    for (const [granularity, start] of [
      ['hour', startOfHour(event.occurredAt)],
      ['day', startOfDay(event.occurredAt)],
    ] as const) {
      const key = `${event.tenantId}|${granularity}|${event.meter}|${start.toISOString()}`;
      const bucket = buckets.get(key) ?? { tenant_id: event.tenantId, granularity, meter: event.meter, bucket_start: start, quantity: 0n, event_count: 0 };
      bucket.quantity += event.quantity;
      bucket.event_count += 1;
      buckets.set(key, bucket);
    }
  }
  if (buckets.size === 0) return;
  // One order for every writer, so concurrent ingestions lock rollup rows in the same sequence (no deadlocks).
  const rows = [...buckets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => ({ ...row, quantity: row.quantity.toString() }));
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('usage_rollups')
      .values(rows.slice(start, start + INSERT_CHUNK))
      .onConflict((conflict) =>
        conflict.columns(['tenant_id', 'granularity', 'meter', 'bucket_start']).doUpdateSet({
          quantity: sql<string>`usage_rollups.quantity + excluded.quantity`,
          event_count: sql<number>`usage_rollups.event_count + excluded.event_count`,
        }),
      )
      .execute();
  }
}

/**
 * One meter outbox row per tenant and billable meter for the usage events a transaction has just inserted; the billing
 * side (billing/meter-outbox.ts) sends them to the provider under these identifiers.
 */
async function enqueueMeterEvents(trx: Kysely<Database>, inserted: readonly InsertedUsageEvent[]): Promise<void> {
  const groups = new Map<string, { tenantId: string; meter: BillableMeter; keys: string[]; quantity: bigint; occurredAt: Date }>();
  for (const event of inserted) {
    const meter = billableMeterOf(event.meter);
    if (!meter) continue;
    const id = `${event.tenantId}|${meter}`;
    const group = groups.get(id) ?? { tenantId: event.tenantId, meter, keys: [], quantity: 0n, occurredAt: event.occurredAt };
    group.keys.push(event.eventKey);
    group.quantity += event.quantity;
    if (event.occurredAt > group.occurredAt) group.occurredAt = event.occurredAt;
    groups.set(id, group);
  }
  const rows = [...groups.values()]
    .filter((group) => group.quantity > 0n)
    .map((group) => ({
      tenant_id: group.tenantId,
      // Usage event keys are unique and each is inserted once, so a digest of the group's keys is too.
      identifier: `ott_${group.meter}_${createHash('sha256').update(group.keys.sort().join('\n')).digest('base64url').slice(0, 43)}`,
      meter: group.meter,
      quantity: group.quantity.toString(),
      occurred_at: group.occurredAt,
      // Due at once, whichever clock the flusher runs on.
      next_attempt_at: new Date(0),
    }));
  if (rows.length > 0)
    await trx
      .insertInto('meter_outbox')
      .values(rows)
      .onConflict((conflict) => conflict.column('identifier').doNothing())
      .execute();
}
