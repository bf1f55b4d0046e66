// Who a presented API key is. Read from the database on every request, never cached: a revocation holds on the very
// next call in every API process. The only write is last_used_at, at most once a minute per key.
import { timingSafeEqual } from 'node:crypto';
import type { ApiKeyScope } from '@ott/contracts';
import type { DomainDeps } from '../deps.js';
import { hashApiKey, knownScopes } from './api-keys.js';

const KEY_PATTERN = /^(ott_sk_[a-z0-9]{8})_[A-Za-z0-9_-]{43}$/;
const LAST_USED_PRECISION_MS = 60_000;

export interface ApiKeyCaller {
  tenantId: string;
  keyId: string;
  keyPrefix: string;
  scopes: ApiKeyScope[];
}

export type ApiKeyAuthentication =
  | { ok: true; caller: ApiKeyCaller }
  /** Not shaped like a key at all: nothing to name. */
  | { ok: false; reason: 'malformed' }
  /** No such key, or the secret part is wrong. */
  | { ok: false; reason: 'unknown'; keyPrefix: string }
  | { ok: false; reason: 'revoked'; keyPrefix: string; revokedAt: Date };

export async function authenticateApiKey(deps: Pick<DomainDeps, 'db' | 'clock'>, presented: string): Promise<ApiKeyAuthentication> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return { ok: false, reason: 'malformed' };
  const keyPrefix = match[1]!;
  const row = await deps.db.selectFrom('api_keys').select(['id', 'tenant_id', 'secret_hash', 'scopes', 'last_used_at', 'revoked_at']).where('prefix', '=', keyPrefix).executeTakeFirst();
  // Hashed either way, so an unknown prefix costs what a known one does.
  const presentedHash = hashApiKey(presented);
  if (!row || row.secret_hash.length !== presentedHash.length || !timingSafeEqual(row.secret_hash, presentedHash)) return { ok: false, reason: 'unknown', keyPrefix };
  if (row.revoked_at) return { ok: false, reason: 'revoked', keyPrefix, revokedAt: row.revoked_at };
  const now = deps.clock.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_PRECISION_MS) {
    await deps.db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('id', '=', row.id)
      // Another process may have just written it: one write a minute whatever the number of processes.
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - LAST_USED_PRECISION_MS))]))
      .execute();
  }
  return {
    ok: true,
    caller: { tenantId: row.tenant_id, keyId: row.id, keyPrefix, scopes: knownScopes(row.scopes) },
  };
}
