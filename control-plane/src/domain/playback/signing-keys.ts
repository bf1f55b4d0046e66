// Each tenant has its own RSA-2048 playback signing key pair (CloudFront key group semantics):
// the private key is sealed with the master key; the public key goes to the CDN / local edge.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { keyPairId } from '../../crypto/ids.js';
import type { DomainDeps } from '../deps.js';

export async function ensureTenantSigningKey(deps: Pick<DomainDeps, 'db' | 'secrets'>, tenantId: string): Promise<{ keyPairId: string; publicKeyPem: string }> {
  const existing = await activeKeyRow(deps, tenantId);
  if (existing) return { keyPairId: existing.key_pair_id, publicKeyPem: existing.public_key_pem };
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const id = keyPairId();
  await deps.db
    .insertInto('tenant_signing_keys')
    .values({ key_pair_id: id, tenant_id: tenantId, public_key_pem: publicKeyPem, private_key_sealed: deps.secrets.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) })
    .execute();
  return { keyPairId: id, publicKeyPem };
}

export async function loadTenantPrivateKey(deps: Pick<DomainDeps, 'db' | 'secrets'>, tenantId: string): Promise<{ keyPairId: string; privateKey: KeyObject }> {
  const row = await activeKeyRow(deps, tenantId);
  if (!row) throw new Error(`Tenant ${tenantId} has no playback signing key yet`);
  return { keyPairId: row.key_pair_id, privateKey: createPrivateKey(deps.secrets.open(row.private_key_sealed)) };
}

function activeKeyRow(deps: Pick<DomainDeps, 'db'>, tenantId: string) {
  return deps.db
    .selectFrom('tenant_signing_keys')
    .select(['key_pair_id', 'public_key_pem', 'private_key_sealed'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * Puts a new key pair in charge of signing. With `retirePrevious` the old key stops working at once (it leaked);
 * otherwise the edge keeps trusting it as `previous` so grants already handed out play to their end.
 */
export async function rotateTenantSigningKey(deps: Pick<DomainDeps, 'db' | 'secrets' | 'signer'>, tenantId: string, options: { retirePrevious: boolean }): Promise<{ keyPairId: string }> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('tenant_signing_keys').set({ status: 'retired' }).where('tenant_id', '=', tenantId).where('status', '=', 'previous').execute();
    await trx
      .updateTable('tenant_signing_keys')
      .set({ status: options.retirePrevious ? 'retired' : 'previous' })
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'active')
      .execute();
  });
  const created = await ensureTenantSigningKey(deps, tenantId);
  deps.signer.forget(tenantId);
  return { keyPairId: created.keyPairId };
}
