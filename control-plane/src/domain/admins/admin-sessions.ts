// Admin sign-in: short-lived access tokens (JWT, 15 min) and rotating refresh tokens (opaque, stored hashed).
// Reusing a refresh token that was already rotated revokes the admin's every session (token theft).
import { SignJWT, jwtVerify } from 'jose';
import { sql } from 'kysely';
import { opaqueToken, sha256 } from '../../crypto/ids.js';
import { verifyPassword } from '../../crypto/passwords.js';
import type { AdminRole } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { unauthenticated } from '../errors.js';

const ACCESS_TOKEN_SECONDS = 15 * 60;
const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;
const ISSUER = 'ott-cloud/admin';
/** Failed sign-ins in a row before the account is locked, and for how long. */
export const LOCKOUT_AFTER = 5;
const LOCKOUT_SECONDS = 15 * 60;

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

export async function signInAdmin(deps: SessionDeps, input: { tenantSlug: string; email: string; password: string }): Promise<AdminSession> {
  const now = deps.clock.now();
  const admin = await deps.db
    .selectFrom('admins')
    .innerJoin('tenants', 'tenants.id', 'admins.tenant_id')
    .select(['admins.id', 'admins.tenant_id', 'admins.role', 'admins.password_hash', 'admins.locked_until', 'admins.token_version', 'tenants.slug'])
    .where('tenants.slug', '=', input.tenantSlug.toLowerCase())
    .where('admins.email', '=', input.email.trim().toLowerCase())
    .executeTakeFirst();
  // Same message whichever part is wrong, so sign-in does not reveal which accounts exist.
  const wrong = unauthenticated('Wrong workspace, e-mail or password.');
  if (!admin) throw wrong;
  if (admin.locked_until && admin.locked_until.getTime() > now.getTime()) {
    const minutes = Math.ceil((admin.locked_until.getTime() - now.getTime()) / 60_000);
    throw unauthenticated(`Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}. Try again later or ask the workspace owner.`);
  }
  if (!(await verifyPassword(input.password, admin.password_hash))) {
    await recordFailedSignIn(deps, admin.id, now);
    throw wrong;
  }
  await deps.db.updateTable('admins').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', admin.id).execute();
  return issueSession(deps, { adminId: admin.id, tenantId: admin.tenant_id, role: admin.role, tokenVersion: admin.token_version }, admin.slug);
}

async function recordFailedSignIn(deps: SessionDeps, adminId: string, now: Date): Promise<void> {
  await deps.db
    .updateTable('admins')
    .set((eb) => ({
      failed_sign_ins: sql<number>`case when ${eb.ref('failed_sign_ins')} + 1 >= ${LOCKOUT_AFTER} then 0 else ${eb.ref('failed_sign_ins')} + 1 end`,
      locked_until: sql<Date | null>`case when ${eb.ref('failed_sign_ins')} + 1 >= ${LOCKOUT_AFTER} then ${new Date(now.getTime() + LOCKOUT_SECONDS * 1000)}::timestamptz else ${eb.ref('locked_until')} end`,
    }))
    .where('id', '=', adminId)
    .execute();
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
