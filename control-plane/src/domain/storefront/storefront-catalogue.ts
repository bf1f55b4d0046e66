// What a tenant's storefront shows its viewers: the home rows (the tenant's collections, in order), a title, a
// series and search results. Only titles a viewer could go on to play are listed: ready, inside their publish window,
// and public or for the tenant's viewers ('token' titles belong to the tenant's own backend, which hands out their
// playback tokens). A title that fails that is answered like an unknown one, so the store never tells an unreleased
// title's name. The country rule is left to the player, as on the watch page: the page is the same for every visitor.
import type { Branding, CatalogueTitleType, Credit, UnlockingOffer } from '@ott/contracts';
import type { AccessMode } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { searchCatalogue, type CatalogueSearchInput } from '../catalogue/catalogue-search.js';
import { episodePlacement, getSeries } from '../catalogue/series.js';
import { DomainError } from '../errors.js';
import { availabilityState } from '../playback/title-availability.js';
import { offersOnSaleFor } from '../sales/offers-on-sale.js';
import { signedPosterUrl } from '../sharing/shared-video.js';
import { brandingOf } from '../tenants/branding.js';

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

/** The access modes of the titles a storefront lists. */
export const STOREFRONT_ACCESS_MODES: readonly AccessMode[] = ['public', 'viewers'];

export interface StorefrontTenant {
  id: string;
  slug: string;
  name: string;
  branding: Branding;
  /** The tenant's own domain when the store was asked for on it (links then share under it); null: the API's. */
  customDomain: string | null;
}

/** A title on a row or in results: a film or an episode (its video) or a series. */
export interface StorefrontCard {
  type: CatalogueTitleType;
  id: string;
  title: string;
  /** The video whose poster stands for it; null: none. */
  posterVideoId: string | null;
}

export interface StorefrontRow {
  id: string;
  title: string;
  description: string;
  items: StorefrontCard[];
}

/** What the title and series pages say about either. */
interface StorefrontFacts {
  id: string;
  title: string;
  description: string;
  releaseYear: number | null;
  maturityRating: string | null;
  categories: string[];
}

export interface StorefrontTitle extends StorefrontFacts {
  credits: Credit[];
  durationSeconds: number | null;
  accessMode: AccessMode;
  episode: { seriesId: string; seriesTitle: string; seasonNumber: number; episodeNumber: number } | null;
  /** What would unlock it when it is for sale (viewers' titles only; paid offers gate nothing public). */
  offers: UnlockingOffer[];
}

export interface StorefrontSeries extends StorefrontFacts {
  posterVideoId: string | null;
  seasons: { number: number; title: string; episodes: { videoId: string; episodeNumber: number; title: string; durationSeconds: number | null }[] }[];
}

interface ListedColumns {
  status: string;
  access_mode: AccessMode;
  publish_at: Date | null;
  unpublish_at: Date | null;
}

function listed(video: ListedColumns, now: Date): boolean {
  return video.status === 'ready' && STOREFRONT_ACCESS_MODES.includes(video.access_mode) && availabilityState(video, now) === 'available';
}

/** The active tenant a storefront address names, by its slug; on a tenant's custom domain, only that tenant's slug. */
export async function storefrontTenant(deps: Pick<DomainDeps, 'db' | 'urls'>, slug: string, host?: string): Promise<StorefrontTenant | undefined> {
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'slug', 'name', 'plan', 'accent_color', 'logo_key']).where('slug', '=', slug).where('status', '=', 'active').executeTakeFirst();
  if (!tenant) return undefined;
  const domainOwner =
    host === undefined
      ? undefined
      : await deps.db.selectFrom('tenant_custom_domains').select('tenant_id').where('domain_name', '=', host.toLowerCase()).where('status', '=', 'active').executeTakeFirst();
  // Another tenant's domain never shows this one's store (nor says that it exists).
  if (domainOwner && domainOwner.tenant_id !== tenant.id) return undefined;
  return { id: tenant.id, slug: tenant.slug, name: tenant.name, branding: brandingOf(tenant, deps.urls.api), customDomain: domainOwner && host ? host.toLowerCase() : null };
}

/** The tenant's collections in their order, each with the titles it may show in theirs; empty rows left out. */
export async function storefrontHome(deps: Deps, tenantId: string): Promise<StorefrontRow[]> {
  const [collections, items] = await Promise.all([
    deps.db.selectFrom('collections').select(['id', 'title', 'description']).where('tenant_id', '=', tenantId).orderBy('position').execute(),
    deps.db
      .selectFrom('collection_items as item')
      .leftJoin('videos', (join) => join.onRef('videos.id', '=', 'item.video_id').onRef('videos.tenant_id', '=', 'item.tenant_id'))
      .leftJoin('series', (join) => join.onRef('series.id', '=', 'item.series_id').onRef('series.tenant_id', '=', 'item.tenant_id'))
      .leftJoin('episodes', 'episodes.video_id', 'item.video_id')
      .select(['item.collection_id', 'item.video_id', 'item.series_id', 'episodes.video_id as episode_of', 'series.poster_video_id'])
      .select(['videos.title as video_title', 'series.title as series_title', 'videos.status', 'videos.access_mode', 'videos.publish_at', 'videos.unpublish_at'])
      .where('item.tenant_id', '=', tenantId)
      .orderBy('item.collection_id')
      .orderBy('item.position')
      .execute(),
  ]);
  const now = deps.clock.now();
  const cards = new Map<string, StorefrontCard[]>();
  for (const item of items) {
    let card: StorefrontCard | undefined;
    if (item.series_id !== null && item.series_title !== null) card = { type: 'series', id: item.series_id, title: item.series_title, posterVideoId: item.poster_video_id };
    else if (item.video_id !== null && item.video_title !== null && item.status !== null && item.access_mode !== null && listed({ ...item, status: item.status, access_mode: item.access_mode }, now)) {
      card = { type: item.episode_of !== null ? 'episode' : 'film', id: item.video_id, title: item.video_title, posterVideoId: item.video_id };
    }
    if (card) cards.set(item.collection_id, [...(cards.get(item.collection_id) ?? []), card]);
  }
  return collections.map((collection) => ({ ...collection, items: cards.get(collection.id) ?? [] })).filter((row) => row.items.length > 0);
}

/** A film or an episode of the tenant, if the storefront lists it. */
export async function storefrontTitle(deps: Deps, tenantId: string, videoId: string): Promise<StorefrontTitle | undefined> {
  const video = await deps.db
    .selectFrom('videos')
    .select(['id', 'title', 'description', 'release_year', 'maturity_rating', 'categories', 'credits', 'duration_seconds'])
    .select(['status', 'access_mode', 'publish_at', 'unpublish_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .executeTakeFirst();
  if (!video || !listed(video, deps.clock.now())) return undefined;
  const [placement, offers] = await Promise.all([episodePlacement(deps, tenantId, videoId), video.access_mode === 'viewers' ? offersOnSaleFor(deps.db, tenantId, videoId) : []]);
  return {
    id: video.id,
    title: video.title,
    description: video.description,
    releaseYear: video.release_year,
    maturityRating: video.maturity_rating,
    categories: video.categories,
    credits: video.credits,
    durationSeconds: video.duration_seconds,
    accessMode: video.access_mode,
    episode: placement && { seriesId: placement.seriesId, seriesTitle: placement.seriesTitle, seasonNumber: placement.seasonNumber, episodeNumber: placement.episodeNumber },
    offers,
  };
}

/** A series of the tenant with the seasons and episodes the storefront lists, in order; undefined: not the tenant's. */
export async function storefrontSeries(deps: Deps, tenantId: string, seriesId: string): Promise<StorefrontSeries | undefined> {
  let series;
  try {
    series = await getSeries(deps, tenantId, seriesId);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not-found') return undefined;
    throw error;
  }
  const episodeIds = series.seasons.flatMap((season) => season.episodes.map((episode) => episode.videoId));
  const shown = await listedVideos(deps, tenantId, episodeIds);
  return {
    id: series.id,
    title: series.title,
    description: series.description,
    releaseYear: series.releaseYear,
    maturityRating: series.maturityRating,
    categories: series.categories,
    posterVideoId: series.posterVideoId,
    seasons: series.seasons
      .map((season) => ({
        number: season.number,
        title: season.title,
        episodes: season.episodes.filter((episode) => shown.has(episode.videoId)).map(({ videoId, episodeNumber, title, durationSeconds }) => ({ videoId, episodeNumber, title, durationSeconds })),
      }))
      .filter((season) => season.episodes.length > 0),
  };
}

export interface StorefrontSearchHit extends StorefrontCard {
  description: string;
  releaseYear: number | null;
  episode: { seriesTitle: string; seasonNumber: number; episodeNumber: number } | null;
}

/** The catalogue's search (typo-tolerant, ranked), keeping only what the storefront lists. */
export async function searchStorefront(deps: Deps, tenantId: string, input: Pick<CatalogueSearchInput, 'query' | 'categories' | 'type'>): Promise<StorefrontSearchHit[]> {
  const page = await searchCatalogue(deps, tenantId, { ...input, limit: 48 });
  const shown = await listedVideos(
    deps,
    tenantId,
    page.data.filter((hit) => hit.type !== 'series').map((hit) => hit.id),
  );
  return page.data
    .filter((hit) => hit.type === 'series' || shown.has(hit.id))
    .map((hit) => ({
      type: hit.type,
      id: hit.id,
      title: hit.title,
      description: hit.description,
      releaseYear: hit.releaseYear,
      posterVideoId: hit.type === 'series' ? null : hit.id,
      episode: hit.episode && { seriesTitle: hit.episode.seriesTitle, seasonNumber: hit.episode.seasonNumber, episodeNumber: hit.episode.episodeNumber },
    }));
}

/** A signed link to the poster of a title the storefront lists; undefined for anything else. */
export function storefrontPosterUrl(deps: Pick<DomainDeps, 'db' | 'urls' | 'signer' | 'clock'>, tenantId: string, videoId: string): Promise<string | undefined> {
  return signedPosterUrl(deps, videoId, { tenantId, accessModes: STOREFRONT_ACCESS_MODES });
}

async function listedVideos(deps: Deps, tenantId: string, videoIds: readonly string[]): Promise<Set<string>> {
  if (videoIds.length === 0) return new Set();
  const rows = await deps.db.selectFrom('videos').select(['id', 'status', 'access_mode', 'publish_at', 'unpublish_at']).where('tenant_id', '=', tenantId).where('id', 'in', videoIds).execute();
  const now = deps.clock.now();
  return new Set(rows.filter((row) => listed(row, now)).map((row) => row.id));
}
