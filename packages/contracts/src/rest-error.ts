// The REST API's (/v1) one error shape: `{ "error": { "code", "message", "details"? } }`. `message` is written for a
// person (what went wrong and what to do); programs decide on `code`; `details` says where (the field, the scope).

export type RestErrorCode =
  | 'invalid_request' // malformed JSON, a wrong type, an unknown field: details.field names it
  | 'unauthenticated' // no key, a wrong key or a revoked one: details.keyPrefix names the key that was used
  | 'missing_scope' // the key lacks the scope the route needs: details.scope names it
  | 'forbidden'
  | 'payment_required' // a paid title the viewer is not entitled to: details.offers lists what would unlock it
  | 'not_found'
  | 'conflict'
  | 'idempotency_conflict' // the Idempotency-Key was used before for a different request
  | 'not_ready'
  | 'payload_too_large'
  | 'rate_limited' // Retry-After says when
  | 'unavailable'
  | 'internal';

export interface RestErrorBody {
  error: { code: RestErrorCode; message: string; details?: Record<string, unknown> };
}

/** A list's page: `nextCursor` goes back as `?cursor=` for the next one, and is null on the last. */
export interface RestPage<T> {
  data: T[];
  nextCursor: string | null;
}
