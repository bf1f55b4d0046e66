import { sql, type Kysely } from 'kysely';

// A video's chapters (domain/chapters/): titles and start times, in order, kept with the video they divide. A column
// rather than a table: they are always read and replaced together, a few hundred at most (MEDIA_TRACK_LIMITS), and
// the videos table already carries the tenant's row-level security.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('videos')
    .addColumn('chapters', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').dropColumn('chapters').execute();
}
