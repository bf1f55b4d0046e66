// The Terraform output names of a tenant stack. The control plane's CdktfProvisioner reads exactly these
// after `terraform apply`, so they live in one place that both sides import.
export const TENANT_OUTPUTS = {
  bucketName: 'media_bucket_name',
  distributionId: 'distribution_id',
  distributionDomainName: 'distribution_domain_name',
  /** The distribution's host, which always serves; the control plane moves playback to a custom domain once its DNS points here. */
  deliveryDomain: 'delivery_domain',
  keyGroupId: 'key_group_id',
  /** JSON object: our key-pair id (`K…` in tenant_signing_keys) → the CloudFront public key id viewers' grants name. */
  cloudfrontKeyIds: 'cloudfront_key_ids',
  viewerPoolId: 'viewer_pool_id',
  viewerPoolClientId: 'viewer_pool_client_id',
  viewerPoolDomain: 'viewer_pool_domain',
  mediaConvertRoleArn: 'mediaconvert_role_arn',
  /** Only in stacks with a custom domain (see TenantStackOutputs.customDomain). */
  customDomainCertificateArn: 'custom_domain_certificate_arn',
  /** JSON: the certificate's domain_validation_options. */
  customDomainValidationRecords: 'custom_domain_validation_records',
  /** "true" once the distribution carries the alias and the certificate. */
  customDomainAttached: 'custom_domain_attached',
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
  /** Present when the stack has a custom domain. */
  customDomain?: CustomDomainOutputs;
}

/** A DNS record the tenant creates so ACM can validate their domain (always a CNAME for ACM's DNS validation). */
export interface DnsValidationRecord {
  name: string;
  type: string;
  value: string;
}

export interface CustomDomainOutputs {
  certificateArn: string;
  validationRecords: DnsValidationRecord[];
  attached: boolean;
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
  const certificateArn = record[TENANT_OUTPUTS.customDomainCertificateArn]?.value;
  if (typeof certificateArn === 'string' && certificateArn !== '') {
    outputs.customDomain = {
      certificateArn,
      validationRecords: parseValidationRecords(record[TENANT_OUTPUTS.customDomainValidationRecords]?.value),
      attached: record[TENANT_OUTPUTS.customDomainAttached]?.value === 'true',
    };
  }
  if (missing.length > 0) throw new Error(`The tenant stack's outputs lack ${missing.join(', ')}: was it synthesised by another version of tenant-infra?`);
  return outputs;
}

/** The certificate's domain_validation_options (Terraform's snake_case attributes), as JSON text. */
function parseValidationRecords(json: unknown): DnsValidationRecord[] {
  const options = typeof json === 'string' && json !== '' ? (JSON.parse(json) as unknown) : [];
  if (!Array.isArray(options)) throw new Error(`The tenant stack's ${TENANT_OUTPUTS.customDomainValidationRecords} output is not a list.`);
  return options.flatMap((option: Record<string, unknown>) => {
    const { resource_record_name: name, resource_record_type: type, resource_record_value: value } = option;
    return typeof name === 'string' && typeof type === 'string' && typeof value === 'string' ? [{ name, type, value }] : [];
  });
}
