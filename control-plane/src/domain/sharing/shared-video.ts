// What the public sharing pages (watch page, iframe embed, oEmbed) may show of a video: a ready public video inside
// its publish window, with its tenant's name and branding. Anything else (unknown, not public, not ready, scheduled
// or ended) is one answer, "not available", so the pages never tell a private or unreleased video's title or poster,
// nor that it exists. The country rule is not applied here: link previews are fetched by crawlers from anywhere, and
// the player on the page refuses a viewer in an excluded country with its own message. Looked up by its unguessable
// id, like playback.authorize.
import type { Branding } from '@ott/contracts';
import type { AccessMode } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { deliveryBaseUrl } from '../playback/authorize-playback.js';
import { availabilityState } from '../playback/title-availability.js';
import { brandingOf } from '../tenants/branding.js';

export interface SharedVideo {
  id: string;
  title: string;
  description: string;
  durationSeconds: number | null;
  width: number;
  height: number;
  tenant: { name: string; branding: Branding; allowedOrigins: readonly string[] };
}

/** The tenant a page is branded with when its video is not available (undefined: unknown video). */
export interface UnavailableVideo {
  tenant: { name: string; branding: Branding } | undefined;
}

export async function sharedVideo(deps: Pick<DomainDeps, 'db' | 'urls' | 'clock'>, videoId: string): Promise<SharedVideo | UnavailableVideo> {
  const row = await deps.db
    .selectFrom('videos')
    .innerJoin('tenants', 'tenants.id', 'videos.tenant_id')
    .select([
      'videos.id',
      'videos.title',
      'videos.description',
      'videos.duration_seconds',
      'videos.width',
      'videos.height',
      'videos.status',
      'videos.access_mode',
      'videos.publish_at',
      'videos.unpublish_at',
      'tenants.id as tenant_id',
      'tenants.name',
      'tenants.plan',
      'tenants.accent_color',
      'tenants.logo_key',
      'tenants.allowed_origins',
      'tenants.status as tenant_status',
    ])
    .where('videos.id', '=', videoId)
    .executeTakeFirst();
  if (!row || row.tenant_status !== 'active') return { tenant: undefined };
  const tenant = { name: row.name, branding: brandingOf({ id: row.tenant_id, plan: row.plan, accent_color: row.accent_color, logo_key: row.logo_key }, deps.urls.api) };
  if (row.access_mode !== 'public' || row.status !== 'ready' || availabilityState(row, deps.clock.now()) !== 'available') return { tenant };
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    durationSeconds: row.duration_seconds,
    width: row.width ?? 1280,
    height: row.height ?? 720,
    tenant: { ...tenant, allowedOrigins: row.allowed_origins },
  };
}

/** Where a video's iframe embed may be framed: its tenant's allowed embed origins (none listed: anywhere); undefined for an unknown video. */
export async function embedAncestors(deps: Pick<DomainDeps, 'db'>, videoId: string): Promise<{ allowedOrigins: readonly string[] } | undefined> {
  const row = await deps.db
    .selectFrom('videos')
    .innerJoin('tenants', 'tenants.id', 'videos.tenant_id')
    .select(['tenants.allowed_origins'])
    .where('videos.id', '=', videoId)
    .where('tenants.status', '=', 'active')
    .executeTakeFirst();
  return row ? { allowedOrigins: row.allowed_origins } : undefined;
}

export function isSharedVideo(video: SharedVideo | UnavailableVideo): video is SharedVideo {
  return 'id' in video;
}

/** How long a signed poster link handed to a link-preview crawler stays valid. */
const POSTER_LINK_SECONDS = 3600;

/** A signed URL of a public, ready video's poster, for link previews (crawlers follow the watch page's redirect). */
export function sharedPosterUrl(deps: Pick<DomainDeps, 'db' | 'urls' | 'signer' | 'clock'>, videoId: string): Promise<string | undefined> {
  return signedPosterUrl(deps, videoId, { accessModes: ['public'] });
}

/**
 * A signed URL of the poster alone of a ready video inside its window, in one of `accessModes` (and of `tenantId`
 * when given): the storefront shows the posters of titles that need a sign-in or a purchase to play.
 */
export async function signedPosterUrl(
  deps: Pick<DomainDeps, 'db' | 'urls' | 'signer' | 'clock'>,
  videoId: string,
  scope: { tenantId?: string; accessModes: readonly AccessMode[] },
): Promise<string | undefined> {
  const row = await deps.db
    .selectFrom('videos')
    .innerJoin('tenants', 'tenants.id', 'videos.tenant_id')
    .select(['videos.tenant_id', 'videos.assets', 'videos.publish_at', 'videos.unpublish_at', 'tenants.delivery_domain'])
    .where('videos.id', '=', videoId)
    .$if(scope.tenantId !== undefined, (query) => query.where('videos.tenant_id', '=', scope.tenantId!))
    .where('videos.access_mode', 'in', scope.accessModes)
    .where('videos.status', '=', 'ready')
    .executeTakeFirst();
  if (!row?.assets || availabilityState(row, deps.clock.now()) !== 'available') return undefined;
  const url = `${deliveryBaseUrl(row.delivery_domain, deps.urls.edge)}/t/${row.tenant_id}/v/${videoId}/${row.assets.poster}`;
  const grant = await deps.signer.sign({ tenantId: row.tenant_id, resource: url, expiresAt: new Date(deps.clock.now().getTime() + POSTER_LINK_SECONDS * 1000) });
  return `${url}?${new URLSearchParams({ Policy: grant.policy, Signature: grant.signature, 'Key-Pair-Id': grant.keyPairId }).toString()}`;
}
