// The Terraform output names of a tenant stack. The control plane's CdktfProvisioner reads exactly these
// after `terraform apply`, so they live in one place that both sides import.
export const TENANT_OUTPUTS = {
  bucketName: 'media_bucket_name',
  distributionId: 'distribution_id',
  distributionDomainName: 'distribution_domain_name',
  /** The host viewers use: the custom domain when there is one, otherwise the distribution's. */
  deliveryDomain: 'delivery_domain',
  keyGroupId: 'key_group_id',
  /** JSON object: our key-pair id (`K…` in tenant_signing_keys) → the CloudFront public key id viewers' grants name. */
  cloudfrontKeyIds: 'cloudfront_key_ids',
  viewerPoolId: 'viewer_pool_id',
  viewerPoolClientId: 'viewer_pool_client_id',
  viewerPoolDomain: 'viewer_pool_domain',
  mediaConvertRoleArn: 'mediaconvert_role_arn',
} as const;

export type TenantOutputName = (typeof TENANT_OUTPUTS)[keyof typeof TENANT_OUTPUTS];

/** What a successful apply yields, parsed from `terraform output -json`. */
export interface TenantStackOutputs {
  bucketName: string;
  distributionId: string;
  distributionDomainName: string;
  deliveryDomain: string;
  keyGroupId: string;
  cloudfrontKeyIds: Record<string, string>;
  viewerPoolId: string;
  viewerPoolClientId: string;
  viewerPoolDomain: string;
  mediaConvertRoleArn: string;
}

/**
 * Reads `terraform output -json` ({ name: { value, type, sensitive } }). Throws naming every missing output,
 * so a stack and a control plane of different versions fail loudly instead of half-provisioning.
 */
export function parseTenantOutputs(json: unknown): TenantStackOutputs {
  const record = (json ?? {}) as Record<string, { value?: unknown } | undefined>;
  const missing: string[] = [];
  const read = (name: TenantOutputName): string => {
    const value = record[name]?.value;
    if (typeof value === 'string' && value !== '') return value;
    missing.push(name);
    return '';
  };
  const keyIds = read(TENANT_OUTPUTS.cloudfrontKeyIds);
  const outputs: TenantStackOutputs = {
    bucketName: read(TENANT_OUTPUTS.bucketName),
    distributionId: read(TENANT_OUTPUTS.distributionId),
    distributionDomainName: read(TENANT_OUTPUTS.distributionDomainName),
    deliveryDomain: read(TENANT_OUTPUTS.deliveryDomain),
    keyGroupId: read(TENANT_OUTPUTS.keyGroupId),
    cloudfrontKeyIds: keyIds ? (JSON.parse(keyIds) as Record<string, string>) : {},
    viewerPoolId: read(TENANT_OUTPUTS.viewerPoolId),
    viewerPoolClientId: read(TENANT_OUTPUTS.viewerPoolClientId),
    viewerPoolDomain: read(TENANT_OUTPUTS.viewerPoolDomain),
    mediaConvertRoleArn: read(TENANT_OUTPUTS.mediaConvertRoleArn),
  };
  if (missing.length > 0) throw new Error(`The tenant stack's outputs lack ${missing.join(', ')}: was it synthesised by another version of tenant-infra?`);
  return outputs;
}
