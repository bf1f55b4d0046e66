// What every failed call throws: the REST API's error body (`{ error: { code, message, details } }`) with the HTTP
// status, so callers branch on `code` and show `message`, which says what went wrong and what to do.
import type { RestErrorBody, RestErrorCode } from '@ott/contracts';

export class OttApiError extends Error {
  override readonly name = 'OttApiError';
  constructor(
    readonly status: number,
    readonly code: RestErrorCode | 'network_error',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** From an answer that is not 2xx: the API's error body when it sent one, else a readable stand-in. */
  static fromResponse(response: Response, body: unknown): OttApiError {
    const error = (body as Partial<RestErrorBody> | undefined)?.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') return new OttApiError(response.status, error.code, error.message, error.details ?? {});
    const code: RestErrorCode = response.status === 404 ? 'not_found' : response.status >= 500 ? 'unavailable' : 'invalid_request';
    return new OttApiError(response.status, code, `The API answered ${response.status} ${response.statusText || ''}`.trim() + ` for ${new URL(response.url || 'http://x/').pathname}`);
  }
}
