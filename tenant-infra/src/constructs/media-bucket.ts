// A tenant's media bucket: sources (originals) under `sources/{tenantId}/`, delivered HLS under
// `t/{tenantId}/`, MediaConvert scratch under `staging/`. Private, versioned, encrypted; browsers upload
// parts straight to it with presigned URLs, so its CORS rules admit the portal's and the tenant's origins.
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { Construct } from 'constructs';

export interface MediaBucketProps {
  bucketName: string;
  /** Origins allowed to PUT upload parts and read objects from the browser. */
  uploadOrigins: readonly string[];
  tags: Record<string, string>;
  /** Offboarding only: lets `terraform destroy` delete every object version with the bucket. */
  forceDestroy?: boolean;
}

/** Key prefixes the rest of the stack (and the control plane) rely on. */
export const MEDIA_PREFIXES = { sources: 'sources/', delivery: 't/', staging: 'staging/' } as const;

export const LIFECYCLE = {
  sourcesToInfrequentAccessDays: 30,
  sourcesToGlacierInstantDays: 90,
  /**
   * The control plane aborts an upload itself once OTT_UPLOAD_EXPIRY_HOURS (24 by default) have passed; this rule is
   * the backstop for one it never recorded. S3 rounds the deadline up to the next midnight UTC, so a rule of one day
   * fires 24 to 48 hours after initiation: never before the default expiry, which the aws shape may not exceed.
   */
  abortIncompleteUploadsDays: 1,
  /** Replaced renditions and deleted videos stop costing after this; versioning still protects against a bad delete for a month. */
  noncurrentVersionsDays: 30,
  /** MediaConvert scratch: the worker deletes it after copying, this catches crashed workers. */
  stagingDays: 2,
} as const;

export class MediaBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: MediaBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, tags: props.tags, ...(props.forceDestroy ? { forceDestroy: true } : {}) });
    const bucket = this.bucket.id;

    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    // ACLs off: every object belongs to the bucket owner whoever wrote it (MediaConvert, presigned PUTs).
    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      // SSE-S3 rather than KMS: CloudFront's OAC and MediaConvert read it with no key grants, and S3 bucket keys are moot.
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
    });
    new S3BucketCorsConfiguration(this, 'cors', {
      bucket,
      corsRule: [
        {
          allowedOrigins: [...new Set(props.uploadOrigins)],
          allowedMethods: ['PUT', 'GET', 'HEAD'],
          allowedHeaders: ['*'],
          // The browser must read each part's ETag to complete the multipart upload.
          exposeHeaders: ['ETag'],
          maxAgeSeconds: 3000,
        },
        {
          // Direct uploads: a browser on any site the tenant names (per upload, so no list here can hold them) PUTs
          // parts to presigned URLs. The signature is the authorisation, for one part of one upload, for an hour; a
          // grant to every origin gives a page nothing it could not do with the URL anyway, and reads stay listed above.
          allowedOrigins: ['*'],
          allowedMethods: ['PUT'],
          allowedHeaders: ['*'],
          exposeHeaders: ['ETag'],
          maxAgeSeconds: 3000,
        },
      ],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'sources-tiering',
          status: 'Enabled',
          filter: [{ prefix: MEDIA_PREFIXES.sources }],
          transition: [
            { days: LIFECYCLE.sourcesToInfrequentAccessDays, storageClass: 'STANDARD_IA' },
            { days: LIFECYCLE.sourcesToGlacierInstantDays, storageClass: 'GLACIER_IR' },
          ],
        },
        {
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: LIFECYCLE.abortIncompleteUploadsDays }],
        },
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: LIFECYCLE.noncurrentVersionsDays }],
        },
        {
          id: 'expire-transcode-staging',
          status: 'Enabled',
          filter: [{ prefix: MEDIA_PREFIXES.staging }],
          expiration: [{ days: LIFECYCLE.stagingDays }],
        },
      ],
    });
  }
}
