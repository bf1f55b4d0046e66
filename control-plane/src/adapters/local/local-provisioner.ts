// Local shape of tenant infrastructure: a storage namespace folder and a viewer pool. The playback public key
// needs no registration: the local edge reads it from the database, like a CloudFront trusted key group.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ownerOnlyFolders } from '../../fs/owner-only.js';
import type { IdentityProvider, TenantProvisioner, TenantResources } from '../../ports.js';

export class LocalProvisioner implements TenantProvisioner {
  constructor(
    private readonly storeRoot: string,
    private readonly identity: IdentityProvider,
  ) {}

  async provision(tenant: { id: string; slug: string; playbackPublicKeyPem: string; keyPairId: string }): Promise<TenantResources> {
    const storagePrefix = `t/${tenant.id}/`;
    await mkdir(path.join(this.storeRoot, storagePrefix), ownerOnlyFolders);
    const { poolId } = await this.identity.createPool(tenant.id);
    return { storagePrefix, viewerPoolId: poolId, keyPairId: tenant.keyPairId };
  }
}
