// playback.authorize: is this video ready, may it be watched now and from here, is this viewer entitled, and if so a
// CloudFront custom policy for the video's files, usable as query parameters or as cookies. A viewer whose entitlement
// stops at HD gets a policy that does not reach the rungs above it and the master that does not list them
// (grant-resource.ts); everyone else (public, token and sign-in titles no offer covers, the admin's preview) plays all.
import type { CountryCode, PlaybackAuthorization } from '@ott/contracts';
import type { AccessMode } from '../../db/schema.js';
import type { PlaybackGrant } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { TitleUnavailableError, forbidden, notFound, notReady, unauthenticated } from '../errors.js';
import { assertEmbeddingOrigin } from './assert-embedding-origin.js';
import { grantExpiry } from './grant-expiry.js';
import { CHAPTERS_VTT } from '../chapters/video-chapters.js';
import { brandingOf } from '../tenants/branding.js';
import { verifyPlaybackToken } from './playback-keys.js';
import { directPlaybackRows, type PlaybackRow, type PlaybackRowSource } from './playback-rows.js';
import { openPlaybackSession } from './playback-session.js';
import { grantCookiePaths, grantResource, type GrantReach } from './grant-resource.js';
import { isPreviewToken } from './preview-tokens.js';
import { isApiPlaybackToken } from './api-playback-tokens.js';
import { assertTitleAvailable, titleAvailability } from './title-availability.js';
import { paidAccessOf, type PaidAccess } from '../sales/assert-entitlement.js';
import { HD_MAX_HEIGHT } from '../../media/uhd-folder.js';

export async function authorizePlayback(
  deps: Pick<DomainDeps, 'db' | 'identity' | 'signer' | 'secrets' | 'clock' | 'urls' | 'playback' | 'authSecret'>,
  input: {
    videoId: string;
    credential?: string;
    playbackSession?: string;
    /** The Origin header of the page asking. */
    origin?: string | undefined;
    /** Where the viewer is (api/viewer-country.ts); undefined when not known. */
    country?: CountryCode | undefined;
  },
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
  const now = deps.clock.now();
  // The window and the country rule bind viewers in every access mode, but not the admin's preview: an admin checks a
  // title before its publish date, after it ended and from anywhere. Decided on this request's clock from the row (the
  // cache keeps rows, never this answer), so a title opens and closes on time without any change to evict it. Only a
  // signed-in viewer's rental or purchase can outlast an unpublished title: anyone else is told it has gone before
  // being asked to sign in or to pay.
  const window = preview ? undefined : titleAvailability(video, { now, country: input.country });
  if (window && !window.available && !(window.reason === 'no-longer-available' && video.access_mode === 'viewers' && input.credential)) {
    throw new TitleUnavailableError(window.reason, window.message, window.availableFrom);
  }
  const viewerId = preview ? null : await entitledViewer(deps, { id: video.id, tenantId: video.tenant_id, accessMode: video.access_mode, viewerPoolId: video.viewer_pool_id }, input.credential);
  // A title an offer covers plays only for an entitled viewer, and never beyond the entitlement (domain/sales/).
  const paid = viewerId !== null && video.access_mode === 'viewers' ? await paidAccessOf(deps, { id: video.id, tenantId: video.tenant_id }, viewerId) : undefined;
  const availableUntil = preview ? null : assertTitleAvailable(video, { now, country: input.country, honourUntil: paid?.access ? honouredUntil(paid.access) : undefined });
  if (paid?.refusal) throw paid.refusal;

  const videoBase = `${deliveryBaseUrl(video.delivery_domain, deps.urls.edge)}/t/${video.tenant_id}/v/${video.id}`;
  const prefix = `${videoBase}/`;
  const reach: GrantReach = { preview, cappedAtHd: isCappedAtHd(paid?.access) };
  // Grants last `playback.grantSeconds` (ten minutes by default) and the player re-authorises before then; never past
  // the title's unpublish_at (whose next authorisation is refused), nor past the viewer's paid access.
  const expiresAt = capped(capped(grantExpiry(now, deps.playback.grantSeconds), availableUntil), paid?.access?.endsAt ?? null);
  const grant = await deps.signer.sign({ tenantId: video.tenant_id, resource: grantResource(videoBase, reach), expiresAt });
  // Nothing else depends on the viewer but the reach: entitled viewers of one cached row within one signature share one
  // answer, and each gets a copy (a cheap one: same shape) with its own playback session.
  const answers = authorizations.get(video) ?? new Map<PlaybackGrant, SharedEntry>();
  authorizations.set(video, answers);
  let shared = answers.get(grant);
  if (!shared || shared.urls !== deps.urls || shared.authorization.expiresAt.getTime() !== expiresAt.getTime()) {
    answers.clear();
    shared = {
      urls: deps.urls,
      authorization: buildAuthorization(
        video,
        playable,
        { prefix, masterPlaylist: masterFor(playable, reach), cookiePaths: grantCookiePaths(new URL(videoBase).pathname, reach, playable.hdMasterPlaylist !== null) },
        expiresAt,
        grant,
        deps.urls.api,
      ),
    };
    answers.set(grant, shared);
  }
  const authorization = { ...shared.authorization };
  authorization.playbackSession = openPlaybackSession(deps.authSecret, { tenantId: video.tenant_id, videoId: video.id, preview, viewerId, expiresAt }, now, input.playbackSession);
  return authorization;
}

function capped(expiresAt: Date, until: Date | null): Date {
  return until !== null && until < expiresAt ? until : expiresAt;
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

interface SharedEntry {
  urls: DomainDeps['urls'];
  authorization: PlaybackAuthorization;
}

/**
 * Per cached row (a fresh read is a fresh object, so a change never meets an old answer) and per grant (the signer
 * caches its signatures, so one reach signs one grant at a time: at most the capped one and the full one); shared,
 * never mutated.
 */
const authorizations = new WeakMap<PlaybackRow, Map<PlaybackGrant, SharedEntry>>();

/**
 * A grant capped at HD gets the master without the rungs above it. A package made before those rungs had a folder of
 * their own has no such master: its master lists them in the video's folder, which an HD grant reaches, until the source
 * is replaced (docs/architecture.md, "Quality tiers").
 */
function masterFor(playable: PlayablePackage, reach: GrantReach): string {
  return (reach.cappedAtHd ? playable.hdMasterPlaylist : null) ?? playable.masterPlaylist;
}

/** Only a paid entitlement caps quality, and only at HD (the one cap a grant enforces: domain/sales/offers.ts). */
function isCappedAtHd(access: PaidAccess | undefined): boolean {
  return access?.maxHeight !== undefined && access.maxHeight !== null && access.maxHeight <= HD_MAX_HEIGHT;
}

/** What a viewer is given to play: the finished package, or the one published while the ladder still encodes. */
interface PlayablePackage {
  masterPlaylist: string;
  /** The master without the rungs above HD; null when the package keeps none in the UHD folder. */
  hdMasterPlaylist: string | null;
  poster: string | null;
  storyboardVtt: string | null;
  /** From the video's prefix; published once the video is ready, like the poster. */
  chaptersVtt: string | null;
}

function playablePackage(video: PlaybackRow): PlayablePackage | undefined {
  if (video.status === 'ready' && video.assets)
    return {
      masterPlaylist: video.assets.masterPlaylist,
      hdMasterPlaylist: video.assets.hdMasterPlaylist ?? null,
      poster: video.assets.poster,
      storyboardVtt: video.assets.storyboard.vtt,
      chaptersVtt: video.has_chapters ? CHAPTERS_VTT : null,
    };
  // Its first segments are out: it plays from the start while the rest encodes; poster and storyboard come at the end.
  // Early publishing leaves the rungs above HD out (they come with the finished package), so this master suits everyone.
  if (video.status === 'processing' && video.early_master_playlist)
    return { masterPlaylist: video.early_master_playlist, hdMasterPlaylist: null, poster: null, storyboardVtt: null, chaptersVtt: null };
  return undefined;
}

function buildAuthorization(
  video: PlaybackRow,
  assets: PlayablePackage,
  { prefix, masterPlaylist, cookiePaths }: { prefix: string; masterPlaylist: string; cookiePaths: string[] },
  expiresAt: Date,
  grant: PlaybackGrant,
  apiUrl: string,
): PlaybackAuthorization {
  const query = new URLSearchParams({ Policy: grant.policy, Signature: grant.signature, 'Key-Pair-Id': grant.keyPairId }).toString();
  const manifestUrl = `${prefix}${masterPlaylist}`;
  const cookie = (path: string, name: string, value: string) => ({ name, value, path, expires: expiresAt, secure: true, httpOnly: true, sameSite: 'None' as const });
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
    cookies: cookiePaths.flatMap((path) => [
      cookie(path, 'CloudFront-Policy', grant.policy),
      cookie(path, 'CloudFront-Signature', grant.signature),
      cookie(path, 'CloudFront-Key-Pair-Id', grant.keyPairId),
    ]),
    playbackSession: '',
  };
  authorization[SHARED] = authorization;
  return authorization;
}

/** A tenant with its own delivery host (aws shape: its CloudFront distribution or custom domain) is served from it; others from the platform's edge. */
export function deliveryBaseUrl(deliveryDomain: string | null, edgeUrl: string): string {
  return deliveryDomain ? `https://${deliveryDomain}` : edgeUrl;
}

/**
 * What a paid entitlement keeps once its title is unpublished: a rental to its end, a purchase or bundle for good (the
 * viewer owns it; the tenant who must take it down refunds it); a subscription nothing (the title leaves the catalogue
 * it subscribes to).
 */
function honouredUntil(access: PaidAccess): Date | undefined {
  if (access.kind === 'subscription') return undefined;
  return access.endsAt ?? OWNED_FOR_GOOD;
}

/** A purchase's end, for the window's arithmetic: later than any grant. */
const OWNED_FOR_GOOD = new Date(8.64e15);

/**
 * Throws unless the credential entitles its holder to the video; returns the signed-in viewer of the tenant's pool it
 * names (whose place in the video is kept), or null for anyone else: a public video's anonymous viewer, a playback
 * token's holder.
 */
async function entitledViewer(
  deps: Pick<DomainDeps, 'db' | 'identity' | 'secrets' | 'clock' | 'authSecret'>,
  video: { id: string; tenantId: string; accessMode: AccessMode; viewerPoolId: string | null },
  credential: string | undefined,
): Promise<string | null> {
  const viewerOf = async (token: string) => (video.viewerPoolId ? await deps.identity.verifyViewerToken(video.viewerPoolId, token) : undefined);
  if (video.accessMode === 'public') return credential ? ((await viewerOf(credential))?.viewerId ?? null) : null;
  // A token the tenant's backend asked the REST API for.
  if (credential && (await isApiPlaybackToken(deps, credential, video))) return null;
  if (video.accessMode === 'viewers') {
    if (!credential) throw unauthenticated('Sign in to watch this video.');
    const viewer = await viewerOf(credential);
    if (!viewer) throw unauthenticated('Your sign-in has expired or is not valid for this site. Sign in again to watch.');
    return viewer.viewerId;
  }
  if (!credential) throw forbidden('This video needs a playback token from the site that embeds it.');
  if (!(await verifyPlaybackToken(deps, video.tenantId, video.id, credential))) throw forbidden('The playback token is not valid for this video, or has expired.');
  return null;
}
