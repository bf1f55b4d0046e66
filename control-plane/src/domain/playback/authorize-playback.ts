// playback.authorize: is this video ready, is this viewer entitled, and if so a CloudFront custom policy
// for everything under the video's prefix, usable as query parameters or as cookies.
import type { DomainDeps } from '../deps.js';
import { forbidden, notFound, notReady, unauthenticated } from '../errors.js';
import { brandingOf, type Branding } from '../tenants/branding.js';
import { verifyPlaybackToken } from './playback-keys.js';


export interface PlaybackAuthorization {
  videoId: string;
  title: string;
  durationSeconds: number | null;
  /** The tenant's white-label branding, for the player's chrome. */
  branding: Branding;
  /** Signed like the manifest. */
  posterUrl: string;
  /** WebVTT of storyboard tiles (`storyboard.jpg#xywh=…`, relative to the VTT) for seek previews; signed. */
  storyboardVttUrl: string;
  manifestUrl: string;
  /** The manifest URL with the signed policy in its query: plays anywhere, cookies or not. */
  signedManifestUrl: string;
  expiresAt: Date;
  keyPairId: string;
  policy: string;
  signature: string;
  /** Append to every playlist and segment request. */
  query: string;
  cookies: { name: string; value: string; path: string; expires: Date; secure: boolean; httpOnly: boolean; sameSite: 'None' }[];
}

export async function authorizePlayback(
  deps: Pick<DomainDeps, 'db' | 'identity' | 'signer' | 'secrets' | 'clock' | 'urls' | 'playback'>,
  input: { videoId: string; credential?: string },
): Promise<PlaybackAuthorization> {
  const video = await deps.db
    .selectFrom('videos')
    .innerJoin('tenants', 'tenants.id', 'videos.tenant_id')
    .select([
      'videos.id',
      'videos.tenant_id',
      'videos.title',
      'videos.duration_seconds',
      'videos.status',
      'videos.progress',
      'videos.failure_reason',
      'videos.access_mode',
      'videos.assets',
      'tenants.viewer_pool_id',
      'tenants.plan',
      'tenants.accent_color',
      'tenants.logo_key',
    ])
    .where('videos.id', '=', input.videoId)
    .executeTakeFirst();
  if (!video) throw notFound('The video');
  if (video.status === 'failed') throw notReady(`This video cannot be played: ${video.failure_reason ?? 'processing failed'}`);
  if (video.status !== 'ready' || !video.assets) throw notReady(`This video is not ready yet (${video.status}${video.status === 'processing' ? `, ${Math.round(video.progress * 100)}%` : ''}). Try again shortly.`);

  if (video.access_mode === 'viewers') {
    if (!input.credential) throw unauthenticated('Sign in to watch this video.');
    const viewer = video.viewer_pool_id ? await deps.identity.verifyViewerToken(video.viewer_pool_id, input.credential) : undefined;
    if (!viewer) throw unauthenticated('Your sign-in has expired or is not valid for this site. Sign in again to watch.');
  } else if (video.access_mode === 'token') {
    if (!input.credential) throw forbidden('This video needs a playback token from the site that embeds it.');
    if (!(await verifyPlaybackToken(deps, video.tenant_id, video.id, input.credential))) throw forbidden('The playback token is not valid for this video, or has expired.');
  }

  const prefix = `${deps.urls.edge}/t/${video.tenant_id}/v/${video.id}/`;
  // Grants last `playback.grantSeconds` (ten minutes by default) and the player re-authorises before then.
  // Expiry is rounded up to a whole minute so concurrent viewers share one signature; shorter grants (tests)
  // round to their own length, or the rounding would dwarf them.
  const step = Math.min(60, deps.playback.grantSeconds) * 1000;
  const expiresAt = new Date(Math.ceil((deps.clock.now().getTime() + deps.playback.grantSeconds * 1000) / step) * step);
  const grant = await deps.signer.sign({ tenantId: video.tenant_id, resource: `${prefix}*`, expiresAt });
  const query = new URLSearchParams({ Policy: grant.policy, Signature: grant.signature, 'Key-Pair-Id': grant.keyPairId }).toString();
  const manifestUrl = `${prefix}${video.assets.masterPlaylist}`;
  const cookiePath = new URL(prefix).pathname;
  const cookie = (name: string, value: string) => ({ name, value, path: cookiePath, expires: expiresAt, secure: true, httpOnly: true, sameSite: 'None' as const });
  return {
    videoId: video.id,
    title: video.title,
    durationSeconds: video.duration_seconds,
    branding: brandingOf({ id: video.tenant_id, plan: video.plan, accent_color: video.accent_color, logo_key: video.logo_key }, deps.urls.api),
    posterUrl: `${prefix}${video.assets.poster}?${query}`,
    storyboardVttUrl: `${prefix}${video.assets.storyboard.vtt}?${query}`,
    manifestUrl,
    signedManifestUrl: `${manifestUrl}?${query}`,
    expiresAt,
    keyPairId: grant.keyPairId,
    policy: grant.policy,
    signature: grant.signature,
    query,
    cookies: [cookie('CloudFront-Policy', grant.policy), cookie('CloudFront-Signature', grant.signature), cookie('CloudFront-Key-Pair-Id', grant.keyPairId)],
  };
}
