import { sql, type Kysely } from 'kysely';

// An unfinished upload holds part of the tenant's plan storage and bytes nobody is billed for, so it has a
// deadline: past it the worker deletes its parts and fails the video with the reason. Uploads already in
// progress get the default 24 hours from when they started (the migration cannot know OTT_UPLOAD_EXPIRY_HOURS).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').addColumn('upload_expires_at', 'timestamptz').execute();
  await sql`update videos set upload_expires_at = created_at + interval '24 hours' where status = 'uploading'`.execute(db);
  // The worker's sweep reads only unfinished uploads past their deadline.
  await db.schema.createIndex('videos_upload_expiry').on('videos').column('upload_expires_at').where(sql.ref('status'), '=', 'uploading').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('videos_upload_expiry').execute();
  await db.schema.alterTable('videos').dropColumn('upload_expires_at').execute();
}
