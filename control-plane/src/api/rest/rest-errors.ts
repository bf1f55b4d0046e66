// The REST API's failures: a RestError is an answer (status, the error body, headers); toRestError turns whatever a
// handler threw into one, through the table tRPC uses too (domain-error-codes.ts).
import type { RestErrorBody, RestErrorCode } from '@ott/contracts';
import { DomainError, PaymentRequiredError } from '../../domain/errors.js';
import { DOMAIN_ERROR_CODES } from '../domain-error-codes.js';
import { isDatabaseUnavailable } from '../trpc.js';

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: RestErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RestError';
  }

  body(): RestErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const invalidRequest = (field: string, message: string) => new RestError(400, 'invalid_request', message, { field });

/** Undefined for an unexpected error: the caller logs it and answers a plain 500. */
export function toRestError(error: unknown): RestError | undefined {
  if (error instanceof RestError) return error;
  if (error instanceof DomainError) {
    const mapped = DOMAIN_ERROR_CODES[error.kind];
    return new RestError(mapped.status, mapped.rest, error.message, error instanceof PaymentRequiredError ? { offers: error.offers } : undefined);
  }
  if (isDatabaseUnavailable(error)) return new RestError(503, 'unavailable', 'The service is briefly unavailable. Retry in a few seconds.', undefined, { 'Retry-After': '5' });
  return undefined;
}

export const INTERNAL_ERROR = new RestError(500, 'internal', 'Something went wrong on our side. Retry; if it keeps failing, contact support.');
