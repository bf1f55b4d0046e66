// The webhook outbox: an event is written in the transaction of the change it reports, with one pending delivery per
// enabled endpoint that subscribed to its type, so an event exists exactly when the change committed; the dispatcher
// (webhook-dispatch.ts) sends it afterwards, however long the receivers take.
import { randomBytes } from 'node:crypto';
import type { WebhookEventType } from '@ott/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface WebhookEventInput {
  tenantId: string;
  type: WebhookEventType;
  /** Events with the same key reach each endpoint in the order they were recorded (the video's id). */
  orderingKey?: string;
  /** The public view of what changed: never a secret. */
  data: Record<string, unknown>;
  /** Only to this endpoint, whatever its filter (a test event); otherwise every subscribed enabled endpoint. */
  endpointId?: string;
  now: Date;
}

/** Stable across retries and replays: the `webhook-id` receivers deduplicate on. */
export function newEventId(): string {
  return `evt_${randomBytes(16).toString('base64url')}`;
}

/**
 * `db` is the caller's transaction. One statement: the subscribed endpoints, the event (only when at least one
 * endpoint will receive it: a tenant without endpoints writes nothing), and a pending delivery for each. Returns the
 * event's id, or undefined when nobody subscribed.
 */
export async function recordWebhookEvent(db: Db, input: WebhookEventInput): Promise<string | undefined> {
  const id = newEventId();
  const payload = { id, type: input.type, createdAt: input.now.toISOString(), data: input.data };
  const endpointFilter = input.endpointId !== undefined ? sql`e.id = ${input.endpointId}::uuid` : sql`e.status = 'enabled' and (cardinality(e.event_types) = 0 or ${input.type} = any(e.event_types))`;
  const result = await sql<{ id: string }>`
    with subscribed as (
      select e.id, e.tenant_id from webhook_endpoints e where e.tenant_id = ${input.tenantId}::uuid and ${endpointFilter}
    ), event as (
      insert into webhook_events (id, tenant_id, type, ordering_key, payload, created_at)
      select ${id}, ${input.tenantId}::uuid, ${input.type}, ${input.orderingKey ?? null}, ${JSON.stringify(payload)}::jsonb, ${input.now}::timestamptz
      where exists (select 1 from subscribed)
      returning id
    )
    insert into webhook_deliveries (tenant_id, event_id, endpoint_id, ordering_key, next_attempt_at, created_at)
    select s.tenant_id, event.id, s.id, ${input.orderingKey ?? null}, ${input.now}::timestamptz, ${input.now}::timestamptz
    from subscribed s cross join event
    order by s.id
    returning event_id as id
  `.execute(db);
  return result.rows[0]?.id;
}
