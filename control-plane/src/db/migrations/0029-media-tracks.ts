import { sql, type Kysely } from 'kysely';

// What a video carries beyond its picture (domain/videos/package-master.ts renders them into the master playlist):
// - audio_tracks: each audio track of the source (per package revision) and each dub added for a language;
// - text_tracks: captions and subtitles, uploaded, found in the source, or made by speech to text; the canonical
//   WebVTT is kept in the row (the caption editor edits it), the segmented copy the players read is in the store;
// - videos.video_range: SDR once the ladder is tone-mapped, as the master says in VIDEO-RANGE;
// - videos.media_notes: what the source had that did not become part of the package, said to the tenant
//   (an image-based subtitle track that was not converted, an audio track in a codec that could not be read).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audio_tracks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('source', 'dub')`))
    // The package revision a source track belongs to (videos.package_revision); null for a dub, which outlives revisions.
    .addColumn('revision', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('channels', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('codecs', 'text', (c) => c.notNull().defaultTo('mp4a.40.2'))
    .addColumn('bandwidth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    // From the video's prefix (`t/{tenant}/v/{video}/`); null until the rendition is published.
    .addColumn('playlist_path', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ready')
        .check(sql`status in ('processing', 'ready', 'failed')`),
    )
    .addColumn('failure_reason', 'text')
    // A dub's uploaded file (kept, like every original).
    .addColumn('source_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('audio_tracks_video').on('audio_tracks').columns(['tenant_id', 'video_id', 'position']).execute();

  await db.schema
    .createTable('text_tracks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('uploaded', 'embedded', 'automatic')`))
    // The package revision an embedded track came from; null for uploaded and automatic tracks.
    .addColumn('revision', 'integer')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('subtitles')
        .check(sql`kind in ('subtitles', 'captions')`),
    )
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('forced', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ready')
        .check(sql`status in ('processing', 'ready', 'failed')`),
    )
    .addColumn('failure_reason', 'text')
    .addColumn('webvtt', 'text')
    .addColumn('cue_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('playlist_path', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('text_tracks_video').on('text_tracks').columns(['tenant_id', 'video_id', 'created_at']).execute();

  await db.schema
    .alterTable('videos')
    .addColumn('video_range', 'text', (c) => c.notNull().defaultTo('SDR'))
    .addColumn('media_notes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  for (const table of ['audio_tracks', 'text_tracks']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`create policy tenant_isolation on ${sql.table(table)} using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').dropColumn('media_notes').dropColumn('video_range').execute();
  await db.schema.dropTable('text_tracks').execute();
  await db.schema.dropTable('audio_tracks').execute();
}
