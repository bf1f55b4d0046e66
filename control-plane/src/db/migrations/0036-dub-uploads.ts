import type { Kysely } from 'kysely';

// A dub's file arrives with the resumable multipart protocol of uploads.ts (domain/videos/dub-uploads.ts): while it
// uploads, the row is `processing` with its multipart upload id, the file's declared size, how it is cut and its
// deadline; completing clears `upload_id` and queues the encode-dub job.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('audio_tracks')
    .addColumn('upload_id', 'text')
    .addColumn('source_size', 'bigint')
    .addColumn('part_size', 'integer')
    .addColumn('upload_expires_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audio_tracks').dropColumn('upload_id').dropColumn('source_size').dropColumn('part_size').dropColumn('upload_expires_at').execute();
}
