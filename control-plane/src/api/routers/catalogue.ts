import { z } from 'zod';
import { catalogueCategories, searchCatalogue } from '../../domain/catalogue/catalogue-search.js';
import { episodePlacement } from '../../domain/catalogue/series.js';
import { getVideoMetadata, setVideoMetadata } from '../../domain/catalogue/video-metadata.js';
import { adminProcedure, router } from '../trpc.js';
import { catalogueSearch, metadataChanges } from './catalogue-fields.js';
import { uuid } from './fields.js';

export const catalogueRouter = router({
  /** A video's catalogue metadata, and where it stands in a series (null for a film). */
  metadata: adminProcedure.input(z.object({ videoId: uuid })).query(async ({ ctx, input }) => ({
    ...(await getVideoMetadata(ctx.deps, ctx.admin.tenantId, input.videoId)),
    episode: await episodePlacement(ctx.deps, ctx.admin.tenantId, input.videoId),
  })),
  /** Changes the fields given; a field left out stays as it is. */
  setMetadata: adminProcedure.input(metadataChanges.extend({ videoId: uuid })).mutation(({ ctx, input: { videoId, ...changes } }) => setVideoMetadata(ctx.deps, ctx.admin.tenantId, videoId, changes)),
  search: adminProcedure
    .input(catalogueSearch.extend({ limit: z.number().int().min(1).max(200).default(50), cursor: z.string().max(1000).optional() }))
    .query(({ ctx, input }) => searchCatalogue(ctx.deps, ctx.admin.tenantId, input)),
  categories: adminProcedure.query(({ ctx }) => catalogueCategories(ctx.deps, ctx.admin.tenantId)),
});
