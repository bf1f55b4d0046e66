import { CATALOGUE_LIMITS as LIMITS } from '@ott/contracts';
import { z } from 'zod';
import { addSeason, createSeries, deleteSeries, getSeries, listSeries, placeEpisode, removeEpisode, removeSeason, reorderEpisodes, updateSeason, updateSeries } from '../../domain/catalogue/series.js';
import { adminProcedure, router } from '../trpc.js';
import { episodeNumber, orderedIds, seasonNumber, seasonTitle, seriesChanges } from './catalogue-fields.js';
import { uuid } from './fields.js';

export const seriesRouter = router({
  list: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50), cursor: z.string().max(1000).optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => listSeries(ctx.deps, ctx.admin.tenantId, input)),
  get: adminProcedure.input(z.object({ seriesId: uuid })).query(({ ctx, input }) => getSeries(ctx.deps, ctx.admin.tenantId, input.seriesId)),
  create: adminProcedure.input(seriesChanges.extend({ title: z.string().max(LIMITS.seriesTitleLength * 4) })).mutation(({ ctx, input }) => createSeries(ctx.deps, ctx.admin.tenantId, input)),
  update: adminProcedure.input(seriesChanges.extend({ seriesId: uuid })).mutation(({ ctx, input: { seriesId, ...changes } }) => updateSeries(ctx.deps, ctx.admin.tenantId, seriesId, changes)),
  /** Deletes the series and its seasons; the videos stay in the library. */
  delete: adminProcedure.input(z.object({ seriesId: uuid })).mutation(({ ctx, input }) => deleteSeries(ctx.deps, ctx.admin.tenantId, input.seriesId)),
  addSeason: adminProcedure
    .input(z.object({ seriesId: uuid, number: seasonNumber.optional(), title: seasonTitle.optional() }))
    .mutation(({ ctx, input: { seriesId, ...season } }) => addSeason(ctx.deps, ctx.admin.tenantId, seriesId, season)),
  updateSeason: adminProcedure
    .input(z.object({ seasonId: uuid, number: seasonNumber.optional(), title: seasonTitle.optional() }))
    .mutation(({ ctx, input: { seasonId, ...changes } }) => updateSeason(ctx.deps, ctx.admin.tenantId, seasonId, changes)),
  removeSeason: adminProcedure.input(z.object({ seasonId: uuid })).mutation(({ ctx, input }) => removeSeason(ctx.deps, ctx.admin.tenantId, input.seasonId)),
  /** Places a video in a season (at the end unless a number is given), or moves it within its series. */
  placeEpisode: adminProcedure
    .input(z.object({ videoId: uuid, seasonId: uuid, episodeNumber: episodeNumber.optional() }))
    .mutation(({ ctx, input }) => placeEpisode(ctx.deps, ctx.admin.tenantId, input)),
  removeEpisode: adminProcedure.input(z.object({ videoId: uuid })).mutation(({ ctx, input }) => removeEpisode(ctx.deps, ctx.admin.tenantId, input.videoId)),
  reorderEpisodes: adminProcedure
    .input(z.object({ seasonId: uuid, videoIds: orderedIds('video', LIMITS.episodesPerSeason) }))
    .mutation(({ ctx, input }) => reorderEpisodes(ctx.deps, ctx.admin.tenantId, input.seasonId, input.videoIds)),
});
