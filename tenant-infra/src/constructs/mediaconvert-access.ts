// The role MediaConvert assumes for this tenant's jobs: read the tenant's own sources (`sources/{tenantId}/`),
// write the tenant's staging prefix, nothing else. A job submitted with tenant A's role cannot touch tenant B's
// bucket, nor its delivered renditions, whatever the job settings or an uploaded playlist say.
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { Construct } from 'constructs';
import { MEDIA_PREFIXES } from './media-bucket.js';

export interface MediaConvertAccessProps {
  roleName: string;
  bucket: S3Bucket;
  /** Its originals are `sources/{tenantId}/…`: the only objects a job reads. */
  tenantId: string;
  /** The account whose MediaConvert may assume the role (confused-deputy guard). */
  accountId: string;
  /** The cell's queue: the only source MediaConvert may assume the role for. */
  queueArn: string;
  /** The cell's ceiling for tenant roles: the provisioner may only create roles that carry it. */
  permissionsBoundary: string;
  tags: Record<string, string>;
}

export class MediaConvertAccess extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: MediaConvertAccessProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: "Assumed by MediaConvert for this tenant's transcodes",
      permissionsBoundary: props.permissionsBoundary,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'mediaconvert.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // Confused-deputy guard as MediaConvert documents it: aws:SourceAccount, and aws:SourceArn, whose value "must be
            // the ARN of the MediaConvert queue" (UG "Cross-service confused deputy prevention",
            // https://docs.aws.amazon.com/mediaconvert/latest/ug/cross-service-confused-deputy-prevention.html).
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId }, ArnLike: { 'aws:SourceArn': props.queueArn } },
          },
        ],
      }),
      tags: props.tags,
    });
    new IamRolePolicy(this, 'policy', {
      role: this.role.name,
      name: 'tenant-media',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'ReadSources', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${props.bucket.arn}/${MEDIA_PREFIXES.sources}${props.tenantId}/*` },
          { Sid: 'WriteStaging', Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${props.bucket.arn}/${MEDIA_PREFIXES.staging}*` },
          { Sid: 'LocateBucket', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: props.bucket.arn },
        ],
      }),
    });
  }
}
