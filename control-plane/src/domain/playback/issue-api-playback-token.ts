// POST /v1/playback-tokens: a playback token for one video (api-playback-tokens.ts), with what plays it: the player's
// embed HTML and, once the video is playable, a signed manifest URL for any HLS player.
import type { DomainDeps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { videoOfTenant } from '../videos/video-access.js';
import { MAX_API_PLAYBACK_TOKEN_SECONDS, signApiPlaybackToken } from './api-playback-tokens.js';
import { authorizePlayback } from './authorize-playback.js';

export interface ApiPlaybackTokenInput {
  videoId: string;
  expiresInSeconds: number;
  /** The viewer it is for (one of the tenant's viewer pool): recorded in the token. */
  viewerId?: string;
}

export interface ApiPlaybackToken {
  token: string;
  videoId: string;
  expiresAt: Date;
  /** The player's script and element with this token: paste into a page to play. */
  embedHtml: string;
  /** A signed HLS manifest URL for any HLS player, short-lived (a playback grant); null until the video is playable. */
  playbackUrl: string | null;
  playbackUrlExpiresAt: Date | null;
}

type TokenDeps = Pick<DomainDeps, 'db' | 'identity' | 'signer' | 'secrets' | 'clock' | 'urls' | 'playback' | 'authSecret'>;

export async function issueApiPlaybackToken(deps: TokenDeps, tenantId: string, input: ApiPlaybackTokenInput): Promise<ApiPlaybackToken> {
  const video = await videoOfTenant(deps, tenantId, input.videoId);
  if (input.viewerId !== undefined) await assertViewerOfTenant(deps, tenantId, input.viewerId);
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const expiresAt = now + Math.min(input.expiresInSeconds, MAX_API_PLAYBACK_TOKEN_SECONDS);
  const token = await signApiPlaybackToken(deps, { tenantId, videoId: video.id, viewerId: input.viewerId, issuedAt: now, expiresAt });
  // Not playable yet (still uploading or processing): the token is still good for when it is.
  const playback = await authorizePlayback(deps, { videoId: video.id, credential: token }).catch((error: unknown) => {
    if (error instanceof DomainError) return undefined;
    throw error;
  });
  return {
    token,
    videoId: video.id,
    expiresAt: new Date(expiresAt * 1000),
    embedHtml: `<script src="${deps.urls.api}/sdk/ott-player.js" async></script>\n<ott-player video-id="${video.id}" api="${deps.urls.api}" credential="${token}"></ott-player>`,
    playbackUrl: playback?.signedManifestUrl ?? null,
    playbackUrlExpiresAt: playback?.expiresAt ?? null,
  };
}

async function assertViewerOfTenant(deps: Pick<DomainDeps, 'db' | 'identity'>, tenantId: string, viewerId: string): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select('viewer_pool_id').where('id', '=', tenantId).executeTakeFirst();
  if (!tenant?.viewer_pool_id || !(await poolHoldsViewer(deps.identity, tenant.viewer_pool_id, viewerId))) throw notFound('The viewer');
}

/** The pool is read a page at a time (the identity provider has no look-up by id), until the viewer is found. */
async function poolHoldsViewer(identity: DomainDeps['identity'], poolId: string, viewerId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await identity.listViewers(poolId, { limit: 60, ...(cursor === undefined ? {} : { cursor }) });
    if (page.data.some((viewer) => viewer.viewerId === viewerId)) return true;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return false;
}
