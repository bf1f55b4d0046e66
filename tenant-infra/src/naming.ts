// Names of tenant resources. S3 bucket names are global and at most 63 characters; Cognito domain
// prefixes are global per region. Both are derived from the tenant id (stable) rather than the slug
// (a tenant may rename itself), with the deployment's prefix so staging and production never collide.
import { InfraConfigError } from './infra-config-error.js';

const NAME_PREFIX = /^[a-z][a-z0-9-]{1,19}$/;
const TENANT_ID = /^[a-z0-9][a-z0-9-]{2,39}$/;

export function assertNamePrefix(prefix: string): void {
  if (!NAME_PREFIX.test(prefix)) throw new InfraConfigError(`The name prefix ${JSON.stringify(prefix)} must be 2-20 lower-case letters, digits or dashes, starting with a letter.`);
}

export function assertTenantId(tenantId: string): void {
  if (!TENANT_ID.test(tenantId)) throw new Error(`The tenant id ${JSON.stringify(tenantId)} must be 3-40 lower-case letters, digits or dashes (a UUID fits).`);
}

/** `{prefix}-{tenantId}`: ≤ 61 characters for a 20-character prefix and a UUID. */
export function mediaBucketName(prefix: string, tenantId: string): string {
  assertNamePrefix(prefix);
  assertTenantId(tenantId);
  return `${prefix}-${tenantId}`;
}

/** A tenant id as the control plane makes them (PostgreSQL gen_random_uuid), as an IAM wildcard of single characters. */
export const TENANT_ID_PATTERN = '????????-????-????-????-????????????';

/** Every tenant's media bucket (mediaBucketName) and nothing else of the prefix, as an IAM resource pattern. */
export function tenantBucketPattern(prefix: string): string {
  return `${prefix}-${TENANT_ID_PATTERN}`;
}

/** One Terraform state per tenant: a failed apply for one tenant can never lock or corrupt another's. */
export function tenantStateKey(tenantId: string): string {
  assertTenantId(tenantId);
  return `tenants/${tenantId}/terraform.tfstate`;
}

export function tenantStackName(tenantId: string): string {
  assertTenantId(tenantId);
  return `tenant-${tenantId}`;
}

/** Cognito domain prefixes may not contain "aws", "amazon" or "cognito". */
export function viewerPoolDomainPrefix(prefix: string, tenantId: string): string {
  return `${prefix}-viewers-${tenantId.replaceAll('-', '').slice(0, 20)}`.replace(/aws|amazon|cognito/g, 'x');
}

/** The viewer pool's name: CognitoIdentity.createPool finds an existing pool by it. */
export function viewerPoolName(tenantId: string): string {
  return `ott-viewers-${tenantId}`;
}
