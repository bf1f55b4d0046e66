import { sql, type Kysely } from 'kysely';

// Replacing a video's source keeps its id: the new original uploads and transcodes beside the playing package, whose
// state is the video's own (status stays `ready`). `package_revision` names the folder of the package being played
// (0: the video's own folder, n: `r{n}/` inside it), so a replacement writes into a new folder and switches by one UPDATE.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('videos')
    .addColumn('package_revision', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('replacement_status', 'text', (column) => column.check(sql`replacement_status in ('uploading', 'queued', 'processing', 'failed')`))
    .addColumn('replacement_progress', 'real', (column) => column.notNull().defaultTo(0))
    .addColumn('replacement_failure_reason', 'text')
    .addColumn('replacement_source_key', 'text')
    .addColumn('replacement_source_filename', 'text')
    .addColumn('replacement_source_size', 'bigint')
    .addColumn('replacement_upload_id', 'text')
    .addColumn('replacement_part_size', 'integer')
    .addColumn('replacement_upload_expires_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  let table = db.schema.alterTable('videos').dropColumn('package_revision');
  for (const column of ['status', 'progress', 'failure_reason', 'source_key', 'source_filename', 'source_size', 'upload_id', 'part_size', 'upload_expires_at']) {
    table = table.dropColumn(`replacement_${column}`);
  }
  await table.execute();
}
