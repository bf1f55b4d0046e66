// A video's catalogue metadata (categories, tags, release year, maturity rating, credits, custom fields): read, and
// changed field by field (a field left out stays as it is).
import type { CatalogueMetadata, Credit, CustomFields } from '@ott/contracts';
import type { Video } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { videoOfTenant } from '../videos/video-access.js';
import { checkedCredits, checkedCustomFields, checkedLabels, checkedMaturityRating, checkedReleaseYear } from './catalogue-rules.js';

export interface MetadataChanges {
  categories?: readonly string[];
  tags?: readonly string[];
  releaseYear?: number | null;
  maturityRating?: string | null;
  credits?: readonly Credit[];
  customFields?: Readonly<CustomFields>;
}

export function metadataOf(video: Pick<Video, 'categories' | 'tags' | 'release_year' | 'maturity_rating' | 'credits' | 'custom_fields'>): CatalogueMetadata {
  return {
    categories: video.categories,
    tags: video.tags,
    releaseYear: video.release_year,
    maturityRating: video.maturity_rating,
    credits: video.credits,
    customFields: video.custom_fields,
  };
}

export async function getVideoMetadata(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string): Promise<CatalogueMetadata> {
  return metadataOf(await videoOfTenant(deps, tenantId, videoId));
}

export async function setVideoMetadata(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string, changes: MetadataChanges): Promise<CatalogueMetadata> {
  await videoOfTenant(deps, tenantId, videoId);
  const updated = await deps.db
    .updateTable('videos')
    .set({
      ...(changes.categories !== undefined ? { categories: checkedLabels('categories', changes.categories) } : {}),
      ...(changes.tags !== undefined ? { tags: checkedLabels('tags', changes.tags) } : {}),
      ...(changes.releaseYear !== undefined ? { release_year: checkedReleaseYear(changes.releaseYear) } : {}),
      ...(changes.maturityRating !== undefined ? { maturity_rating: checkedMaturityRating(changes.maturityRating) } : {}),
      ...(changes.credits !== undefined ? { credits: JSON.stringify(checkedCredits(changes.credits)) } : {}),
      ...(changes.customFields !== undefined ? { custom_fields: JSON.stringify(checkedCustomFields(changes.customFields)) } : {}),
      updated_at: deps.clock.now(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .returning(['categories', 'tags', 'release_year', 'maturity_rating', 'credits', 'custom_fields'])
    .executeTakeFirstOrThrow();
  return metadataOf(updated);
}
