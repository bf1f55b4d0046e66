import { type Kysely } from 'kysely';

// The library's estimate of a transcode's time left is the rate so far: progress over the time since it started, which
// `processing_started_at` records (set when an attempt starts; a re-run starts the clock again). Filtering the library by
// access mode pages by keyset like the status filter (0022): one index per sort, so a tenant's few token-protected videos
// are an index range, not a walk over every row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').addColumn('processing_started_at', 'timestamptz').execute();
  await db.schema.createIndex('videos_keyset_access_created').on('videos').columns(['tenant_id', 'access_mode', 'created_at', 'id']).execute();
  await db.schema.createIndex('videos_keyset_access_title').on('videos').columns(['tenant_id', 'access_mode', 'title', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['videos_keyset_access_title', 'videos_keyset_access_created']) await db.schema.dropIndex(name).execute();
  await db.schema.alterTable('videos').dropColumn('processing_started_at').execute();
}
