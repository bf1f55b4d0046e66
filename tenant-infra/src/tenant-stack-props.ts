// Builds a TenantStack's props from the infrastructure configuration, one tenant and the cell it was placed
// in. The synth app and the control plane's provisioner both go through here, so they cannot disagree.
import type { Cell } from './cells.js';
import { cdnLogBucketDomainName } from './constructs/cdn-log-bucket.js';
import { InfraConfigError } from './infra-config-error.js';
import type { InfraConfig, TenantConfig } from './infra-config.js';
import type { TenantStackProps } from './stacks/tenant-stack.js';

/**
 * `originVerifyValue`: the API balancer's secret header (the provisioner task reads it from Secrets Manager). With it and
 * `platform.apiOriginDomain`, the tenant's custom domain serves its store.
 */
export function tenantStackProps(
  config: Pick<InfraConfig, 'namePrefix' | 'platform' | 'state' | 'cells'>,
  tenant: TenantConfig,
  cell: Pick<Cell, 'id' | 'accountId' | 'region' | 'deployRoleArn'>,
  originVerifyValue?: string,
): TenantStackProps {
  const email = config.cells.find((candidate) => candidate.id === cell.id)?.email;
  if (!email) throw new InfraConfigError(`Tenant ${tenant.id} is placed in cell ${cell.id}, which the configuration does not list (or lists without its email identity).`);
  return {
    tenantId: tenant.id,
    slug: tenant.slug,
    plan: tenant.plan,
    cell: { id: cell.id, accountId: cell.accountId, region: cell.region, ...(cell.deployRoleArn ? { deployRoleArn: cell.deployRoleArn } : {}) },
    namePrefix: config.namePrefix,
    allowedOrigins: tenant.allowedOrigins,
    portalOrigins: config.platform.portalOrigins,
    publicKeys: tenant.publicKeys,
    ...(tenant.customDomain ? { customDomain: tenant.customDomain } : {}),
    ...(tenant.geoRestriction ? { geoRestriction: tenant.geoRestriction } : {}),
    logBucketDomainName: cdnLogBucketDomainName(config.namePrefix, cell.id, cell.accountId),
    viewerEmail: email,
    state: config.state,
    ...(config.platform.apiOriginDomain && originVerifyValue ? { storeOrigin: { originDomain: config.platform.apiOriginDomain, originVerifyValue } } : {}),
  };
}
