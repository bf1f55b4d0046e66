// playback.signInScreen: what a viewers-only video shows before the viewer has signed in. Only the poster is signed,
// as its own resource and briefly: the grant opens that one image, never the playlists or the segments.
import type { ViewerSignInScreen } from '@ott/contracts';
import type { DomainDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { brandingOf } from '../tenants/branding.js';
import { deliveryBaseUrl } from './authorize-playback.js';
import { grantExpiry } from './grant-expiry.js';
import { availabilityState } from './title-availability.js';
import { directPlaybackRows, type PlaybackRowSource } from './playback-rows.js';

export async function viewerSignInScreen(deps: Pick<DomainDeps, 'db' | 'signer' | 'clock' | 'urls' | 'playback'>, videoId: string, rows?: PlaybackRowSource): Promise<ViewerSignInScreen> {
  const video = await (rows ?? directPlaybackRows(deps.db)).get(videoId);
  // Only viewers-only videos have a sign-in screen: the others would give away a poster a token guards.
  // Before its publish date or after its end, a title's name and poster are not shown to anyone (as on the sharing
  // pages); playback.authorize refuses such a title before asking anyone to sign in, so no player asks for this then.
  if (!video || video.access_mode !== 'viewers' || availabilityState(video, deps.clock.now()) !== 'available') throw notFound('The video');
  const tenant = await deps.db.selectFrom('tenants').select(['slug', 'viewer_sign_up']).where('id', '=', video.tenant_id).executeTakeFirstOrThrow();
  const poster = video.status === 'ready' ? (video.assets?.poster ?? null) : null;
  let posterUrl: string | null = null;
  if (poster) {
    const url = `${deliveryBaseUrl(video.delivery_domain, deps.urls.edge)}/t/${video.tenant_id}/v/${video.id}/${poster}`;
    const grant = await deps.signer.sign({ tenantId: video.tenant_id, resource: url, expiresAt: grantExpiry(deps.clock.now(), deps.playback.grantSeconds) });
    posterUrl = `${url}?${new URLSearchParams({ Policy: grant.policy, Signature: grant.signature, 'Key-Pair-Id': grant.keyPairId }).toString()}`;
  }
  return {
    tenantSlug: tenant.slug,
    title: video.title,
    branding: brandingOf({ id: video.tenant_id, plan: video.plan, accent_color: video.accent_color, logo_key: video.logo_key }, deps.urls.api),
    posterUrl,
    signUpOpen: tenant.viewer_sign_up,
  };
}
