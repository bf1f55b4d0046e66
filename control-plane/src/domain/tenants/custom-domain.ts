// A tenant's custom delivery domain, as the tenant manages it: ask for one, see the DNS records to create, remove it.
// The lifecycle (docs/aws-custom-domains.md): requested → awaiting-dns-validation → issued → active, or failed; the
// worker moves it forward (custom-domain-progress.ts). Only where tenants have their own CDN (the aws shape).
import { checkDeliveryDomainName, type CustomDomainAvailability, type CustomDomainView, type DnsRecordToCreate } from '@ott/contracts';
import type { Selectable } from 'kysely';
import type { TenantCustomDomainsTable } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { conflict, forbidden, invalid, notReady } from '../errors.js';

export type CustomDomainRow = Selectable<TenantCustomDomainsTable>;

const NOT_AVAILABLE = 'Custom delivery domains are available on the cloud platform, where your videos are delivered by your own CDN. This installation delivers them from its own edge.';

export async function getCustomDomain(deps: Pick<DomainDeps, 'db' | 'customDomains'>, tenantId: string): Promise<CustomDomainAvailability> {
  if (!deps.customDomains) return { available: false, reason: NOT_AVAILABLE };
  const row = await deps.db.selectFrom('tenant_custom_domains').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return { available: true, domain: row ? customDomainView(row) : null };
}

/**
 * Starts the certificate for `entry`; asking again for the same domain changes nothing. A claim holds nothing: other
 * workspaces may claim the same name, and the first whose certificate ACM issues takes it (custom-domain-progress.ts).
 */
export async function requestCustomDomain(deps: Pick<DomainDeps, 'db' | 'queue' | 'customDomains'>, tenantId: string, entry: string): Promise<CustomDomainView> {
  if (!deps.customDomains) throw forbidden(NOT_AVAILABLE);
  const checked = checkDeliveryDomainName(entry);
  if ('problem' in checked) throw invalid(checked.problem);
  const tenant = await deps.db.selectFrom('tenants').select('status').where('id', '=', tenantId).executeTakeFirstOrThrow();
  if (tenant.status !== 'active') throw notReady('Your delivery network is still being set up. Add a custom domain once it is ready.');

  const existing = await deps.db.selectFrom('tenant_custom_domains').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (existing && existing.status !== 'failed') {
    if (existing.domain_name === checked.domainName) return customDomainView(existing);
    throw conflict(`Your videos can be delivered from one custom domain. Remove ${existing.domain_name} first, then add ${checked.domainName}.`);
  }
  // A failed certificate never recovers (ACM: delete it and request again); the apply that deletes it clears the ARN.
  if (existing?.certificate_arn) throw notReady('The previous certificate for your domain is still being removed. Try again in a few minutes.');
  const row = await deps.db
    .insertInto('tenant_custom_domains')
    .values({ tenant_id: tenantId, domain_name: checked.domainName, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet({
        domain_name: checked.domainName,
        status: 'requested',
        certificate_arn: null,
        validation_records: '[]',
        alias_attached: false,
        problem: null,
        checked_at: null,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  await deps.queue.enqueue({ type: 'apply-custom-domain', tenantId });
  return customDomainView(row);
}

/** Playback goes back to the CDN's own host at once; the next apply takes the domain and its certificate off the CDN. */
export async function removeCustomDomain(deps: Pick<DomainDeps, 'db' | 'queue' | 'customDomains'>, tenantId: string): Promise<void> {
  if (!deps.customDomains) throw forbidden(NOT_AVAILABLE);
  const removed = await deps.db.deleteFrom('tenant_custom_domains').where('tenant_id', '=', tenantId).returningAll().executeTakeFirst();
  if (!removed) return;
  if (removed.status === 'active' && removed.target_domain)
    await deps.db.updateTable('tenants').set({ delivery_domain: removed.target_domain, updated_at: new Date() }).where('id', '=', tenantId).execute();
  await deps.queue.enqueue({ type: 'apply-custom-domain', tenantId });
}

/** Asks the worker to check ACM and DNS now, instead of at its next round. */
export async function checkCustomDomainNow(deps: Pick<DomainDeps, 'db' | 'queue' | 'customDomains'>, tenantId: string): Promise<CustomDomainAvailability> {
  if (deps.customDomains) await deps.queue.enqueue({ type: 'check-custom-domain', tenantId });
  return getCustomDomain(deps, tenantId);
}

export function customDomainView(row: CustomDomainRow): CustomDomainView {
  const records: DnsRecordToCreate[] = [];
  if (row.status === 'awaiting-dns-validation' || row.status === 'issued' || row.status === 'active') {
    // Kept after issue: ACM renews the certificate only while the validation record stays in place.
    for (const record of row.validation_records) if (record.type === 'CNAME') records.push({ purpose: 'certificate', type: 'CNAME', name: record.name, value: record.value });
  }
  if ((row.status === 'issued' || row.status === 'active') && row.target_domain) records.push({ purpose: 'delivery', type: 'CNAME', name: row.domain_name, value: row.target_domain });
  return { domainName: row.domain_name, status: row.status, records, problem: row.problem, checkedAt: row.checked_at ? row.checked_at.toISOString() : null };
}
