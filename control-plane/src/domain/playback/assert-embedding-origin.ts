// A tenant that lists its allowed embed origins plays its videos only on those sites (and on the platform's own
// pages: the portal's previews, watch and embed pages). Refused here, at authorize, with a reason the player can
// tell apart from a network fault: the edge's CORS refusal alone reaches a player as an unreadable failed request.
import { DomainError } from '../errors.js';

/** `origin` is the request's Origin header: absent for callers that are not a web page on another site. */
export function assertEmbeddingOrigin(allowedOrigins: readonly string[], origin: string | undefined, platformOrigin: string): void {
  if (allowedOrigins.length === 0 || origin === undefined) return;
  const wanted = origin.toLowerCase();
  if (wanted === platformOrigin.toLowerCase() || allowedOrigins.some((allowed) => allowed.toLowerCase() === wanted)) return;
  throw new DomainError(
    'forbidden',
    `This video cannot be played on ${origin}: the site is not one of the workspace's allowed embed origins. Add it in the portal under Branding → Allowed embed origins.`,
    'origin-not-allowed',
  );
}
