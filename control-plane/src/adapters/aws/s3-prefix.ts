// Whole-prefix operations on a bucket, shared by the object store (deleting a video's outputs) and
// MediaConvert staging (fetching and clearing a job's outputs).
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/** Every key below `prefix`, one listing page (up to 1,000 keys) at a time. */
export async function* keysUnder(client: S3Client, bucket: string, prefix: string): AsyncGenerator<string[]> {
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    yield (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

export async function deleteKeysUnder(client: S3Client, bucket: string, prefix: string): Promise<void> {
  for await (const keys of keysUnder(client, bucket, prefix)) {
    if (keys.length > 0) await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
  }
}

/** Writes the object to `target` through a temporary file, so a reader never sees half of it. */
export async function downloadObject(client: S3Client, bucket: string, key: string, target: string, body?: Readable): Promise<void> {
  const source = body ?? ((await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body as Readable);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomUUID()}.tmp`;
  try {
    await pipeline(source, createWriteStream(temporary));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
