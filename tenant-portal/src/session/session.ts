// An admin's session as the portal keeps it: in memory and in localStorage (so a reload or a new tab stays
// signed in). The access token lasts 15 minutes; the refresh token rotates at every use.
import type { AdminSessionWire } from '../api/api-types.js';

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  tenantId: string;
  tenantSlug: string;
  /** What the admin typed to sign in; the token does not carry it. */
  email: string;
  role: 'owner' | 'admin';
}

export function sessionFromWire(wire: AdminSessionWire, email: string): Session {
  return {
    accessToken: wire.accessToken,
    accessTokenExpiresAt: new Date(wire.accessTokenExpiresAt).getTime(),
    refreshToken: wire.refreshToken,
    tenantId: wire.tenantId,
    tenantSlug: wire.tenantSlug,
    email,
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

export function parseSession(text: string | null): Session | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const candidate = value as Partial<Session>;
    const strings = [candidate.accessToken, candidate.refreshToken, candidate.tenantId, candidate.tenantSlug, candidate.email];
    if (strings.some((field) => typeof field !== 'string') || typeof candidate.accessTokenExpiresAt !== 'number') return undefined;
    return { ...(candidate as Session), role: candidate.role === 'owner' ? 'owner' : 'admin' };
  } catch {
    return undefined;
  }
}
