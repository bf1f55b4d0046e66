import { CATALOGUE_LIMITS as LIMITS } from '@ott/contracts';
import { z } from 'zod';
import {
  addCollectionItem,
  createCollection,
  deleteCollection,
  getCollection,
  listCollections,
  removeCollectionItem,
  reorderCollectionItems,
  reorderCollections,
  updateCollection,
} from '../../domain/catalogue/collections.js';
import { adminProcedure, router } from '../trpc.js';
import { collectionChanges, orderedIds, position } from './catalogue-fields.js';
import { uuid } from './fields.js';

export const collectionsRouter = router({
  list: adminProcedure.query(({ ctx }) => listCollections(ctx.deps, ctx.admin.tenantId)),
  get: adminProcedure.input(z.object({ collectionId: uuid })).query(({ ctx, input }) => getCollection(ctx.deps, ctx.admin.tenantId, input.collectionId)),
  create: adminProcedure
    .input(collectionChanges.extend({ title: z.string().max(LIMITS.collectionTitleLength * 4) }))
    .mutation(({ ctx, input }) => createCollection(ctx.deps, ctx.admin.tenantId, input)),
  update: adminProcedure
    .input(collectionChanges.extend({ collectionId: uuid }))
    .mutation(({ ctx, input: { collectionId, ...changes } }) => updateCollection(ctx.deps, ctx.admin.tenantId, collectionId, changes)),
  delete: adminProcedure.input(z.object({ collectionId: uuid })).mutation(({ ctx, input }) => deleteCollection(ctx.deps, ctx.admin.tenantId, input.collectionId)),
  reorder: adminProcedure
    .input(z.object({ collectionIds: orderedIds('collection', LIMITS.collections) }))
    .mutation(({ ctx, input }) => reorderCollections(ctx.deps, ctx.admin.tenantId, input.collectionIds)),
  addItem: adminProcedure
    .input(z.object({ collectionId: uuid, videoId: uuid.optional(), seriesId: uuid.optional(), position: position.optional() }))
    .mutation(({ ctx, input: { collectionId, ...item } }) => addCollectionItem(ctx.deps, ctx.admin.tenantId, collectionId, item)),
  removeItem: adminProcedure.input(z.object({ collectionId: uuid, itemId: uuid })).mutation(({ ctx, input }) => removeCollectionItem(ctx.deps, ctx.admin.tenantId, input.collectionId, input.itemId)),
  reorderItems: adminProcedure
    .input(z.object({ collectionId: uuid, itemIds: orderedIds('collection item', LIMITS.itemsPerCollection) }))
    .mutation(({ ctx, input }) => reorderCollectionItems(ctx.deps, ctx.admin.tenantId, input.collectionId, input.itemIds)),
});
