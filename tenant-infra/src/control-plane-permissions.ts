// What the control plane may do in an account that holds tenants: the same statements go into the ECS
// task role (platform account) and into the role it assumes in every other cell account. Scoped by the
// deployment's name prefix, so a staging control plane cannot touch production tenants.

import { CLOUDFRONT_CERTIFICATE_REGION } from './constructs/delivery-certificate.js';

export interface PermissionScope {
  namePrefix: string;
  accountId: string;
  region: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export function controlPlaneStatements({ namePrefix, accountId, region }: PermissionScope): PolicyStatement[] {
  return [
    {
      Sid: 'TenantMedia',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: `arn:aws:s3:::${namePrefix}-*/*`,
    },
    { Sid: 'TenantBuckets', Effect: 'Allow', Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: `arn:aws:s3:::${namePrefix}-*` },
    {
      Sid: 'Transcode',
      Effect: 'Allow',
      Action: ['mediaconvert:CreateJob', 'mediaconvert:GetJob', 'mediaconvert:CancelJob', 'mediaconvert:TagResource'],
      Resource: [`arn:aws:mediaconvert:${region}:${accountId}:queues/${namePrefix}-*`, `arn:aws:mediaconvert:${region}:${accountId}:jobs/*`, `arn:aws:mediaconvert:${region}:${accountId}:presets/*`],
    },
    {
      Sid: 'PassTenantTranscodeRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: `arn:aws:iam::${accountId}:role/${namePrefix}-mc-*`,
      Condition: { StringEquals: { 'iam:PassedToService': 'mediaconvert.amazonaws.com' } },
    },
    {
      Sid: 'ViewerPools',
      Effect: 'Allow',
      Action: [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:ListUsers',
        'cognito-idp:ListUserPools',
        'cognito-idp:ListUserPoolClients',
        'cognito-idp:DescribeUserPool',
      ],
      Resource: '*',
    },
    // Read-only: tenants' stacks request the certificates; the control plane follows their validation. DescribeCertificate
    // takes the certificate resource type (Service Authorization Reference, "Actions, resources, and condition keys for
    // AWS Certificate Manager": https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscertificatemanager.html).
    { Sid: 'CustomDomainCertificates', Effect: 'Allow', Action: ['acm:DescribeCertificate'], Resource: `arn:aws:acm:${CLOUDFRONT_CERTIFICATE_REGION}:${accountId}:certificate/*` },
    { Sid: 'CdnLogs', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${namePrefix}-cdn-logs-*`, `arn:aws:s3:::${namePrefix}-cdn-logs-*/*`] },
  ];
}

/** The role name the control plane assumes in a cell account other than its own. */
export function cellControlPlaneRoleName(namePrefix: string): string {
  return `${namePrefix}-control-plane`;
}
