// The error codes the API answers with: tRPC puts one in every error's `data.code`. Clients decide on them (sign
// in again, give up, retry); the message beside them is already written for a person.

export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'PAYMENT_REQUIRED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'TIMEOUT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** The code in an error's `data`, if the API answered at all (a proxy's page or a dropped connection has none). */
export function apiErrorCodeOf(data: unknown): string | undefined {
  const code = typeof data === 'object' && data !== null && 'code' in data ? data.code : undefined;
  return typeof code === 'string' ? code : undefined;
}
