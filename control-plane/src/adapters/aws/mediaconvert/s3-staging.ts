// The tenant's bucket as a MediaConvert transcode uses it, without moving a film through the worker: the original
// read by byte ranges (for the probe copy), the job's outputs under `staging/{token}/` listed, its small files
// (playlists, init segments, frame captures) fetched, its media segments copied server-side into the video's package,
// then the staging prefix deleted. The bucket's lifecycle rule expires whatever a crashed worker leaves behind.
import { packageObjectKey } from '../../../media/uhd-folder.js';
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { TenantBucketResolver } from '../s3-object-store.js';
import { cacheControlFor, contentTypeFor } from '../../../edge/content-types.js';
import { deleteKeysUnder, downloadObject } from '../s3-prefix.js';
import type { RangedObject } from './source-probe-copy.js';
import type { StagedOutputs } from './collect-outputs.js';

export class S3Staging {
  constructor(private readonly resolve: TenantBucketResolver) {}

  /** The original, read by ranges: GetObject `Range: bytes=first-last` (inclusive), RFC 9110 §14.1.2. */
  async source(tenantId: string, key: string): Promise<RangedObject> {
    const { client, bucket } = await this.resolve(tenantId);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return {
      size: head.ContentLength ?? 0,
      async read(start, end) {
        if (end <= start) return Buffer.alloc(0);
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}` }));
        return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      },
    };
  }

  /** The outputs of the job that wrote under `stagingPrefix`, to be collected into the package at `packagePrefix`. */
  staged(tenantId: string, stagingPrefix: string, packagePrefix: string): StagedOutputs {
    const at = () => this.resolve(tenantId);
    return {
      async list() {
        const { client, bucket } = await at();
        const found = new Map<string, number>();
        let token: string | undefined;
        do {
          const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: stagingPrefix, ContinuationToken: token }));
          for (const object of page.Contents ?? []) if (object.Key && !object.Key.endsWith('/')) found.set(object.Key.slice(stagingPrefix.length), object.Size ?? 0);
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return found;
      },
      async fetch(relativePath, target) {
        const { client, bucket } = await at();
        await downloadObject(client, bucket, `${stagingPrefix}${relativePath}`, target);
      },
      // CopyObject copies inside S3 (up to 5 GB per call; a segment is a few MB) and, with MetadataDirective REPLACE,
      // sets the content type and caching our package uses: "CopyObject", Amazon S3 API Reference,
      // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
      // A rung above HD goes to the video's UHD folder (media/uhd-folder.ts), as encodePackage puts the small files.
      async publish(relativePath, packagePath) {
        const { client, bucket } = await at();
        const key = packageObjectKey(packagePrefix, packagePath);
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: key,
            CopySource: `${bucket}/${encodeURI(`${stagingPrefix}${relativePath}`)}`,
            MetadataDirective: 'REPLACE',
            ContentType: contentTypeFor(key),
            CacheControl: cacheControlFor(key),
          }),
        );
      },
      async remove() {
        const { client, bucket } = await at();
        await deleteKeysUnder(client, bucket, stagingPrefix);
      },
    };
  }
}
