// Admin sign-in: short-lived access tokens (JWT, 15 min) and rotating refresh tokens (opaque, stored hashed).
// Each sign-in starts a family of refresh tokens (one device's session). Reusing a token that was already
// rotated means two holders of it, one of them a thief: that family ends. A token whose family has ended
// (signed out, reused, password changed) or expired only answers 401; it ends nothing else.
import { SignJWT, jwtVerify } from 'jose';
import { opaqueToken, sha256 } from '../../crypto/ids.js';
import { verifyPassword } from '../../crypto/passwords.js';
import type { AdminRole, SessionEndReason } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { unauthenticated, wrongAdminCredentials } from '../errors.js';

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
  refreshTokenExpiresAt: Date;
  tenantId: string;
  tenantSlug: string;
  /** The admin's e-mail, for display: the tokens do not carry it. */
  email: string;
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
  if (!admin || !passwordMatches) throw wrongAdminCredentials();
  return issueSession(deps, { adminId: admin.id, tenantId: admin.tenant_id, role: admin.role, tokenVersion: admin.token_version }, admin.slug);
}

/** Starts a new family (a sign-in), or continues `familyId` when a refresh rotates its token. */
export async function issueSession(deps: SessionDeps, principal: AdminPrincipal, tenantSlug: string, familyId?: string): Promise<AdminSession> {
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
  const refreshTokenExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_SECONDS * 1000);
  const family = familyId
    ? await deps.db.updateTable('refresh_token_families').set({ expires_at: refreshTokenExpiresAt }).where('id', '=', familyId).returning('id').executeTakeFirstOrThrow()
    : await deps.db
        .insertInto('refresh_token_families')
        .values({ tenant_id: principal.tenantId, admin_id: principal.adminId, expires_at: refreshTokenExpiresAt })
        .returning('id')
        .executeTakeFirstOrThrow();
  await deps.db
    .insertInto('refresh_tokens')
    .values({ tenant_id: principal.tenantId, admin_id: principal.adminId, family_id: family.id, token_hash: sha256(refreshToken), expires_at: refreshTokenExpiresAt })
    .execute();
  // The tokens do not carry the e-mail; the portal shows it (and a reload has nothing else to learn it from).
  const admin = await deps.db.selectFrom('admins').select('email').where('id', '=', principal.adminId).executeTakeFirstOrThrow();
  return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, tenantId: principal.tenantId, tenantSlug, email: admin.email };
}

const ENDED: Record<SessionEndReason, string> = {
  'signed-out': 'This session was signed out. Sign in again.',
  reused: 'This session was ended (its refresh token was used twice). Sign in again.',
  'password-changed': 'Your password was changed, which ended this session. Sign in with the new password.',
  'before-families': 'This session has ended. Sign in again.',
};

export async function refreshAdminSession(deps: SessionDeps, refreshToken: string): Promise<AdminSession> {
  // One transaction holding the token's and the family's rows: two refreshes of one family are decided one after
  // the other, and the second reads what the first wrote (PostgreSQL re-reads only locked rows after a wait), so a
  // token presented twice at once is seen as reuse, never rotated twice.
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const stored = await trx
      .selectFrom('refresh_tokens')
      .innerJoin('refresh_token_families as family', 'family.id', 'refresh_tokens.family_id')
      .innerJoin('admins', 'admins.id', 'refresh_tokens.admin_id')
      .innerJoin('tenants', 'tenants.id', 'refresh_tokens.tenant_id')
      .select([
        'refresh_tokens.id',
        'refresh_tokens.rotated_at',
        'family.id as family_id',
        'family.expires_at',
        'family.ended_at',
        'family.end_reason',
        'admins.id as admin_id',
        'admins.role',
        'admins.token_version',
        'tenants.id as tenant_id',
        'tenants.slug',
      ])
      .where('refresh_tokens.token_hash', '=', sha256(refreshToken))
      .forUpdate(['refresh_tokens', 'family'])
      .executeTakeFirst();
    if (!stored) return { refused: unauthenticated() };
    if (stored.ended_at) return { refused: unauthenticated(ENDED[stored.end_reason ?? 'before-families']) };
    if (stored.expires_at.getTime() <= now.getTime()) return { refused: unauthenticated() };
    if (stored.rotated_at) {
      await endFamilies(trx, 'reused', now).where('id', '=', stored.family_id).execute();
      return { refused: unauthenticated(ENDED.reused) };
    }
    await trx.updateTable('refresh_tokens').set({ rotated_at: now }).where('id', '=', stored.id).execute();
    const principal = { adminId: stored.admin_id, tenantId: stored.tenant_id, role: stored.role, tokenVersion: stored.token_version };
    return { session: await issueSession({ ...deps, db: trx }, principal, stored.slug, stored.family_id) };
  });
  // The reuse verdict is committed before it is answered: the family stays ended.
  if (outcome.refused) throw outcome.refused;
  return outcome.session;
}

/** Ends the family of `refreshToken` (this device's session); the admin's other sessions go on. */
export async function signOutAdmin(deps: SessionDeps, refreshToken: string): Promise<void> {
  const family = deps.db.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', sha256(refreshToken));
  await endFamilies(deps.db, 'signed-out', deps.clock.now()).where('id', '=', family).execute();
}

/** Every live family of the admin: all their sessions (a password change). */
export function endAdminSessions(db: SessionDeps['db'], adminId: string, reason: SessionEndReason, now: Date) {
  return endFamilies(db, reason, now).where('admin_id', '=', adminId).execute();
}

function endFamilies(db: SessionDeps['db'], reason: SessionEndReason, now: Date) {
  return db.updateTable('refresh_token_families').set({ ended_at: now, end_reason: reason }).where('ended_at', 'is', null);
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
