import { sql, type Kysely } from 'kysely';

// Folders of a video that its master no longer names but that players may still read (domain/videos/retired-folders.ts):
// a pass-through rendition published before the ladder, a caption track's previous version, a removed caption track
// or dub. Each is deleted once `delete_after` has passed, by a sweep every worker runs; deleting the video deletes
// the rows (and its whole folder).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retired_folders')
    // The folder's whole key prefix, ending in a slash: `t/{tenant}/v/{video}/pass-through/`.
    .addColumn('prefix', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('delete_after', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('retired_folders_due').on('retired_folders').column('delete_after').execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  await sql`alter table retired_folders enable row level security`.execute(db);
  await sql`alter table retired_folders force row level security`.execute(db);
  await sql`create policy tenant_isolation on retired_folders using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('retired_folders').execute();
}
