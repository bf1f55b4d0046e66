// The catalogue over REST: a video's catalogue metadata (read, changed field by field) and search across the
// tenant's films, episodes and series.
import { CATALOGUE_LIMITS as LIMITS } from '@ott/contracts';
import { z } from 'zod';
import { searchCatalogue } from '../../../domain/catalogue/catalogue-search.js';
import { getVideoMetadata, setVideoMetadata } from '../../../domain/catalogue/video-metadata.js';
import { catalogueSearch, metadataChanges } from '../../routers/catalogue-fields.js';
import { pageOf, pageQuery, resourceId } from '../rest-schemas.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';

const videoParams = z.strictObject({ videoId: resourceId('video') });

export const creditSchema = z.object({ role: z.string(), name: z.string() }).meta({ id: 'Credit' });
export const titleType = z.enum(['film', 'series', 'episode']).meta({ id: 'CatalogueTitleType', description: 'A film is a video in no series; an episode is a video in a season of a series.' });

const metadataSchema = z
  .object({
    categories: z.array(z.string()),
    tags: z.array(z.string()),
    releaseYear: z.number().int().nullable(),
    maturityRating: z.string().nullable(),
    credits: z.array(creditSchema).meta({ description: 'In the order given.' }),
    customFields: z.record(z.string(), z.string()),
  })
  .meta({ id: 'CatalogueMetadata' });

const metadataRequest = z.strictObject(metadataChanges.shape).meta({
  id: 'UpdateCatalogueMetadataRequest',
  description: `A field left out stays as it is. At most ${LIMITS.categories} categories and ${LIMITS.tags} tags (${LIMITS.tagLength} characters each), ${LIMITS.credits} credits, ${LIMITS.customFields} custom fields (keys: lower-case letters, digits, "_" and "-"); a release year from ${LIMITS.minReleaseYear} to ${LIMITS.maxReleaseYear}, or null.`,
});

const searchHit = z
  .object({
    type: titleType,
    id: z.uuid().meta({ description: 'The video’s id for a film or an episode; the series’ id for a series.' }),
    title: z.string(),
    description: z.string(),
    categories: z.array(z.string()),
    releaseYear: z.number().int().nullable(),
    maturityRating: z.string().nullable(),
    status: z.string().nullable().meta({ description: 'The video’s status; null for a series.' }),
    episode: z.object({ seriesId: z.uuid(), seriesTitle: z.string(), seasonNumber: z.number().int(), episodeNumber: z.number().int() }).nullable(),
  })
  .meta({ id: 'CatalogueSearchHit' });

const searchQuery = pageQuery.extend({
  q: catalogueSearch.shape.query.meta({ description: 'Words to find (each a prefix; a typo in a title still finds it). Leave it out to list the newest titles.' }),
  category: z
    .string()
    .max(LIMITS.categoryLength * 4)
    .optional()
    .meta({ description: 'Only titles in this category, spelled as on the titles.' }),
  yearFrom: z.coerce.number().int().min(0).max(10_000).optional(),
  yearTo: z.coerce.number().int().min(0).max(10_000).optional(),
  type: titleType.optional(),
});

export const catalogueRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/metadata',
    operationId: 'getCatalogueMetadata',
    tag: 'Catalogue',
    summary: 'Read a video’s catalogue metadata',
    access: { scope: 'read' },
    params: videoParams,
    response: metadataSchema,
    handle: (request) => getVideoMetadata(request.deps, tenantOf(request), request.params.videoId),
  }),
  restRoute({
    method: 'PATCH',
    path: '/v1/videos/{videoId}/metadata',
    operationId: 'updateCatalogueMetadata',
    tag: 'Catalogue',
    summary: 'Change a video’s categories, tags, release year, maturity rating, credits or custom fields',
    access: { scope: 'write' },
    params: videoParams,
    body: metadataRequest,
    response: metadataSchema,
    handle: (request) => setVideoMetadata(request.deps, tenantOf(request), request.params.videoId, request.body),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/catalogue/search',
    operationId: 'searchCatalogue',
    tag: 'Catalogue',
    summary: 'Search the catalogue',
    description: 'Films, episodes and series in one list, best match first: the title counts most, then categories and tags, credits, and the description.',
    access: { scope: 'read' },
    query: searchQuery,
    response: pageOf(searchHit, 'CatalogueSearchPage'),
    handle: (request) => {
      const { q, category, ...rest } = request.query;
      return searchCatalogue(request.deps, tenantOf(request), { ...rest, query: q, categories: category === undefined ? undefined : [category] });
    },
  }),
];
