import { sql, type Kysely } from 'kysely';

// Single-use links emailed to admins (domain/admins/admin-email-links.ts): an invitation to set a first password, or a
// password reset. Only the token's SHA-256 is kept; a link ends when used, when it expires, or when a newer link of
// the same purpose is sent. `admins.invitation_pending`: invited, no password chosen yet (the admin cannot sign in).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('admins')
    .addColumn('invitation_pending', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('admin_email_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('admin_id', 'uuid', (c) => c.notNull().references('admins.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invitation', 'password-reset')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // How many resets an admin was sent lately (the throttle), and the links a new one replaces.
  await db.schema.createIndex('admin_email_links_admin_created').on('admin_email_links').columns(['admin_id', 'purpose', 'created_at']).execute();

  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  await sql`alter table admin_email_links enable row level security`.execute(db);
  await sql`alter table admin_email_links force row level security`.execute(db);
  await sql`create policy tenant_isolation on admin_email_links using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('admin_email_links').execute();
  await db.schema.alterTable('admins').dropColumn('invitation_pending').execute();
}
