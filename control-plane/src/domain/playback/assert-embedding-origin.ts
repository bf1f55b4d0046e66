// A tenant that lists its allowed embed origins plays its videos only on those sites (the portal keeps its own
// origin in the list, for its previews). The edge's CORS enforces the same list, but its refusal reaches a player as
// an unreadable failed request, reported as a network fault: refused here first, with a reason the player can show.
import { DomainError } from '../errors.js';

/** `origin` is the request's Origin header: absent for callers that are not a web page on another site. */
export function assertEmbeddingOrigin(allowedOrigins: readonly string[], origin: string | undefined): void {
  if (allowedOrigins.length === 0 || origin === undefined) return;
  const wanted = origin.toLowerCase();
  if (allowedOrigins.some((allowed) => allowed.toLowerCase() === wanted)) return;
  throw new DomainError(
    'forbidden',
    `This video cannot be played on ${origin}: the site is not one of the workspace's allowed embed origins. Add it in the portal under Branding → Allowed embed origins.`,
    'origin-not-allowed',
  );
}
