// Admin sign-in: short-lived access tokens (JWT, 15 min) and rotating refresh tokens (opaque, stored hashed).
// Reusing a refresh token that was already rotated revokes the admin's every session (token theft).
import { SignJWT, jwtVerify } from 'jose';
import { opaqueToken, sha256 } from '../../crypto/ids.js';
import { verifyPassword } from '../../crypto/passwords.js';
import type { AdminRole } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { unauthenticated } from '../errors.js';

const ACCESS_TOKEN_SECONDS = 15 * 60;
const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;
const ISSUER = 'ott-cloud/admin';

export interface AdminPrincipal {
  adminId: string;
  tenantId: string;
  role: AdminRole;
  /** Bumped on a password change: tokens issued before it stop working. */
  tokenVersion: number;
}

export interface AdminSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  tenantId: string;
  tenantSlug: string;
}

type SessionDeps = Pick<DomainDeps, 'db' | 'clock' | 'authSecret'>;

/**
 * Known and unknown accounts get the same answer in the same time: the password is hashed either way. Repeated
 * failures are slowed down per client (api/sign-in-procedure.ts), never by locking the account: a lock anyone
 * can trigger would lock the real owner out.
 */
export async function signInAdmin(deps: SessionDeps, input: { tenantSlug: string; email: string; password: string }): Promise<AdminSession> {
  const admin = await deps.db
    .selectFrom('admins')
    .innerJoin('tenants', 'tenants.id', 'admins.tenant_id')
    .select(['admins.id', 'admins.tenant_id', 'admins.role', 'admins.password_hash', 'admins.token_version', 'tenants.slug'])
    .where('tenants.slug', '=', input.tenantSlug.toLowerCase())
    .where('admins.email', '=', input.email.trim().toLowerCase())
    .executeTakeFirst();
  // Hashed before looking at whether the account exists; same message whichever part is wrong.
  const passwordMatches = await verifyPassword(input.password, admin?.password_hash);
  if (!admin || !passwordMatches) throw unauthenticated('Wrong workspace, e-mail or password.');
  return issueSession(deps, { adminId: admin.id, tenantId: admin.tenant_id, role: admin.role, tokenVersion: admin.token_version }, admin.slug);
}

export async function issueSession(deps: SessionDeps, principal: AdminPrincipal, tenantSlug: string): Promise<AdminSession> {
  const now = deps.clock.now();
  const accessTokenExpiresAt = new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000);
  const accessToken = await new SignJWT({ tid: principal.tenantId, role: principal.role, ver: principal.tokenVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.adminId)
    .setIssuer(ISSUER)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(accessTokenExpiresAt.getTime() / 1000))
    .sign(deps.authSecret);
  const refreshToken = opaqueToken();
  await deps.db
    .insertInto('refresh_tokens')
    .values({
      tenant_id: principal.tenantId,
      admin_id: principal.adminId,
      token_hash: sha256(refreshToken),
      expires_at: new Date(now.getTime() + REFRESH_TOKEN_SECONDS * 1000),
    })
    .execute();
  return { accessToken, accessTokenExpiresAt, refreshToken, tenantId: principal.tenantId, tenantSlug };
}

export async function refreshAdminSession(deps: SessionDeps, refreshToken: string): Promise<AdminSession> {
  const now = deps.clock.now();
  const stored = await deps.db
    .selectFrom('refresh_tokens')
    .innerJoin('admins', 'admins.id', 'refresh_tokens.admin_id')
    .innerJoin('tenants', 'tenants.id', 'refresh_tokens.tenant_id')
    .select(['refresh_tokens.id', 'refresh_tokens.revoked_at', 'refresh_tokens.expires_at', 'admins.id as admin_id', 'admins.role', 'admins.token_version', 'tenants.id as tenant_id', 'tenants.slug'])
    .where('refresh_tokens.token_hash', '=', sha256(refreshToken))
    .executeTakeFirst();
  if (!stored) throw unauthenticated();
  if (stored.revoked_at) {
    await deps.db.updateTable('refresh_tokens').set({ revoked_at: now }).where('admin_id', '=', stored.admin_id).where('revoked_at', 'is', null).execute();
    throw unauthenticated('This session was ended (its refresh token was used twice). Sign in again.');
  }
  if (stored.expires_at.getTime() <= now.getTime()) throw unauthenticated();
  const rotated = await deps.db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('id', '=', stored.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (rotated.numUpdatedRows === 0n) throw unauthenticated();
  return issueSession(deps, { adminId: stored.admin_id, tenantId: stored.tenant_id, role: stored.role, tokenVersion: stored.token_version }, stored.slug);
}

export async function signOutAdmin(deps: SessionDeps, refreshToken: string): Promise<void> {
  await deps.db.updateTable('refresh_tokens').set({ revoked_at: deps.clock.now() }).where('token_hash', '=', sha256(refreshToken)).where('revoked_at', 'is', null).execute();
}

/** Checks the token's signature and expiry, then that the admin still exists with the same token version. */
export async function verifyAccessToken(deps: Pick<DomainDeps, 'authSecret' | 'clock' | 'db'>, token: string): Promise<AdminPrincipal> {
  let principal: AdminPrincipal;
  try {
    const { payload } = await jwtVerify(token, deps.authSecret, { issuer: ISSUER, algorithms: ['HS256'], currentDate: deps.clock.now() });
    if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string' || typeof payload.ver !== 'number' || (payload.role !== 'owner' && payload.role !== 'admin')) throw unauthenticated();
    principal = { adminId: payload.sub, tenantId: payload.tid, role: payload.role, tokenVersion: payload.ver };
  } catch {
    throw unauthenticated();
  }
  const current = await deps.db.selectFrom('admins').select(['token_version', 'role']).where('id', '=', principal.adminId).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
  if (!current || current.token_version !== principal.tokenVersion) throw unauthenticated('Your session ended (password changed or account removed). Sign in again.');
  return { ...principal, role: current.role };
}
