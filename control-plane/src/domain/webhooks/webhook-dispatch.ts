// Sending what the outbox holds. A dispatcher claims due deliveries (FOR UPDATE SKIP LOCKED, then a lease in
// `claimed_until`, so several workers share the work and a dead worker's claims run out), never more than
// `perEndpoint` in flight for one endpoint, so a slow or hanging receiver holds a few slots and no other endpoint
// waits on it; per endpoint and ordering key (a video) a delivery waits until every earlier one is delivered or given
// up. Each attempt goes through the SSRF-guarded outbound port, is recorded with its answer, and either delivers, is
// scheduled again (retry-schedule.ts) or gives up; an endpoint that has failed every attempt for three days is disabled.
import type { WebhookEventBody } from '@ott/contracts';
import { sql } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { DISABLE_AFTER_FAILING_MS, retryDelayMs } from './retry-schedule.js';
import { signatureHeader } from './webhook-signature.js';

type Deps = Pick<DomainDeps, 'db' | 'secrets' | 'clock' | 'outbound'>;

/** A receiver has this long to answer; longer counts as a failed attempt. */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** How much of a receiver's answer the log keeps. */
export const KEPT_RESPONSE_BYTES = 2048;
/** A larger answer is cut off (the attempt fails): receivers answer with a short acknowledgement. */
const MAX_RESPONSE_BYTES = 256 * 1024;
/** A claim outlives the attempt's deadline; past it, another dispatcher may take the delivery (its claimant died). */
const CLAIM_MS = DELIVERY_TIMEOUT_MS + 45_000;
export const USER_AGENT = 'OTT-Cloud-Webhooks/1';

export interface ClaimedDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  attempts: number;
  event: WebhookEventBody;
  url: string;
  sealedSecret: string;
  sealedPreviousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface DeliveryOutcome {
  deliveryId: string;
  endpointId: string;
  eventId: string;
  delivered: boolean;
  /** Set when the endpoint was disabled by this attempt. */
  endpointDisabled: boolean;
}

/** Up to `limit` due deliveries, at most `perEndpoint` in flight per endpoint counting those already claimed. */
export async function claimDueDeliveries(deps: Pick<DomainDeps, 'db' | 'clock'>, options: { limit: number; perEndpoint: number }): Promise<ClaimedDelivery[]> {
  if (options.limit <= 0) return [];
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Each part is an index probe, so a claim costs the same with a thousand deliveries waiting as with one: the
    // endpoints with something due (an EXISTS per enabled endpoint), what each has in flight (claimed rows only), and
    // per endpoint its earliest due deliveries that head their ordering key.
    const picked = await sql<{ id: string }>`
      with ready as (
        select e.id as endpoint_id,
          (select count(*)::int from webhook_deliveries f
            where f.endpoint_id = e.id and f.status = 'pending' and f.claimed_until is not null and f.claimed_until > ${now}) as busy
        from webhook_endpoints e
        where e.status = 'enabled' and exists (
          select 1 from webhook_deliveries d
          where d.endpoint_id = e.id and d.status = 'pending' and d.next_attempt_at <= ${now} and (d.claimed_until is null or d.claimed_until <= ${now})
        )
      )
      select pick.id from ready r
      cross join lateral (
        select d.id from webhook_deliveries d
        where d.endpoint_id = r.endpoint_id and d.status = 'pending' and d.next_attempt_at <= ${now}
          and (d.claimed_until is null or d.claimed_until <= ${now})
          and (d.ordering_key is null or d.seq = (
            select min(earlier.seq) from webhook_deliveries earlier
            where earlier.endpoint_id = d.endpoint_id and earlier.ordering_key = d.ordering_key and earlier.status = 'pending'
          ))
        order by d.next_attempt_at, d.seq
        limit greatest(0, ${options.perEndpoint}::int - r.busy)
        for update of d skip locked
      ) pick
      order by random()
      limit ${options.limit}::int
    `.execute(trx);
    if (picked.rows.length === 0) return [];
    const rows = await trx
      .updateTable('webhook_deliveries as d')
      .from('webhook_events as e')
      .innerJoin('webhook_endpoints as ep', (join) => join.on(sql<boolean>`true`))
      .whereRef('e.id', '=', 'd.event_id')
      .whereRef('ep.id', '=', 'd.endpoint_id')
      .where(
        'd.id',
        'in',
        picked.rows.map((row) => row.id),
      )
      .set({ claimed_until: new Date(now.getTime() + CLAIM_MS) })
      .returning(['d.id', 'd.tenant_id', 'd.endpoint_id', 'd.attempts', 'e.payload', 'ep.url', 'ep.secret', 'ep.previous_secret', 'ep.previous_secret_expires_at'])
      .execute();
    return rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      endpointId: row.endpoint_id,
      attempts: row.attempts,
      event: row.payload as WebhookEventBody,
      url: row.url,
      sealedSecret: row.secret,
      sealedPreviousSecret: row.previous_secret,
      previousSecretExpiresAt: row.previous_secret_expires_at,
    }));
  });
}

/** One attempt: send, record, and move the delivery on (delivered, retried later, or given up). */
export async function attemptDelivery(deps: Deps, claimed: ClaimedDelivery): Promise<DeliveryOutcome> {
  const at = deps.clock.now();
  const timestamp = Math.floor(at.getTime() / 1000);
  // The stored event, in the documented field order (jsonb keeps its own).
  const body = JSON.stringify({ id: claimed.event.id, type: claimed.event.type, createdAt: claimed.event.createdAt, data: claimed.event.data });
  const secrets = [deps.secrets.open(claimed.sealedSecret)];
  if (claimed.sealedPreviousSecret !== null && claimed.previousSecretExpiresAt !== null && claimed.previousSecretExpiresAt > at) secrets.push(deps.secrets.open(claimed.sealedPreviousSecret));
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': claimed.event.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(secrets, claimed.event.id, timestamp, body),
  };
  const result = await deps.outbound.request({ url: claimed.url, method: 'POST', headers, body, timeoutMs: DELIVERY_TIMEOUT_MS, maxResponseBytes: MAX_RESPONSE_BYTES, maxRedirects: 0 });
  const status = result.ok ? result.status : null;
  const delivered = status !== null && status >= 200 && status < 300;
  const error = delivered ? null : failureOf(result);
  const attempt = claimed.attempts + 1;
  const done = deps.clock.now();
  const retryIn = delivered ? undefined : retryDelayMs(attempt);
  let endpointDisabled = false;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_delivery_attempts')
      .values({
        delivery_id: claimed.id,
        attempt,
        tenant_id: claimed.tenantId,
        at,
        request_headers: JSON.stringify(headers),
        request_body: body,
        response_status: status,
        response_body: result.ok && result.body ? result.body.subarray(0, KEPT_RESPONSE_BYTES).toString('utf8') : null,
        latency_ms: result.elapsedMs,
        error,
      })
      .execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({
        attempts: attempt,
        claimed_until: null,
        last_attempt_at: at,
        last_status_code: status,
        last_error: error,
        ...(delivered ? { status: 'succeeded' as const, delivered_at: done } : retryIn === undefined ? { status: 'failed' as const } : { next_attempt_at: new Date(done.getTime() + retryIn) }),
      })
      .where('id', '=', claimed.id)
      .execute();
    if (delivered) {
      await trx.updateTable('webhook_endpoints').set({ failing_since: null }).where('id', '=', claimed.endpointId).where('failing_since', 'is not', null).execute();
      return;
    }
    const endpoint = await trx
      .updateTable('webhook_endpoints')
      .set({ failing_since: sql<Date>`coalesce(failing_since, ${at})` })
      .where('id', '=', claimed.endpointId)
      .returning(['failing_since', 'status'])
      .executeTakeFirst();
    const failingSince = endpoint?.failing_since;
    if (endpoint?.status !== 'enabled' || !failingSince || done.getTime() - failingSince.getTime() < DISABLE_AFTER_FAILING_MS) return;
    await trx
      .updateTable('webhook_endpoints')
      .set({
        status: 'disabled',
        disabled_at: done,
        disabled_reason: `Every delivery attempt since ${failingSince.toISOString()} failed (the last: ${error ?? 'no answer'}), so deliveries stopped. Fix the receiver, then re-enable the endpoint: waiting deliveries resume.`,
        updated_at: done,
      })
      .where('id', '=', claimed.endpointId)
      .execute();
    endpointDisabled = true;
  });
  return { deliveryId: claimed.id, endpointId: claimed.endpointId, eventId: claimed.event.id, delivered, endpointDisabled };
}

function failureOf(result: Awaited<ReturnType<DomainDeps['outbound']['request']>>): string {
  if (!result.ok) return `${result.refusal}: ${result.message}`;
  if (result.status >= 300 && result.status < 400) {
    return `answered ${result.status}${result.headers.location ? ` to ${result.headers.location}` : ''}: redirects are not followed; register the final URL`;
  }
  return `answered ${result.status}: only a 2xx answer counts as delivered`;
}
