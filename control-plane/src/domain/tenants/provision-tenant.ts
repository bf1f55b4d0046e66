import type { Logger } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { applyTrustedKeys } from '../playback/apply-trusted-keys.js';
import { ensureTenantSigningKey } from '../playback/signing-keys.js';

/** What the tenant reads while the queue retries, and after the last attempt: no operator detail ever reaches it. */
export const PROVISIONING_MESSAGES = {
  retrying: 'Setting up your delivery network is taking longer than usual; we are retrying automatically.',
  failed: 'We could not finish setting up your delivery network. Our team has been told; you can retry below, and if it fails again, contact support.',
} as const;

/**
 * The provisioning job: signing key, then infrastructure, then `active`. Idempotent, so a retried job finishes what a
 * crashed one started. Each step is recorded for the portal. On failure the tenant reads a plain sentence, the
 * operator's log gets the error itself (Terraform's output, the cell, the task), and after the last attempt the tenant
 * is `failed` with what it created left in place: a retry re-applies and converges (docs/aws-provisioning.md).
 */
export async function provisionTenant(
  deps: Pick<DomainDeps, 'db' | 'secrets' | 'provisioner' | 'signer' | 'clock' | 'playback'>,
  tenantId: string,
  attempt: { isLast: boolean },
  log: Logger,
): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'slug', 'status']).where('id', '=', tenantId).executeTakeFirst();
  if (!tenant || tenant.status !== 'provisioning') return;
  const setStep = async (step: 'placed' | 'applying') => {
    await deps.db.updateTable('tenants').set({ provisioning_step: step, updated_at: new Date() }).where('id', '=', tenant.id).execute();
  };
  try {
    await ensureTenantSigningKey(deps, tenant.id);
    const resources = await applyTrustedKeys(deps, tenant, setStep);
    await deps.db
      .updateTable('tenants')
      .set({
        status: 'active',
        provisioning_step: null,
        failure_reason: null,
        storage_prefix: resources.storagePrefix,
        viewer_pool_id: resources.viewerPoolId,
        delivery_domain: resources.deliveryDomain ?? null,
        updated_at: new Date(),
      })
      .where('id', '=', tenant.id)
      .execute();
  } catch (error) {
    log.error(
      { err: error, tenant: tenant.id, lastAttempt: attempt.isLast },
      attempt.isLast ? 'provisioning failed for good; the tenant can retry from the portal' : 'provisioning failed; the queue retries',
    );
    // While the queue still retries, the tenant stays `provisioning`; only the last attempt's failure is final.
    await deps.db
      .updateTable('tenants')
      .set(attempt.isLast ? { status: 'failed', failure_reason: PROVISIONING_MESSAGES.failed, updated_at: new Date() } : { failure_reason: PROVISIONING_MESSAGES.retrying, updated_at: new Date() })
      .where('id', '=', tenant.id)
      .execute();
    throw error;
  }
}
