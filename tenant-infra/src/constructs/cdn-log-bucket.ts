// The cell's CloudFront standard-log bucket: every tenant distribution in the cell writes under
// `cloudfront/{tenantId}/`, and usage metering reads egress bytes from there. CloudFront's standard logging
// delivers through ACLs, so this one bucket keeps ACLs enabled (BucketOwnerPreferred) while staying private.
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { Construct } from 'constructs';

/** Metering reads logs within hours; a year of raw logs answers billing disputes. */
export const CDN_LOG_RETENTION_DAYS = 400;

export function cdnLogBucketName(namePrefix: string, cellId: string, accountId: string): string {
  return `${namePrefix}-cdn-logs-${cellId}-${accountId}`.slice(0, 63);
}

/** What a distribution's logging_config names: CloudFront wants the global-endpoint domain. */
export function cdnLogBucketDomainName(namePrefix: string, cellId: string, accountId: string): string {
  return `${cdnLogBucketName(namePrefix, cellId, accountId)}.s3.amazonaws.com`;
}

export class CdnLogBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: { bucketName: string }) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName });
    const bucket = this.bucket.id;
    new S3BucketPublicAccessBlock(this, 'public-access-block', { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerPreferred' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', { bucket, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [{ id: 'expire-logs', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: CDN_LOG_RETENTION_DAYS }] }],
    });
  }
}
