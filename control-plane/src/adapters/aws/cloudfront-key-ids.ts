// In the aws shape a grant's Key-Pair-Id is the id CloudFront gave the tenant's public key when its stack was
// applied (`K…` of CloudFront's choosing), not our own key-pair id: CloudFront looks keys up by its id.
import type { SigningKeyLookup } from './cloudfront-policy-signer.js';
import type { TenantPlacements } from './tenant-placements.js';

export function withCloudFrontKeyIds(placements: Pick<TenantPlacements, 'applied'>, ourKeys: SigningKeyLookup): SigningKeyLookup {
  return async (tenantId) => {
    const [key, cached] = await Promise.all([ourKeys(tenantId), placements.applied(tenantId, 'CloudFront distribution')]);
    // A key missing from a cached placement may just have been applied: look once more before refusing.
    const publicKeyId = cached.cloudfrontKeyIds[key.keyPairId] ?? (await placements.applied(tenantId, 'CloudFront distribution', { fresh: true })).cloudfrontKeyIds[key.keyPairId];
    if (!publicKeyId) {
      // After a key rotation the new key is trusted only once the tenant's stack is applied again with it.
      throw new Error(
        `Tenant ${tenantId}'s playback key ${key.keyPairId} is not trusted by its CloudFront distribution yet: apply the tenant's stack again (re-run provisioning) after rotating keys.`,
      );
    }
    return { keyPairId: publicKeyId, privateKey: key.privateKey };
  };
}
