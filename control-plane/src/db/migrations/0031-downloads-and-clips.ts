import { sql, type Kysely } from 'kysely';

// Static MP4 downloads and clips (domain/videos/video-downloads.ts, domain/videos/clips.ts):
// - downloads_enabled: the tenant switched them on for the video; `downloads` lists the files made (name, size,
//   path from the video's prefix), `downloads_status` says whether they are being made, made, or failed (and why);
// - clip_of, clip_start_seconds, clip_end_seconds: a clip is a video of its own whose source is a range of another
//   video's original. It shares that stored original (same source_key) rather than copying it: deleting or replacing
//   the parent keeps an original a clip still names (domain/videos/shared-sources.ts). `clip_of` is only a pointer
//   for the portal: the clip outlives its parent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('videos')
    .addColumn('downloads_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('downloads', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('downloads_status', 'text', (c) => c.check(sql`downloads_status in ('processing', 'ready', 'failed')`))
    .addColumn('downloads_failure_reason', 'text')
    .addColumn('clip_of', 'uuid', (c) => c.references('videos.id').onDelete('set null'))
    .addColumn('clip_start_seconds', 'double precision')
    .addColumn('clip_end_seconds', 'double precision')
    .execute();
  await db.schema
    .alterTable('videos')
    .addCheckConstraint('videos_clip_range', sql`(clip_start_seconds is null and clip_end_seconds is null) or (clip_start_seconds >= 0 and clip_end_seconds > clip_start_seconds)`)
    .execute();
  // "Does another video still name this original?" on every delete and replacement.
  await db.schema.createIndex('videos_source_key').on('videos').columns(['tenant_id', 'source_key']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('videos_source_key').execute();
  await db.schema.alterTable('videos').dropConstraint('videos_clip_range').execute();
  await db.schema
    .alterTable('videos')
    .dropColumn('clip_end_seconds')
    .dropColumn('clip_start_seconds')
    .dropColumn('clip_of')
    .dropColumn('downloads_failure_reason')
    .dropColumn('downloads_status')
    .dropColumn('downloads')
    .dropColumn('downloads_enabled')
    .execute();
}
