// playback.authorize: is this video ready, is this viewer entitled, and if so a CloudFront custom policy
// for everything under the video's prefix, usable as query parameters or as cookies.
import type { PlaybackAuthorization } from '@ott/contracts';
import type { AccessMode } from '../../db/schema.js';
import type { PlaybackGrant } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { forbidden, notFound, notReady, unauthenticated } from '../errors.js';
import { assertEmbeddingOrigin } from './assert-embedding-origin.js';
import { grantExpiry } from './grant-expiry.js';
import { CHAPTERS_VTT } from '../chapters/video-chapters.js';
import { brandingOf } from '../tenants/branding.js';
import { verifyPlaybackToken } from './playback-keys.js';
import { directPlaybackRows, type PlaybackRow, type PlaybackRowSource } from './playback-rows.js';
import { openPlaybackSession } from './playback-session.js';
import { previewResource } from './preview-resource.js';
import { isPreviewToken } from './preview-tokens.js';
import { isApiPlaybackToken } from './api-playback-tokens.js';
import { assertPaidAccess } from '../sales/assert-entitlement.js';

export async function authorizePlayback(
  deps: Pick<DomainDeps, 'db' | 'identity' | 'signer' | 'secrets' | 'clock' | 'urls' | 'playback' | 'authSecret'>,
  input: { videoId: string; credential?: string; playbackSession?: string; /** The Origin header of the page asking. */ origin?: string | undefined },
  /** Where the video and tenant are read from: the API process's PlaybackRowCache, or the database when absent. */
  rows?: PlaybackRowSource,
): Promise<PlaybackAuthorization> {
  const video = await (rows ?? directPlaybackRows(deps.db)).get(input.videoId);
  if (!video) throw notFound('The video');
  assertEmbeddingOrigin(video.allowed_origins, input.origin);
  if (video.status === 'failed') throw notReady(`This video cannot be played: ${video.failure_reason ?? 'processing failed'}`);
  const playable = playablePackage(video);
  if (!playable) throw notReady(`This video is not ready yet (${video.status}${video.status === 'processing' ? `, ${Math.round(video.progress * 100)}%` : ''}). Try again shortly.`);

  // The tenant's own admin, previewing in the portal (any access mode): entitled, and metered apart from viewers.
  const preview = input.credential !== undefined && (await isPreviewToken(deps, input.credential, { id: video.id, tenantId: video.tenant_id }));
  const viewerId = preview ? undefined : await assertEntitled(deps, { id: video.id, tenantId: video.tenant_id, accessMode: video.access_mode, viewerPoolId: video.viewer_pool_id }, input.credential);
  // A title an offer covers plays only for an entitled viewer, and never beyond the entitlement (domain/sales/).
  const paid = viewerId ? await assertPaidAccess(deps, { id: video.id, tenantId: video.tenant_id }, viewerId) : undefined;

  const prefix = `${deliveryBaseUrl(video.delivery_domain, deps.urls.edge)}/t/${video.tenant_id}/v/${video.id}/`;
  // Grants last `playback.grantSeconds` (ten minutes by default) and the player re-authorises before then.
  const now = deps.clock.now();
  const regularExpiry = grantExpiry(now, deps.playback.grantSeconds);
  const expiresAt = paid?.endsAt && paid.endsAt < regularExpiry ? paid.endsAt : regularExpiry;
  const grant = await deps.signer.sign({ tenantId: video.tenant_id, resource: preview ? previewResource(prefix) : `${prefix}*`, expiresAt });
  // Nothing else depends on the viewer: entitled viewers of one cached row within one signature share one answer,
  // and each gets a copy (a cheap one: same shape) with its own playback session.
  let shared = authorizations.get(video);
  if (!shared || shared.grant !== grant || shared.urls !== deps.urls || shared.authorization.expiresAt.getTime() !== expiresAt.getTime()) {
    shared = { grant, urls: deps.urls, authorization: buildAuthorization(video, playable, prefix, expiresAt, grant, deps.urls.api) };
    authorizations.set(video, shared);
  }
  const authorization = { ...shared.authorization };
  authorization.playbackSession = openPlaybackSession(deps.authSecret, { tenantId: video.tenant_id, videoId: video.id, preview, expiresAt }, now, input.playbackSession);
  return authorization;
}

/**
 * The answer every copy was made from, with an empty playbackSession: serialised once, it is every viewer's JSON
 * but for that one value (api/playback-authorize-route.ts). Symbol-keyed, so JSON and the wire never see it.
 */
const SHARED = Symbol('shared authorization');

type SharedAuthorization = PlaybackAuthorization & { [SHARED]?: PlaybackAuthorization };

export function sharedAuthorizationOf(authorization: PlaybackAuthorization): PlaybackAuthorization {
  return (authorization as SharedAuthorization)[SHARED] ?? authorization;
}

/** Per cached row (a fresh read is a fresh object, so a change never meets an old answer); shared, never mutated. */
const authorizations = new WeakMap<PlaybackRow, { grant: PlaybackGrant; urls: DomainDeps['urls']; authorization: PlaybackAuthorization }>();

/** What a viewer is given to play: the finished package, or the one published while the ladder still encodes. */
interface PlayablePackage {
  masterPlaylist: string;
  poster: string | null;
  storyboardVtt: string | null;
  /** From the video's prefix; published once the video is ready, like the poster. */
  chaptersVtt: string | null;
}

function playablePackage(video: PlaybackRow): PlayablePackage | undefined {
  if (video.status === 'ready' && video.assets)
    return {
      masterPlaylist: video.assets.masterPlaylist,
      poster: video.assets.poster,
      storyboardVtt: video.assets.storyboard.vtt,
      chaptersVtt: video.has_chapters ? CHAPTERS_VTT : null,
    };
  // Its first segments are out: it plays from the start while the rest encodes; poster and storyboard come at the end.
  if (video.status === 'processing' && video.early_master_playlist) return { masterPlaylist: video.early_master_playlist, poster: null, storyboardVtt: null, chaptersVtt: null };
  return undefined;
}

function buildAuthorization(video: PlaybackRow, assets: PlayablePackage, prefix: string, expiresAt: Date, grant: PlaybackGrant, apiUrl: string): PlaybackAuthorization {
  const query = new URLSearchParams({ Policy: grant.policy, Signature: grant.signature, 'Key-Pair-Id': grant.keyPairId }).toString();
  const manifestUrl = `${prefix}${assets.masterPlaylist}`;
  const cookiePath = new URL(prefix).pathname;
  const cookie = (name: string, value: string) => ({ name, value, path: cookiePath, expires: expiresAt, secure: true, httpOnly: true, sameSite: 'None' as const });
  const authorization: SharedAuthorization = {
    videoId: video.id,
    title: video.title,
    durationSeconds: video.duration_seconds,
    branding: brandingOf({ id: video.tenant_id, plan: video.plan, accent_color: video.accent_color, logo_key: video.logo_key }, apiUrl),
    posterUrl: assets.poster === null ? null : `${prefix}${assets.poster}?${query}`,
    storyboardVttUrl: assets.storyboardVtt === null ? null : `${prefix}${assets.storyboardVtt}?${query}`,
    chaptersVttUrl: assets.chaptersVtt === null ? null : `${prefix}${assets.chaptersVtt}?${query}`,
    manifestUrl,
    signedManifestUrl: `${manifestUrl}?${query}`,
    expiresAt,
    keyPairId: grant.keyPairId,
    policy: grant.policy,
    signature: grant.signature,
    query,
    cookies: [cookie('CloudFront-Policy', grant.policy), cookie('CloudFront-Signature', grant.signature), cookie('CloudFront-Key-Pair-Id', grant.keyPairId)],
    playbackSession: '',
  };
  authorization[SHARED] = authorization;
  return authorization;
}

/** A tenant with its own delivery host (aws shape: its CloudFront distribution or custom domain) is served from it; others from the platform's edge. */
export function deliveryBaseUrl(deliveryDomain: string | null, edgeUrl: string): string {
  return deliveryDomain ? `https://${deliveryDomain}` : edgeUrl;
}

async function assertEntitled(
  deps: Pick<DomainDeps, 'db' | 'identity' | 'secrets' | 'clock' | 'authSecret'>,
  video: { id: string; tenantId: string; accessMode: AccessMode; viewerPoolId: string | null },
  credential: string | undefined,
): Promise<string | undefined> {
  if (video.accessMode === 'public') return undefined;
  // A token the tenant's backend asked the REST API for.
  if (credential && (await isApiPlaybackToken(deps, credential, video))) return undefined;
  if (video.accessMode === 'viewers') {
    if (!credential) throw unauthenticated('Sign in to watch this video.');
    const viewer = video.viewerPoolId ? await deps.identity.verifyViewerToken(video.viewerPoolId, credential) : undefined;
    if (!viewer) throw unauthenticated('Your sign-in has expired or is not valid for this site. Sign in again to watch.');
    return viewer.viewerId;
  }
  if (!credential) throw forbidden('This video needs a playback token from the site that embeds it.');
  if (!(await verifyPlaybackToken(deps, video.tenantId, video.id, credential))) throw forbidden('The playback token is not valid for this video, or has expired.');
  return undefined;
}
