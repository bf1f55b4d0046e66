// Where each quota a cell models (tenant-infra's CellQuotas) lives in Service Quotas. CloudFront's quotas are global:
// Service Quotas answers for them in us-east-1 only. Cognito's are per Region: asked in the cell's region.
//
// Quota codes, with where they were read (2026-12; the doctor prints the code it used, so a wrong one shows):
//   L-24B04930 "Web distributions per AWS account"  — awslimitchecker services/cloudfront.py; AWS CLI examples in several public repositories
//   L-D64DA6E2 "Key groups per AWS account"         — awslimitchecker services/cloudfront.py
//   L-CF0D4FC5 "Response headers policies per AWS account" — public usage collectors (ListResponseHeadersPolicies ↔ L-CF0D4FC5)
//   L-627C1657 "User pools per account" (cognito-idp) — public quota checkers
// No public source gave a code for public keys, origin access controls or distributions per cache policy: those are found by name
// (ListAWSDefaultServiceQuotas), and a quota Service Quotas does not list is a warning naming the console page.
// Default values: CloudFront Developer Guide, "Quotas" (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html);
// Amazon Cognito Developer Guide, "Quotas in Amazon Cognito" (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html).
import type { CellQuotas } from '@ott/tenant-infra';

export interface QuotaLocation {
  serviceCode: 'cloudfront' | 'cognito-idp';
  /** Absent when no source gave it: the quota is looked up by name. */
  quotaCode?: string;
  /** Names Service Quotas has used for it, matched case-insensitively. */
  names: readonly string[];
  scope: 'global' | 'regional';
}

export const CELL_QUOTA_CODES: Readonly<Record<keyof CellQuotas, QuotaLocation>> = {
  distributions: { serviceCode: 'cloudfront', quotaCode: 'L-24B04930', names: ['Web distributions per AWS account', 'Distributions per AWS account'], scope: 'global' },
  keyGroups: { serviceCode: 'cloudfront', quotaCode: 'L-D64DA6E2', names: ['Key groups per AWS account'], scope: 'global' },
  publicKeys: { serviceCode: 'cloudfront', names: ['Public keys per AWS account', 'Public keys per account'], scope: 'global' },
  responseHeadersPolicies: { serviceCode: 'cloudfront', quotaCode: 'L-CF0D4FC5', names: ['Response headers policies per AWS account', 'Response headers policies'], scope: 'global' },
  originAccessControls: { serviceCode: 'cloudfront', names: ['Origin access controls per AWS account', 'Origin access controls per account'], scope: 'global' },
  distributionsPerCachePolicy: {
    serviceCode: 'cloudfront',
    names: ['Distributions associated with the same cache policy', 'Distributions associated with a single cache policy'],
    scope: 'global',
  },
  userPools: { serviceCode: 'cognito-idp', quotaCode: 'L-627C1657', names: ['User pools per account', 'User pools per Region'], scope: 'regional' },
};
