import { sql, type Kysely } from 'kysely';

// Quality of experience per playback session, as the player reports it: one row per session, upserted with
// the player's running totals so a repeated or late beacon never double-counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('playback_sessions')
    .addColumn('session_id', 'uuid', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('startup_ms', 'integer')
    .addColumn('rebuffer_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rebuffer_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bitrate_switches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('watched_seconds', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('playback_sessions_tenant_video').on('playback_sessions').columns(['tenant_id', 'video_id', 'updated_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('playback_sessions').execute();
}
