// A MediaConvert job's outputs under `staging/{token}/` in the tenant's bucket: fetched whole once the job is
// COMPLETE (collect-outputs turns them into our layout), then deleted. The bucket's lifecycle rule expires
// whatever a crashed worker leaves behind.
import path from 'node:path';
import type { TenantBucketResolver } from '../s3-object-store.js';
import { deleteKeysUnder, downloadObject, keysUnder } from '../s3-prefix.js';

export class S3Staging {
  constructor(private readonly resolve: TenantBucketResolver) {}

  async download(tenantId: string, prefix: string, dir: string): Promise<void> {
    const { client, bucket } = await this.resolve(tenantId);
    for await (const keys of keysUnder(client, bucket, prefix)) {
      // A ladder is hundreds of segments: a few downloads in flight, not hundreds.
      const queue = keys.filter((key) => !key.endsWith('/'));
      const worker = async () => {
        for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
          await downloadObject(client, bucket, key, path.join(dir, ...key.slice(prefix.length).split('/')));
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    }
  }

  async remove(tenantId: string, prefix: string): Promise<void> {
    const { client, bucket } = await this.resolve(tenantId);
    await deleteKeysUnder(client, bucket, prefix);
  }
}
