// Collections over REST: the storefront's curated rows, in order; each a list of films, episodes and series in order.
import { CATALOGUE_LIMITS as LIMITS } from '@ott/contracts';
import { z } from 'zod';
import * as collections from '../../../domain/catalogue/collections.js';
import { collectionChanges, orderedIds, position } from '../../routers/catalogue-fields.js';
import { resourceId } from '../rest-schemas.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { titleType } from './catalogue.js';

const collectionParams = z.strictObject({ collectionId: resourceId('collection') });

const collectionFields = { id: z.uuid(), title: z.string(), slug: z.string(), description: z.string(), position: z.number().int().meta({ description: 'From 1, among the tenant’s collections.' }) };
const itemSchema = z
  .object({ id: z.uuid(), position: z.number().int(), type: titleType, videoId: z.uuid().nullable(), seriesId: z.uuid().nullable(), title: z.string() })
  .meta({ id: 'CollectionItem' });
const collectionSchema = z.object({ ...collectionFields, items: z.array(itemSchema) }).meta({ id: 'Collection' });
const collectionList = z.object({ data: z.array(z.object({ ...collectionFields, itemCount: z.number().int() }).meta({ id: 'CollectionSummary' })) }).meta({ id: 'CollectionList' });

export const collectionsRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/collections',
    operationId: 'listCollections',
    tag: 'Catalogue',
    summary: 'List collections in order',
    access: { scope: 'read' },
    response: collectionList,
    handle: async (request) => ({ data: await collections.listCollections(request.deps, tenantOf(request)) }),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/collections',
    operationId: 'createCollection',
    tag: 'Catalogue',
    summary: 'Create a collection (after the last one)',
    description: `The slug (lower-case letters and digits between single dashes) is made from the title when left out. At most ${LIMITS.collections} collections.`,
    access: { scope: 'write' },
    body: z.strictObject({ ...collectionChanges.shape, title: z.string().max(LIMITS.collectionTitleLength * 4) }).meta({ id: 'CreateCollectionRequest' }),
    response: collectionSchema,
    successStatus: 201,
    idempotent: true,
    handle: (request) => collections.createCollection(request.deps, tenantOf(request), request.body),
  }),
  restRoute({
    method: 'PUT',
    path: '/v1/collections/order',
    operationId: 'reorderCollections',
    tag: 'Catalogue',
    summary: 'Put the collections in a new order',
    access: { scope: 'write' },
    body: z
      .strictObject({ collectionIds: orderedIds('collection', LIMITS.collections).meta({ description: 'Every collection’s id, once, in the new order.' }) })
      .meta({ id: 'ReorderCollectionsRequest' }),
    response: collectionList,
    handle: async (request) => ({ data: await collections.reorderCollections(request.deps, tenantOf(request), request.body.collectionIds) }),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/collections/{collectionId}',
    operationId: 'getCollection',
    tag: 'Catalogue',
    summary: 'Read a collection with its titles in order',
    access: { scope: 'read' },
    params: collectionParams,
    response: collectionSchema,
    handle: (request) => collections.getCollection(request.deps, tenantOf(request), request.params.collectionId),
  }),
  restRoute({
    method: 'PATCH',
    path: '/v1/collections/{collectionId}',
    operationId: 'updateCollection',
    tag: 'Catalogue',
    summary: 'Change a collection’s title, slug or description',
    access: { scope: 'write' },
    params: collectionParams,
    body: z.strictObject(collectionChanges.shape).meta({ id: 'UpdateCollectionRequest' }),
    response: collectionSchema,
    handle: (request) => collections.updateCollection(request.deps, tenantOf(request), request.params.collectionId, request.body),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/collections/{collectionId}',
    operationId: 'deleteCollection',
    tag: 'Catalogue',
    summary: 'Delete a collection (its titles stay)',
    access: { scope: 'write' },
    params: collectionParams,
    response: z.void(),
    successStatus: 204,
    handle: async (request) => {
      await collections.deleteCollection(request.deps, tenantOf(request), request.params.collectionId);
    },
  }),
  restRoute({
    method: 'POST',
    path: '/v1/collections/{collectionId}/items',
    operationId: 'addCollectionItem',
    tag: 'Catalogue',
    summary: 'Add a film, an episode or a series to a collection',
    description: 'Name one of videoId and seriesId. At `position` (the later titles move down one), or at the end when left out.',
    access: { scope: 'write' },
    params: collectionParams,
    body: z
      .strictObject({ videoId: z.uuid('Not a valid video id').optional(), seriesId: z.uuid('Not a valid series id').optional(), position: position.optional() })
      .meta({ id: 'AddCollectionItemRequest' }),
    response: collectionSchema,
    handle: (request) => collections.addCollectionItem(request.deps, tenantOf(request), request.params.collectionId, request.body),
  }),
  restRoute({
    method: 'PUT',
    path: '/v1/collections/{collectionId}/items/order',
    operationId: 'reorderCollectionItems',
    tag: 'Catalogue',
    summary: 'Put a collection’s titles in a new order',
    access: { scope: 'write' },
    params: collectionParams,
    body: z
      .strictObject({ itemIds: orderedIds('collection item', LIMITS.itemsPerCollection).meta({ description: 'Every item’s id, once, in the new order.' }) })
      .meta({ id: 'ReorderCollectionItemsRequest' }),
    response: collectionSchema,
    handle: (request) => collections.reorderCollectionItems(request.deps, tenantOf(request), request.params.collectionId, request.body.itemIds),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/collections/{collectionId}/items/{itemId}',
    operationId: 'removeCollectionItem',
    tag: 'Catalogue',
    summary: 'Take a title out of a collection',
    access: { scope: 'write' },
    params: z.strictObject({ collectionId: resourceId('collection'), itemId: resourceId('collection item') }),
    response: collectionSchema,
    handle: (request) => collections.removeCollectionItem(request.deps, tenantOf(request), request.params.collectionId, request.params.itemId),
  }),
];
