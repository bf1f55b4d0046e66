// The ObjectStore contract against the local filesystem store (behind its part-upload route) and the S3
// adapter (against s3rver, one bucket per tenant as in the aws shape).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { objectStoreContract } from '@ott/testkit';
import { mediaBucketName } from '@ott/tenant-infra';
import { S3ObjectStore } from '../../src/adapters/aws/s3-object-store.js';
import { FsObjectStore } from '../../src/adapters/local/fs-object-store.js';
import { handlePartUpload } from '../../src/adapters/local/fs-part-upload-route.js';
import { startS3Emulator } from '../aws/support/s3-emulator.js';

objectStoreContract('FsObjectStore', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'ott-fs-store-'));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const store = new FsObjectStore(root, `http://127.0.0.1:${port}/store/parts`, Buffer.alloc(32, 7));
  server.on('request', (request, response) => void handlePartUpload(store, request, response, new Date()));
  return {
    store,
    tenantId: randomUUID(),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await rm(root, { recursive: true, force: true });
    },
  };
});

objectStoreContract('S3ObjectStore on s3rver', async () => {
  const s3 = await startS3Emulator();
  const tenantId = randomUUID();
  const bucket = mediaBucketName('ott-test', tenantId);
  await s3.createBucket(bucket);
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'ott-s3-cache-'));
  const store = new S3ObjectStore(async (owner) => {
    if (owner !== tenantId) throw new Error(`no bucket for tenant ${owner}`);
    return { client: s3.client, bucket };
  }, cacheDir);
  return {
    store,
    tenantId,
    async close() {
      await s3.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
});
