// The role the provisioner task assumes in a cell's account to apply or destroy ONE tenant stack: exactly the actions
// Terraform needs for the resources a TenantStack declares (media bucket and its configuration, CloudFront
// distribution, key group, public keys, origin access control, response headers policy, viewer pool with its client
// and domain, the tenant's MediaConvert role), scoped by name where the service lets a policy name the resource.
//
// Scoping, per the Service Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/):
// - S3 ("Actions, resources, and condition keys for Amazon S3", list_amazons3.html): bucket ARNs carry the bucket name,
//   so the policy names exactly `{prefix}-{uuid}` (a tenant id is a UUID; IAM's `?` matches one character).
// - IAM (list_awsidentityandaccessmanagementiam.html): role ARNs carry the role name: `{prefix}-mc-{uuid}`. Every role
//   created or given an inline policy must carry the cell's permissions boundary (condition key iam:PermissionsBoundary),
//   so this role cannot mint a role more powerful than a tenant's MediaConvert role.
// - CloudFront (list_amazoncloudfront.html): ARNs carry generated ids, never names, so the account is the narrowest
//   scope; key groups and public keys are listed with no resource type there and need `*`.
// - Cognito user pools (list_amazoncognitouserpools.html): pool ARNs carry generated ids; CreateUserPool and
//   DescribeUserPoolDomain name no resource type and need `*`.
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../control-plane-permissions.js';
import { cdnLogBucketName } from './cdn-log-bucket.js';
import { CLOUDFRONT_CERTIFICATE_REGION } from './delivery-certificate.js';
import { TENANT_ID_PATTERN, tenantBucketPattern } from '../naming.js';

/** Per cell: IAM names are global to the account, and two cells may share one (in different regions). */
export function tenantDeployRoleName(namePrefix: string, cellId: string): string {
  return `${namePrefix}-${cellId}-tenant-deploy`;
}

export function tenantDeployRoleArn(namePrefix: string, cell: { id: string; accountId: string }): string {
  return `arn:aws:iam::${cell.accountId}:role/${tenantDeployRoleName(namePrefix, cell.id)}`;
}

/** The provisioner task's role in the platform account: the only principal a cell's tenant deploy role trusts. */
export function provisionerRoleName(namePrefix: string): string {
  return `${namePrefix}-provisioner`;
}

/** The ceiling of every tenant MediaConvert role: what such a role may ever do, whatever policy it is given. */
export function mediaConvertBoundaryName(namePrefix: string, cellId: string): string {
  return `${namePrefix}-${cellId}-mediaconvert-boundary`;
}

export function mediaConvertBoundaryArn(namePrefix: string, cell: { id: string; accountId: string }): string {
  return `arn:aws:iam::${cell.accountId}:policy/${mediaConvertBoundaryName(namePrefix, cell.id)}`;
}

export interface TenantDeployScope {
  namePrefix: string;
  accountId: string;
  region: string;
  cellId: string;
}

export function tenantDeployStatements({ namePrefix, accountId, region, cellId }: TenantDeployScope): PolicyStatement[] {
  const tenantBucket = `arn:aws:s3:::${tenantBucketPattern(namePrefix)}`;
  const tenantRole = `arn:aws:iam::${accountId}:role/${namePrefix}-mc-${TENANT_ID_PATTERN}`;
  const cloudfront = (type: string) => `arn:aws:cloudfront::${accountId}:${type}/*`;
  const boundary = { StringEquals: { 'iam:PermissionsBoundary': mediaConvertBoundaryArn(namePrefix, { id: cellId, accountId }) } };
  return [
    {
      Sid: 'TenantBuckets',
      Effect: 'Allow',
      Action: [
        's3:CreateBucket',
        's3:DeleteBucket',
        's3:ListBucket',
        's3:ListBucketVersions',
        's3:GetBucketLocation',
        's3:GetBucketTagging',
        's3:PutBucketTagging',
        's3:GetBucketAcl',
        's3:GetBucketCORS',
        's3:PutBucketCORS',
        's3:GetBucketWebsite',
        's3:GetBucketVersioning',
        's3:PutBucketVersioning',
        's3:GetAccelerateConfiguration',
        's3:GetBucketRequestPayment',
        's3:GetBucketLogging',
        's3:GetLifecycleConfiguration',
        's3:PutLifecycleConfiguration',
        's3:GetReplicationConfiguration',
        's3:GetEncryptionConfiguration',
        's3:PutEncryptionConfiguration',
        's3:GetBucketObjectLockConfiguration',
        's3:GetBucketPolicy',
        's3:PutBucketPolicy',
        's3:DeleteBucketPolicy',
        's3:GetBucketOwnershipControls',
        's3:PutBucketOwnershipControls',
        's3:GetBucketPublicAccessBlock',
        's3:PutBucketPublicAccessBlock',
      ],
      Resource: tenantBucket,
    },
    // Offboarding applies force_destroy, then Terraform deletes every object version before the bucket.
    { Sid: 'EmptyTenantBuckets', Effect: 'Allow', Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'], Resource: `${tenantBucket}/*` },
    // "The AWS account that you use to create or update a distribution with standard logging must have FULL_CONTROL on the
    // bucket's ACL ... s3:GetBucketAcl and s3:PutBucketAcl" (CloudFront Developer Guide, "Configure standard logging (legacy)",
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html).
    { Sid: 'CdnLogDelivery', Effect: 'Allow', Action: ['s3:GetBucketAcl', 's3:PutBucketAcl'], Resource: `arn:aws:s3:::${cdnLogBucketName(namePrefix, cellId, accountId)}` },
    {
      Sid: 'TenantDistributions',
      Effect: 'Allow',
      Action: [
        'cloudfront:CreateDistribution',
        'cloudfront:CreateDistributionWithTags',
        'cloudfront:GetDistribution',
        'cloudfront:GetDistributionConfig',
        'cloudfront:UpdateDistribution',
        'cloudfront:DeleteDistribution',
        'cloudfront:TagResource',
        'cloudfront:UntagResource',
        'cloudfront:ListTagsForResource',
      ],
      Resource: cloudfront('distribution'),
    },
    {
      Sid: 'TenantOriginAccess',
      Effect: 'Allow',
      Action: ['cloudfront:CreateOriginAccessControl', 'cloudfront:GetOriginAccessControl', 'cloudfront:UpdateOriginAccessControl', 'cloudfront:DeleteOriginAccessControl'],
      Resource: cloudfront('origin-access-control'),
    },
    {
      Sid: 'TenantCorsPolicies',
      Effect: 'Allow',
      Action: ['cloudfront:CreateResponseHeadersPolicy', 'cloudfront:GetResponseHeadersPolicy', 'cloudfront:UpdateResponseHeadersPolicy', 'cloudfront:DeleteResponseHeadersPolicy'],
      Resource: cloudfront('response-headers-policy'),
    },
    // The cell's shared HLS cache policies are looked up by name (a data source), never changed; so are AWS's managed
    // CachingDisabled and AllViewerExceptHostHeader, for the store's paths (delivery-cdn.ts).
    { Sid: 'ReadCellCachePolicies', Effect: 'Allow', Action: ['cloudfront:GetCachePolicy'], Resource: cloudfront('cache-policy') },
    { Sid: 'ReadManagedOriginRequestPolicies', Effect: 'Allow', Action: ['cloudfront:GetOriginRequestPolicy'], Resource: cloudfront('origin-request-policy') },
    {
      Sid: 'CloudFrontWithoutResourceTypes',
      Effect: 'Allow',
      Action: [
        'cloudfront:ListCachePolicies',
        'cloudfront:ListOriginRequestPolicies',
        'cloudfront:CreatePublicKey',
        'cloudfront:GetPublicKey',
        'cloudfront:UpdatePublicKey',
        'cloudfront:DeletePublicKey',
        'cloudfront:CreateKeyGroup',
        'cloudfront:GetKeyGroup',
        'cloudfront:UpdateKeyGroup',
        'cloudfront:DeleteKeyGroup',
      ],
      Resource: '*',
    },
    { Sid: 'CreateViewerPools', Effect: 'Allow', Action: ['cognito-idp:CreateUserPool', 'cognito-idp:DescribeUserPoolDomain'], Resource: '*' },
    {
      Sid: 'ManageViewerPools',
      Effect: 'Allow',
      Action: [
        'cognito-idp:DescribeUserPool',
        'cognito-idp:UpdateUserPool',
        'cognito-idp:DeleteUserPool',
        'cognito-idp:GetUserPoolMfaConfig',
        'cognito-idp:SetUserPoolMfaConfig',
        'cognito-idp:CreateUserPoolClient',
        'cognito-idp:DescribeUserPoolClient',
        'cognito-idp:UpdateUserPoolClient',
        'cognito-idp:DeleteUserPoolClient',
        'cognito-idp:CreateUserPoolDomain',
        'cognito-idp:DeleteUserPoolDomain',
        'cognito-idp:TagResource',
        'cognito-idp:UntagResource',
        'cognito-idp:ListTagsForResource',
      ],
      Resource: `arn:aws:cognito-idp:${region}:${accountId}:userpool/*`,
    },
    // Custom delivery domains: the certificate lives in ACM in us-east-1, where CloudFront reads certificates
    // (delivery-certificate.ts). RequestCertificate has no resource type in the Service Authorization Reference
    // ("Actions, resources, and condition keys for AWS Certificate Manager"), the others take the certificate ARN.
    { Sid: 'RequestDeliveryCertificates', Effect: 'Allow', Action: ['acm:RequestCertificate'], Resource: '*' },
    {
      Sid: 'ManageDeliveryCertificates',
      Effect: 'Allow',
      Action: ['acm:DescribeCertificate', 'acm:ListTagsForCertificate', 'acm:AddTagsToCertificate', 'acm:RemoveTagsFromCertificate', 'acm:DeleteCertificate'],
      Resource: `arn:aws:acm:${CLOUDFRONT_CERTIFICATE_REGION}:${accountId}:certificate/*`,
    },
    { Sid: 'CreateBoundedTenantRoles', Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy'], Resource: tenantRole, Condition: boundary },
    {
      Sid: 'ManageTenantRoles',
      Effect: 'Allow',
      Action: [
        'iam:GetRole',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
        'iam:UpdateAssumeRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:ListRoleTags',
        'iam:GetRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:ListInstanceProfilesForRole',
        'iam:DeleteRole',
      ],
      Resource: tenantRole,
    },
  ];
}

export interface TenantDeployRoleProps extends TenantDeployScope {
  platformAccountId: string;
}

export class TenantDeployRole extends Construct {
  readonly role: IamRole;
  readonly boundary: IamPolicy;

  constructor(scope: Construct, id: string, props: TenantDeployRoleProps) {
    super(scope, id);
    const { namePrefix, cellId } = props;
    // What MediaConvert may do with a tenant's role: read and write that deployment's tenant buckets, nothing else.
    this.boundary = new IamPolicy(this, 'mediaconvert-boundary', {
      name: mediaConvertBoundaryName(namePrefix, cellId),
      description: 'Permissions boundary of every tenant MediaConvert role',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'TenantMediaOnly',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject', 's3:GetBucketLocation', 's3:ListBucket'],
            Resource: [`arn:aws:s3:::${tenantBucketPattern(namePrefix)}`, `arn:aws:s3:::${tenantBucketPattern(namePrefix)}/*`],
          },
        ],
      }),
    });
    this.role = new IamRole(this, 'role', {
      name: tenantDeployRoleName(namePrefix, cellId),
      description: 'Assumed by the OTT Cloud provisioner task to apply and destroy tenant stacks in this cell',
      // A CloudFront distribution can take 15 minutes or more to deploy or disable; the provider re-assumes as needed.
      maxSessionDuration: 3600,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${props.platformAccountId}:root` },
            Action: 'sts:AssumeRole',
            // The provisioner's role by name: the trust holds even before that role exists (IAM refuses unknown role principals).
            Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${props.platformAccountId}:role/${provisionerRoleName(namePrefix)}` } },
          },
        ],
      }),
    });
    new IamRolePolicy(this, 'policy', {
      role: this.role.name,
      name: 'tenant-stacks',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: tenantDeployStatements(props) }),
    });
  }
}
