// A download written to S3 carries its Content-Disposition as object metadata: CloudFront serves S3's header as is,
// so a viewer's browser saves `{title} ({name}).mp4` (the local edge works the same header out itself).
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mediaBucketName } from '@ott/tenant-infra';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { S3ObjectStore } from '../../src/adapters/aws/s3-object-store.js';
import { contentDispositionFor } from '../../src/domain/videos/download-files.js';
import { startS3Emulator } from './support/s3-emulator.js';

let s3: Awaited<ReturnType<typeof startS3Emulator>>;
let scratch: string;
const tenantId = randomUUID();
const bucket = mediaBucketName('ott-test', tenantId);

beforeAll(async () => {
  s3 = await startS3Emulator();
  await s3.createBucket(bucket);
  scratch = await mkdtemp(path.join(tmpdir(), 'ott-s3-disposition-'));
});
afterAll(async () => {
  await s3?.close();
  await rm(scratch, { recursive: true, force: true });
});

it('writes a download with its Content-Disposition, and other objects without one', async () => {
  const store = new S3ObjectStore(async () => ({ client: s3.client, bucket }), scratch);
  const file = path.join(scratch, 'file.mp4');
  await writeFile(file, 'not really an mp4');
  const disposition = contentDispositionFor('Café "Noir"', '720p');
  await store.putFile(`t/${tenantId}/v/x/downloads/720p.mp4`, file, { contentDisposition: disposition });
  await store.putFile(`t/${tenantId}/v/x/720p/seg_00000.m4s`, file);
  const download = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: `t/${tenantId}/v/x/downloads/720p.mp4` }));
  expect(download.ContentDisposition).toBe(disposition);
  expect(download.ContentType).toBe('video/mp4');
  const segment = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: `t/${tenantId}/v/x/720p/seg_00000.m4s` }));
  expect(segment.ContentDisposition).toBeUndefined();
});
