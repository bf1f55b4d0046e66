import { type Kysely } from 'kysely';

// Keyset pagination (domain/pagination.ts) reads a page by walking an index from the previous page's last row, so each
// list order needs an index that ends in exactly that order, id included as the tie-breaker: then a page is an index
// range scan that stops after `limit + 1` rows, with no sort of the tenant's rows and no OFFSET. The library sorts by
// created_at (both directions: one index, scanned backwards for "newest") or by title, optionally for one status.
// The status indexes matter for rare statuses: walking the unfiltered index to find a tenant's few failed videos
// would read every one of its rows. videos_tenant_created (tenant_id, created_at) is a prefix of the new one: dropped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('videos_keyset_created').on('videos').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('videos_keyset_title').on('videos').columns(['tenant_id', 'title', 'id']).execute();
  await db.schema.createIndex('videos_keyset_status_created').on('videos').columns(['tenant_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('videos_keyset_status_title').on('videos').columns(['tenant_id', 'status', 'title', 'id']).execute();
  await db.schema.dropIndex('videos_tenant_created').execute();
  // The local issuer's viewer list (adapters/local/local-identity-provider.ts) pages the same way.
  await db.schema.createIndex('viewers_keyset_created').on('viewers').columns(['pool_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('viewers_keyset_created').execute();
  await db.schema.createIndex('videos_tenant_created').on('videos').columns(['tenant_id', 'created_at']).execute();
  for (const name of ['videos_keyset_status_title', 'videos_keyset_status_created', 'videos_keyset_title', 'videos_keyset_created']) await db.schema.dropIndex(name).execute();
}
