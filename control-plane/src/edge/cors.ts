// CORS for the player: signed URLs protect the content, CORS only decides which sites may read it.

export type HeaderMap = Record<string, string>;

const exposed = 'Content-Length, Content-Range';

/** Headers for any response to this origin, 403s included, so the player can read the refusal. */
export function corsHeaders(origin: string | undefined, allowedOrigins: readonly string[]): HeaderMap {
  if (allowedOrigins.length === 0) return { 'access-control-allow-origin': '*', 'access-control-expose-headers': exposed };
  // Shared caches must not hand one site's answer to another.
  const headers: HeaderMap = { vary: 'Origin' };
  if (origin === undefined || !isAllowed(origin, allowedOrigins)) return headers;
  // An echoed origin (not `*`) is what lets browsers send the CloudFront-* cookies cross-site.
  return { ...headers, 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': exposed };
}

/** Extra headers answering a preflight; none when CORS does not allow the origin at all. */
export function preflightHeaders(cors: HeaderMap): HeaderMap {
  if (cors['access-control-allow-origin'] === undefined) return {};
  return { 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': 'Range', 'access-control-max-age': '600' };
}

/** Sandboxed frames, data: and file: pages all send `Origin: null`: any attacker page can be one, so it is never a listed site. */
const OPAQUE_ORIGIN = 'null';

function isAllowed(origin: string, allowedOrigins: readonly string[]): boolean {
  const wanted = origin.toLowerCase();
  if (wanted === OPAQUE_ORIGIN) return false;
  return allowedOrigins.some((allowed) => allowed.toLowerCase() === wanted);
}
