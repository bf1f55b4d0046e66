// Server API keys: a tenant's backend authenticates to the REST API (/v1) with one. The whole key is shown once, at
// creation; only its prefix (shown, named in errors) and the sha256 of the whole key are kept.
import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_SCOPES, type ApiKeyScope } from '@ott/contracts';
import type { DomainDeps } from '../deps.js';
import { invalid, notFound } from '../errors.js';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** 32 random bytes: 256 bits, so a fast hash of the key is as safe to keep as a slow one. */
const SECRET_BYTES = 32;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreateApiKeyInput {
  name: string;
  scopes: readonly ApiKeyScope[];
  createdByAdminId?: string;
}

/** The stored scopes this code knows (a scope retired later grants nothing). */
export function knownScopes(scopes: readonly string[]): ApiKeyScope[] {
  return scopes.filter((scope): scope is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(scope));
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Creates a key and answers it whole: the only time it is ever seen. */
export async function createApiKey(deps: Pick<DomainDeps, 'db'>, tenantId: string, input: CreateApiKeyInput): Promise<ApiKeyView & { key: string }> {
  const name = input.name.trim();
  if (!name) throw invalid('Give the key a name that says where it is used (for example "production backend").');
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw invalid(`Give the key at least one scope: ${API_KEY_SCOPES.join(', ')}.`);
  const unknown = scopes.find((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
  if (unknown) throw invalid(`"${unknown}" is not a scope: use ${API_KEY_SCOPES.join(', ')}.`);
  const prefix = `ott_sk_${Array.from(randomBytes(8), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('')}`;
  const key = `${prefix}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  const row = await deps.db
    .insertInto('api_keys')
    .values({ tenant_id: tenantId, name, prefix, secret_hash: hashApiKey(key), scopes, created_by_admin_id: input.createdByAdminId ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toApiKeyView(row), key };
}

export async function listApiKeys(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<ApiKeyView[]> {
  const rows = await deps.db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toApiKeyView);
}

/** Revoked at once: every API process reads the key on every request (authenticate-api-key.ts). */
export async function revokeApiKey(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, keyId: string): Promise<ApiKeyView> {
  const row = await deps.db
    .updateTable('api_keys')
    .set({ revoked_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('The API key (or it was already revoked)');
  return toApiKeyView(row);
}

function toApiKeyView(row: { id: string; name: string; prefix: string; scopes: string[]; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: knownScopes(row.scopes),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
