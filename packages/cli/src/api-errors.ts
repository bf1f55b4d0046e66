// Reading what went wrong from tRPC client errors without depending on the router's error shape.
import { apiErrorCodeOf } from '@ott/contracts';
import { TRPCClientError } from '@trpc/client';

/** The tRPC error code the server answered with (UNAUTHORIZED, NOT_FOUND, …), if it answered at all. */
export function trpcCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? apiErrorCodeOf(error.data) : undefined;
}

export function isUnauthorized(error: unknown): boolean {
  return trpcCode(error) === 'UNAUTHORIZED';
}

export function isNotFound(error: unknown): boolean {
  return trpcCode(error) === 'NOT_FOUND';
}
