// Local shape of tenant infrastructure: a storage namespace folder and a viewer pool. Its apply is immediate: the
// local edge trusts the keys the domain recorded as applied (by our own ids), like a CloudFront trusted key group.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ownerOnlyFolders } from '../../fs/owner-only.js';
import type { IdentityProvider, PlaybackPublicKey, TenantProvisioner, TenantResources } from '../../ports.js';

export class LocalProvisioner implements TenantProvisioner {
  constructor(
    private readonly storeRoot: string,
    private readonly identity: IdentityProvider,
  ) {}

  async provision(tenant: { id: string; slug: string; publicKeys: readonly PlaybackPublicKey[] }): Promise<TenantResources> {
    const storagePrefix = `t/${tenant.id}/`;
    await mkdir(path.join(this.storeRoot, storagePrefix), ownerOnlyFolders);
    const { poolId } = await this.identity.createPool(tenant.id);
    return { storagePrefix, viewerPoolId: poolId, cdnKeyIds: Object.fromEntries(tenant.publicKeys.map((key) => [key.keyPairId, key.keyPairId])) };
  }

  /** The namespace folder and everything in it; the viewer pool's rows go with the tenant's. */
  async deprovision(tenant: { id: string }): Promise<void> {
    await rm(path.join(this.storeRoot, `t/${tenant.id}/`), { recursive: true, force: true });
  }
}
