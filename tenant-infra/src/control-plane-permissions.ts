// What the control plane may do in an account that holds tenants: the same statements go into the ECS
// task role (platform account) and into the role it assumes in every other cell account. Scoped by the
// deployment's name prefix, so a staging control plane cannot touch production tenants.

import { CLOUDFRONT_CERTIFICATE_REGION } from './constructs/delivery-certificate.js';
import { tenantBucketPattern } from './naming.js';

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
  // Tenant media buckets by their exact name shape, so no other bucket of the prefix (the CDN log buckets, a state
  // bucket named like them) falls under the write access.
  const tenantBucket = `arn:aws:s3:::${tenantBucketPattern(namePrefix)}`;
  return [
    {
      Sid: 'TenantMedia',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: `${tenantBucket}/*`,
    },
    // ListObjectVersions (storage sampling: billed bytes include noncurrent versions) is authorised as
    // s3:ListBucketVersions ("ListObjectVersions", Amazon S3 API Reference, https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html).
    { Sid: 'TenantBuckets', Effect: 'Allow', Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListBucketVersions'], Resource: tenantBucket },
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
    // Automatic captions (adapters/aws/transcribe-speech-to-text.ts): start, follow and remove batch jobs. Transcribe reads
    // the original and writes the transcript with the caller's own S3 access (TenantMedia above), as "Permissions
    // required for IAM roles" says (https://docs.aws.amazon.com/transcribe/latest/dg/security_iam_id-based-policy-examples.html).
    // Resource "*": job names carry no deployment prefix to scope by, and "*" holds whichever resource types the actions
    // list (Service Authorization Reference, https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazontranscribe.html).
    { Sid: 'AutomaticCaptions', Effect: 'Allow', Action: ['transcribe:StartTranscriptionJob', 'transcribe:GetTranscriptionJob', 'transcribe:DeleteTranscriptionJob'], Resource: '*' },
    {
      Sid: 'ViewerPools',
      Effect: 'Allow',
      Action: [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminGetUser',
        // A resent viewer invitation: a new temporary password (the platform emails it itself).
        'cognito-idp:AdminSetUserPassword',
        'cognito-idp:ListUsers',
        'cognito-idp:ListUserPools',
        'cognito-idp:ListUserPoolClients',
        'cognito-idp:DescribeUserPool',
      ],
      Resource: '*',
    },
    // Invitations, password resets and billing notices from the cell's verified identity (adapters/aws/ses-email-sender.ts).
    // SendEmail requires the identity resource type ("Actions, resources, and condition keys for Amazon Simple Email
    // Service v2", https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html).
    { Sid: 'SendEmail', Effect: 'Allow', Action: ['ses:SendEmail'], Resource: `arn:aws:ses:${region}:${accountId}:identity/*` },
    // Read-only: tenants' stacks request the certificates; the control plane follows their validation. DescribeCertificate
    // takes the certificate resource type (Service Authorization Reference, "Actions, resources, and condition keys for
    // AWS Certificate Manager": https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscertificatemanager.html).
    { Sid: 'CustomDomainCertificates', Effect: 'Allow', Action: ['acm:DescribeCertificate'], Resource: `arn:aws:acm:${CLOUDFRONT_CERTIFICATE_REGION}:${accountId}:certificate/*` },
    // Read-only: the worker reads each log object a notice names (adapters/aws/delivery-logs/notified-log-buckets.ts).
    { Sid: 'CdnLogs', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${namePrefix}-cdn-logs-*/*` },
    // The worker takes each new CloudFront log object's notice and deletes it once the object's usage is recorded.
    { Sid: 'CdnLogNotices', Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: `arn:aws:sqs:${region}:${accountId}:${namePrefix}-cdn-log-notices-*` },
  ];
}

/** The role name the control plane assumes in a cell account other than its own. */
export function cellControlPlaneRoleName(namePrefix: string): string {
  return `${namePrefix}-control-plane`;
}

/**
 * Where Terraform keeps state in the state bucket: `platform/`, `cells/{id}/`, `tenants/{id}/` (platform-stack.ts,
 * cell-stack.ts, naming.ts tenantStateKey), each with its `.tflock` beside it.
 */
export const TERRAFORM_STATE_ROOTS = ['platform/', 'cells/', 'tenants/'] as const;

/** What a provisioner run leaves for the worker: `{prefix}{tenantId}/{runId}.json`, outputs or the failure, never state. */
export const PROVISIONER_RESULTS_PREFIX = 'provisioner-results/';

/**
 * The control plane's roles never read or write Terraform state: state holds every tenant's resource ids and, for the
 * platform, connection details; only the provisioner task (provisionerStatements) touches it. The Deny holds whatever
 * else a statement allows (the tenant-media wildcard `{prefix}-*` would otherwise match a state bucket named like it).
 */
export function denyTerraformState(stateBucket: string): PolicyStatement {
  return {
    Sid: 'NoTerraformState',
    Effect: 'Deny',
    Action: ['s3:*'],
    Resource: [`arn:aws:s3:::${stateBucket}`, ...TERRAFORM_STATE_ROOTS.map((root) => `arn:aws:s3:::${stateBucket}/${root}*`)],
  };
}

export interface ProvisionerScope {
  namePrefix: string;
  state: { bucket: string; kmsKeyId?: string };
  /** Every cell's tenant deploy role (constructs/tenant-deploy-role.ts). */
  deployRoleArns: readonly string[];
}

/**
 * The provisioner task's own role: tenant state (the S3 backend with `use_lockfile` reads, writes and deletes the state
 * object and its `.tflock`, and lists the bucket: Terraform "Backend Type: s3", https://developer.hashicorp.com/terraform/language/backend/s3,
 * "Permissions Required"), its run results, and entering the cells. Everything a tenant stack creates is done as the
 * cell's tenant deploy role, never as this one.
 */
export function provisionerStatements({ state, deployRoleArns }: ProvisionerScope): PolicyStatement[] {
  const bucket = `arn:aws:s3:::${state.bucket}`;
  return [
    { Sid: 'ListStateBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucket },
    { Sid: 'TenantState', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `${bucket}/tenants/*` },
    { Sid: 'RunResults', Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${bucket}/${PROVISIONER_RESULTS_PREFIX}*` },
    { Sid: 'EnterCells', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: [...deployRoleArns] },
    // state.kmsKeyId is a key ARN (infra-config.ts): the only form an IAM Resource matches.
    ...(state.kmsKeyId ? [{ Sid: 'StateKey', Effect: 'Allow' as const, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'], Resource: state.kmsKeyId }] : []),
  ];
}

export interface ProvisionerLaunchScope {
  region: string;
  accountId: string;
  clusterArn: string;
  /** Task definition family of the provisioner. */
  family: string;
  /** The provisioner task's role and execution role: RunTask passes them to ECS. */
  passRoleArns: readonly string[];
  stateBucket: string;
  /** The state key's ARN, when the provisioner writes its results SSE-KMS with it (bin/provision-tenant-stack.ts). */
  stateKeyArn?: string;
}

/**
 * What the worker (never the API) needs to provision through the task: start it on its cluster, watch it, pass its
 * roles to ECS, read its result. Resource types and the ecs:cluster condition key per the Service Authorization
 * Reference, "Actions, resources, and condition keys for Amazon Elastic Container Service"
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html).
 */
export function provisionerLaunchStatements({ region, accountId, clusterArn, family, passRoleArns, stateBucket, stateKeyArn }: ProvisionerLaunchScope): PolicyStatement[] {
  return [
    {
      Sid: 'StartProvisioner',
      Effect: 'Allow',
      Action: ['ecs:RunTask'],
      Resource: `arn:aws:ecs:${region}:${accountId}:task-definition/${family}:*`,
      Condition: { ArnEquals: { 'ecs:cluster': clusterArn } },
    },
    { Sid: 'WatchProvisioner', Effect: 'Allow', Action: ['ecs:DescribeTasks'], Resource: `arn:aws:ecs:${region}:${accountId}:task/*`, Condition: { ArnEquals: { 'ecs:cluster': clusterArn } } },
    { Sid: 'PassProvisionerRoles', Effect: 'Allow', Action: ['iam:PassRole'], Resource: [...passRoleArns], Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
    { Sid: 'ReadRunResults', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${stateBucket}/${PROVISIONER_RESULTS_PREFIX}*` },
    // Reading an SSE-KMS object needs kms:Decrypt on its key ("Do I need to specify the AWS KMS key when I download a
    // KMS-encrypted object from Amazon S3?", AWS re:Post Knowledge Center, https://repost.aws/knowledge-center/decrypt-kms-encrypted-objects-s3).
    ...(stateKeyArn ? [{ Sid: 'ReadRunResultsKey', Effect: 'Allow' as const, Action: ['kms:Decrypt'], Resource: stateKeyArn }] : []),
  ];
}
