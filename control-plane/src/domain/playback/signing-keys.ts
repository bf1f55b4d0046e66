// Each tenant has its own RSA-2048 playback signing key pairs (CloudFront key group semantics): private keys are
// sealed with the master key; public keys go to the CDN (the local edge reads them from here). One key signs
// (`active`); which keys the CDN trusts changes only through an apply (apply-trusted-keys.ts), and key-rotation.ts
// moves keys through their states.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { keyPairId } from '../../crypto/ids.js';
import type { Db } from '../../db/database.js';
import type { PlaybackPublicKey } from '../../ports.js';
import type { DomainDeps } from '../deps.js';

/**
 * A PlaybackSigner re-reads the tenant's signing key at least this often, so a key switched by another process (the
 * worker) signs everywhere within this time. Until then grants may still be signed with the key it replaced.
 */
export const SIGNING_KEY_REFRESH_MS = 30_000;

/** A new key pair, `pending`: trusted by nothing and signing nothing until an apply confirms the CDN trusts it. */
export async function createPendingSigningKey(deps: Pick<DomainDeps, 'db' | 'secrets'>, tenantId: string): Promise<PlaybackPublicKey> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const created = { keyPairId: keyPairId(), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  await deps.db
    .insertInto('tenant_signing_keys')
    .values({
      key_pair_id: created.keyPairId,
      tenant_id: tenantId,
      public_key_pem: created.publicKeyPem,
      private_key_sealed: deps.secrets.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      status: 'pending',
    })
    .execute();
  return created;
}

/** Provisioning's first key: created `pending` unless the tenant already has one signing or on its way. */
export async function ensureTenantSigningKey(deps: Pick<DomainDeps, 'db' | 'secrets'>, tenantId: string): Promise<void> {
  const existing = await deps.db.selectFrom('tenant_signing_keys').select('key_pair_id').where('tenant_id', '=', tenantId).where('status', 'in', ['pending', 'active']).executeTakeFirst();
  if (existing) return;
  try {
    await createPendingSigningKey(deps, tenantId);
  } catch (error) {
    // A retried provisioning job racing the first one: the one-pending-key index kept the other's key.
    if (!(await deps.db.selectFrom('tenant_signing_keys').select('key_pair_id').where('tenant_id', '=', tenantId).where('status', '=', 'pending').executeTakeFirst())) throw error;
  }
}

/** The key that signs the tenant's grants, under the id the CDN knows it by. */
export async function loadTenantPrivateKey(deps: Pick<DomainDeps, 'db' | 'secrets'>, tenantId: string): Promise<{ keyPairId: string; privateKey: KeyObject }> {
  const row = await deps.db
    .selectFrom('tenant_signing_keys')
    .select(['key_pair_id', 'cdn_key_id', 'private_key_sealed'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!row) throw new Error(`Tenant ${tenantId} has no playback signing key yet: its provisioning has not finished.`);
  // Only an apply makes a key active, and it records the CDN's id first; a key without one predates that rule.
  if (!row.cdn_key_id) throw new Error(`Tenant ${tenantId}'s playback key ${row.key_pair_id} is not trusted by its CDN yet: run the tenant's provisioning again.`);
  return { keyPairId: row.cdn_key_id, privateKey: createPrivateKey(deps.secrets.open(row.private_key_sealed)) };
}

/**
 * The keys the CDN must trust after the next apply: the one signing (even when its removal was asked for: it is removed
 * only once another signs), one being added, and one whose grants may still be playing. tenant-infra's
 * database-tenants.ts reads the same set.
 */
export async function keysToTrust(db: Db, tenantId: string): Promise<PlaybackPublicKey[]> {
  const rows = await db
    .selectFrom('tenant_signing_keys')
    .select(['key_pair_id', 'public_key_pem'])
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['pending', 'active', 'previous'])
    .where((eb) => eb.or([eb('removal_requested_at', 'is', null), eb('status', '=', 'active')]))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({ keyPairId: row.key_pair_id, publicKeyPem: row.public_key_pem }));
}
