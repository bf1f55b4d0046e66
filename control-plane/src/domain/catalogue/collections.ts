// Collections: curated, ordered rows of titles (films, episodes, series) with a title and a slug, in an order among
// the tenant's collections: the storefront's home rows. Positions are contiguous from 1 (ordered-rows.ts).
import { CATALOGUE_LIMITS as LIMITS, type CatalogueTitleType } from '@ott/contracts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { conflict, invalid, limitExceeded, notFound } from '../errors.js';
import { videoOfTenant } from '../videos/video-access.js';
import { checkedDescription, checkedOrder, checkedSlug, checkedTitle, slugFromTitle } from './catalogue-rules.js';
import { applyOrder, closeGap, insertionPoint, lockLists, openGap, type OrderedList } from './ordered-rows.js';

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

export interface CollectionSummary {
  id: string;
  title: string;
  slug: string;
  description: string;
  position: number;
  itemCount: number;
}

export interface CollectionItemView {
  id: string;
  position: number;
  type: CatalogueTitleType;
  /** The video of a film or an episode; null for a series. */
  videoId: string | null;
  seriesId: string | null;
  title: string;
}

export interface CollectionView extends Omit<CollectionSummary, 'itemCount'> {
  items: CollectionItemView[];
}

const collectionsOf = (tenantId: string): OrderedList => ({ table: 'collections', key: 'id', column: 'position', scope: { tenant_id: tenantId } });
const itemsOf = (tenantId: string, collectionId: string): OrderedList => ({ table: 'collection_items', key: 'id', column: 'position', scope: { tenant_id: tenantId, collection_id: collectionId } });

async function collectionOfTenant(db: Kysely<Database>, tenantId: string, collectionId: string) {
  const collection = await db.selectFrom('collections').selectAll().where('tenant_id', '=', tenantId).where('id', '=', collectionId).executeTakeFirst();
  if (!collection) throw notFound('The collection');
  return collection;
}

async function slugIsFree(db: Kysely<Database>, tenantId: string, slug: string, except?: string): Promise<boolean> {
  const taken = await db
    .selectFrom('collections')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('slug', '=', slug)
    .$if(except !== undefined, (query) => query.where('id', '!=', except!))
    .executeTakeFirst();
  return taken === undefined;
}

/** Every collection of the tenant in storefront order (at most CATALOGUE_LIMITS.collections, so no pages). */
export async function listCollections(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<CollectionSummary[]> {
  const rows = await deps.db
    .selectFrom('collections')
    .select(['id', 'title', 'slug', 'description', 'position'])
    .select((eb) => eb.selectFrom('collection_items').select(eb.fn.countAll<string>().as('n')).whereRef('collection_items.collection_id', '=', 'collections.id').as('item_count'))
    .where('tenant_id', '=', tenantId)
    .orderBy('position')
    .execute();
  return rows.map(({ item_count, ...row }) => ({ ...row, itemCount: Number(item_count ?? 0) }));
}

export async function getCollection(deps: Pick<DomainDeps, 'db'>, tenantId: string, collectionId: string): Promise<CollectionView> {
  const collection = await collectionOfTenant(deps.db, tenantId, collectionId);
  const items = await deps.db
    .selectFrom('collection_items as item')
    .leftJoin('videos', 'videos.id', 'item.video_id')
    .leftJoin('series', 'series.id', 'item.series_id')
    .leftJoin('episodes', 'episodes.video_id', 'item.video_id')
    .select(['item.id', 'item.position', 'item.video_id', 'item.series_id', 'episodes.video_id as episode_of'])
    .select(sql<string>`coalesce(videos.title, series.title)`.as('title'))
    .where('item.tenant_id', '=', tenantId)
    .where('item.collection_id', '=', collectionId)
    .orderBy('item.position')
    .execute();
  return {
    id: collection.id,
    title: collection.title,
    slug: collection.slug,
    description: collection.description,
    position: collection.position,
    items: items.map((item) => ({
      id: item.id,
      position: item.position,
      type: item.series_id !== null ? 'series' : item.episode_of !== null ? 'episode' : 'film',
      videoId: item.video_id,
      seriesId: item.series_id,
      title: item.title,
    })),
  };
}

/** Adds a collection at the end of the tenant's rows (the slug made from the title when none is given). */
export async function createCollection(deps: Deps, tenantId: string, input: { title: string; slug?: string; description?: string }): Promise<CollectionView> {
  const title = checkedTitle('The collection', input.title, LIMITS.collectionTitleLength);
  const slug = input.slug === undefined ? slugFromTitle(title) : checkedSlug(input.slug);
  const description = checkedDescription(input.description ?? '');
  const id = await deps.db.transaction().execute(async (db) => {
    await lockLists(db, `collections:${tenantId}`);
    const { at, count } = await insertionPoint(db, collectionsOf(tenantId), undefined);
    if (count >= LIMITS.collections) throw limitExceeded(`A catalogue can have at most ${LIMITS.collections} collections: delete one first.`);
    if (!(await slugIsFree(db, tenantId, slug))) throw conflict(`Another collection already has the slug "${slug}": choose another.`);
    const created = await db.insertInto('collections').values({ tenant_id: tenantId, title, slug, description, position: at, updated_at: deps.clock.now() }).returning('id').executeTakeFirstOrThrow();
    return created.id;
  });
  return getCollection(deps, tenantId, id);
}

export async function updateCollection(deps: Deps, tenantId: string, collectionId: string, changes: { title?: string; slug?: string; description?: string }): Promise<CollectionView> {
  await collectionOfTenant(deps.db, tenantId, collectionId);
  const slug = changes.slug === undefined ? undefined : checkedSlug(changes.slug);
  if (slug !== undefined && !(await slugIsFree(deps.db, tenantId, slug, collectionId))) throw conflict(`Another collection already has the slug "${slug}": choose another.`);
  await deps.db
    .updateTable('collections')
    .set({
      ...(changes.title !== undefined ? { title: checkedTitle('The collection', changes.title, LIMITS.collectionTitleLength) } : {}),
      ...(slug !== undefined ? { slug } : {}),
      ...(changes.description !== undefined ? { description: checkedDescription(changes.description) } : {}),
      updated_at: deps.clock.now(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', collectionId)
    .execute();
  return getCollection(deps, tenantId, collectionId);
}

/** Deletes the collection (not its titles); the rows after it move up one. */
export async function deleteCollection(deps: Pick<DomainDeps, 'db'>, tenantId: string, collectionId: string): Promise<void> {
  await deps.db.transaction().execute(async (db) => {
    await lockLists(db, `collections:${tenantId}`);
    const collection = await collectionOfTenant(db, tenantId, collectionId);
    await db.deleteFrom('collections').where('tenant_id', '=', tenantId).where('id', '=', collectionId).execute();
    await closeGap(db, collectionsOf(tenantId), collection.position);
  });
}

/** Puts the tenant's collections in the order given (every one, once). */
export async function reorderCollections(deps: Pick<DomainDeps, 'db'>, tenantId: string, collectionIds: readonly string[]): Promise<CollectionSummary[]> {
  await deps.db.transaction().execute(async (db) => {
    await lockLists(db, `collections:${tenantId}`);
    const current = await db.selectFrom('collections').select('id').where('tenant_id', '=', tenantId).execute();
    checkedOrder(
      'collections',
      collectionIds,
      current.map((row) => row.id),
    );
    await applyOrder(db, collectionsOf(tenantId), collectionIds);
  });
  return listCollections(deps, tenantId);
}

/** Adds a film, an episode or a series to the collection at `position` (the end when left out). */
export async function addCollectionItem(deps: Deps, tenantId: string, collectionId: string, input: { videoId?: string; seriesId?: string; position?: number }): Promise<CollectionView> {
  if ((input.videoId === undefined) === (input.seriesId === undefined)) throw invalid('Name one title to add: a videoId (a film or an episode) or a seriesId, not both.');
  if (input.videoId !== undefined) await videoOfTenant(deps, tenantId, input.videoId);
  if (input.seriesId !== undefined) {
    const series = await deps.db.selectFrom('series').select('id').where('tenant_id', '=', tenantId).where('id', '=', input.seriesId).executeTakeFirst();
    if (!series) throw notFound('The series');
  }
  await deps.db.transaction().execute(async (db) => {
    await db.selectFrom('collections').select('id').where('tenant_id', '=', tenantId).where('id', '=', collectionId).forUpdate().executeTakeFirst();
    await collectionOfTenant(db, tenantId, collectionId);
    const already = await db
      .selectFrom('collection_items')
      .select('position')
      .where('collection_id', '=', collectionId)
      .where(input.videoId !== undefined ? 'video_id' : 'series_id', '=', (input.videoId ?? input.seriesId)!)
      .executeTakeFirst();
    if (already) throw conflict(`That title is already in the collection (at position ${already.position}): move it instead.`);
    const list = itemsOf(tenantId, collectionId);
    const { at, count } = await insertionPoint(db, list, input.position);
    if (count >= LIMITS.itemsPerCollection) throw limitExceeded(`A collection can hold at most ${LIMITS.itemsPerCollection} titles.`);
    await openGap(db, list, at);
    await db
      .insertInto('collection_items')
      .values({ tenant_id: tenantId, collection_id: collectionId, position: at, video_id: input.videoId ?? null, series_id: input.seriesId ?? null })
      .execute();
  });
  return getCollection(deps, tenantId, collectionId);
}

export async function removeCollectionItem(deps: Deps, tenantId: string, collectionId: string, itemId: string): Promise<CollectionView> {
  await deps.db.transaction().execute(async (db) => {
    await db.selectFrom('collections').select('id').where('tenant_id', '=', tenantId).where('id', '=', collectionId).forUpdate().executeTakeFirst();
    const item = await db.selectFrom('collection_items').select('position').where('tenant_id', '=', tenantId).where('collection_id', '=', collectionId).where('id', '=', itemId).executeTakeFirst();
    if (!item) throw notFound('The collection item');
    await db.deleteFrom('collection_items').where('tenant_id', '=', tenantId).where('id', '=', itemId).execute();
    await closeGap(db, itemsOf(tenantId, collectionId), item.position);
  });
  return getCollection(deps, tenantId, collectionId);
}

/** Puts the collection's items in the order given (every item id, once). */
export async function reorderCollectionItems(deps: Deps, tenantId: string, collectionId: string, itemIds: readonly string[]): Promise<CollectionView> {
  await deps.db.transaction().execute(async (db) => {
    await db.selectFrom('collections').select('id').where('tenant_id', '=', tenantId).where('id', '=', collectionId).forUpdate().executeTakeFirst();
    await collectionOfTenant(db, tenantId, collectionId);
    const current = await db.selectFrom('collection_items').select('id').where('tenant_id', '=', tenantId).where('collection_id', '=', collectionId).execute();
    checkedOrder(
      'items of the collection',
      itemIds,
      current.map((row) => row.id),
    );
    await applyOrder(db, itemsOf(tenantId, collectionId), itemIds);
  });
  return getCollection(deps, tenantId, collectionId);
}
