// API errors as sentences a person can act on. The server already words domain errors that way; what is
// left is the transport: an unreachable server, a proxy's HTML page, an unknown failure.
import { apiErrorCodeOf } from '@ott/contracts';
import { TRPCClientError } from '@trpc/client';

/** The code of the API's answer (NOT_FOUND, UNAUTHORIZED, …), if it answered at all. */
export function apiErrorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? apiErrorCodeOf(error.data) : undefined;
}

export function isUnauthorized(error: unknown): boolean {
  return apiErrorCode(error) === 'UNAUTHORIZED';
}

/**
 * Procedures the portal calls for the player, with a viewer's credential, a preview token or none: their 401 is the
 * player being refused, which the preview shows, never a sign that the admin's own session is over.
 */
const PLAYER_PROCEDURES = /^(playback|viewerAuth|qoe)\./;

/** A 401 about the admin's own session (expired, ended elsewhere, the admin removed): only this signs the portal out. */
export function endsAdminSession(error: unknown): boolean {
  if (!isUnauthorized(error) || !(error instanceof TRPCClientError)) return false;
  const procedure: unknown = (error.data as { path?: unknown } | undefined)?.path;
  return !(typeof procedure === 'string' && PLAYER_PROCEDURES.test(procedure));
}

/** True for answers that a retry cannot change (bad input, missing rights, not found). */
export function isFinalError(error: unknown): boolean {
  const code = apiErrorCode(error);
  return code !== undefined && code !== 'SERVICE_UNAVAILABLE' && code !== 'INTERNAL_SERVER_ERROR' && code !== 'TIMEOUT' && code !== 'TOO_MANY_REQUESTS';
}

export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (apiErrorCode(error) === undefined) return unreachable(error);
    return error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Reload the page and try again.';
}

function unreachable(error: TRPCClientError<never>): string {
  // fetch failing (server down, offline) or a non-JSON answer from something in between.
  if (error.cause instanceof TypeError || /fetch|network/i.test(error.message)) {
    return 'Cannot reach OTT Cloud. Check your connection; if it is fine, the service may be restarting — try again in a moment.';
  }
  return 'OTT Cloud sent an answer the portal could not read. Reload the page; if it keeps happening, contact support.';
}
