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
  // Row-level security (0007) covers every tenant_id table it finds when it runs. A database that ran it
  // before this migration existed gets the same policy here, so the second wall has no gap.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  await sql`alter table playback_sessions enable row level security`.execute(db);
  await sql`alter table playback_sessions force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on playback_sessions
    using (coalesce(current_setting('ott.tenant_id', true), '') = '' or tenant_id = nullif(current_setting('ott.tenant_id', true), '')::uuid)
    with check (coalesce(current_setting('ott.tenant_id', true), '') = '' or tenant_id = nullif(current_setting('ott.tenant_id', true), '')::uuid)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('playback_sessions').execute();
}
