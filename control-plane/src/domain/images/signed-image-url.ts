// A signed address of an image on demand (domain/images/on-demand-images.ts) for the tenant's own use: the portal's
// poster picker and thumbnails, a tenant backend embedding a picture. Signed like playback, for the video's prefix.
import type { DomainDeps } from '../deps.js';
import { invalid, notReady } from '../errors.js';
import { deliveryBaseUrl } from '../playback/authorize-playback.js';
import { grantExpiry } from '../playback/grant-expiry.js';
import { videoOfTenant } from '../videos/video-access.js';
import { IMAGE_WIDTH_LIMITS, imagePath } from '../../media/image-request.js';

export interface ImageUrlRequest {
  videoId: string;
  timeSeconds: number;
  width: number;
}

export async function signedImageUrl(deps: Pick<DomainDeps, 'db' | 'signer' | 'clock' | 'urls' | 'playback'>, tenantId: string, request: ImageUrlRequest): Promise<{ url: string; expiresAt: Date }> {
  const video = await videoOfTenant(deps, tenantId, request.videoId);
  if (video.status !== 'ready' || video.duration_seconds === null) throw notReady('Images can be made once the video is ready.');
  if (request.timeSeconds < 0 || request.timeSeconds > video.duration_seconds) {
    throw invalid(`The time ${request.timeSeconds} s is outside the video (0 to ${video.duration_seconds.toFixed(3)} s).`);
  }
  const maxWidth = Math.min(IMAGE_WIDTH_LIMITS.max, video.width ?? IMAGE_WIDTH_LIMITS.max);
  if (!Number.isInteger(request.width) || request.width < IMAGE_WIDTH_LIMITS.min || request.width > maxWidth) {
    throw invalid(`The width ${request.width} is outside ${IMAGE_WIDTH_LIMITS.min}–${maxWidth} pixels (the video's largest rendition).`);
  }
  const tenant = await deps.db.selectFrom('tenants').select('delivery_domain').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const prefix = `${deliveryBaseUrl(tenant.delivery_domain, deps.urls.edge)}/t/${tenantId}/v/${video.id}/`;
  const expiresAt = grantExpiry(deps.clock.now(), deps.playback.grantSeconds);
  const grant = await deps.signer.sign({ tenantId, resource: `${prefix}*`, expiresAt });
  const query = new URLSearchParams({ Policy: grant.policy, Signature: grant.signature, 'Key-Pair-Id': grant.keyPairId }).toString();
  return { url: `${prefix}${imagePath(request.timeSeconds, request.width)}?${query}`, expiresAt };
}
