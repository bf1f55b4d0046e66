// The built-in viewer pool: RS256 ID tokens shaped like Cognito's (iss = pool URL, aud = pool id,
// token_use = id) and a JWKS per pool, so the verifier below works unchanged against Cognito.
import { generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, jwtVerify, exportJWK, type JWTVerifyGetKey } from 'jose';
import { checkEmailedCode, newEmailedCode } from '../../crypto/emailed-code.js';
import { keyPairId } from '../../crypto/ids.js';
import { hashPassword, temporaryPassword, verifyPassword } from '../../crypto/passwords.js';
import type { SecretBox } from '../../crypto/secret-box.js';
import type { Db } from '../../db/database.js';
import { DomainError, conflict, expiredNewPasswordSession, viewerExists, expiredResetCode, notFound, wrongResetCode, wrongViewerCredentials } from '../../domain/errors.js';
import { decodeCursorOf, exactTimestamp, pageOf, pastCursor } from '../../domain/pagination.js';
import type { Clock, IdentityProvider, PasswordResetStart, ViewerSignInResult, ViewerTokens } from '../../ports.js';

const ID_TOKEN_SECONDS = 3600;
const CHALLENGE_SECONDS = 300;

export class LocalIdentityProvider implements IdentityProvider {
  readonly #signingKeys = new Map<string, { kid: string; key: KeyObject }>();
  readonly #jwks = new Map<string, JWTVerifyGetKey>();

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    /** Public URL of the API server; pools live at `{apiUrl}/pools/{poolId}`. */
    private readonly apiUrl: string,
  ) {}

  issuer(poolId: string): string {
    return `${this.apiUrl}/pools/${poolId}`;
  }

  async createPool(tenantId: string): Promise<{ poolId: string }> {
    const existing = await this.db.selectFrom('viewer_pools').select('id').where('tenant_id', '=', tenantId).executeTakeFirst();
    if (existing) return { poolId: existing.id };
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = keyPairId('V');
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const poolId = `local_${keyPairId('').toLowerCase()}`;
    await this.db
      .insertInto('viewer_pools')
      .values({
        id: poolId,
        tenant_id: tenantId,
        key_id: kid,
        public_jwk: JSON.stringify(jwk),
        private_key_sealed: this.secrets.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      })
      .onConflict((oc) => oc.column('tenant_id').doNothing())
      .execute();
    const stored = await this.db.selectFrom('viewer_pools').select('id').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    return { poolId: stored.id };
  }

  /** The pool's public keys, served at `/pools/{poolId}/.well-known/jwks.json`. */
  async jwks(poolId: string): Promise<{ keys: Record<string, unknown>[] } | undefined> {
    const pool = await this.db.selectFrom('viewer_pools').select('public_jwk').where('id', '=', poolId).executeTakeFirst();
    return pool ? { keys: [pool.public_jwk] } : undefined;
  }

  async inviteViewer(poolId: string, email: string): Promise<{ viewerId: string; temporaryPassword: string }> {
    const password = temporaryPassword();
    const viewerId = await this.insertViewer(poolId, email, password, { mustChangePassword: true });
    if (!viewerId) throw conflict(`${email} is already a viewer. Remove them first to send a new invitation.`);
    return { viewerId, temporaryPassword: password };
  }

  async createViewer(poolId: string, email: string, password: string): Promise<{ viewerId: string }> {
    const viewerId = await this.insertViewer(poolId, email, password, { mustChangePassword: false });
    if (!viewerId) throw viewerExists();
    return { viewerId };
  }

  /** The new viewer's id; undefined when the pool already has this e-mail. */
  private async insertViewer(poolId: string, email: string, password: string, options: { mustChangePassword: boolean }): Promise<string | undefined> {
    const pool = await this.db.selectFrom('viewer_pools').select(['tenant_id']).where('id', '=', poolId).executeTakeFirst();
    if (!pool) throw notFound('The viewer pool');
    const viewer = await this.db
      .insertInto('viewers')
      .values({ tenant_id: pool.tenant_id, pool_id: poolId, email: email.trim().toLowerCase(), password_hash: await hashPassword(password), must_change_password: options.mustChangePassword })
      .onConflict((oc) => oc.columns(['pool_id', 'email']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return viewer?.id;
  }

  async renewTemporaryPassword(poolId: string, viewerId: string): Promise<{ email: string; temporaryPassword: string }> {
    const viewer = await this.db.selectFrom('viewers').select(['email', 'must_change_password']).where('pool_id', '=', poolId).where('id', '=', viewerId).executeTakeFirst();
    if (!viewer) throw notFound('The viewer');
    if (!viewer.must_change_password) throw conflict(`${viewer.email} has already signed in: there is no invitation to send again.`);
    const password = temporaryPassword();
    await this.db
      .updateTable('viewers')
      .set({ password_hash: await hashPassword(password) })
      .where('pool_id', '=', poolId)
      .where('id', '=', viewerId)
      .execute();
    return { email: viewer.email, temporaryPassword: password };
  }

  /** Oldest first, by keyset on (created_at, id) (index viewers_keyset_created, migration 0022). */
  async listViewers(poolId: string, page: { limit: number; cursor?: string }) {
    const after = page.cursor === undefined ? undefined : decodeCursorOf(page.cursor, 'timestamp');
    const rows = await this.db
      .selectFrom('viewers')
      .select(['id', 'email', 'must_change_password', 'created_at'])
      .select(exactTimestamp('created_at').as('created_at_exact'))
      .where('pool_id', '=', poolId)
      .$if(after !== undefined, (query) => query.where(pastCursor('created_at', 'asc', after!, 'timestamp')))
      .orderBy('created_at')
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    return pageOf(
      rows,
      page.limit,
      (row) => ({ value: row.created_at_exact, id: row.id }),
      (row) => ({ viewerId: row.id, email: row.email, status: row.must_change_password ? ('invited' as const) : ('active' as const), createdAt: row.created_at }),
    );
  }

  async removeViewer(poolId: string, viewerId: string): Promise<void> {
    const removed = await this.db.deleteFrom('viewers').where('pool_id', '=', poolId).where('id', '=', viewerId).executeTakeFirst();
    if (removed.numDeletedRows === 0n) throw notFound('The viewer');
  }

  async signIn(poolId: string, email: string, password: string): Promise<ViewerSignInResult> {
    const viewer = await this.db
      .selectFrom('viewers')
      .select(['id', 'email', 'password_hash', 'must_change_password'])
      .where('pool_id', '=', poolId)
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    // Hashed before looking at whether the viewer exists: an unknown e-mail answers as slowly, and alike.
    const passwordMatches = await verifyPassword(password, viewer?.password_hash);
    if (!viewer || !passwordMatches) throw wrongViewerCredentials();
    if (viewer.must_change_password) {
      const session = await this.sign(poolId, { sub: viewer.id, token_use: 'new-password-challenge' }, CHALLENGE_SECONDS);
      return { kind: 'new-password-required', session };
    }
    return { kind: 'signed-in', ...(await this.idToken(poolId, viewer.id, viewer.email)) };
  }

  async completeNewPassword(poolId: string, session: string, newPassword: string): Promise<ViewerTokens> {
    const claims = await this.verify(poolId, session, 'new-password-challenge');
    if (!claims) throw expiredNewPasswordSession();
    const viewer = await this.db
      .updateTable('viewers')
      .set({ password_hash: await hashPassword(newPassword), must_change_password: false })
      .where('pool_id', '=', poolId)
      .where('id', '=', claims.sub)
      .where('must_change_password', '=', true)
      .returning(['id', 'email'])
      .executeTakeFirst();
    if (!viewer) throw new DomainError('conflict', 'The password was already changed. Sign in with the new password.');
    return this.idToken(poolId, viewer.id, viewer.email);
  }

  async startPasswordReset(poolId: string, email: string): Promise<PasswordResetStart> {
    const { code, hash, expiresAt } = await newEmailedCode(this.clock.now());
    const reset = await this.db
      .updateTable('viewers')
      .set({ reset_code_hash: hash, reset_code_expires_at: expiresAt, reset_code_attempts: 0 })
      .where('pool_id', '=', poolId)
      .where('email', '=', email.trim().toLowerCase())
      .returning('id')
      .executeTakeFirst();
    return reset ? { kind: 'send-code', code, expiresAt } : { kind: 'no-account' };
  }

  async confirmPasswordReset(poolId: string, email: string, code: string, newPassword: string): Promise<void> {
    const viewer = await this.db
      .selectFrom('viewers')
      .select(['id', 'reset_code_hash', 'reset_code_expires_at', 'reset_code_attempts'])
      .where('pool_id', '=', poolId)
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    const stored = viewer && { hash: viewer.reset_code_hash, expiresAt: viewer.reset_code_expires_at, attempts: viewer.reset_code_attempts };
    const checked = await checkEmailedCode(stored, code, this.clock.now());
    if (!viewer || checked === 'expired') throw expiredResetCode();
    if (checked === 'wrong') {
      await this.db
        .updateTable('viewers')
        .set((eb) => ({ reset_code_attempts: eb('reset_code_attempts', '+', 1) }))
        .where('id', '=', viewer.id)
        .execute();
      throw wrongResetCode();
    }
    // Single use: only the row still holding this very code is changed, so two answers racing cannot both win.
    const changed = await this.db
      .updateTable('viewers')
      .set({ password_hash: await hashPassword(newPassword), must_change_password: false, reset_code_hash: null, reset_code_expires_at: null, reset_code_attempts: 0 })
      .where('id', '=', viewer.id)
      .where('reset_code_hash', '=', viewer.reset_code_hash)
      .executeTakeFirst();
    if (changed.numUpdatedRows === 0n) throw expiredResetCode();
  }

  async verifyViewerToken(poolId: string, token: string): Promise<{ viewerId: string; email: string } | undefined> {
    const claims = await this.verify(poolId, token, 'id');
    if (!claims || typeof claims.email !== 'string') return undefined;
    // A removed viewer's tokens stop working at once.
    const exists = await this.db.selectFrom('viewers').select('id').where('pool_id', '=', poolId).where('id', '=', claims.sub).executeTakeFirst();
    return exists ? { viewerId: claims.sub, email: claims.email } : undefined;
  }

  private async idToken(poolId: string, viewerId: string, email: string): Promise<ViewerTokens> {
    const idToken = await this.sign(poolId, { sub: viewerId, email, token_use: 'id' }, ID_TOKEN_SECONDS);
    return { idToken, expiresAt: new Date(this.clock.now().getTime() + ID_TOKEN_SECONDS * 1000) };
  }

  private async sign(poolId: string, claims: { sub: string; token_use: string; email?: string }, seconds: number): Promise<string> {
    const { kid, key } = await this.signingKey(poolId);
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ token_use: claims.token_use, ...(claims.email ? { email: claims.email } : {}) })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(claims.sub)
      .setIssuer(this.issuer(poolId))
      .setAudience(poolId)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds)
      .sign(key);
  }

  /** Verification goes through the pool's JWKS over HTTP, exactly as it does for a Cognito pool. */
  private async verify(poolId: string, token: string, tokenUse: string): Promise<{ sub: string; email?: unknown } | undefined> {
    let jwks = this.#jwks.get(poolId);
    if (!jwks) {
      jwks = createRemoteJWKSet(new URL(`${this.issuer(poolId)}/.well-known/jwks.json`));
      this.#jwks.set(poolId, jwks);
    }
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: this.issuer(poolId), audience: poolId, algorithms: ['RS256'], currentDate: this.clock.now() });
      if (payload.token_use !== tokenUse || typeof payload.sub !== 'string') return undefined;
      return { sub: payload.sub, email: payload.email };
    } catch {
      return undefined;
    }
  }

  private async signingKey(poolId: string): Promise<{ kid: string; key: KeyObject }> {
    const cached = this.#signingKeys.get(poolId);
    if (cached) return cached;
    const pool = await this.db.selectFrom('viewer_pools').select(['key_id', 'private_key_sealed']).where('id', '=', poolId).executeTakeFirst();
    if (!pool) throw notFound('The viewer pool');
    const entry = { kid: pool.key_id, key: createPrivateKey(this.secrets.open(pool.private_key_sealed)) };
    this.#signingKeys.set(poolId, entry);
    return entry;
  }
}
