// Reading what went wrong from tRPC client errors without depending on the router's error shape.
import { TRPCClientError } from '@trpc/client';

/** The tRPC error code the server answered with (UNAUTHORIZED, NOT_FOUND, …), if it answered at all. */
export function trpcCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('code' in data)) return undefined;
  return typeof data.code === 'string' ? data.code : undefined;
}

export function isUnauthorized(error: unknown): boolean {
  return trpcCode(error) === 'UNAUTHORIZED';
}

export function isNotFound(error: unknown): boolean {
  return trpcCode(error) === 'NOT_FOUND';
}
