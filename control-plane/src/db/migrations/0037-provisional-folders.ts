import { sql, type Kysely } from 'kysely';

// Folders a transcode published early for viewers to start on that the final package does not have (a pass-through
// rendition: domain/videos/provisional-folders.ts). A viewer who began on one reads on after the video is ready, so
// it is deleted once `delete_after` has passed, by a sweep every worker runs; deleting the video deletes the row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('provisional_folders')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    // From the video's prefix (`t/{tenant}/v/{video}/`), without a slash: `pass-through`.
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('delete_after', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('provisional_folders_pkey', ['video_id', 'folder'])
    .execute();
  await db.schema.createIndex('provisional_folders_due').on('provisional_folders').column('delete_after').execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  await sql`alter table provisional_folders enable row level security`.execute(db);
  await sql`alter table provisional_folders force row level security`.execute(db);
  await sql`create policy tenant_isolation on provisional_folders using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('provisional_folders').execute();
}
