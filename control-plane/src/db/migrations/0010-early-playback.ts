import type { Kysely } from 'kysely';

// A video can be watched while it is still encoding: the transcoder publishes finished segments with growing
// playlists and a provisional master, whose path is kept here until the video is ready (then null again).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').addColumn('early_master_playlist', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').dropColumn('early_master_playlist').execute();
}
