import { sql, type Kysely } from 'kysely';
import { applyTenantPolicy } from './tenant-table-policy.js';

// What a signed-in viewer keeps between visits (domain/viewers/viewer-library.ts): where they stopped in each video
// ("continue watching", written from the player's reports under their playback session) and the titles they saved
// ("my list"). Keyed by the pool's viewer id (a Cognito sub or a built-in viewer's id); deleting the video deletes
// the rows, and so does removing the viewer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('viewer_progress')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('viewer_id', 'text', (c) => c.notNull())
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('position_seconds', 'double precision', (c) => c.notNull())
    .addColumn('finished', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('viewer_progress_pkey', ['tenant_id', 'viewer_id', 'video_id'])
    .execute();
  await db.schema.createIndex('viewer_progress_recent').on('viewer_progress').columns(['tenant_id', 'viewer_id', 'updated_at desc']).execute();
  await db.schema
    .createTable('viewer_list_items')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('viewer_id', 'text', (c) => c.notNull())
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('viewer_list_items_pkey', ['tenant_id', 'viewer_id', 'video_id'])
    .execute();
  await applyTenantPolicy(db, 'viewer_progress');
  await applyTenantPolicy(db, 'viewer_list_items');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('viewer_list_items').execute();
  await db.schema.dropTable('viewer_progress').execute();
}
