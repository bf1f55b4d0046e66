import { sql, type Kysely } from 'kysely';

// Direct uploads (domain/videos/direct-uploads.ts): a tenant's backend creates one, a browser or phone on the tenant's
// site sends ONE file through it without ever holding a key; the row's unguessable id is what authorises that.
// Video imports (domain/videos/video-imports.ts): the address a video's original is being fetched from.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('direct_uploads')
    // `du_` and 32 base64url characters (192 random bits): unguessable, so it can be handed to a browser as is.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('max_size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cors_origin', 'text')
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('access_mode', 'text')
    .addColumn('passthrough', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('waiting')
        .check(sql`status in ('waiting', 'uploading', 'completed', 'cancelled', 'expired')`),
    )
    .addColumn('video_id', 'uuid', (c) => c.references('videos.id').onDelete('set null'))
    // The file the browser started with: the same file again resumes, another one is refused.
    .addColumn('source_filename', 'text')
    .addColumn('source_size', 'bigint')
    .addColumn('started_at', 'timestamptz')
    .addColumn('created_by_key_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The list's keyset order (newest first).
  await db.schema.createIndex('direct_uploads_by_tenant').on('direct_uploads').columns(['tenant_id', 'created_at desc', 'id desc']).execute();

  await db.schema
    .createTable('video_imports')
    .addColumn('video_id', 'uuid', (c) => c.primaryKey().references('videos.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('created_by_key_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set once the original is stored and the transcode queued: a re-run of the job then does nothing.
    .addColumn('finished_at', 'timestamptz')
    .execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  for (const table of ['direct_uploads', 'video_imports']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`create policy tenant_isolation on ${sql.table(table)} using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('video_imports').execute();
  await db.schema.dropTable('direct_uploads').execute();
}
