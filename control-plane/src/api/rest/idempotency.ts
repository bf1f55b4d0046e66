// Idempotency-Key on creates: the first request with a key records itself before it runs (insert-first, so two
// concurrent duplicates cannot both create), then stores its answer; a repeat of the same request replays that
// answer, the same key with another request is refused. Records last 24 hours: a caller's own key expires after that.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../ports.js';
import { RestError } from './rest-errors.js';

const KEEP_MS = 24 * 3600_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  tenantId: string;
  apiKeyId: string;
  key: string;
  fingerprint: string;
}

export type IdempotencyStart = { kind: 'first' } | { kind: 'replay'; status: number; response: unknown };

export function checkIdempotencyKey(key: string): string {
  if (!KEY_PATTERN.test(key))
    throw new RestError(400, 'invalid_request', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID is a good choice).', { field: 'headers.idempotency-key' });
  return key;
}

export function requestFingerprint(method: string, pathname: string, body: Buffer): string {
  return `${method} ${pathname} ${createHash('sha256').update(body).digest('hex')}`;
}

/** Records the request, or says what to answer instead: the stored answer, or a conflict. */
export async function startIdempotent(db: Db, clock: Clock, request: IdempotentRequest): Promise<IdempotencyStart> {
  const now = clock.now();
  // The tenant's expired records go first (this one's included, so an old key starts afresh): no sweep job needed.
  await db
    .deleteFrom('idempotency_keys')
    .where('tenant_id', '=', request.tenantId)
    .where('created_at', '<', new Date(now.getTime() - KEEP_MS))
    .execute();
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ tenant_id: request.tenantId, api_key_id: request.apiKeyId, key: request.key, fingerprint: request.fingerprint, created_at: now })
    .onConflict((conflict) => conflict.columns(['api_key_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { kind: 'first' };
  const stored = await db.selectFrom('idempotency_keys').select(['fingerprint', 'status', 'response']).where('api_key_id', '=', request.apiKeyId).where('key', '=', request.key).executeTakeFirst();
  // Gone between the two statements: its first request failed and let the key go. Another try starts afresh.
  if (!stored) return startIdempotent(db, clock, request);
  if (stored.fingerprint !== request.fingerprint) {
    throw new RestError(
      422,
      'idempotency_conflict',
      'This Idempotency-Key was already used for a different request (another path or body). Use a new key for a new request, or resend the first request unchanged.',
      { field: 'headers.idempotency-key' },
    );
  }
  if (stored.status === null) {
    throw new RestError(409, 'conflict', 'A request with this Idempotency-Key is still running. Retry in a moment to get its answer.', { field: 'headers.idempotency-key' }, { 'Retry-After': '1' });
  }
  return { kind: 'replay', status: stored.status, response: stored.response };
}

export async function finishIdempotent(db: Db, request: IdempotentRequest, status: number, response: unknown): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status, response: JSON.stringify(response ?? null) })
    .where('api_key_id', '=', request.apiKeyId)
    .where('key', '=', request.key)
    .execute();
}

/** A failed first request keeps nothing: the caller may fix it and retry with the same key. */
export async function abandonIdempotent(db: Db, request: IdempotentRequest): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('api_key_id', '=', request.apiKeyId).where('key', '=', request.key).where('status', 'is', null).execute();
}
