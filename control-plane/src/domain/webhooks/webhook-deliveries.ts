// The delivery log (each delivery of an event to an endpoint, with every attempt's request and answer), replay
// (the same event, with its id, sent again) and test events.
import type { WebhookEventType } from '@ott/contracts';
import { sql } from 'kysely';
import type { WebhookDeliveryStatus } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { notFound, notReady } from '../errors.js';
import { pageOf, type Page } from '../pagination.js';
import { positionAfter } from './webhook-cursor.js';
import { recordWebhookEvent } from './record-webhook-event.js';
import { endpointOfTenant } from './webhook-endpoints.js';

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

export interface WebhookAttemptView {
  attempt: number;
  at: Date;
  requestHeaders: Record<string, string>;
  requestBody: string;
  /** Null when no answer came (refused, timed out, connection failed). */
  responseStatus: number | null;
  /** Its first 2 KB. */
  responseBody: string | null;
  latencyMs: number;
  error: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When the next attempt is due; null once delivered or given up. */
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** Oldest first. */
  attemptLog: WebhookAttemptView[];
}

/** An endpoint's deliveries, newest first, each with its attempts. */
export async function listDeliveries(deps: Pick<DomainDeps, 'db'>, tenantId: string, endpointId: string, input: { limit: number; cursor?: string }): Promise<Page<WebhookDeliveryView>> {
  await endpointOfTenant(deps, tenantId, endpointId);
  const after = positionAfter(input.cursor);
  const rows = await deliveryQuery(deps)
    .where('d.tenant_id', '=', tenantId)
    .where('d.endpoint_id', '=', endpointId)
    .$if(after !== undefined, (query) => query.where(sql<boolean>`(d.created_at, d.id) < (${after?.createdAt ?? null}::timestamptz, ${after?.id ?? null}::uuid)`))
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const attempts = await attemptsOf(
    deps,
    tenantId,
    rows.slice(0, input.limit).map((row) => row.id),
  );
  return pageOf(
    rows,
    input.limit,
    (row) => ({ value: row.created_at.toISOString(), id: row.id }),
    (row) => toDeliveryView(row, attempts.get(row.id) ?? []),
  );
}

export async function getDelivery(deps: Pick<DomainDeps, 'db'>, tenantId: string, deliveryId: string): Promise<WebhookDeliveryView> {
  const row = await deliveryQuery(deps).where('d.tenant_id', '=', tenantId).where('d.id', '=', deliveryId).executeTakeFirst();
  if (!row) throw notFound('The webhook delivery');
  return toDeliveryView(row, (await attemptsOf(deps, tenantId, [row.id])).get(row.id) ?? []);
}

/**
 * Sends the delivery's event again to its endpoint, as a new delivery with its own attempts: the event keeps its id
 * (receivers that processed it already can tell) and is signed anew. It does not wait for the video's other events.
 */
export async function replayDelivery(deps: Deps, tenantId: string, deliveryId: string): Promise<WebhookDeliveryView> {
  const original = await deps.db.selectFrom('webhook_deliveries').select(['event_id', 'endpoint_id']).where('tenant_id', '=', tenantId).where('id', '=', deliveryId).executeTakeFirst();
  if (!original) throw notFound('The webhook delivery');
  await assertEnabled(deps, tenantId, original.endpoint_id);
  const now = deps.clock.now();
  const replay = await deps.db
    .insertInto('webhook_deliveries')
    .values({ tenant_id: tenantId, event_id: original.event_id, endpoint_id: original.endpoint_id, ordering_key: null, next_attempt_at: now, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getDelivery(deps, tenantId, replay.id);
}

/** A `webhook.test` event to this endpoint only, whatever its filter: what a receiver gets, signed as every event is. */
export async function sendTestEvent(deps: Deps, tenantId: string, endpointId: string): Promise<WebhookDeliveryView> {
  await assertEnabled(deps, tenantId, endpointId);
  const now = deps.clock.now();
  const eventId = await deps.db
    .transaction()
    .execute((trx) =>
      recordWebhookEvent(trx, { tenantId, type: 'webhook.test', endpointId, now, data: { endpointId, message: 'A test event from OTT Cloud: your endpoint receives and verifies deliveries.' } }),
    );
  if (eventId === undefined) throw notFound('The webhook endpoint');
  const delivery = await deps.db.selectFrom('webhook_deliveries').select('id').where('tenant_id', '=', tenantId).where('event_id', '=', eventId).executeTakeFirstOrThrow();
  return getDelivery(deps, tenantId, delivery.id);
}

async function assertEnabled(deps: Pick<DomainDeps, 'db'>, tenantId: string, endpointId: string): Promise<void> {
  const endpoint = await endpointOfTenant(deps, tenantId, endpointId);
  if (endpoint.status === 'disabled') throw notReady(`This endpoint is disabled (${endpoint.disabled_reason ?? 'by an admin'}). Re-enable it first: nothing is sent to a disabled endpoint.`);
}

function deliveryQuery(deps: Pick<DomainDeps, 'db'>) {
  return deps.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.endpoint_id',
      'd.event_id',
      'e.type',
      'd.status',
      'd.attempts',
      'd.next_attempt_at',
      'd.last_attempt_at',
      'd.last_status_code',
      'd.last_error',
      'd.created_at',
      'd.delivered_at',
    ]);
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveryQuery>['executeTakeFirstOrThrow']>>;

async function attemptsOf(deps: Pick<DomainDeps, 'db'>, tenantId: string, deliveryIds: string[]): Promise<Map<string, WebhookAttemptView[]>> {
  const byDelivery = new Map<string, WebhookAttemptView[]>();
  if (deliveryIds.length === 0) return byDelivery;
  const rows = await deps.db.selectFrom('webhook_delivery_attempts').selectAll().where('tenant_id', '=', tenantId).where('delivery_id', 'in', deliveryIds).orderBy('attempt').execute();
  for (const row of rows) {
    const list = byDelivery.get(row.delivery_id) ?? [];
    list.push({
      attempt: row.attempt,
      at: row.at,
      requestHeaders: row.request_headers,
      requestBody: row.request_body,
      responseStatus: row.response_status,
      responseBody: row.response_body,
      latencyMs: row.latency_ms,
      error: row.error,
    });
    byDelivery.set(row.delivery_id, list);
  }
  return byDelivery;
}

function toDeliveryView(row: DeliveryRow, attemptLog: WebhookAttemptView[]): WebhookDeliveryView {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.type as WebhookEventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastAttemptAt: row.last_attempt_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    attemptLog,
  };
}
