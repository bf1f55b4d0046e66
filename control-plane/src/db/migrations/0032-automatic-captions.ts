import type { Kysely } from 'kysely';

// A tenant's automatic captions: the language speech to text captions every video in once it is ready (jobs/handlers/
// caption-video.ts), or null (the default) for none. The tracks themselves are text_tracks rows of origin `automatic`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('automatic_captions_language', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('automatic_captions_language').execute();
}
