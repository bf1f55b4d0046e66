// A tenant's webhook endpoints: where events go, which types each wants, its signing secret (shown once, at creation
// and at rotation; sealed at rest), and whether it is enabled. An endpoint disabled after sustained failure
// (webhook-dispatch.ts) says why until an admin re-enables it.
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@ott/contracts';
import { sql, type Selectable } from 'kysely';
import type { WebhookEndpointsTable, WebhookEndpointStatus } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { invalid, limitExceeded, notFound } from '../errors.js';
import { pageOf, type Page } from '../pagination.js';
import { positionAfter } from './webhook-cursor.js';
import { newEndpointSecret } from './webhook-signature.js';

type Deps = Pick<DomainDeps, 'db' | 'secrets' | 'clock'>;
type EndpointRow = Selectable<WebhookEndpointsTable>;

/** Endpoints per tenant: enough for every environment a tenant runs, few enough that one event is not a flood. */
export const MAX_ENDPOINTS = 20;
/** After a rotation the old secret keeps signing this long, so receivers can switch without missing a delivery. */
export const PREVIOUS_SECRET_HOURS = 24;

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  /** Empty: every event type. */
  eventTypes: WebhookEventType[];
  status: WebhookEndpointStatus;
  /** Why it was disabled (sustained failure, or an admin), shown until it is re-enabled. */
  disabledReason: string | null;
  disabledAt: Date | null;
  /** Its first failed attempt since the last success; null while it is healthy. */
  failingSince: Date | null;
  /** Until then deliveries are signed with the previous secret too. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EndpointInput {
  url: string;
  description?: string;
  eventTypes?: WebhookEventType[];
}

export interface EndpointChanges {
  url?: string;
  description?: string;
  eventTypes?: WebhookEventType[];
  enabled?: boolean;
}

/** The new secret is in this answer only. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpointView;
  secret: string;
}

export async function listEndpoints(deps: Pick<DomainDeps, 'db'>, tenantId: string, input: { limit: number; cursor?: string }): Promise<Page<WebhookEndpointView>> {
  const after = positionAfter(input.cursor);
  const rows = await deps.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .$if(after !== undefined, (query) => query.where(sql<boolean>`(created_at, id) < (${after?.createdAt ?? null}::timestamptz, ${after?.id ?? null}::uuid)`))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return pageOf(rows, input.limit, (row) => ({ value: row.created_at.toISOString(), id: row.id }), toEndpointView);
}

export async function getEndpoint(deps: Pick<DomainDeps, 'db'>, tenantId: string, endpointId: string): Promise<WebhookEndpointView> {
  return toEndpointView(await endpointOfTenant(deps, tenantId, endpointId));
}

export async function createEndpoint(deps: Deps, tenantId: string, input: EndpointInput): Promise<EndpointWithSecret> {
  const url = checkedEndpointUrl(input.url);
  const secret = newEndpointSecret();
  const row = await deps.db.transaction().execute(async (trx) => {
    const { count } = await trx
      .selectFrom('webhook_endpoints')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_ENDPOINTS) throw limitExceeded(`A workspace can have ${MAX_ENDPOINTS} webhook endpoints. Delete one you no longer use, or subscribe an existing one to more event types.`);
    return trx
      .insertInto('webhook_endpoints')
      .values({
        tenant_id: tenantId,
        url,
        description: input.description?.trim() ?? '',
        event_types: uniqueTypes(input.eventTypes ?? []),
        secret: deps.secrets.seal(secret),
        created_at: deps.clock.now(),
        updated_at: deps.clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return { endpoint: toEndpointView(row), secret };
}

/** `enabled: true` re-enables a disabled endpoint: its pending deliveries resume, the failure clock starts again. */
export async function updateEndpoint(deps: Deps, tenantId: string, endpointId: string, changes: EndpointChanges): Promise<WebhookEndpointView> {
  const current = await endpointOfTenant(deps, tenantId, endpointId);
  const now = deps.clock.now();
  const statusChange =
    changes.enabled === undefined || (changes.enabled ? current.status === 'enabled' : current.status === 'disabled')
      ? {}
      : changes.enabled
        ? { status: 'enabled' as const, disabled_reason: null, disabled_at: null, failing_since: null }
        : { status: 'disabled' as const, disabled_reason: 'Disabled by an admin.', disabled_at: now };
  const row = await deps.db
    .updateTable('webhook_endpoints')
    .set({
      ...(changes.url !== undefined ? { url: checkedEndpointUrl(changes.url) } : {}),
      ...(changes.description !== undefined ? { description: changes.description.trim() } : {}),
      ...(changes.eventTypes !== undefined ? { event_types: uniqueTypes(changes.eventTypes) } : {}),
      ...statusChange,
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', endpointId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEndpointView(row);
}

/** Its pending deliveries, the log and the attempts go with it. */
export async function deleteEndpoint(deps: Pick<DomainDeps, 'db'>, tenantId: string, endpointId: string): Promise<void> {
  const deleted = await deps.db.deleteFrom('webhook_endpoints').where('tenant_id', '=', tenantId).where('id', '=', endpointId).executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw notFound('The webhook endpoint');
}

/** A new secret signs from now on; the one it replaces signs too for PREVIOUS_SECRET_HOURS, so receivers can switch over. */
export async function rotateEndpointSecret(deps: Deps, tenantId: string, endpointId: string): Promise<EndpointWithSecret> {
  const current = await endpointOfTenant(deps, tenantId, endpointId);
  const secret = newEndpointSecret();
  const now = deps.clock.now();
  const row = await deps.db
    .updateTable('webhook_endpoints')
    .set({ secret: deps.secrets.seal(secret), previous_secret: current.secret, previous_secret_expires_at: new Date(now.getTime() + PREVIOUS_SECRET_HOURS * 3600_000), updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', endpointId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { endpoint: toEndpointView(row), secret };
}

export async function endpointOfTenant(deps: Pick<DomainDeps, 'db'>, tenantId: string, endpointId: string): Promise<EndpointRow> {
  const row = await deps.db.selectFrom('webhook_endpoints').selectAll().where('tenant_id', '=', tenantId).where('id', '=', endpointId).executeTakeFirst();
  if (!row) throw notFound('The webhook endpoint');
  return row;
}

/** http(s) with a host and no credentials; whether its address is public is checked at every delivery (DNS changes). */
export function checkedEndpointUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid(`The endpoint URL is not a URL ("${text}"): give the full address of your receiver, e.g. https://example.com/webhooks/ott.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`Webhook endpoints are http or https URLs; ${url.protocol} is not one.`);
  if (url.username !== '' || url.password !== '')
    throw invalid('Put no user name or password in the endpoint URL: deliveries are signed, so your receiver can verify them with the endpoint secret instead.');
  if (url.hash !== '') throw invalid('An endpoint URL has no #fragment: it is never sent to the receiver.');
  return url.toString();
}

function uniqueTypes(types: readonly WebhookEventType[]): WebhookEventType[] {
  return WEBHOOK_EVENT_TYPES.filter((type) => types.includes(type));
}

export function toEndpointView(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types.filter((type): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)),
    status: row.status,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    failingSince: row.failing_since,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
