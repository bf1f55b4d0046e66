import type { DomainDeps } from '../deps.js';
import { applyTrustedKeys } from '../playback/apply-trusted-keys.js';
import { ensureTenantSigningKey } from '../playback/signing-keys.js';

/**
 * The provisioning job: signing key, then infrastructure, then `active`. Idempotent, so a retried job
 * finishes what a crashed one started. On failure the tenant shows `failed` with the reason and can retry.
 */
export async function provisionTenant(deps: Pick<DomainDeps, 'db' | 'secrets' | 'provisioner' | 'signer' | 'clock' | 'playback'>, tenantId: string, attempt: { isLast: boolean }): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'slug', 'status']).where('id', '=', tenantId).executeTakeFirst();
  if (!tenant || tenant.status === 'active') return;
  try {
    await ensureTenantSigningKey(deps, tenant.id);
    const resources = await applyTrustedKeys(deps, tenant);
    await deps.db
      .updateTable('tenants')
      .set({
        status: 'active',
        failure_reason: null,
        storage_prefix: resources.storagePrefix,
        viewer_pool_id: resources.viewerPoolId,
        delivery_domain: resources.deliveryDomain ?? null,
        updated_at: new Date(),
      })
      .where('id', '=', tenant.id)
      .execute();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // While the queue still retries, the tenant stays `provisioning`; only the last attempt's failure is final.
    await deps.db
      .updateTable('tenants')
      .set(
        attempt.isLast
          ? { status: 'failed', failure_reason: `Setting up your workspace failed: ${reason}. Retry from the dashboard; if it fails again, contact support.`, updated_at: new Date() }
          : { failure_reason: `Setting up your workspace is taking longer than usual (${reason}); retrying.`, updated_at: new Date() },
      )
      .where('id', '=', tenant.id)
      .execute();
    throw error;
  }
}
