// Playback signing secrets for `token` access mode: the tenant's backend signs short HS256 JWTs
// (kid = key id, sub = video id, aud = "playback") so only its own signed-in users get to watch.
import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { keyPairId } from '../../crypto/ids.js';
import type { DomainDeps } from '../deps.js';
import { notFound } from '../errors.js';

export const PLAYBACK_TOKEN_AUDIENCE = 'playback';
/** How far ahead of now a token may expire: a longer-lived token is a standing pass, refused even if well signed. */
const MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;
/** How far the tenant backend's clock may run ahead of ours before its `iat` counts as a lie. */
const CLOCK_SKEW_SECONDS = 60;

export async function createPlaybackKey(deps: Pick<DomainDeps, 'db' | 'secrets'>, tenantId: string, name: string) {
  const id = keyPairId('PK');
  const secret = randomBytes(32).toString('base64url');
  const row = await deps.db
    .insertInto('playback_keys')
    .values({ id, tenant_id: tenantId, name: name.trim(), secret_sealed: deps.secrets.seal(secret) })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  // The secret is returned this once and never again.
  return { id: row.id, name: row.name, createdAt: row.created_at, secret };
}

export async function listPlaybackKeys(deps: Pick<DomainDeps, 'db'>, tenantId: string) {
  const rows = await deps.db.selectFrom('playback_keys').select(['id', 'name', 'created_at', 'revoked_at']).where('tenant_id', '=', tenantId).orderBy('created_at').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at, revokedAt: row.revoked_at }));
}

export async function revokePlaybackKey(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, keyId: string): Promise<void> {
  const result = await deps.db
    .updateTable('playback_keys')
    .set({ revoked_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('The playback key');
}

/** True when the token was signed by one of this tenant's live keys for this very video. */
export async function verifyPlaybackToken(deps: Pick<DomainDeps, 'db' | 'secrets' | 'clock'>, tenantId: string, videoId: string, token: string): Promise<boolean> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return false;
  }
  if (!kid) return false;
  const key = await deps.db.selectFrom('playback_keys').select(['secret_sealed']).where('tenant_id', '=', tenantId).where('id', '=', kid).where('revoked_at', 'is', null).executeTakeFirst();
  if (!key) return false;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(deps.secrets.open(key.secret_sealed)), {
      algorithms: ['HS256'],
      audience: PLAYBACK_TOKEN_AUDIENCE,
      subject: videoId,
      requiredClaims: ['exp'],
      currentDate: deps.clock.now(),
    });
    // Measured from now, not from `iat`: the signer picks `iat`, so exp − iat proves nothing (exp 2100, iat a minute before).
    const now = Math.floor(deps.clock.now().getTime() / 1000);
    if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_SECONDS) return false;
    return payload.exp !== undefined && payload.exp - now <= MAX_TOKEN_LIFETIME_SECONDS;
  } catch {
    return false;
  }
}
