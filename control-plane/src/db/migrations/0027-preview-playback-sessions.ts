import { type Kysely } from 'kysely';

// A playback session the tenant admin opened to preview a video in the portal is marked, from its session token, so
// the library's view counts and the QoE summary count viewers only. Sessions reported before this read as viewers'.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('playback_sessions')
    .addColumn('preview', 'boolean', (column) => column.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('playback_sessions').dropColumn('preview').execute();
}
