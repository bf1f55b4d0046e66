// ObjectStore on S3: one bucket per tenant, chosen from the key's tenant. Browsers upload parts straight to
// S3 with presigned UploadPart URLs. Checksums are computed only when S3 requires them: the SDK's default
// (CRC32 on every request, aws-chunked streaming bodies) is stored verbatim, framing and all, by emulators
// such as s3rver, and presigned browser PUTs cannot carry a checksum the browser never computed.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStore, PartToSign, PutFileOptions, StoredPart } from '../../ports.js';
import { cacheControlFor, contentTypeFor } from '../../edge/content-types.js';
import { deleteKeysUnder, downloadObject } from './s3-prefix.js';
import { tenantOfKey } from './tenant-key.js';

/** Where a tenant's objects live: the S3 client for its cell (account, region, credentials) and its bucket. */
export type TenantBucketResolver = (tenantId: string) => Promise<{ client: S3Client; bucket: string }>;

/** S3 presigned URLs live at most 7 days. */
const MAX_URL_SECONDS = 7 * 24 * 3600;

export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly resolve: TenantBucketResolver,
    /** Downloads for `localFile` (a transcode links its source from here into its scratch folder); wiped entries are fetched again. */
    private readonly cacheDir: string,
  ) {}

  async putFile(key: string, sourcePath: string, options: PutFileOptions = {}): Promise<void> {
    const { client, bucket } = await this.at(key);
    const { size } = await stat(sourcePath);
    const disposition = options.contentDisposition === undefined ? {} : { ContentDisposition: options.contentDisposition };
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(sourcePath), ContentLength: size, ContentType: contentTypeFor(key), CacheControl: cacheControlFor(key), ...disposition }),
    );
  }

  async putBytes(key: string, body: Uint8Array | string): Promise<void> {
    const { client, bucket } = await this.at(key);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentTypeFor(key), CacheControl: cacheControlFor(key) }));
  }

  async putDirectory(prefix: string, directory: string): Promise<void> {
    const base = prefix.replace(/\/$/, '');
    const files = (await readdir(directory, { withFileTypes: true, recursive: true })).filter((entry) => entry.isFile());
    // A ladder is hundreds of segments: a few uploads in flight, not hundreds.
    const queue = files.map((entry) => path.join(entry.parentPath, entry.name));
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        await this.putFile(`${base}/${path.relative(directory, file).split(path.sep).join('/')}`, file);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }

  async localFile(key: string): Promise<string> {
    const { client, bucket } = await this.at(key);
    const target = path.join(this.cacheDir, bucket, ...key.split('/'));
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const cached = await stat(target).catch(() => undefined);
    if (cached && cached.size === object.ContentLength && cached.mtimeMs >= (object.LastModified?.getTime() ?? Infinity)) {
      (object.Body as Readable | undefined)?.destroy();
      return target;
    }
    await downloadObject(client, bucket, key, target, object.Body as Readable);
    return target;
  }

  async exists(key: string): Promise<boolean> {
    const { client, bucket } = await this.at(key);
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    const { client, bucket } = await this.at(prefix);
    await deleteKeysUnder(client, bucket, prefix.endsWith('/') ? prefix : `${prefix}/`);
  }

  async deleteObject(key: string): Promise<void> {
    const { client, bucket } = await this.at(key);
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }

  async createMultipartUpload(key: string): Promise<{ uploadId: string }> {
    const { client, bucket } = await this.at(key);
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentTypeFor(key) }));
    if (!UploadId) throw new Error('S3 returned no upload id');
    return { uploadId: UploadId };
  }

  /**
   * The part's size goes into the signature as its Content-Length (X-Amz-SignedHeaders=content-length;host), so S3
   * refuses a body of any other size (SignatureDoesNotMatch) before storing it: "Authenticating Requests: Using
   * Query Parameters (AWS Signature Version 4)", https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
   * Browsers and the CLI send Content-Length themselves for the slice they PUT.
   */
  async signPartUrl(key: string, uploadId: string, part: PartToSign, expiresAt: Date): Promise<string> {
    const { client, bucket } = await this.at(key);
    const expiresIn = Math.min(MAX_URL_SECONDS, Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000)));
    return getSignedUrl(client, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: part.partNumber, ContentLength: part.size }), { expiresIn });
  }

  async listParts(key: string, uploadId: string): Promise<StoredPart[]> {
    const { client, bucket } = await this.at(key);
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    try {
      do {
        const page = await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }));
        for (const part of page.Parts ?? []) {
          if (part.PartNumber !== undefined) parts.push({ partNumber: part.PartNumber, size: part.Size ?? 0, etag: (part.ETag ?? '').replaceAll('"', '') });
        }
        marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
      } while (marker);
    } catch (error) {
      // Completed or aborted: nothing is pending under this id any more.
      if (isMissing(error)) return [];
      throw error;
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[]): Promise<{ size: number }> {
    const { client, bucket } = await this.at(key);
    try {
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: [...parts].sort((a, b) => a.partNumber - b.partNumber).map((part) => ({ PartNumber: part.partNumber, ETag: `"${part.etag.replaceAll('"', '')}"` })) },
        }),
      );
    } catch (error) {
      // A retried completion: S3 forgot the upload id because it already built the object.
      if (!isMissing(error)) throw error;
    }
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: head.ContentLength ?? 0 };
  }

  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    const { client, bucket } = await this.at(key);
    try {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  /**
   * Every version's Size, current and noncurrent; delete markers have no size. Pages follow NextKeyMarker and
   * NextVersionIdMarker: "ListObjectVersions", https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
   * (noncurrent versions are billed as objects: "Retaining multiple versions of objects with S3 Versioning",
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html).
   */
  async billedBytes(prefix: string): Promise<number> {
    const { client, bucket } = await this.at(prefix);
    let bytes = 0;
    let marker: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (;;) {
      const page = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, ...marker }));
      for (const version of page.Versions ?? []) bytes += version.Size ?? 0;
      if (!page.IsTruncated) return bytes;
      marker = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
    }
  }

  private at(key: string) {
    return this.resolve(tenantOfKey(key));
  }
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchUpload' || status === 404;
}
