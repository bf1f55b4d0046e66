// Series over REST: list, create, read (with seasons and episodes in order), change, delete (the videos stay);
// seasons added and changed; a video placed in a season as an episode, or taken out; a season's episodes reordered.
import { CATALOGUE_LIMITS as LIMITS } from '@ott/contracts';
import { z } from 'zod';
import { addSeason, createSeries, deleteSeries, getSeries, listSeries, placeEpisode, removeEpisode, reorderEpisodes, updateSeason, updateSeries } from '../../../domain/catalogue/series.js';
import { episodeNumber, orderedIds, seasonNumber, seasonTitle, seriesChanges } from '../../routers/catalogue-fields.js';
import { pageOf, pageQuery, resourceId } from '../rest-schemas.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';

const seriesParams = z.strictObject({ seriesId: resourceId('series') });
const seasonParams = z.strictObject({ seasonId: resourceId('season') });
/** A video's place in a series: PUT places or moves it, DELETE takes it out. */
const episodeOfVideo = { path: '/v1/videos/{videoId}/episode', params: z.strictObject({ videoId: resourceId('video') }) };

const seriesFields = {
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  categories: z.array(z.string()),
  tags: z.array(z.string()),
  releaseYear: z.number().int().nullable(),
  maturityRating: z.string().nullable(),
  posterVideoId: z.uuid().nullable().meta({ description: 'The video whose poster stands for the series.' }),
  createdAt: z.string().meta({ description: 'ISO 8601, to the microsecond.' }),
};

const episodeSchema = z.object({ videoId: z.uuid(), episodeNumber: z.number().int(), title: z.string(), status: z.string(), durationSeconds: z.number().nullable() }).meta({ id: 'Episode' });
const seasonSchema = z.object({ id: z.uuid(), number: z.number().int(), title: z.string(), episodes: z.array(episodeSchema) }).meta({ id: 'Season' });
const seriesSchema = z.object({ ...seriesFields, seasons: z.array(seasonSchema).meta({ description: 'By number; episodes by episode number.' }) }).meta({ id: 'Series' });
const seriesSummary = z.object({ ...seriesFields, seasonCount: z.number().int(), episodeCount: z.number().int() }).meta({ id: 'SeriesSummary' });

const seriesRequest = z.strictObject(seriesChanges.shape);

export const seriesRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/series',
    operationId: 'listSeries',
    tag: 'Catalogue',
    summary: 'List series, newest first',
    access: { scope: 'read' },
    query: pageQuery,
    response: pageOf(seriesSummary, 'SeriesPage'),
    handle: (request) => listSeries(request.deps, tenantOf(request), request.query),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/series',
    operationId: 'createSeries',
    tag: 'Catalogue',
    summary: 'Create a series',
    access: { scope: 'write' },
    body: seriesRequest.extend({ title: z.string().max(LIMITS.seriesTitleLength * 4) }).meta({ id: 'CreateSeriesRequest' }),
    response: seriesSchema,
    successStatus: 201,
    idempotent: true,
    handle: (request) => createSeries(request.deps, tenantOf(request), request.body),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/series/{seriesId}',
    operationId: 'getSeries',
    tag: 'Catalogue',
    summary: 'Read a series with its seasons and episodes',
    access: { scope: 'read' },
    params: seriesParams,
    response: seriesSchema,
    handle: (request) => getSeries(request.deps, tenantOf(request), request.params.seriesId),
  }),
  restRoute({
    method: 'PATCH',
    path: '/v1/series/{seriesId}',
    operationId: 'updateSeries',
    tag: 'Catalogue',
    summary: 'Change a series',
    access: { scope: 'write' },
    params: seriesParams,
    body: seriesRequest.meta({ id: 'UpdateSeriesRequest' }),
    response: seriesSchema,
    handle: (request) => updateSeries(request.deps, tenantOf(request), request.params.seriesId, request.body),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/series/{seriesId}',
    operationId: 'deleteSeries',
    tag: 'Catalogue',
    summary: 'Delete a series and its seasons (its videos stay in the library)',
    access: { scope: 'write' },
    params: seriesParams,
    response: z.void(),
    successStatus: 204,
    handle: async (request) => {
      await deleteSeries(request.deps, tenantOf(request), request.params.seriesId);
    },
  }),
  restRoute({
    method: 'POST',
    path: '/v1/series/{seriesId}/seasons',
    operationId: 'addSeason',
    tag: 'Catalogue',
    summary: 'Add a season (numbered after the last unless a number is given)',
    access: { scope: 'write' },
    params: seriesParams,
    body: z.strictObject({ number: seasonNumber.optional(), title: seasonTitle.optional() }).meta({ id: 'AddSeasonRequest' }),
    response: seriesSchema,
    successStatus: 201,
    handle: (request) => addSeason(request.deps, tenantOf(request), request.params.seriesId, request.body),
  }),
  restRoute({
    method: 'PATCH',
    path: '/v1/seasons/{seasonId}',
    operationId: 'updateSeason',
    tag: 'Catalogue',
    summary: 'Change a season’s number or title',
    description: 'A number another season of the series has is refused (409): renumber that season first.',
    access: { scope: 'write' },
    params: seasonParams,
    body: z.strictObject({ number: seasonNumber.optional(), title: seasonTitle.optional() }).meta({ id: 'UpdateSeasonRequest' }),
    response: seriesSchema,
    handle: (request) => updateSeason(request.deps, tenantOf(request), request.params.seasonId, request.body),
  }),
  restRoute({
    method: 'PUT',
    path: '/v1/seasons/{seasonId}/episodes/order',
    operationId: 'reorderEpisodes',
    tag: 'Catalogue',
    summary: 'Put a season’s episodes in a new order',
    description: 'The episodes are numbered from 1 in the order given.',
    access: { scope: 'write' },
    params: seasonParams,
    body: z.strictObject({ videoIds: orderedIds('video', LIMITS.episodesPerSeason).meta({ description: 'Every episode’s video id, once, in the new order.' }) }).meta({ id: 'ReorderEpisodesRequest' }),
    response: seriesSchema,
    handle: (request) => reorderEpisodes(request.deps, tenantOf(request), request.params.seasonId, request.body.videoIds),
  }),
  restRoute({
    method: 'PUT',
    ...episodeOfVideo,
    operationId: 'placeEpisode',
    tag: 'Catalogue',
    summary: 'Make a video an episode of a season, or move it within its series',
    description: 'At `episodeNumber` (the later episodes move down one), or at the end when left out. A video is in at most one series.',
    access: { scope: 'write' },
    body: z.strictObject({ seasonId: z.uuid('Not a valid season id'), episodeNumber: episodeNumber.optional() }).meta({ id: 'PlaceEpisodeRequest' }),
    response: seriesSchema,
    handle: (request) => placeEpisode(request.deps, tenantOf(request), { videoId: request.params.videoId, ...request.body }),
  }),
  restRoute({
    method: 'DELETE',
    ...episodeOfVideo,
    operationId: 'removeEpisode',
    tag: 'Catalogue',
    summary: 'Take a video out of its series (it stays in the library)',
    access: { scope: 'write' },
    response: seriesSchema,
    handle: (request) => removeEpisode(request.deps, tenantOf(request), request.params.videoId),
  }),
];
