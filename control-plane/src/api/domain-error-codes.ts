// What each domain error kind becomes on each transport: the tRPC code (trpc.ts) and the REST API's code and HTTP
// status (rest/rest-errors.ts). One table, so the two APIs never disagree about what a failure means.
import type { ApiErrorCode, RestErrorCode } from '@ott/contracts';
import type { DomainErrorKind } from '../domain/errors.js';

export const DOMAIN_ERROR_CODES: Record<DomainErrorKind, { trpc: ApiErrorCode; rest: RestErrorCode; status: number }> = {
  'not-found': { trpc: 'NOT_FOUND', rest: 'not_found', status: 404 },
  conflict: { trpc: 'CONFLICT', rest: 'conflict', status: 409 },
  invalid: { trpc: 'BAD_REQUEST', rest: 'invalid_request', status: 400 },
  unauthenticated: { trpc: 'UNAUTHORIZED', rest: 'unauthenticated', status: 401 },
  forbidden: { trpc: 'FORBIDDEN', rest: 'forbidden', status: 403 },
  'payment-required': { trpc: 'PAYMENT_REQUIRED', rest: 'payment_required', status: 402 },
  // A state the resource is not in yet (still processing): retrying later can succeed, so not a 4xx about the request.
  'not-ready': { trpc: 'PRECONDITION_FAILED', rest: 'not_ready', status: 409 },
  limit: { trpc: 'PAYLOAD_TOO_LARGE', rest: 'payload_too_large', status: 413 },
  unavailable: { trpc: 'SERVICE_UNAVAILABLE', rest: 'unavailable', status: 503 },
};
