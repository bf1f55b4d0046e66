// Playback tokens a tenant's backend asks the REST API for (POST /v1/playback-tokens, issue-api-playback-token.ts):
// signed by the platform for one video of the key's tenant, accepted by playback.authorize as the viewer's credential
// whatever the video's access mode, so the backend need not sign anything itself (the playback signing secrets
// remain for those that prefer to).
import { SignJWT, jwtVerify } from 'jose';
import type { DomainDeps } from '../deps.js';

/** Its own audience: neither a preview token nor an admin's access token can pass for one, nor the reverse. */
const AUDIENCE = 'ott-cloud/api-playback';
export const MAX_API_PLAYBACK_TOKEN_SECONDS = 24 * 3600;

export async function signApiPlaybackToken(
  deps: Pick<DomainDeps, 'authSecret'>,
  claims: { tenantId: string; videoId: string; viewerId?: string; issuedAt: number; expiresAt: number },
): Promise<string> {
  return new SignJWT({ tid: claims.tenantId, ...(claims.viewerId ? { vid: claims.viewerId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setSubject(claims.videoId)
    .setIssuedAt(claims.issuedAt)
    .setExpirationTime(claims.expiresAt)
    .sign(deps.authSecret);
}

export async function isApiPlaybackToken(deps: Pick<DomainDeps, 'authSecret' | 'clock'>, token: string, video: { id: string; tenantId: string }): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, deps.authSecret, { audience: AUDIENCE, subject: video.id, algorithms: ['HS256'], requiredClaims: ['exp'], currentDate: deps.clock.now() });
    return payload.tid === video.tenantId;
  } catch {
    return false;
  }
}
