import type { DomainDeps } from '../deps.js';
import { invalid, notFound } from '../errors.js';
import { keysToTrust } from '../playback/signing-keys.js';

/**
 * An operator ends a tenant: it stops being served at once (status `offboarding`), and the offboarding job destroys its
 * infrastructure, media and viewers included. The row stays, as `offboarded`, for invoices and audit.
 */
export async function requestOffboarding(deps: Pick<DomainDeps, 'db' | 'queue'>, tenantId: string): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select(['status']).where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw notFound('The workspace');
  if (tenant.status === 'offboarded') throw invalid('This workspace was already offboarded.');
  await deps.db.updateTable('tenants').set({ status: 'offboarding', provisioning_step: null, updated_at: new Date() }).where('id', '=', tenantId).execute();
  await deps.queue.enqueue({ type: 'offboard-tenant', tenantId });
}

/** The offboarding job: destroys what provisioning created. Idempotent; a failed attempt is retried by the queue. */
export async function offboardTenant(deps: Pick<DomainDeps, 'db' | 'provisioner'>, tenantId: string): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'slug', 'status']).where('id', '=', tenantId).executeTakeFirst();
  if (!tenant || tenant.status !== 'offboarding') return;
  // The stack is synthesised with the keys it trusts, so that the retiring apply changes nothing but the protections.
  await deps.provisioner.deprovision({ id: tenant.id, slug: tenant.slug, publicKeys: await keysToTrust(deps.db, tenant.id) });
  await deps.db.updateTable('tenants').set({ status: 'offboarded', storage_prefix: null, viewer_pool_id: null, delivery_domain: null, updated_at: new Date() }).where('id', '=', tenant.id).execute();
}
