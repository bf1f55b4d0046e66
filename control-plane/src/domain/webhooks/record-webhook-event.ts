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

/** `db` is the caller's transaction. Returns the event's id. */
export async function recordWebhookEvent(db: Db, input: WebhookEventInput): Promise<string> {
  const id = newEventId();
  const createdAt = input.now;
  const payload = { id, type: input.type, createdAt: createdAt.toISOString(), data: input.data };
  await db
    .insertInto('webhook_events')
    .values({ id, tenant_id: input.tenantId, type: input.type, ordering_key: input.orderingKey ?? null, payload: JSON.stringify(payload), created_at: createdAt })
    .execute();
  await db
    .insertInto('webhook_deliveries')
    .columns(['tenant_id', 'event_id', 'endpoint_id', 'ordering_key', 'next_attempt_at', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('webhook_endpoints')
        .select([
          'tenant_id',
          sql<string>`${id}::text`.as('event_id'),
          'id',
          sql<string | null>`${input.orderingKey ?? null}::text`.as('ordering_key'),
          sql<Date>`${createdAt}::timestamptz`.as('next_attempt_at'),
          sql<Date>`${createdAt}::timestamptz`.as('created_at'),
        ])
        .where('tenant_id', '=', input.tenantId)
        .$if(input.endpointId !== undefined, (query) => query.where('id', '=', input.endpointId as string))
        .$if(input.endpointId === undefined, (query) =>
          query.where('status', '=', 'enabled').where((where) => where.or([sql<boolean>`cardinality(event_types) = 0`, sql<boolean>`${input.type} = any(event_types)`])),
        ),
    )
    .execute();
  return id;
}
