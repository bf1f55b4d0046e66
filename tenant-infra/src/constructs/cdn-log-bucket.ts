// The cell's CloudFront standard-log bucket: every tenant distribution in the cell writes under
// `cloudfront/{tenantId}/`, and usage metering reads egress bytes from there. CloudFront's standard logging
// (legacy) delivers through ACLs, so this one bucket keeps ACLs enabled (BucketOwnerPreferred) while staying private:
// "Your bucket must have access control list (ACL) enabled" — Configure standard logging (legacy),
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
//
// Each new log object is announced once on an SQS queue (S3 event notifications), so the worker reads every object
// exactly when it arrives instead of listing a bucket that grows by 24 objects per distribution and hour. Why this and
// not standard logging v2: docs/aws-delivery.md.
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy/index.js';
import { Construct } from 'constructs';

/** Metering reads logs within hours; a year of raw logs answers billing disputes. */
export const CDN_LOG_RETENTION_DAYS = 400;

/** Where distributions write (DeliveryCdn's logging prefix starts with it) and what the notification filters on. */
export const CDN_LOG_PREFIX = 'cloudfront/';

export const CDN_LOG_NOTICES = {
  /** SQS's maximum: a worker outage of up to two weeks loses no egress. */
  retentionSeconds: 14 * 86_400,
  /** One ingest run reads at most a few hundred objects; a notice it took comes back only if the run died. */
  visibilityTimeoutSeconds: 300,
  /** An object that cannot be read five times (deleted, corrupt) is parked for the operator instead of looping. */
  maxReceiveCount: 5,
} as const;

export function cdnLogBucketName(namePrefix: string, cellId: string, accountId: string): string {
  return `${namePrefix}-cdn-logs-${cellId}-${accountId}`.slice(0, 63);
}

/** What a distribution's logging_config names: CloudFront wants the global-endpoint domain. */
export function cdnLogBucketDomainName(namePrefix: string, cellId: string, accountId: string): string {
  return `${cdnLogBucketName(namePrefix, cellId, accountId)}.s3.amazonaws.com`;
}

/** The queue announcing the cell's new log objects. Its dead-letter queue's name does not share this prefix, so the control plane's permission on `{prefix}-cdn-log-notices-*` does not reach it. */
export function cdnLogNoticesQueueName(namePrefix: string, cellId: string): string {
  return `${namePrefix}-cdn-log-notices-${cellId}`.slice(0, 80);
}

/** "https://sqs.us-east-2.amazonaws.com/123456789012/MyQueue" — Amazon SQS queue and message identifiers, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html */
export function cdnLogNoticesQueueUrl(namePrefix: string, cell: { id: string; accountId: string; region: string }): string {
  return `https://sqs.${cell.region}.amazonaws.com/${cell.accountId}/${cdnLogNoticesQueueName(namePrefix, cell.id)}`;
}

export interface CdnLogBucketProps {
  bucketName: string;
  namePrefix: string;
  cellId: string;
  accountId: string;
}

export class CdnLogBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly notices: SqsQueue;
  readonly deadNotices: SqsQueue;

  constructor(scope: Construct, id: string, props: CdnLogBucketProps) {
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

    this.deadNotices = new SqsQueue(this, 'dead-notices', {
      name: `${props.namePrefix}-dead-cdn-log-notices-${props.cellId}`.slice(0, 80),
      messageRetentionSeconds: CDN_LOG_NOTICES.retentionSeconds,
      sqsManagedSseEnabled: true,
    });
    // SSE-SQS rather than a KMS key: encrypted at rest with no key policy to open to S3.
    this.notices = new SqsQueue(this, 'notices', {
      name: cdnLogNoticesQueueName(props.namePrefix, props.cellId),
      messageRetentionSeconds: CDN_LOG_NOTICES.retentionSeconds,
      visibilityTimeoutSeconds: CDN_LOG_NOTICES.visibilityTimeoutSeconds,
      sqsManagedSseEnabled: true,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadNotices.arn, maxReceiveCount: CDN_LOG_NOTICES.maxReceiveCount }),
    });
    // Only this bucket, in this account, may send: the documented destination policy (service principal
    // s3.amazonaws.com, ArnLike aws:SourceArn on the bucket, StringEquals aws:SourceAccount) — "Granting permissions to
    // publish event notification messages to a destination", https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
    const policy = new SqsQueuePolicy(this, 'notices-policy', {
      queueUrl: this.notices.url,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'LogBucketAnnouncesObjects',
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: this.notices.arn,
            Condition: { ArnLike: { 'aws:SourceArn': this.bucket.arn }, StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ],
      }),
    });
    // S3 checks it may send to the queue when the configuration is put (and sends an s3:TestEvent), so the policy first.
    new S3BucketNotification(this, 'notification', {
      bucket,
      queue: [{ id: 'cloudfront-logs', queueArn: this.notices.arn, events: ['s3:ObjectCreated:*'], filterPrefix: CDN_LOG_PREFIX, filterSuffix: '.gz' }],
      dependsOn: [policy],
    });
  }
}
