import { sql, type Kysely } from 'kysely';

// The local shape's development mailbox (adapters/local/development-mailbox.ts): every message the platform sends,
// kept in PostgreSQL so that the api and the worker write to one place, the portal's development inbox shows a
// tenant's messages, and tests read them. Platform mail that concerns no tenant has a null tenant_id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('development_mailbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  // The inbox page (a tenant's messages, newest first) and tests (the newest message to an address).
  await db.schema.createIndex('development_mailbox_tenant_created').on('development_mailbox').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('development_mailbox_to_created').on('development_mailbox').columns(['to_address', 'created_at']).execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them: a scoped
  // tenant never sees platform mail (null tenant_id) nor another tenant's.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  await sql`alter table development_mailbox enable row level security`.execute(db);
  await sql`alter table development_mailbox force row level security`.execute(db);
  await sql`create policy tenant_isolation on development_mailbox using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('development_mailbox').execute();
}
