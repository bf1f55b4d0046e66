// The one way the CDN's trusted keys change: apply the tenant's infrastructure with the keys it must trust, then act on
// what the apply confirmed. A pending key starts signing only here, after the CDN trusts it (CloudFront takes minutes
// to apply); the key it replaces stays trusted until every grant it signed has expired; a key left out of the apply
// is retired only once the apply that removed it has returned.
import type { PlaybackPublicKey, ProvisioningStep, TenantResources } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { longestGrantMs } from './grant-expiry.js';
import { keysToTrust, SIGNING_KEY_REFRESH_MS } from './signing-keys.js';

/**
 * CloudFront compares a policy's expiry with its own clock, and ours may lag it; the old key stays trusted this much
 * longer than arithmetic says it must. Keeping a key a few minutes longer costs nothing.
 */
const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * How long a replaced key stays trusted after the switch: the longest grant it can still sign (other processes keep
 * signing with it until they re-read the key), plus the clock margin.
 */
export function retirementWindowMs(grantSeconds: number): number {
  return SIGNING_KEY_REFRESH_MS + longestGrantMs(grantSeconds) + CLOCK_MARGIN_MS;
}

export async function applyTrustedKeys(
  deps: Pick<DomainDeps, 'db' | 'provisioner' | 'signer' | 'clock' | 'playback'>,
  tenant: { id: string; slug: string },
  onStep?: (step: ProvisioningStep) => Promise<void>,
): Promise<TenantResources> {
  const publicKeys = await keysToTrust(deps.db, tenant.id);
  const resources = await deps.provisioner.provision({ id: tenant.id, slug: tenant.slug, publicKeys }, onStep);
  const untrusted = publicKeys.filter((key) => !resources.cdnKeyIds[key.keyPairId]);
  if (untrusted.length > 0) throw new Error(`The applied infrastructure does not trust playback key(s) ${untrusted.map((key) => key.keyPairId).join(', ')}`);
  await confirmTrustedKeys(deps, tenant.id, publicKeys, resources.cdnKeyIds);
  deps.signer.forget(tenant.id);
  return resources;
}

/**
 * The rotation job: the tenant's infrastructure applied again with the keys its CDN must trust now. When it fails,
 * signing stays where it was and the pending key records why (operator text: the portal shows a plain summary).
 */
export async function reapplyTrustedKeys(deps: Pick<DomainDeps, 'db' | 'provisioner' | 'signer' | 'clock' | 'playback' | 'queue'>, tenantId: string): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'slug', 'status']).where('id', '=', tenantId).executeTakeFirst();
  // Provisioning applies every key itself: a tenant not active yet (or gone) has nothing to apply here.
  if (!tenant || tenant.status !== 'active') return;
  try {
    await applyTrustedKeys(deps, tenant);
    // A key marked for removal is still trusted: it leaked and just stopped signing (or was marked during this apply).
    // The apply that removes it runs now, not once its grants have expired.
    const toRemove = await deps.db
      .selectFrom('tenant_signing_keys')
      .select('key_pair_id')
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'previous')
      .where('removal_requested_at', 'is not', null)
      .executeTakeFirst();
    if (toRemove) await deps.queue.enqueue({ type: 'apply-signing-keys', tenantId });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await deps.db.updateTable('tenant_signing_keys').set({ apply_error: reason }).where('tenant_id', '=', tenantId).where('status', '=', 'pending').execute();
    throw error;
  }
}

async function confirmTrustedKeys(deps: Pick<DomainDeps, 'db' | 'clock' | 'playback'>, tenantId: string, applied: readonly PlaybackPublicKey[], cdnKeyIds: Record<string, string>): Promise<void> {
  const now = deps.clock.now();
  const appliedIds = applied.map((key) => key.keyPairId);
  await deps.db.transaction().execute(async (trx) => {
    for (const id of appliedIds) {
      await trx.updateTable('tenant_signing_keys').set({ cdn_key_id: cdnKeyIds[id], apply_error: null }).where('key_pair_id', '=', id).where('tenant_id', '=', tenantId).execute();
    }
    // Left out of this apply (their removal was asked for before it read the keys): the CDN no longer trusts them.
    let retired = trx.updateTable('tenant_signing_keys').set({ status: 'retired' }).where('tenant_id', '=', tenantId).where('status', '=', 'previous');
    if (appliedIds.length > 0) retired = retired.where('key_pair_id', 'not in', appliedIds);
    await retired.execute();
    const pending = await trx.selectFrom('tenant_signing_keys').select('key_pair_id').where('tenant_id', '=', tenantId).where('status', '=', 'pending').executeTakeFirst();
    if (!pending || !appliedIds.includes(pending.key_pair_id)) return;
    // The CDN trusts the new key: it signs from now on, and the one it replaces is honoured until its grants expire,
    // or, when it leaked, only until the next apply.
    const demote = (leaked: boolean, retireAfter: Date) =>
      trx
        .updateTable('tenant_signing_keys')
        .set({ status: 'previous', retire_after: retireAfter })
        .where('tenant_id', '=', tenantId)
        .where('status', '=', 'active')
        .where('removal_requested_at', leaked ? 'is not' : 'is', null)
        .execute();
    await demote(false, new Date(now.getTime() + retirementWindowMs(deps.playback.grantSeconds)));
    await demote(true, now);
    await trx.updateTable('tenant_signing_keys').set({ status: 'active', activated_at: now }).where('key_pair_id', '=', pending.key_pair_id).execute();
  });
}
