// Admins preview their own viewers-only and token-only videos in the portal: a short playback credential,
// signed by the platform for one video of the admin's tenant, that `playback.authorize` accepts in any mode.
import { SignJWT, jwtVerify } from 'jose';
import type { DomainDeps } from '../deps.js';
import { notReady } from '../errors.js';
import { videoOfTenant } from '../videos/video-access.js';

const AUDIENCE = 'ott-cloud/preview';
const PREVIEW_SECONDS = 15 * 60;

export async function issuePreviewToken(deps: Pick<DomainDeps, 'db' | 'authSecret' | 'clock'>, tenantId: string, videoId: string): Promise<{ token: string; expiresAt: Date }> {
  const video = await videoOfTenant(deps, tenantId, videoId);
  // Early playback: a video whose first segments are out previews while it encodes, with the same token throughout.
  const playable = video.status === 'ready' || (video.status === 'processing' && video.early_master_playlist !== null);
  if (!playable) throw notReady('The video can be previewed once its first segments are out.');
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const token = await new SignJWT({ tid: tenantId })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setSubject(videoId)
    .setIssuedAt(now)
    .setExpirationTime(now + PREVIEW_SECONDS)
    .sign(deps.authSecret);
  return { token, expiresAt: new Date((now + PREVIEW_SECONDS) * 1000) };
}

export async function isPreviewToken(deps: Pick<DomainDeps, 'authSecret' | 'clock'>, token: string, video: { id: string; tenantId: string }): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, deps.authSecret, { audience: AUDIENCE, subject: video.id, algorithms: ['HS256'], currentDate: deps.clock.now() });
    return payload.tid === video.tenantId;
  } catch {
    return false;
  }
}
