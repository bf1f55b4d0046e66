// The worker's side of custom delivery domains: apply the tenant's stack for the domain and record what the apply
// made, then follow the certificate (ACM) and the tenant's DNS until playback can move to the domain. Every step is
// idempotent; the sweep and the tenant's "Check now" both run checkCustomDomain.
import type { Updateable } from 'kysely';
import type { TenantCustomDomainsTable } from '../../db/schema.js';
import type { AppliedCustomDomain, CertificateState, DnsResolver } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { applyTrustedKeys } from '../playback/apply-trusted-keys.js';
import type { CustomDomainRow } from './custom-domain.js';

type ProgressDeps = Pick<DomainDeps, 'db' | 'queue' | 'clock' | 'customDomains'>;

/**
 * Re-applies the tenant's stack so it matches its custom domain (certificate requested, alias attached, or both
 * removed), then records the outcome. The tenant stays active throughout: the CDN's own host keeps serving.
 */
export async function applyCustomDomain(deps: ProgressDeps & Pick<DomainDeps, 'provisioner' | 'signer' | 'playback'>, tenantId: string, attempt: { isLast: boolean }): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'slug', 'status']).where('id', '=', tenantId).executeTakeFirst();
  // Provisioning applies the whole stack, custom domain included, once it runs.
  if (!tenant || tenant.status !== 'active') return;
  try {
    // The same apply as a key rotation's: the stack keeps trusting every key a rotation in progress needs.
    const resources = await applyTrustedKeys(deps, tenant);
    await recordAppliedCustomDomain(deps, tenantId, resources.customDomain, resources.deliveryDomain);
  } catch (error) {
    // The operator sees the cause in the job's log; the tenant sees what it means for them.
    if (attempt.isLast) await fail(deps, tenantId, 'Setting up your domain failed on our side. Remove it and add it again; if it fails again, contact support.');
    throw error;
  }
}

/** What an apply of the tenant's stack made of its custom domain. */
export async function recordAppliedCustomDomain(deps: ProgressDeps, tenantId: string, applied: AppliedCustomDomain | undefined, distributionDomain: string | undefined): Promise<void> {
  const row = await deps.db.selectFrom('tenant_custom_domains').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return;
  if (!applied) {
    // The stack holds no certificate: a failed one was deleted, so the tenant may ask again.
    if (row.status === 'failed') await update(deps, tenantId, { certificate_arn: null });
    return;
  }
  await update(deps, tenantId, {
    certificate_arn: applied.certificateArn,
    validation_records: JSON.stringify(applied.validationRecords),
    alias_attached: applied.attached,
    ...(distributionDomain ? { target_domain: distributionDomain } : {}),
    ...(row.status === 'requested' ? { status: 'awaiting-dns-validation' as const, problem: null } : {}),
  });
  if (applied.attached) await deps.queue.enqueue({ type: 'check-custom-domain', tenantId });
}

/** Moves the tenant's custom domain one step forward if ACM or DNS say it may. */
export async function checkCustomDomain(deps: ProgressDeps, tenantId: string): Promise<void> {
  const ports = deps.customDomains;
  const row = await deps.db.selectFrom('tenant_custom_domains').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!ports || !row) return;
  if (row.status === 'awaiting-dns-validation' && row.certificate_arn) {
    const certificate = await ports.certificates.describe(tenantId, row.certificate_arn);
    await advanceCertificate(deps, row, certificate);
    return;
  }
  if ((row.status === 'issued' || row.status === 'active') && row.alias_attached && row.target_domain) {
    const pointing = await pointsAt(ports.dns, row.domain_name, row.target_domain).catch(() => undefined);
    // A lookup that failed proves nothing either way: the state stays, and the tenant sees that we could not tell.
    if (pointing === undefined) return update(deps, tenantId, { problem: `We could not look up ${row.domain_name} just now; we will try again shortly.`, checked_at: deps.clock.now() });
    await advanceDelivery(deps, row, row.target_domain, pointing);
  }
}

/** Every custom domain still on its way (or active, whose DNS may change): the worker's periodic round. */
export async function checkCustomDomains(deps: ProgressDeps): Promise<{ checked: number; failed: { tenantId: string; error: unknown }[] }> {
  const rows = await deps.db.selectFrom('tenant_custom_domains').select('tenant_id').where('status', 'in', ['awaiting-dns-validation', 'issued', 'active']).execute();
  const failed: { tenantId: string; error: unknown }[] = [];
  for (const { tenant_id: tenantId } of rows) await checkCustomDomain(deps, tenantId).catch((error: unknown) => failed.push({ tenantId, error }));
  return { checked: rows.length, failed };
}

async function advanceCertificate(deps: ProgressDeps, row: CustomDomainRow, certificate: CertificateState): Promise<void> {
  const now = deps.clock.now();
  if (certificate.status === 'pending') {
    return update(deps, row.tenant_id, { problem: null, checked_at: now });
  }
  if (certificate.status === 'issued') {
    if (!(await holdDomainName(deps, row, now))) {
      await fail(deps, row.tenant_id, heldElsewhere(row.domain_name));
      // As for any failed certificate: the apply takes it out of the stack.
      return deps.queue.enqueue({ type: 'apply-custom-domain', tenantId: row.tenant_id });
    }
    // The second apply gives the distribution the alias and the certificate; CloudFront refuses both before issue.
    return deps.queue.enqueue({ type: 'apply-custom-domain', tenantId: row.tenant_id });
  }
  await fail(deps, row.tenant_id, certificateFailure(row.domain_name, certificate.failureCode));
  // The failed certificate leaves the stack, so asking again requests a new one.
  return deps.queue.enqueue({ type: 'apply-custom-domain', tenantId: row.tenant_id });
}

const UNIQUE_VIOLATION = '23505';

const heldElsewhere = (domainName: string) => `${domainName} is already used by another workspace. If the domain is yours, contact support.`;

/**
 * Marks the tenant's certificate issued, which makes the name its own: the database lets one tenant at a time hold
 * a name issued or active (migration 0018's partial unique index), so false when another already does. Then every
 * other workspace's claim still waiting on the same name fails, and its certificate leaves its stack: the name is
 * taken. (Should that second step be lost, such a claim fails here once its own certificate is issued.)
 */
async function holdDomainName(deps: ProgressDeps, row: CustomDomainRow, now: Date): Promise<boolean> {
  const held = await update(deps, row.tenant_id, { status: 'issued', problem: null, checked_at: now }).then(
    () => true,
    (error: unknown) => {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    },
  );
  if (!held) return false;
  const others = await deps.db
    .updateTable('tenant_custom_domains')
    .set({ status: 'failed', problem: heldElsewhere(row.domain_name), checked_at: now, updated_at: new Date() })
    .where('domain_name', '=', row.domain_name)
    .where('tenant_id', '<>', row.tenant_id)
    .where('status', 'in', ['requested', 'awaiting-dns-validation'])
    .returning('tenant_id')
    .execute();
  for (const other of others) await deps.queue.enqueue({ type: 'apply-custom-domain', tenantId: other.tenant_id });
  return true;
}

async function advanceDelivery(deps: ProgressDeps, row: CustomDomainRow, target: string, pointing: boolean): Promise<void> {
  const now = deps.clock.now();
  if (pointing) {
    await update(deps, row.tenant_id, { status: 'active', problem: null, checked_at: now });
    // Also after a re-apply wrote the distribution's host back: active means playback uses the domain.
    await deps.db
      .updateTable('tenants')
      .set({ delivery_domain: row.domain_name, updated_at: now })
      .where('id', '=', row.tenant_id)
      .where('delivery_domain', 'is distinct from', row.domain_name)
      .execute();
    return;
  }
  const problem =
    row.status === 'active'
      ? `${row.domain_name} no longer points at ${target}. Your videos play from ${target} until the CNAME record is back.`
      : `${row.domain_name} does not point at ${target} yet. Create the CNAME record below; DNS changes can take up to an hour to be seen.`;
  await update(deps, row.tenant_id, { status: 'issued', problem, checked_at: now });
  if (row.status === 'active') await deps.db.updateTable('tenants').set({ delivery_domain: target, updated_at: now }).where('id', '=', row.tenant_id).execute();
}

/**
 * Whether `host` reaches the distribution: a CNAME to it, or (DNS hosts that flatten CNAMEs, "ALIAS" records)
 * addresses shared with it.
 */
async function pointsAt(dns: DnsResolver, host: string, target: string): Promise<boolean> {
  const canonical = (name: string) => name.toLowerCase().replace(/\.$/, '');
  const cnames = await dns.resolveCname(host);
  if (cnames.some((name) => canonical(name) === canonical(target))) return true;
  const [hostAddresses, targetAddresses] = await Promise.all([dns.resolveAddresses(host), dns.resolveAddresses(target)]);
  return hostAddresses.some((address) => targetAddresses.includes(address));
}

/**
 * The tenant's words for ACM's reasons. Statuses and failure reasons: ACM API Reference, CertificateDetail
 * (https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html); what they mean: ACM User Guide,
 * "Certificate request fails" (https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-failed.html).
 */
export function certificateFailure(domainName: string, code: string | undefined): string {
  const again = 'then remove the domain here and add it again.';
  switch (code) {
    case 'VALIDATION_TIMED_OUT':
      // ACM retries validation for 72 hours, then gives up on the request.
      return `The certificate authority did not find the validation record for ${domainName} within 72 hours. Check the CNAME record at your DNS host, ${again}`;
    case 'CAA_ERROR':
      return `The CAA records of ${domainName} do not allow Amazon to issue its certificate. Add a CAA record for amazon.com (or remove the CAA records), ${again}`;
    case 'DOMAIN_NOT_ALLOWED':
    case 'INVALID_PUBLIC_DOMAIN':
      return `${domainName} cannot have a public certificate: it must be a public domain name you own.`;
    case 'ADDITIONAL_VERIFICATION_REQUIRED':
      return `The certificate authority needs to verify ${domainName} by hand before it issues a certificate. Contact support and we will follow it up.`;
    default:
      return `The certificate for ${domainName} could not be issued. Check the CNAME record at your DNS host, ${again} If it fails again, contact support.`;
  }
}

async function fail(deps: ProgressDeps, tenantId: string, problem: string): Promise<void> {
  await update(deps, tenantId, { status: 'failed', problem, checked_at: deps.clock.now() });
}

async function update(deps: Pick<DomainDeps, 'db'>, tenantId: string, values: Updateable<TenantCustomDomainsTable>): Promise<void> {
  await deps.db
    .updateTable('tenant_custom_domains')
    .set({ ...values, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .execute();
}
