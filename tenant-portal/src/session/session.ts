// An admin's session as the portal keeps it: in memory only, so nothing a script could lift outlives the page.
// The access token lasts 15 minutes. The refresh token never reaches page scripts at all: the server keeps it in
// an httpOnly cookie that the browser sends only to auth.refresh and auth.logout.
import type { AdminSessionWire } from '../api/api-types.js';

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  tenantId: string;
  tenantSlug: string;
  email: string;
  role: 'owner' | 'admin';
}

export function sessionFromWire(wire: AdminSessionWire): Session {
  return {
    accessToken: wire.accessToken,
    accessTokenExpiresAt: new Date(wire.accessTokenExpiresAt).getTime(),
    tenantId: wire.tenantId,
    tenantSlug: wire.tenantSlug,
    email: wire.email,
    role: roleOf(wire.accessToken),
  };
}

/** The role claim, for showing or hiding owner-only screens; the server checks it on every call. */
function roleOf(accessToken: string): Session['role'] {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof claims === 'object' && claims !== null && 'role' in claims && claims.role === 'owner' ? 'owner' : 'admin';
  } catch {
    return 'admin';
  }
}
